"""Question generation over the whole fact base, for many seeds (no database).

Reads the real fact base (fixtures/) with the pure reader, and a small one of our own
(tests/data/factbase) with cases the real one lacks: a list sharing one stem, an entity with
no distractor at all, an event at the as-of month.
"""

import datetime as dt
import json
import random
import re
from collections import Counter
from decimal import Decimal
from itertools import combinations, pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning.core import values
from learning.core.factbase import FIXTURE_DIRECTORY, read_fact_base
from learning.core.grading import events_on_their_side, grade
from learning.core.questions import (
    FALSE,
    TRUE,
    DateValue,
    EntityValue,
    FactPool,
    Question,
    QuestionKind,
    fact_value,
    make_mcq,
    make_ordering,
    make_question,
    make_truefalse,
    render,
    statement_with,
    value_text,
)
from learning.core.values import LANGS, FactData, Kind, Qualifier, UnitStyle
from tests.conftest import MINI_FACTBASE

ASKABLE = (Kind.QUANTITY, Kind.DATE, Kind.ENTITY)
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
MANY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", params=[FIXTURE_DIRECTORY, MINI_FACTBASE], ids=["fixtures", "mini"])
def facts(request: pytest.FixtureRequest) -> list[FactData]:
    return read_fact_base(request.param)


@pytest.fixture(scope="module")
def pool(facts: list[FactData]) -> FactPool:
    return FactPool(facts)


def as_in_statement(value: object, fact: FactData, lang: str) -> str:
    """The value as the fact's statement shows it (after an Arabic preposition: genitive)."""
    genitive = values.genitive_slot(fact.statement[lang], lang)
    return value_text(value, fact, lang, genitive=genitive)


def decimals(number: Decimal) -> int:
    return max(0, -int(number.normalize().as_tuple().exponent))


def assert_possible(value: object, fact: FactData) -> None:
    """No impossible value: what the option claims could be so, for this fact's unit or era."""
    if isinstance(value, Decimal):
        unit = values.UNITS[fact.unit]
        assert value > 0, (fact.slug, value)
        if unit.style != UnitStyle.FRACTION:  # no added precision (a share reads as a name)
            assert decimals(value) <= decimals(fact.number), (fact.slug, value)
        if unit.integral:
            assert value == value.to_integral_value(), (fact.slug, value)
        if unit.style == UnitStyle.PERCENT:
            assert value <= 100, (fact.slug, value)
        if unit.style == UnitStyle.FRACTION:
            assert values.fraction_key(value) in values.FRACTIONS, (fact.slug, value)
        if fact.unit == "countries":
            assert value <= 193, (fact.slug, value)
    elif isinstance(value, DateValue):
        true = fact_value(fact)
        assert value.precision == true.precision, (fact.slug, value)
        assert (value.end is None) == (true.end is None), (fact.slug, value)
        assert value.start >= dt.date(2000, 1, 1), (fact.slug, value)
        assert value.start <= values.period_end(fact.as_of, fact.as_of_precision), fact.slug
        named = {int(y) for y in re.findall(r"\b20\d\d\b", fact.statement["en"] + fact.stem["en"])}
        for year in named:  # "2% of what it held in 2014": no option in or before 2014
            assert year >= true.start.year or value.start.year > year, (fact.slug, value)
    else:
        assert isinstance(value, EntityValue) and fact.entity_type, fact.slug


def assert_false_for_the_fact(
    value: object, fact: FactData, pool: FactPool, kind: QuestionKind = QuestionKind.TRUEFALSE
) -> None:
    """A distractor would make the fact's sentence false: never a second defensible answer.

    A bound's other side ("more than 10,000" of "more than 25,000") only as a multiple-choice
    option, whose stem asks for the figure given (tests/core/test_questions_decidable.py).
    """
    true = fact_value(fact)
    for lang in LANGS:
        assert value_text(value, fact, lang) != value_text(true, fact, lang), (fact.slug, value)
    if isinstance(value, Decimal):
        ratio = value / true
        either_side = kind == QuestionKind.MCQ and (ratio <= 1 / Decimal("1.5"))
        match fact.qualifier:
            case Qualifier.MORE_THAN:
                assert ratio >= Decimal("1.5") or either_side, (fact.slug, value)
            case Qualifier.UP_TO:
                either_side = kind == QuestionKind.MCQ and ratio >= Decimal("1.5")
                assert ratio <= 1 / Decimal("1.5") or either_side, (fact.slug, value)
            case Qualifier.ABOUT:
                assert ratio >= Decimal("1.3") or ratio <= 1 / Decimal("1.3"), (fact.slug, value)
            case _:
                far = ratio >= Decimal("1.07") or ratio <= 1 / Decimal("1.07")
                if values.UNITS[fact.unit].style == UnitStyle.PERCENT:  # 95% for 90%: 5% left
                    rest = (100 - value) / (100 - true)
                    far = far or rest >= Decimal("1.07") or rest <= 1 / Decimal("1.07")
                assert far, (fact.slug, value)
    elif isinstance(value, DateValue):
        assert values.spans_ordered(value.span(), true.span()), (fact.slug, value)
        if "since {value}" in fact.statement["en"] or "منذ {value}" in fact.statement["ar"]:
            assert value.span()[1] < true.span()[0], (fact.slug, value)  # "since" a later date
    elif isinstance(value, EntityValue):
        assert pool[value.slug].entity_type == fact.entity_type, (fact.slug, value)
        mates = [m for m in pool.group_mates(fact) if m.kind == Kind.ENTITY]
        for mate in mates:  # no name of the fact's own list
            assert value.en != mate.answer["en"] and value.ar != mate.answer["ar"], value


def assert_valid(question: Question, fact: FactData, pool: FactPool) -> None:
    true = fact_value(fact)
    assert question.facts == (fact.slug,)
    assert 0 <= question.difficulty <= 1
    for lang in LANGS:
        shown = render(question, pool, lang)
        assert "{" not in shown.prompt and "}" not in shown.prompt, fact.slug
        assert shown.prompt.strip() and all(o.strip() for o in shown.options), fact.slug
        assert len(set(shown.options)) == len(shown.options), (fact.slug, shown.options)
    if question.kind == QuestionKind.MCQ:
        assert len(question.options) == 4
        assert [v == true for v in question.options].count(True) == 1, fact.slug
        assert question.options[question.answer] == true
        for i, value in enumerate(question.options):
            assert_possible(value, fact)
            if i != question.answer:
                assert_false_for_the_fact(value, fact, pool, QuestionKind.MCQ)
    else:
        assert question.kind == QuestionKind.TRUEFALSE, fact.slug
        [value] = question.options
        assert (question.answer == TRUE) == (value == true), fact.slug
        if question.answer == FALSE:
            assert_possible(value, fact)
            assert_false_for_the_fact(value, fact, pool)
        for lang in LANGS:
            assert as_in_statement(value, fact, lang) in render(question, pool, lang).prompt


@MANY
@given(seed=SEEDS)
def test_every_fact_yields_a_valid_mcq_or_true_false_in_both_languages(pool, seed):
    rng = random.Random(seed)
    for fact in pool.facts:
        if fact.kind in ASKABLE:
            assert_valid(make_truefalse(fact, pool, rng), fact, pool)
            asked = make_question(QuestionKind.MCQ, fact, pool, rng)
            if pool.truefalse_blocker(fact) and pool.mcq_blocker(fact):
                # A true/false question could only read "True": the study asks a flashcard.
                assert asked.kind == QuestionKind.FLASHCARD, fact.slug
            else:
                assert_valid(asked, fact, pool)


def test_the_wording_of_every_fact_reads_with_each_of_its_distractors(pool):
    for fact in pool.facts:
        if fact.kind not in ASKABLE:
            continue
        true = fact_value(fact)
        for candidate in (pool.distractors(fact).true, *pool.distractors(fact).all):
            for lang in LANGS:
                sentence = statement_with(fact, candidate.value, lang)
                assert "{" not in sentence and "}" not in sentence, (fact.slug, lang)
                assert as_in_statement(candidate.value, fact, lang) in sentence, (fact.slug, lang)
            if candidate.value != true:
                assert_possible(candidate.value, fact)
                assert_false_for_the_fact(candidate.value, fact, pool, QuestionKind.MCQ)


ARABIC_NOMINATIVE_DUALS = {"عامان", "يومان", "الثلثان"}  # all the duals values.py writes


def test_no_arabic_dual_stands_in_the_nominative_after_a_preposition(pool):
    """'انخفض إلى الثلثان' and 'أكثر من عامان' are wrong: after a preposition the dual is -ين."""
    for fact in pool.facts:
        if fact.kind != Kind.QUANTITY:
            continue
        for candidate in (pool.distractors(fact).true, *pool.distractors(fact).all):
            words = statement_with(fact, candidate.value, "ar").replace(".", " ").split()
            for before, word in pairwise(words):
                wrong = before in values.AR_PREPOSITIONS and word in ARABIC_NOMINATIVE_DUALS
                assert not wrong, (fact.slug, candidate.value)


def test_distractors_from_other_facts_share_the_kind_unit_precision_or_type(pool):
    """Another fact lends its value only if a learner could mistake it: 58% for 90%, not 67."""
    for fact in pool.facts:
        if fact.kind not in ASKABLE:
            continue
        true = fact_value(fact)
        for candidate in pool.distractors(fact).from_facts:
            other = pool[candidate.source]
            assert other.kind == fact.kind, (fact.slug, other.slug)
            assert not (fact.group and other.group == fact.group), (fact.slug, other.slug)
            match fact.kind:
                case Kind.QUANTITY:
                    assert other.unit == fact.unit, (fact.slug, other.slug)
                case Kind.DATE:
                    lent = fact_value(other)
                    assert lent.precision == true.precision, (fact.slug, other.slug)
                    assert (lent.end is None) == (true.end is None), (fact.slug, other.slug)
                case Kind.ENTITY:
                    assert other.entity_type == fact.entity_type, (fact.slug, other.slug)


def test_statement_facts_read_true_and_false(pool):
    for fact in pool.facts:
        if fact.kind == Kind.STATEMENT:
            for lang in LANGS:
                assert statement_with(fact, True, lang) == fact.statement[lang]
                if fact.false_statement:
                    assert statement_with(fact, False, lang) == fact.false_statement[lang]


def test_the_answer_position_is_uniform_over_ten_thousand_questions(pool):
    askable = [f for f in pool.facts if f.kind in ASKABLE and not pool.mcq_blocker(f)]
    rng = random.Random(20161)
    positions = Counter(
        make_mcq(askable[i % len(askable)], pool, rng).answer for i in range(10_000)
    )
    assert set(positions) == {0, 1, 2, 3}
    assert all(abs(positions[p] / 10_000 - 0.25) <= 0.02 for p in range(4)), positions


@MANY
@given(
    seed=SEEDS,
    size=st.sampled_from([None, 3, 4, 5]),
    difficulty=st.one_of(st.none(), st.floats(0, 1)),
)
def test_ordering_questions_are_always_determinate_at_their_precision(pool, seed, size, difficulty):
    q = make_ordering(pool, random.Random(seed), size=size, difficulty=difficulty)
    if q is None:  # a fixed size the fact base cannot fill
        assert size is not None
        return
    events = [pool[s] for s in q.facts]
    spans = [fact_value(e).span() for e in events]
    assert 3 <= len(events) <= 5 and len(set(q.facts)) == len(q.facts)
    for (a, sa), (b, sb) in combinations(zip(events, spans, strict=True), 2):
        assert values.spans_ordered(sa, sb), (a.slug, b.slug)
        assert not (a.group and a.group == b.group), (a.slug, b.slug)
        for lang in LANGS:
            assert a.label[lang] != b.label[lang], (a.slug, b.slug)
    assert list(q.answer) == sorted(range(len(spans)), key=lambda i: spans[i])
    assert list(q.answer) != list(range(len(spans)))
    for lang in LANGS:
        assert len(set(render(q, pool, lang).options)) == len(q.facts)


@MANY
@given(seed=SEEDS, data=st.data())
def test_grading_a_shuffled_order_matches_a_pairwise_count(pool, seed, data):
    q = make_ordering(pool, random.Random(seed))
    response = data.draw(st.permutations(range(len(q.facts))))
    rank = {option: place for place, option in enumerate(q.answer)}
    ranks = [rank[o] for o in response]
    right = [
        all((j < i) == (ranks[j] < ranks[i]) for j in range(len(ranks)) if j != i)
        for i in range(len(ranks))
    ]
    g = grade(q, list(response))
    assert g.score == sum(right) / len(ranks)
    assert events_on_their_side(ranks) == right
    assert set(g.fact_results) == set(q.facts)


def test_every_dated_event_appears_in_some_ordering_question(facts, pool):
    dated = {f.slug for f in facts if f.kind == Kind.DATE}
    assert len(dated) >= 3
    assert {e.slug for e in pool.events} == dated
    rng = random.Random(8)
    for slug in sorted(dated):
        assert pool.orderable(pool[slug]), slug
        q = make_ordering(pool, rng, include=pool[slug])
        assert q is not None and slug in q.facts
    drawn = set()
    for _ in range(3000):
        drawn.update(make_ordering(pool, rng).facts)
    assert drawn == dated


def _batch(facts: list[FactData], seed: int) -> list[dict]:
    pool = FactPool(facts)
    rng = random.Random(seed)
    found = [make_question(kind, f, pool, rng) for f in pool.facts for kind in QuestionKind]
    found += [make_ordering(pool, rng) for _ in range(20)]
    return [q.to_json() for q in found]


def test_same_seed_same_questions(facts):
    shuffled = list(facts)
    random.Random(1).shuffle(shuffled)
    assert _batch(facts, 99) == _batch(shuffled, 99)
    assert _batch(facts, 99) != _batch(facts, 100)


def test_every_question_survives_its_json_round_trip(facts):
    for stored in _batch(facts, 5):
        assert Question.from_json(json.loads(json.dumps(stored))).to_json() == stored


def test_flashcards_of_every_fact_render_in_both_languages(pool):
    for fact in pool.facts:
        q = make_question(QuestionKind.FLASHCARD, fact, pool, random.Random(0))
        for lang in LANGS:
            shown = render(q, pool, lang)
            # the stem, followed by its basis for a date the document counts from its own
            assert shown.prompt.startswith(fact.stem[lang])
            assert (shown.prompt == fact.stem[lang]) == (fact.basis is None)
            assert shown.back.answer and shown.back.source and shown.back.explanation
            assert "{" not in shown.back.statement
