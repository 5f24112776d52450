"""Question generation on small hand-built fact lists (no database)."""

import datetime as dt
import json
import random
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from itertools import combinations
from typing import Any

import pytest

from learning.core import values
from learning.core.questions import (
    FALSE,
    TRUE,
    DateValue,
    EntityValue,
    FactPool,
    Question,
    QuestionKind,
    fact_value,
    make_flashcard,
    make_mcq,
    make_ordering,
    make_question,
    make_truefalse,
    render,
    statement_with,
)
from learning.core.values import LANGS, FactData, Kind, Precision, Qualifier


def text(ar: str, en: str) -> dict[str, str]:
    return {"ar": ar, "en": en}


def make(slug: str, kind: str = "quantity", **fields: Any) -> FactData:
    """A fact with sensible defaults; keyword arguments override them."""
    base: dict[str, Any] = {
        "slug": slug,
        "kind": Kind(kind),
        "topic": "military",
        "source": "fr-meae-2019",
        "paragraph": 3,
        "as_of": dt.date(2019, 11, 1),
        "as_of_precision": Precision.MONTH,
        "statement": text(f"قيمة {slug}: {{value}}", f"Value of {slug}: {{value}}"),
        "stem": text(f"ما قيمة {slug}؟", f"What is the value of {slug}?"),
        "explanation": text("شرح.", "Explanation."),
        "document": text("المصدر", "Source"),
    }
    if kind == "statement":
        base["statement"] = text(f"العبارة {slug} صحيحة.", f"Statement {slug} holds.")
    base.update(fields)
    return FactData(**base)


def quantity(slug: str, number: str, unit: str = "partners", **fields: Any) -> FactData:
    return make(slug, number=Decimal(number), unit=unit, **fields)


def event(slug: str, start: dt.date, precision: str = "month", **fields: Any) -> FactData:
    fields.setdefault("label", text(f"حدث {slug}", f"Event {slug}"))
    return make(slug, "date", date_start=start, precision=Precision(precision), **fields)


def entity(slug: str, ar: str, en: str, entity_type: str = "city", **fields: Any) -> FactData:
    return make(slug, "entity", answer=text(ar, en), entity_type=entity_type, **fields)


CITIES = [
    entity("paris", "باريس", "Paris"),
    entity("brussels", "بروكسل", "Brussels"),
    entity("london", "لندن", "London"),
    entity("melbourne", "ملبورن", "Melbourne"),
    entity("mosul", "الموصل", "Mosul"),
]
EVENTS = [
    event("coalition", dt.date(2014, 9, 1)),
    event("kobani", dt.date(2015, 1, 1)),
    event("paris-attacks", dt.date(2015, 11, 1)),
    event("brussels-attacks", dt.date(2016, 3, 1)),
    event("london-attack", dt.date(2017, 3, 1)),
    event("mosul-retaken", dt.date(2017, 7, 1)),
    event("raqqa", dt.date(2017, 10, 1)),
    event("iraq-liberated", dt.date(2017, 12, 1)),
    event("two-percent", dt.date(2018, 1, 1), "year"),
    event("nmft-paris", dt.date(2018, 4, 1)),
    event("baghuz", dt.date(2019, 3, 1)),
    event("resolution", dt.date(2019, 3, 28), "day"),
    event("christchurch", dt.date(2019, 5, 15), "day"),
    event("melbourne-conf", dt.date(2019, 11, 7), "day", date_end=dt.date(2019, 11, 8)),
    event("flourished", dt.date(2006, 1, 1), "year"),
    event("repression", dt.date(2011, 1, 1), "year"),
]


def mcqs(fact: FactData, pool: FactPool, n: int = 200, seed: int = 0) -> list[Question]:
    rng = random.Random(seed)
    found = [make_mcq(fact, pool, rng) for _ in range(n)]
    assert all(q is not None for q in found)
    return [q for q in found if q is not None]


def distractors(question: Question) -> list[Any]:
    assert isinstance(question.answer, int)
    return [v for i, v in enumerate(question.options) if i != question.answer]


# --- multiple choice: quantities ---------------------------------------------------------------


def test_mcq_has_four_options_exactly_one_of_them_the_true_value():
    fact = quantity("partners", "67")
    pool = FactPool([fact])
    for q in mcqs(fact, pool):
        assert q.kind == QuestionKind.MCQ and q.facts == ("partners",)
        assert len(q.options) == 4
        assert [v == Decimal(67) for v in q.options].count(True) == 1
        assert q.options[q.answer] == Decimal(67)
        for lang in LANGS:
            shown = render(q, pool, lang).options
            assert len(set(shown)) == 4


def test_distractors_of_a_round_figure_are_as_round():
    """25,000 gives 20,000 or 35,000, never 23,417."""
    fact = quantity("trained", "25000", "personnel")
    for q in mcqs(fact, FactPool([fact])):
        for x in distractors(q):
            assert x % 5000 == 0 and 10_000 <= x <= 95_000, x


def test_distractors_of_a_plain_figure_are_as_plain():
    """67 gives 58 or 72: two digits, neither ending in 0 or 5, so none looks rounder."""
    fact = quantity("partners", "67")
    seen = set()
    for q in mcqs(fact, FactPool([fact])):
        for x in distractors(q):
            assert 10 <= x <= 99 and x % 5 != 0, x
            seen.add(x)
    assert any(x < 67 for x in seen) and any(x > 67 for x in seen)


def test_millions_keep_one_decimal_and_their_scale():
    fact = quantity("freed", "7700000", "people")
    pool = FactPool([fact])
    for q in mcqs(fact, pool):
        for x in distractors(q):
            assert x % 100_000 == 0 and x % 500_000 != 0, x
        assert all("million" in o for o in render(q, pool, "en").options)
        assert all("مليون" in o or "ملايين" in o for o in render(q, pool, "ar").options)


def test_exact_options_are_at_least_seven_percent_apart():
    fact = quantity("partners", "67")
    for q in mcqs(fact, FactPool([fact])):
        for a, b in combinations(q.options, 2):
            assert max(a, b) / min(a, b) >= Decimal("1.07"), (a, b)


def test_about_figures_get_distractors_clearly_far_on_both_sides():
    fact = quantity("about", "40000", "people", qualifier=Qualifier.ABOUT)
    pool = FactPool([fact])
    sides = set()
    for q in mcqs(fact, pool):
        for x in distractors(q):
            ratio = x / Decimal(40000)
            assert ratio >= Decimal("1.3") or ratio <= 1 / Decimal("1.3"), x
            sides.add(ratio > 1)
        assert all(o.startswith("about ") for o in render(q, pool, "en").options)
        assert all(o.startswith("نحو ") for o in render(q, pool, "ar").options)
    assert sides == {True, False}


REPORTED = {
    "stem": text("ما العدد الذي ذكرته المملكة المتحدة؟", "What figure did the UK give?"),
    "statement": text("قدّرت المملكة المتحدة العدد ب{value}.", "The UK put the number at {value}."),
}


@pytest.mark.parametrize("qualifier", [Qualifier.MORE_THAN, Qualifier.UP_TO])
def test_a_bound_read_as_a_bound_has_no_decidable_false_value(qualifier):
    """'How many…? more than 500' is true of 'more than 1,000', 'more than 2,000' undecided:
    a bound whose stem and statement do not ask for the figure given is only a flashcard."""
    fact = quantity("strikes", "1000", "airstrikes", qualifier=qualifier)
    pool = FactPool([fact, quantity("other", "3000", "airstrikes")])
    assert make_mcq(fact, pool, random.Random(1)) is None
    assert "one-sided" in pool.mcq_blocker(fact)
    assert pool.truefalse_blocker(fact)
    q = make_question(QuestionKind.MCQ, fact, pool, random.Random(1))
    assert q.kind == QuestionKind.FLASHCARD


@pytest.mark.parametrize("qualifier", [Qualifier.MORE_THAN, Qualifier.UP_TO])
def test_a_bound_asked_as_the_figure_given_is_multiple_choice_on_both_sides(qualifier):
    """'What figure did the UK give? more than 1,000 / more than 500 / more than 2,000…'"""
    fact = quantity("strikes", "1000", "airstrikes", qualifier=qualifier, **REPORTED)
    pool = FactPool([fact])
    assert pool.mcq_blocker(fact) == ""
    ranks = Counter()
    for q in mcqs(fact, pool, 200):
        ranks[sum(x < 1000 for x in distractors(q))] += 1
        for x in distractors(q):
            assert x >= 1500 or x <= Decimal(1000) / Decimal("1.5"), x
        word = "more than " if qualifier == Qualifier.MORE_THAN else "up to "
        assert all(o.startswith(word) for o in render(q, pool, "en").options)
    assert set(ranks) == {0, 1, 2, 3}, ranks


def test_a_false_statement_of_a_more_than_figure_raises_the_figure_it_was_put_at():
    """'More than 10,000' would be TRUE of a fact 'more than 25,000'; 'the UK put it at more
    than 37,500' is false, since the UK put it at more than 25,000."""
    fact = quantity("trained", "25000", "personnel", qualifier=Qualifier.MORE_THAN, **REPORTED)
    pool = FactPool([fact, quantity("low", "12000", "personnel")])
    shown = Counter()
    for seed in range(300):
        q = make_truefalse(fact, pool, random.Random(seed))
        value = q.options[0]
        if q.answer == FALSE:
            assert value >= Decimal("1.5") * 25000, value
        else:
            assert value == 25000
        shown[q.answer] += 1
    assert 100 < shown[TRUE] < 200


def test_a_more_than_figure_stated_as_a_bound_gets_no_false_statement():
    """'Trained more than 37,500' (the document: more than 25,000) is undecided, not false."""
    fact = quantity("trained", "25000", "personnel", qualifier=Qualifier.MORE_THAN)
    reported_stem = replace(fact, stem=REPORTED["stem"])
    for asked in (fact, reported_stem):
        pool = FactPool([asked])
        assert pool.truefalse_blocker(asked) == "no distractor to put in its place"
        assert {make_truefalse(asked, pool, random.Random(s)).answer for s in range(50)} == {TRUE}
    assert FactPool([reported_stem]).mcq_blocker(reported_stem) == ""


def test_up_to_false_statements_only_lower_the_figure():
    fact = quantity("share", "90", "percent", qualifier=Qualifier.UP_TO, **REPORTED)
    pool = FactPool([fact])
    falses = 0
    for seed in range(200):
        q = make_truefalse(fact, pool, random.Random(seed))
        if q.answer == FALSE:
            falses += 1
            assert q.options[0] <= 60, q.options[0]
    assert falses > 50


def test_a_one_digit_figure_gets_round_figures_and_half_steps_of_its_magnitude():
    """20 organisations: 10, 15, 25, 30…, never 8 or 9 (90% gets 70%, 75%, 80%)."""
    fact = quantity("orgs", "20", "organisations")
    found = {x for q in mcqs(fact, FactPool([fact]), 400) for x in distractors(q)}
    assert found <= {Decimal(n) for n in (10, 15, 25, 30, 35, 40, 45, 50)}
    assert {Decimal(10), Decimal(15), Decimal(25), Decimal(30)} <= found
    fact = quantity("fighters", "90", "percent")
    found = {x for q in mcqs(fact, FactPool([fact]), 400) for x in distractors(q)}
    assert {Decimal(70), Decimal(75), Decimal(80)} <= found and max(found) <= 100


def test_a_percentage_near_a_hundred_is_not_offered_all_or_a_giveaway_rank():
    """'Fell by 100%' is absurd; 95% is a fair distractor for 90% (5% left against 10%)."""
    fact = quantity("fighters", "90", "percent")
    ranks = Counter()
    found = set()
    for q in mcqs(fact, FactPool([fact]), 400):
        found.update(q.options)
        ranks[sorted(q.options).index(Decimal(90))] += 1
    assert Decimal(100) not in found and Decimal(95) in found
    assert ranks[2] > 100 and ranks[3] > 100  # not always the largest option


def test_percentages_stay_within_zero_and_a_hundred():
    for number in ("90", "2", "58"):
        fact = quantity("p", number, "percent")
        for q in mcqs(fact, FactPool([fact])):
            assert all(0 < x <= 100 for x in q.options), q.options


def test_small_percentages_get_small_whole_distractors():
    fact = quantity("held", "2", "percent")
    found = {x for q in mcqs(fact, FactPool([fact])) for x in distractors(q)}
    assert found <= {Decimal(n) for n in range(1, 7)}
    assert Decimal(1) in found


def test_shares_are_only_the_named_fractions():
    fact = quantity("followers", "0.2", "fraction")
    pool = FactPool([fact])
    for q in mcqs(fact, pool):
        assert all(values.fraction_key(x) in values.FRACTIONS for x in q.options)
        assert "one fifth" in render(q, pool, "en").options
        assert "الخُمس" in render(q, pool, "ar").options


def test_a_dual_after_an_arabic_preposition_reads_in_the_genitive():
    """'انخفض إلى الثلثان' is wrong; the statement shows 'إلى الثلثين', the option 'الثلثان'."""
    fact = quantity(
        "followers",
        "0.2",
        "fraction",
        statement=text("انخفض عدد المتابعين إلى {value}.", "Followers fell to {value}."),
    )
    pool = FactPool([fact])
    assert statement_with(fact, Decimal("0.6667"), "ar") == "انخفض عدد المتابعين إلى الثلثين."
    assert statement_with(fact, Decimal("0.6667"), "en") == "Followers fell to two thirds."
    q = next(q for q in mcqs(fact, pool) if Decimal("0.6667") in q.options)
    assert "الثلثان" in render(q, pool, "ar").options


def test_counts_and_durations_stay_whole_and_positive():
    for fact in (
        quantity("years", "2", "years"),
        quantity("staff", "5", "countries"),
        quantity("orgs", "20", "organisations"),
    ):
        pool = FactPool([fact])
        for q in mcqs(fact, pool):
            assert all(x > 0 and x == x.to_integral_value() for x in q.options), q.options
            for lang in LANGS:
                assert len(set(render(q, pool, lang).options)) == 4


@pytest.mark.parametrize(("number", "unit"), [("1", "years"), ("1", "days"), ("150", "countries")])
def test_a_figure_with_no_room_on_one_side_is_asked_as_true_false(number, unit):
    """One year can only get 2, 3, 4 years: the answer would always be the smallest option."""
    fact = quantity("bound", number, unit)
    pool = FactPool([fact])
    assert make_mcq(fact, pool, random.Random(0)) is None
    assert "no room on one side" in pool.mcq_blocker(fact)
    for seed in range(100):
        q = make_question(QuestionKind.MCQ, fact, pool, random.Random(seed))
        assert q.kind == QuestionKind.TRUEFALSE
        assert q.options[0] > 0 and q.options[0] == q.options[0].to_integral_value()
        assert unit != "countries" or q.options[0] <= 193  # the countries of the world


def test_country_counts_never_exceed_the_countries_of_the_world():
    fact = quantity("many", "120", "countries")
    pool = FactPool([fact, quantity("coalition", "79", "countries")])
    for q in mcqs(fact, pool):
        assert all(x <= 193 for x in q.options), q.options


def test_other_facts_of_the_same_unit_come_first():
    coalition = quantity("coalition", "79", "countries")
    conference = quantity("conference", "70", "countries")
    tiny = quantity("tiny", "5", "countries")
    pool = FactPool([coalition, conference, tiny])
    used = Counter()
    for q in mcqs(coalition, pool, 400):
        used.update(distractors(q))
    assert used[Decimal(70)] > 100  # whenever a distractor below 79 is wanted
    assert used[Decimal(5)] == 0  # another magnitude: not plausible
    assert pool.distractors(coalition).from_facts[0].source == "conference"


def test_facts_of_one_group_never_lend_each_other_values():
    countries = quantity("nmft-countries", "70", "countries", group="nmft")
    also_countries = quantity("nmft-other", "40", "countries", group="nmft")
    pool = FactPool([countries, also_countries])
    for q in mcqs(countries, pool, 300):
        assert Decimal(40) not in q.options


# --- multiple choice: dates ----------------------------------------------------------------------


def test_date_distractors_share_precision_and_shape():
    pool = FactPool(EVENTS)
    for fact in EVENTS:
        true = fact_value(fact)
        for q in mcqs(fact, pool, 60):
            for v in q.options:
                assert isinstance(v, DateValue)
                assert v.precision == true.precision
                assert (v.end is None) == (true.end is None)
            spans = [v.span() for v in q.options]
            assert all(values.spans_ordered(a, b) for a, b in combinations(spans, 2))


def test_dates_are_never_after_the_as_of_date_nor_before_2000():
    fact = event("late", dt.date(2019, 10, 1), as_of=dt.date(2019, 11, 1))
    early = event("early", dt.date(2001, 6, 1), as_of=dt.date(2019, 11, 1))
    pool = FactPool([fact, early])
    for q in mcqs(fact, pool) + mcqs(early, pool):
        for v in q.options:
            assert dt.date(2000, 1, 1) <= v.start <= dt.date(2019, 11, 30), v


def test_nothing_ends_after_the_as_of_month_and_a_one_month_range_stays_in_one_month():
    fact = event(
        "melbourne",
        dt.date(2019, 11, 7),
        "day",
        date_end=dt.date(2019, 11, 8),
        as_of=dt.date(2019, 11, 1),
    )
    found = {v for q in mcqs(fact, FactPool([fact]), 300) for v in q.options}
    assert all(v.end <= dt.date(2019, 11, 30) for v in found)
    assert all((v.end - v.start).days == 1 and v.start.month == v.end.month for v in found)
    assert any(v.start > dt.date(2019, 11, 8) for v in found)  # later days of the month: fine


def test_a_year_the_sentence_names_bounds_the_date_options():
    """'In 2011 Daesh held 2% of what it held in 2014' is absurd: options come after 2014."""
    fact = event(
        "territory-2018",
        dt.date(2018, 1, 1),
        "year",
        statement=text(
            "في {value} لم يبقَ لداعش سوى 2% مما سيطر عليه في 2014.",
            "In {value} Daesh held just 2% of what it had held in 2014.",
        ),
    )
    pool = FactPool([fact, *EVENTS])
    found = {v for q in mcqs(fact, pool, 300) for v in q.options}
    assert min(v.start.year for v in found) == 2015
    for seed in range(100):
        assert make_truefalse(fact, pool, random.Random(seed)).options[0].start.year > 2014


def test_a_year_option_is_possible_in_the_year_of_a_month_as_of_date():
    fact = event("held", dt.date(2018, 1, 1), "year", as_of=dt.date(2019, 11, 1))
    found = {v.start.year for q in mcqs(fact, FactPool([fact]), 300) for v in q.options}
    assert max(found) == 2019


def test_a_since_statement_only_gets_earlier_dates_and_no_multiple_choice():
    """'Support has been given since 2016' would be true of support given since 2014."""
    fact = event(
        "support",
        dt.date(2014, 9, 1),
        statement=text("يقدّم التحالف دعمًا منذ {value}.", "The coalition has helped since {value}."),
    )
    pool = FactPool([fact, *EVENTS])
    assert make_mcq(fact, pool, random.Random(0)) is None
    assert "since" in pool.mcq_blocker(fact)
    falses = 0
    for seed in range(200):
        q = make_truefalse(fact, pool, random.Random(seed))
        if q.answer == FALSE:
            falses += 1
            assert q.options[0].span()[1] < dt.date(2014, 9, 1)
    assert falses > 50


def test_the_answer_is_the_latest_option_only_as_often_as_chance_allows():
    fact = EVENTS[5]  # Mosul, July 2017: room on both sides
    ranks = Counter()
    for q in mcqs(fact, FactPool(EVENTS), 800):
        ranks[sorted(q.options, key=lambda v: v.start).index(q.options[q.answer])] += 1
    assert all(150 < ranks[r] < 250 for r in range(4)), ranks


def test_a_month_dated_event_gets_other_months_distinct_in_both_languages():
    fact = EVENTS[1]
    pool = FactPool(EVENTS)
    for q in mcqs(fact, pool, 100):
        for lang in LANGS:
            shown = render(q, pool, lang).options
            assert len(set(shown)) == 4
        assert len({(v.start.year, v.start.month) for v in q.options}) == 4


# --- multiple choice: entities -----------------------------------------------------------------


def test_entity_distractors_are_names_of_the_same_type():
    resolution = entity("res", "القرار 2462", "Resolution 2462", "resolution")
    pool = FactPool([*CITIES, resolution])
    for q in mcqs(CITIES[0], pool):
        assert all(isinstance(v, EntityValue) for v in q.options)
        assert "res" not in {v.slug for v in q.options}
        assert len({v.en for v in q.options}) == 4


def test_names_from_the_same_topic_come_first():
    attacks = [
        entity(slug, ar, en, topic="attacks")
        for slug, ar, en in [
            ("p", "باريس", "Paris"),
            ("b", "بروكسل", "Brussels"),
            ("l", "لندن", "London"),
        ]
    ]
    pool = FactPool([*attacks, *CITIES[3:]])  # Melbourne, Mosul from another topic
    for q in mcqs(attacks[0], pool, 50):
        assert {"Brussels", "London"} <= {v.en for v in q.options}


def test_a_name_of_the_facts_own_list_is_never_a_distractor():
    """Paris is in the list of attacked cities: another fact naming Paris lends nothing."""
    attacks = [
        entity(f"attack-{c}", ar, en, group="attacks")
        for c, ar, en in [("paris", "باريس", "Paris"), ("brussels", "بروكسل", "Brussels")]
    ]
    christchurch = entity("christchurch-city", "باريس", "Paris")
    others = [entity(f"c{i}", f"مدينة {i}", f"City {i}") for i in range(3)]
    pool = FactPool([*attacks, christchurch, *others])
    for q in mcqs(attacks[1], pool, 100):
        assert "Paris" not in {v.en for v in q.options}


def test_too_few_entity_distractors_fall_back_to_true_false():
    lone = entity("res", "القرار 2462", "Resolution 2462", "resolution")
    pool = FactPool([lone, *CITIES])
    assert make_mcq(lone, pool, random.Random(0)) is None
    assert pool.mcq_blocker(lone) == "only 0 good distractor(s)"
    # Without any distractor a true/false question could only read "True": a flashcard instead.
    assert pool.truefalse_blocker(lone) == "no distractor to put in its place"
    q = make_question("mcq", lone, pool, random.Random(0))
    assert q.kind == QuestionKind.FLASHCARD


def test_too_few_entity_distractors_for_four_options_still_make_a_true_false_question():
    spread = [entity(f"spread-{n}", n, n, "country", group="spread") for n in ("ليبيا", "مصر")]
    other = entity("nz", "نيوزيلندا", "New Zealand", "country")
    pool = FactPool([*spread, other])
    assert make_mcq(spread[0], pool, random.Random(0)) is None
    assert pool.truefalse_blocker(spread[0]) == ""
    kinds = {make_question("mcq", spread[0], pool, random.Random(s)).kind for s in range(20)}
    assert kinds == {QuestionKind.TRUEFALSE}


# --- answer position ----------------------------------------------------------------------------


def test_the_answer_position_is_uniform():
    fact = quantity("partners", "67")
    pool = FactPool([fact])
    rng = random.Random(7)
    positions = Counter(make_mcq(fact, pool, rng).answer for _ in range(4000))
    assert all(abs(positions[p] / 4000 - 0.25) < 0.03 for p in range(4)), positions


def test_the_answer_rank_among_the_values_is_not_a_giveaway():
    fact = quantity("partners", "67")
    ranks = Counter()
    for q in mcqs(fact, FactPool([fact]), 2000):
        ranks[sorted(q.options).index(Decimal(67))] += 1
    assert all(abs(ranks[r] / 2000 - 0.25) < 0.04 for r in range(4)), ranks


# --- true/false ---------------------------------------------------------------------------------


def test_true_false_shows_the_statement_with_a_value_and_asks_true_or_false():
    fact = quantity("partners", "67")
    pool = FactPool([fact])
    verdicts = Counter()
    for seed in range(400):
        q = make_truefalse(fact, pool, random.Random(seed))
        verdicts[q.answer] += 1
        for lang, words in (("ar", ["صحيح", "خطأ"]), ("en", ["True", "False"])):
            shown = render(q, pool, lang)
            assert shown.options == words
            assert shown.prompt == statement_with(fact, q.options[0], lang)
            assert "{" not in shown.prompt
        assert (q.answer == TRUE) == (q.options[0] == 67)
    assert 160 < verdicts[TRUE] < 240


def test_a_statement_fact_shows_its_true_or_its_false_statement():
    fact = make(
        "threat",
        "statement",
        false_statement=text("لم يعد داعش يمثّل أي تهديد.", "Daesh is no longer a threat."),
    )
    pool = FactPool([fact])
    prompts = set()
    for seed in range(50):
        q = make_truefalse(fact, pool, random.Random(seed))
        prompt = render(q, pool, "en").prompt
        prompts.add((prompt, q.answer))
    assert prompts == {
        ("Statement threat holds.", TRUE),
        ("Daesh is no longer a threat.", FALSE),
    }
    assert make_mcq(fact, pool, random.Random(0)) is None


def test_a_statement_fact_without_a_false_counterpart_is_always_true():
    fact = make("plain", "statement")
    q = make_truefalse(fact, [fact], random.Random(3))
    assert q.answer == TRUE


def test_a_true_false_question_that_could_only_be_true_is_asked_as_a_flashcard():
    fact = make("plain", "statement")
    pool = FactPool([fact])
    assert pool.truefalse_blocker(fact) == "a statement without a false counterpart"
    for kind in (QuestionKind.MCQ, QuestionKind.TRUEFALSE):
        assert make_question(kind, fact, pool, random.Random(0)).kind == QuestionKind.FLASHCARD


# --- flashcards ---------------------------------------------------------------------------------


def test_a_flashcard_has_the_stem_in_front_and_answer_explanation_source_behind():
    fact = quantity("trained", "25000", "personnel", qualifier=Qualifier.MORE_THAN)
    q = make_flashcard(fact)
    shown = render(q, {fact.slug: fact}, "en")
    assert shown.prompt == fact.stem["en"]
    assert shown.options == ["more than 25,000"] and shown.answer == 0
    assert shown.back.answer == "more than 25,000"
    assert shown.back.statement == "Value of trained: more than 25,000"
    assert (shown.back.explanation, shown.back.source) == ("Explanation.", "Source, paragraph 3")
    ar = render(q, {fact.slug: fact}, "ar")
    assert ar.back.answer == "أكثر من 25,000" and ar.back.source == "المصدر، الفقرة 3"


# --- ordering -----------------------------------------------------------------------------------


def _spans(question: Question, pool: FactPool) -> list[tuple[dt.date, dt.date]]:
    return [fact_value(pool[s]).span() for s in question.facts]


def test_ordering_draws_three_to_five_events_whose_dates_decide_the_order():
    pool = FactPool(EVENTS)
    rng = random.Random(11)
    sizes = Counter()
    for _ in range(500):
        q = make_ordering(pool, rng)
        spans = _spans(q, pool)
        sizes[len(q.facts)] += 1
        assert all(values.spans_ordered(a, b) for a, b in combinations(spans, 2))
        assert len(set(q.facts)) == len(q.facts)
        chronological = sorted(range(len(spans)), key=lambda i: spans[i])
        assert list(q.answer) == chronological
        assert list(q.answer) != list(range(len(q.facts)))  # not shown already in order
    assert set(sizes) == {3, 4, 5}


def test_ordering_never_sets_a_year_beside_a_month_of_it_nor_two_facts_of_one_event():
    facts = [
        event("y2018", dt.date(2018, 1, 1), "year"),
        event("apr2018", dt.date(2018, 4, 1)),
        event("mar2019", dt.date(2019, 3, 1)),
        event("mar2019-day", dt.date(2019, 3, 28), "day"),
        event("same-event-a", dt.date(2015, 1, 1), group="kobani"),
        event("same-event-b", dt.date(2016, 1, 1), group="kobani"),
        event("dup-label", dt.date(2012, 1, 1), label=text("حدث y2018", "Event y2018")),
        event("d2010", dt.date(2010, 1, 1), "year"),
    ]
    pool = FactPool(facts)
    rng = random.Random(5)
    for _ in range(300):
        q = make_ordering(pool, rng)
        chosen = set(q.facts)
        assert not {"y2018", "apr2018"} <= chosen
        assert not {"mar2019", "mar2019-day"} <= chosen
        assert not {"same-event-a", "same-event-b"} <= chosen
        assert not {"dup-label", "y2018"} <= chosen


def test_easy_ordering_spreads_events_and_hard_ordering_packs_them():
    pool = FactPool(EVENTS)
    rng = random.Random(2)
    easy = [make_ordering(pool, rng, size=4, difficulty=0.0).difficulty for _ in range(100)]
    hard = [make_ordering(pool, rng, size=4, difficulty=1.0).difficulty for _ in range(100)]
    assert sum(hard) / 100 > sum(easy) / 100 + 0.2


def test_ordering_can_include_a_given_event_and_every_event_is_orderable():
    pool = FactPool(EVENTS)
    rng = random.Random(4)
    for fact in EVENTS:
        assert pool.orderable(fact)
        q = make_ordering(pool, rng, include=fact)
        assert fact.slug in q.facts


def test_ordering_needs_three_compatible_events():
    pool = FactPool([*EVENTS[:2], event("same-month", dt.date(2015, 1, 1))])
    assert make_ordering(pool, random.Random(0)) is None
    with pytest.raises(ValueError):
        make_ordering(FactPool(EVENTS), random.Random(0), size=6)


def test_ordering_renders_labels_with_dates_kept_for_after_the_answer():
    pool = FactPool(EVENTS)
    q = make_ordering(pool, random.Random(9), size=3)
    for lang in LANGS:
        shown = render(q, pool, lang)
        assert shown.options == [pool[s].label[lang] for s in q.facts]
        assert shown.notes == [pool[s].value_text(lang) for s in q.facts]
        assert shown.answer == list(q.answer)
        assert not any(note in shown.prompt for note in shown.notes)


def cited(fact: FactData, document: str, paragraph: int) -> FactData:
    """The fact from `document`'s paragraph, cited the way the models cite it."""
    cited_as = {
        lang: values.format_document(
            title=f"{document}-title-{lang}",
            publisher=f"{document}-publisher-{lang}",
            published=f"{document}-date-{lang}",
            lang=lang,
        )
        for lang in LANGS
    }
    return replace(fact, source=document, paragraph=paragraph, document=cited_as)


def ordering_of(events: list[FactData]) -> Question:
    """An ordering question showing `events` (given in chronological order) reversed."""
    shown = events[::-1]
    return Question(
        QuestionKind.ORDERING,
        tuple(e.slug for e in shown),
        tuple(fact_value(e) for e in shown),
        tuple(reversed(range(len(shown)))),
        0.3,
    )


def test_ordering_cites_each_document_once_with_all_its_paragraphs():
    """Bug: the source line repeated the document's full citation once per event."""
    events = [
        cited(EVENTS[0], "fr", 20),  # coalition, 2014
        cited(EVENTS[1], "uk", 1),  # kobani, 2015
        cited(EVENTS[3], "fr", 12),  # brussels-attacks, 2016
        cited(EVENTS[5], "fr", 10),  # mosul-retaken, 2017
        cited(EVENTS[10], "fr", 12),  # baghuz, 2019: the same paragraph as Brussels
    ]
    q, pool = ordering_of(events), FactPool(events)
    assert render(q, pool, "en").back.source == (
        "fr-title-en, fr-publisher-en, fr-date-en, paragraphs 10, 12 and 20; "
        "uk-title-en, uk-publisher-en, uk-date-en, paragraph 1"
    )
    assert render(q, pool, "ar").back.source == (
        "fr-title-ar، fr-publisher-ar، fr-date-ar، الفقرات 10 و12 و20؛ "
        "uk-title-ar، uk-publisher-ar، uk-date-ar، الفقرة 1"
    )


@pytest.mark.parametrize(
    ("paragraphs", "en", "ar"),
    [
        ((7, 3, 7), "paragraphs 3 and 7", "الفقرتان 3 و7"),
        ((3, 7, 5), "paragraphs 3, 5 and 7", "الفقرات 3 و5 و7"),
        ((3, 3, 3), "paragraph 3", "الفقرة 3"),
    ],
)
def test_the_paragraphs_of_one_document_read_naturally(paragraphs, en, ar):
    events = [cited(EVENTS[i], "fr", p) for i, p in zip((0, 5, 10), paragraphs, strict=True)]
    q, pool = ordering_of(events), FactPool(events)
    assert render(q, pool, "en").back.source == f"fr-title-en, fr-publisher-en, fr-date-en, {en}"
    assert render(q, pool, "ar").back.source == f"fr-title-ar، fr-publisher-ar، fr-date-ar، {ar}"


def test_a_fact_is_cited_by_its_document_and_paragraph():
    fact = cited(EVENTS[0], "fr", 20)
    assert fact.citation == {
        "ar": "fr-title-ar، fr-publisher-ar، fr-date-ar، الفقرة 20",
        "en": "fr-title-en, fr-publisher-en, fr-date-en, paragraph 20",
    }


def test_make_question_for_ordering_falls_back_when_the_fact_is_no_event():
    pool = FactPool([*EVENTS, quantity("partners", "67")])
    q = make_question(QuestionKind.ORDERING, pool["partners"], pool, random.Random(0))
    assert q.kind == QuestionKind.MCQ
    q = make_question(QuestionKind.ORDERING, pool["kobani"], pool, random.Random(0))
    assert q.kind == QuestionKind.ORDERING and "kobani" in q.facts


# --- values, JSON, determinism ------------------------------------------------------------------


def _one_of_each(pool: FactPool, rng: random.Random) -> list[Question]:
    return [
        make_mcq(pool["partners"], pool, rng),
        make_mcq(pool["kobani"], pool, rng),
        make_mcq(pool["paris"], pool, rng),
        make_truefalse(pool["partners"], pool, rng),
        make_truefalse(pool["threat"], pool, rng),
        make_ordering(pool, rng),
        make_flashcard(pool["melbourne-conf"]),
        make_flashcard(pool["followers"]),
    ]


def _mixed_pool() -> FactPool:
    return FactPool(
        [
            *EVENTS,
            *CITIES,
            quantity("partners", "67"),
            quantity("followers", "0.2", "fraction"),
            make("threat", "statement", false_statement=text("خطأ.", "Wrong.")),
        ]
    )


def test_questions_survive_a_json_round_trip_exactly():
    pool = _mixed_pool()
    for q in _one_of_each(pool, random.Random(1)):
        stored = json.loads(json.dumps(q.to_json()))
        assert Question.from_json(stored) == q
        assert Question.from_json(stored).to_json() == q.to_json()


def test_a_broken_stored_question_is_refused():
    good = make_ordering(FactPool(EVENTS), random.Random(1), size=3).to_json()
    for broken in (
        {},
        {"kind": "essay"},
        {"kind": "mcq", "facts": ["x"], "options": [{}]},
        {**good, "answer": [0, 0, 1]},
        {**good, "answer": [0.0, 1.0, 2.0]},
        {**good, "answer": 1},
        {**good, "facts": good["facts"][:2]},
        {**good, "kind": "mcq"},
        {**good, "difficulty": 3},
    ):
        with pytest.raises(ValueError):
            Question.from_json(broken)
    assert Question.from_json(good).to_json() == good


def test_same_seed_same_questions_whatever_order_the_facts_came_in():
    pool = _mixed_pool()
    shuffled = list(pool.facts)
    random.Random(3).shuffle(shuffled)
    assert _one_of_each(pool, random.Random(42)) == _one_of_each(
        FactPool(shuffled), random.Random(42)
    )


def test_a_plain_list_of_facts_works_as_a_pool():
    facts = [quantity("partners", "67")]
    assert make_mcq(facts[0], facts, random.Random(1)) == make_mcq(
        facts[0], FactPool(facts), random.Random(1)
    )


def test_difficulty_is_higher_for_closer_options():
    fact = quantity("partners", "67")
    qs = mcqs(fact, FactPool([fact]), 500)
    assert all(0 <= q.difficulty <= 1 for q in qs)
    closest = [min(abs(x - 67) for x in distractors(q)) for q in qs]
    near = [q.difficulty for q, d in zip(qs, closest, strict=True) if d <= 6]
    far = [q.difficulty for q, d in zip(qs, closest, strict=True) if d >= 20]
    assert near and far and min(near) > max(far)


def test_render_refuses_an_unknown_language():
    fact = quantity("partners", "67")
    with pytest.raises(ValueError):
        render(make_flashcard(fact), {"partners": fact}, "fr")


def test_the_question_module_imports_no_django():
    code = (
        "import sys, learning.core.questions, learning.core.grading; print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
