"""Questions no learner can argue with (issue 11, items 2, 4 and 5), over the real fact base:
every fact, every kind, both languages, many seeds.

- A date the UK article counts from its own, unstated date ("exactly one year ago") shows that
  basis wherever it is asked or ordered, and its options differ from it by whole years only.
- No stem names its answer or a place that gives it away; an entity's options are all of the
  answer's sub-kind; a fact with no plausible distractor is asked as a flashcard.
- A flashcard asking for one member of a list shows every member, any of them right.
"""

import datetime as dt
import random
import re
from itertools import combinations

import pytest

from learning.core.factbase import (
    FACT_MODEL,
    FIXTURE_DIRECTORY,
    fixture_paths,
    read,
    read_fact_base,
    validate,
)
from learning.core.questions import (
    DateValue,
    FactPool,
    QuestionKind,
    fact_value,
    make_ordering,
    make_question,
    render,
)
from learning.core.values import FactData, Kind, format_date, spans_ordered

LANGS = ("ar", "en")
SEEDS = range(40)
ASKED_KINDS = (QuestionKind.MCQ, QuestionKind.TRUEFALSE, QuestionKind.FLASHCARD)

# SPEC section 1: the UK article's "two years", "exactly one year ago" resolve against its
# publication date, which its Arabic text does not state. Every event it dates is relative.
RELATIVE_SOURCE = "uk-fcdo-2016"
BASIS_DATE = {lang: format_date(dt.date(2016, 9, 26), None, "day", lang) for lang in LANGS}

# What each entity answer is to a learner who has not learnt the fact. A new entity fact must
# be classified here: its options are then checked against its sub-kind.
SUB_KIND = {
    "Palmyra": "ancient site",
    "Nimrud": "ancient site",
    "Hatra": "ancient site",
    "Mosul": "modern city in Iraq or Syria",
    "Kobani": "modern city in Iraq or Syria",
    "Raqqa": "modern city in Iraq or Syria",
    "Baghuz": "modern city in Iraq or Syria",
    "Paris": "city abroad",
    "Brussels": "city abroad",
    "London": "city abroad",
    "Melbourne": "city abroad",
    "Canada": "coalition partner",
    "Germany": "coalition partner",
    "the Netherlands": "coalition partner",
    "Bahrain": "coalition partner",
    "the United States": "coalition partner",
    "Australia": "coalition partner",
    "Italy": "coalition partner",
    "France": "coalition partner",
    "New Zealand": "co-launcher of the Christchurch Call",
    "Libya": "country Daesh reached beyond the Levant",
    "Egypt": "country Daesh reached beyond the Levant",
    "Afghanistan": "country Daesh reached beyond the Levant",
    "Resolution 2462": "UN Security Council resolution",
}
# The places that give a place away when a stem names them: a city's country, a country's
# city. A stem may name one only when a distractor shares it (no option singled out).
LOCATED_BY = {
    "Paris": ("France", "French", "فرنسا", "الفرنسية"),
    "Brussels": ("Belgium", "Belgian", "بلجيكا"),
    "London": ("Britain", "British", "United Kingdom", "UK", "بريطانيا", "البريطانية"),
    "Melbourne": ("Australia", "Australian", "أستراليا"),
    "New Zealand": ("Christchurch", "كرايستشيرش"),
    "Kobani": ("Syria", "سورية"),
    "Raqqa": ("Syria", "سورية"),
    "Baghuz": ("Syria", "سورية"),
    "Palmyra": ("Syria", "سورية"),
    "Mosul": ("Iraq", "العراق"),
    "Nimrud": ("Iraq", "العراق"),
    "Hatra": ("Iraq", "العراق"),
}
# Words an answer may share with its stem without giving it away: "Which resolution…" for
# "Resolution 2462"; "المتحدة" of the United Kingdom (المملكة المتحدة) for the United States.
GENERIC_WORDS = {"the", "resolution", "القرار", "united", "المتحدة"}


@pytest.fixture(scope="module")
def pool() -> FactPool:
    return FactPool(read_fact_base(FIXTURE_DIRECTORY))


def asked(pool: FactPool, kinds=ASKED_KINDS, seeds=SEEDS):
    """Every fact asked as every kind in `kinds` for every seed, as generated."""
    for fact in pool.facts:
        for kind in kinds:
            for seed in seeds:
                yield fact, make_question(kind, fact, pool, random.Random(seed))


def orderings(pool: FactPool, count: int = 600):
    rng = random.Random(7)
    for _ in range(count):
        question = make_ordering(pool, rng)
        assert question is not None
        yield question
    for event in pool.events:  # each event at least a few times
        for seed in range(5):
            question = make_ordering(pool, random.Random(seed), include=event)
            if question is not None:
                yield question


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def names(text: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle.casefold())}(?!\w)", text.casefold()) is not None


def relative_events(pool: FactPool) -> list[FactData]:
    found = [f for f in pool.facts if f.kind == Kind.DATE and f.source == RELATIVE_SOURCE]
    assert found, "the UK article dates events relative to itself"
    return found


def list_mates(pool: FactPool, fact: FactData) -> list[FactData]:
    """The entity facts of the fact's group asking the very same question (itself included)."""
    return [
        f
        for f in pool.facts
        if f.kind == Kind.ENTITY and fact.group and f.group == fact.group and f.stem == fact.stem
    ]


# --- item 2: relative dates carry their basis ---------------------------------------------


def test_every_date_the_uk_article_counts_from_itself_has_a_basis(pool):
    for fact in relative_events(pool):
        assert fact.basis is not None, fact.slug
        for lang in LANGS:
            assert BASIS_DATE[lang] in fact.basis[lang], (fact.slug, lang)


def test_a_question_asking_a_relative_date_shows_its_basis_in_every_kind_and_language(pool):
    for fact in relative_events(pool):
        for kind in ASKED_KINDS:
            for seed in SEEDS:
                question = make_question(kind, fact, pool, random.Random(seed))
                for lang in LANGS:
                    prompt = render(question, pool, lang).prompt
                    assert BASIS_DATE[lang] in prompt, (fact.slug, kind, lang, prompt)


def test_ordering_shows_the_basis_beside_every_relative_event(pool):
    relative = {f.slug for f in relative_events(pool)}
    met = set()
    for question in orderings(pool):
        for lang in LANGS:
            shown = render(question, pool, lang)
            for slug, label in zip(question.facts, shown.options, strict=True):
                if slug in relative:
                    met.add(slug)
                    assert BASIS_DATE[lang] in label, (slug, lang, label)
    assert met == relative


def test_ordering_draws_only_events_the_page_lets_a_learner_order(pool):
    """Every pair is decided by the dates at their precision, and a date the page does not
    give outright (counted from the article's date) shows what it is counted from."""
    relative = {f.slug for f in relative_events(pool)}
    for question in orderings(pool):
        events = [pool[slug] for slug in question.facts]
        for a, b in combinations(events, 2):
            assert spans_ordered(fact_value(a).span(), fact_value(b).span()), (a.slug, b.slug)
        for event in events:
            assert event.slug not in relative or event.basis, event.slug


def test_a_relative_date_is_offered_only_against_whole_years_from_it(pool):
    """Against the basis shown (26 September 2016) an option in another month would be told
    apart by its month alone: every option is the same month, another year."""
    for fact in relative_events(pool):
        true = fact_value(fact)
        seen_years = set()
        for seed in SEEDS:
            for kind in (QuestionKind.MCQ, QuestionKind.TRUEFALSE):
                question = make_question(kind, fact, pool, random.Random(seed))
                for value in question.options:
                    assert isinstance(value, DateValue)
                    assert (value.start.month, value.start.day) == (
                        true.start.month,
                        true.start.day,
                    )
                    assert value.start <= fact.as_of, (fact.slug, value)
                    seen_years.add(value.start.year)
        assert len(seen_years) >= 4, (fact.slug, seen_years)  # the options vary


def test_a_question_about_a_fact_without_a_basis_shows_none(pool):
    for fact, question in asked(pool, seeds=range(3)):
        if fact.basis is None:
            for lang in LANGS:
                prompt = render(question, pool, lang).prompt
                assert "counted from" not in prompt and "يُحسب" not in prompt, fact.slug


def test_the_validator_wants_a_basis_in_both_languages_and_on_a_date_only():
    fixture = read(fixture_paths(FIXTURE_DIRECTORY))
    facts = {fields["slug"]: fields for _, fields in fixture.records(FACT_MODEL)}
    facts["uk-cell-launched"].pop("basis_ar")
    facts["kobani-retaken-city"]["basis_en"] = "the French page"
    problems = {(p.slug, p.field) for p in validate(fixture)}
    assert ("uk-cell-launched", "basis_ar") in problems
    assert ("kobani-retaken-city", "basis_en") in problems
