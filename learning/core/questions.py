"""PURE: questions generated from facts — multiple choice, true/false, date ordering, flashcards.

Facts in, question values out; randomness only through the `random.Random` passed in; no Django.
A question is generated once as values (fact slugs, option values, the correct index) and
rendered in either language by `render`, so the same item can be stored, graded and shown in
Arabic or English.

Rules the generator keeps (SPEC section 3):

- Distractors of a quantity come from other facts of the same unit first, then from variations
  of the true value with the same number of significant digits and the same roundness
  (25,000 -> 20,000 / 35,000; 67 -> 58 / 72; 7.7 million -> 5.2 million; 20 -> 15 / 30;
  90% -> 75% / 80%), never with more decimals than the true value; small whole numbers
  (durations, 2%) get their small neighbours (1, 3, 4…). A date's distractors come from other
  events of the same precision and shape (single date or range), then from shifted copies of
  the true date. An entity's distractors are the names of other entity facts of the same
  `entity_type`, those of the same topic first; names are never invented.
- Impossible values are never offered: counts above zero, percentages within (0, 100) (100%,
  "all", only for a fact of 100%), shares only from `values.FRACTIONS`, country counts at most
  193, dates from 2000 on and never after the fact's as-of date (compared at the coarser of the
  two precisions: "2019" is possible for a fact as of November 2019, "30 November – 1 December
  2019" is not), nor in or before a year the fact's own sentence names ("in {value} Daesh held
  2% of what it held in 2014": nothing up to 2014), nor in or after one it names later.
  Facts sharing a non-empty `group` (one list, one event) never lend each other values, nor
  does any fact lend a name of the group's list; no option equals another or the true value
  as rendered in either language.
- Defensibility. Options carry the fact's own unit and qualifier, and an option is only offered
  if the fact's sentence with that value in place is false:
  * `exact`: at least 7% away from the true value (and from every other option); for a
    percentage, 7% away on what is left counts too (95% for 90%: 5% left against 10%);
  * `about`: at least 30% away, on either side;
  * `more_than`: only larger values, at least 1.5 times the true one ("more than 10,000" would
    be true of a fact "more than 25,000"); `up_to`: only values at most two thirds of it.
  * a date whose statement reads "since {value}" (منذ): only earlier dates, since the
    statement stays true of any later one ("has given support since 2016").
  A multiple-choice question with one-sided distractors always has the true value as its
  smallest (or largest) option, a cue a learner picks up within a few reviews; so these
  facts are asked as true/false only, where a single value is shown and its side gives
  nothing away.
- Answer position and rank. The four options are shuffled with the rng, so each position holds
  the answer a quarter of the time. Independently, how many distractors lie below the true
  value is drawn uniformly from the counts the candidates allow, so the answer is the smallest,
  the largest or a middle option equally often among the ranks a fact allows. A fact with
  room on one side only (one year: 2, 3, 4 years; one day) would always have the answer as
  its smallest option, the same cue as a one-sided figure: it is asked as true/false too.
- Fewer than three good distractors: `make_mcq` returns None and `make_question` asks a
  true/false question instead. A true/false question shows the true value or one distractor,
  each half of the time; a fact without any distractor (or a statement fact without a false
  counterpart) can only be shown true.
- Ordering: events are date facts with a label; two events meet only if their spans at their
  precision do not overlap (`values.spans_ordered`), they are not in one group, and their
  labels differ (the same event under two facts is never drawn twice). The events are never
  shown already in chronological order.
- Difficulty in 0..1, close = hard: for numbers the smallest ratio between the answer and a
  distractor (1.07x -> about 0.95, 4x or more -> 0), for dates the smallest gap in days on a
  log scale (a day -> 0.92, a month -> 0.58, a year -> 0.28, ten years -> 0), for ordering the
  smallest gap between consecutive events; a distractor name from the same topic counts 0.6,
  from another topic 0.4; a true statement and a flashcard count 0.5.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import random
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from learning.core.values import (
    FRACTIONS,
    LANGS,
    UNITS,
    FactData,
    Kind,
    Precision,
    Qualifier,
    UnitStyle,
    date_span,
    fill_statement,
    format_citation,
    format_date,
    format_quantity,
    fraction_key,
    period_end,
    spans_ordered,
)


class QuestionKind(StrEnum):
    MCQ = "mcq"
    TRUEFALSE = "truefalse"
    ORDERING = "ordering"
    FLASHCARD = "flashcard"


CHOICES = 4  # options of a multiple-choice question
TRUE, FALSE = 0, 1  # answer indices of a true/false question: options are always [True, False]
ORDERING_SIZES = range(3, 6)
ERA_START = dt.date(2000, 1, 1)  # no distractor date before this: the fact base starts in 2006

TRUE_FALSE_WORDS: dict[str, tuple[str, str]] = {"ar": ("صحيح", "خطأ"), "en": ("True", "False")}
ORDERING_PROMPT: dict[str, str] = {
    "ar": "رتّب هذه الأحداث ترتيبًا زمنيًا، من الأقدم إلى الأحدث.",
    "en": "Put these events in chronological order, earliest first.",
}
LIST_SEPARATOR: dict[str, str] = {"ar": "؛ ", "en": "; "}

# How far a distractor must be from the true value, as a ratio, by qualifier.
EXACT_RATIO = 1.07
ABOUT_RATIO = 1.3
ONE_SIDED_RATIO = 1.5
# How far variations may go: same magnitude (one-sided facts reach a little further).
WINDOW = 2.5
ONE_SIDED_WINDOW = 4.0
OTHER_FACT_WINDOW = 5.0  # other facts' values: further, but not absurd (79 countries, not 5)
UNIT_MAX: dict[str, Decimal] = {"countries": Decimal(193)}  # UN member states
CLOSE_RATIO = math.log(4)  # a 4x ratio counts as easy (difficulty 0)
FAR_DAYS = math.log1p(3650)  # ten years apart counts as easy


# --- option values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date option: its first day, its last day for a range, and its precision."""

    start: dt.date
    end: dt.date | None
    precision: Precision

    def span(self) -> tuple[dt.date, dt.date]:
        return date_span(self.start, self.end, self.precision)

    def text(self, lang: str) -> str:
        return format_date(self.start, self.end, self.precision, lang)


@dataclass(frozen=True, slots=True)
class EntityValue:
    """An entity option: the slug of the fact it names and the name in both languages."""

    slug: str
    ar: str
    en: str

    def text(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en


# A quantity option is its Decimal number (the fact's unit and qualifier apply when rendered);
# a statement fact's true/false option is True (its statement shown) or False (its false one).
Value = Decimal | DateValue | EntityValue | bool


def fact_value(fact: FactData) -> Value:
    """The fact's own (true) value as an option value."""
    match fact.kind:
        case Kind.QUANTITY:
            assert fact.number is not None
            return _canon(fact.number)
        case Kind.DATE:
            assert fact.date_start is not None and fact.precision is not None
            end = fact.date_end if fact.date_end not in (None, fact.date_start) else None
            return DateValue(fact.date_start, end, Precision(fact.precision))
        case Kind.ENTITY:
            assert fact.answer is not None
            return EntityValue(fact.slug, fact.answer["ar"], fact.answer["en"])
        case Kind.STATEMENT:
            return True
    raise ValueError(f"unknown kind {fact.kind!r}")


def value_text(value: Value, fact: FactData, lang: str, *, genitive: bool = False) -> str:
    """An option value as it reads in `lang`, with the asked fact's unit and qualifier.

    `genitive`: as it reads after an Arabic preposition (only a dual changes: الثلثين).
    """
    if isinstance(value, bool):
        return TRUE_FALSE_WORDS[lang][TRUE if value else FALSE]
    if isinstance(value, Decimal):
        return format_quantity(value, fact.unit, fact.qualifier, lang, genitive=genitive)
    return value.text(lang)


def statement_with(fact: FactData, value: Value, lang: str) -> str:
    """The fact's statement with `value` in place of its own (a statement fact: true or false)."""
    if fact.kind == Kind.STATEMENT:
        if value is True or fact.false_statement is None:
            return fact.statement[lang]
        return fact.false_statement[lang]
    return fill_statement(
        fact.statement[lang],
        lang,
        lambda genitive: value_text(value, fact, lang, genitive=genitive),
    )


def _value_to_json(value: Value) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"type": "statement", "value": value}
    if isinstance(value, Decimal):
        return {"type": "number", "value": str(value)}
    if isinstance(value, DateValue):
        return {
            "type": "date",
            "start": value.start.isoformat(),
            "end": value.end.isoformat() if value.end else None,
            "precision": value.precision.value,
        }
    return {"type": "entity", "slug": value.slug, "ar": value.ar, "en": value.en}


def _value_from_json(data: Mapping[str, Any]) -> Value:
    match data.get("type"):
        case "statement":
            return bool(data["value"])
        case "number":
            return Decimal(data["value"])
        case "date":
            end = data["end"]
            return DateValue(
                dt.date.fromisoformat(data["start"]),
                dt.date.fromisoformat(end) if end else None,
                Precision(data["precision"]),
            )
        case "entity":
            return EntityValue(str(data["slug"]), str(data["ar"]), str(data["en"]))
    raise ValueError(f"unknown option value {data!r}")


# --- the question and its rendering --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    """One generated question, as values: what is stored, graded and rendered.

    - mcq: `facts` = (the asked fact,), `options` = the four values, `answer` = the index of
      the true one.
    - truefalse: `facts` = (the fact,), `options` = (the value put into the statement,),
      `answer` = TRUE (0) or FALSE (1), indexing the rendered options [True, False].
    - ordering: `facts` and `options` (their dates) in the order shown; `answer` = the
      chronological order as indices into them.
    - flashcard: `facts` = (the fact,), `options` = (its true value,), `answer` = 0.
    """

    kind: QuestionKind
    facts: tuple[str, ...]
    options: tuple[Value, ...]
    answer: int | tuple[int, ...]
    difficulty: float

    def __post_init__(self) -> None:
        """A question is consistent or does not exist: grading relies on it."""
        n = len(self.options)
        match self.kind:
            case QuestionKind.ORDERING:
                ok = (
                    isinstance(self.answer, tuple)
                    and sorted(self.answer) == list(range(n))
                    and len(self.facts) == n
                    and n in ORDERING_SIZES
                )
            case QuestionKind.MCQ:
                ok = isinstance(self.answer, int) and 0 <= self.answer < n and len(self.facts) == 1
            case QuestionKind.TRUEFALSE:
                ok = self.answer in (TRUE, FALSE) and n == 1 and len(self.facts) == 1
            case _:
                ok = self.answer == 0 and n == 1 and len(self.facts) == 1
        indices = self.answer if isinstance(self.answer, tuple) else (self.answer,)
        ok = ok and all(type(i) is int for i in indices)
        ok = ok and all(isinstance(f, str) for f in self.facts) and 0 <= self.difficulty <= 1
        if not ok:
            raise ValueError(f"inconsistent {self.kind} question: {self!r}")

    @property
    def choice_count(self) -> int:
        """How many options the learner picks from (true/false: 2)."""
        return 2 if self.kind == QuestionKind.TRUEFALSE else len(self.options)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "facts": list(self.facts),
            "options": [_value_to_json(v) for v in self.options],
            "answer": list(self.answer) if isinstance(self.answer, tuple) else self.answer,
            "difficulty": self.difficulty,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Question:
        """The question `to_json` gave; ValueError on anything else."""
        try:
            answer = data["answer"]
            return cls(
                kind=QuestionKind(data["kind"]),
                facts=tuple(data["facts"]),
                options=tuple(_value_from_json(v) for v in data["options"]),
                answer=tuple(answer) if isinstance(answer, list) else answer,
                difficulty=float(data["difficulty"]),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a stored question: {error!r}") from error


@dataclass(frozen=True, slots=True)
class Back:
    """What is shown after answering, and on a flashcard's back."""

    answer: str  # the true value as it reads (ordering: the events in order, with their dates)
    statement: str  # the fact's statement with its true value
    explanation: str
    source: str


@dataclass(frozen=True, slots=True)
class Rendered:
    """A question as shown in one language."""

    kind: QuestionKind
    lang: str
    prompt: str
    options: list[str]
    answer: int | list[int]
    back: Back
    notes: list[str]  # ordering: each shown event's date, to reveal after answering


def render(question: Question, facts: Mapping[str, FactData], lang: str) -> Rendered:
    """The question in `lang` ("ar" or "en"); `facts` maps slugs to facts (a FactPool will do)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    if question.kind == QuestionKind.ORDERING:
        return _render_ordering(question, facts, lang)
    fact = facts[question.facts[0]]
    back = _back(fact, lang)
    match question.kind:
        case QuestionKind.MCQ:
            prompt = fact.stem[lang]
            options = [value_text(v, fact, lang) for v in question.options]
        case QuestionKind.TRUEFALSE:
            prompt = statement_with(fact, question.options[0], lang)
            options = list(TRUE_FALSE_WORDS[lang])
        case QuestionKind.FLASHCARD:
            prompt = fact.stem[lang] or fact.statement[lang]
            options = [back.answer]
    assert isinstance(question.answer, int)
    return Rendered(question.kind, lang, prompt, options, question.answer, back, [])


def _back(fact: FactData, lang: str) -> Back:
    true = fact_value(fact)
    statement = statement_with(fact, true, lang)
    answer = statement if fact.kind == Kind.STATEMENT else value_text(true, fact, lang)
    return Back(answer, statement, fact.explanation[lang], fact.citation[lang])


def _render_ordering(question: Question, facts: Mapping[str, FactData], lang: str) -> Rendered:
    events = [facts[slug] for slug in question.facts]
    labels = [e.label[lang] if e.label else e.slug for e in events]
    dates = [v.text(lang) if isinstance(v, DateValue) else "" for v in question.options]
    assert isinstance(question.answer, tuple)
    in_order = LIST_SEPARATOR[lang].join(f"{labels[i]} ({dates[i]})" for i in question.answer)
    sources = _grouped_citations([events[i] for i in question.answer], lang)
    return Rendered(
        question.kind,
        lang,
        ORDERING_PROMPT[lang],
        labels,
        list(question.answer),
        Back(in_order, "", "", sources),
        dates,
    )


def _grouped_citations(events: Sequence[FactData], lang: str) -> str:
    """One citation per document, naming all its paragraphs: "<document>, paragraphs 3, 10
    and 12"; documents in the order their first event comes."""
    paragraphs: dict[str, list[int]] = {}
    for event in events:
        paragraphs.setdefault(event.document[lang], []).append(event.paragraph)
    return LIST_SEPARATOR[lang].join(
        format_citation(document, numbers, lang) for document, numbers in paragraphs.items()
    )


# --- distractor candidates ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    value: Value
    keys: tuple[str, str]  # as rendered in ar and en, casefolded
    position: float  # log of the number, or the date's first day as an ordinal
    span: tuple[dt.date, dt.date] | None  # dates only
    closeness: float  # to the true value, 0..1
    source: str  # the slug of the fact it came from; "" for a variation
    rest: float | None = None  # exact percentages: log of what is left (100 - x)


@dataclass(frozen=True, slots=True)
class Distractors:
    """A fact's good distractors, computed once per pool, each side in two tiers drawn in turn.

    Quantities and dates keep the two sides apart (below/earlier, above/later) so the answer's
    rank among the options can be drawn uniformly; their tiers are (other facts' values,
    variations). Entity names have no side: all `below`, tiered (same topic, other topics).
    """

    true: _Candidate
    below: tuple[tuple[_Candidate, ...], tuple[_Candidate, ...]]
    above: tuple[tuple[_Candidate, ...], tuple[_Candidate, ...]]
    ordered: bool
    mcq_blocker: str  # why no multiple-choice question can be made; "" when one can
    ranks: tuple[int, ...] = ()  # ordered: how many distractors can lie below the answer

    @property
    def all(self) -> tuple[_Candidate, ...]:
        return self.below[0] + self.above[0] + self.below[1] + self.above[1]

    @property
    def from_facts(self) -> tuple[_Candidate, ...]:
        return tuple(c for c in self.all if c.source)


def _canon(number: Decimal) -> Decimal:
    """One spelling per number: 25000.0000 -> 25000, 0.2000 -> 0.2."""
    number = number.normalize()
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return number.quantize(Decimal(1)) if exponent > 0 else number


def _mantissa(number: Decimal) -> tuple[int, int]:
    """number = m * 10**e with m an integer without trailing zeros."""
    _, digits, exponent = number.normalize().as_tuple()
    assert isinstance(exponent, int)
    return int("".join(map(str, digits))), exponent


def _keys(texts: Iterable[str]) -> tuple[str, str]:
    ar, en = (" ".join(t.split()).casefold() for t in texts)
    return ar, en


def _apart(a: _Candidate, b: _Candidate, min_log_gap: float) -> bool:
    """Two options a learner can tell apart: different in both languages, not too close."""
    if a.keys[0] == b.keys[0] or a.keys[1] == b.keys[1]:
        return False
    if a.span is not None and b.span is not None:
        return spans_ordered(a.span, b.span)
    if isinstance(a.value, Decimal):
        if a.rest is not None and b.rest is not None and abs(a.rest - b.rest) >= min_log_gap:
            return True  # 90% and 95%: 10% left against 5%
        return abs(a.position - b.position) >= min_log_gap
    return True


def _number_closeness(x: Decimal, true: Decimal) -> float:
    return max(0.0, 1.0 - abs(math.log(float(x / true))) / CLOSE_RATIO)


def _days_closeness(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> float:
    days = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return max(0.0, 1.0 - math.log1p(days) / FAR_DAYS)


Window = tuple[float, float] | None  # the values allowed on one side of the true value


def _windows(
    true: Decimal, qualifier: Qualifier, outer: float, *, percent: bool = False
) -> tuple[Window, Window]:
    """(low, high) bounds of the values allowed below and above the true value (None: none).

    An exact percentage is also far enough from the true one when what is left differs by
    the exact ratio (95% for 90%: 5% left against 10%).
    """
    inner = {
        Qualifier.EXACT: EXACT_RATIO,
        Qualifier.ABOUT: ABOUT_RATIO,
    }.get(qualifier, ONE_SIDED_RATIO)
    t = float(true)
    below_top, above_bottom = t / inner, t * inner
    if percent and qualifier == Qualifier.EXACT and t < 100:
        below_top = max(below_top, 100 - (100 - t) * inner)
        above_bottom = min(above_bottom, 100 - (100 - t) / inner)
    below = (t / outer, below_top) if qualifier != Qualifier.MORE_THAN else None
    above = (above_bottom, t * outer) if qualifier != Qualifier.UP_TO else None
    return below, above


def _number_variations(true: Decimal, unit_code: str, window: tuple[float, float]) -> list[Decimal]:
    """Values as round as `true` within `window`: the same significant digits, or half steps."""
    m, e = _mantissa(true)
    digits = len(str(m))
    # (mantissas, exponent offset): value = mantissa * 10 ** (e + offset)
    families: list[tuple[Sequence[int], int]]
    if digits == 1:  # 20 -> 10, 30, 40 and the half steps 15, 25 (90% -> 70%, 75%, 80%)
        families = [(range(1, 10), 0), (range(15, 100, 10), -1)]
    elif m % 5 == 0:  # 25, 75: multiples of five (20,000 and 35,000 for 25,000)
        families = [(range(10 ** (digits - 1), 10**digits, 5), 0)]
    else:  # 67, 77: no trailing 0 or 5 (58, 72; 5.2 million, 9.1 million)
        plain = [x for x in range(10 ** (digits - 1), 10**digits) if x % 5]
        families = [(plain[:: max(1, len(plain) // 200)], 0)]  # a spread sample is plenty
    smallest_exponent = min(e, 0) if true != true.to_integral_value() else 0
    low, high = window
    found: set[Decimal] = set()
    for shifts in ((0,), (-1, 1)):  # the same magnitude first; its neighbours if it is bare
        for shift in shifts:
            for mantissas, offset in families:
                k = e + offset + shift
                if k < smallest_exponent:
                    continue
                scale = Decimal(10) ** k
                lo = math.ceil(low / float(scale) - 1e-9)
                hi = math.floor(high / float(scale) + 1e-9)
                found.update(_canon(x * scale) for x in mantissas if lo <= x <= hi)
        if len(found) >= 2:
            break
    return sorted(x for x in found if _possible_number(x, unit_code) and low <= float(x) <= high)


def _possible_number(x: Decimal, unit_code: str) -> bool:
    unit = UNITS[unit_code]
    if x <= 0 or (unit.integral and x != x.to_integral_value()):
        return False
    if unit.style == UnitStyle.PERCENT and x > 100:
        return False
    if unit.style in (UnitStyle.DURATION_DAYS, UnitStyle.DURATION_YEARS):
        return x == x.to_integral_value()
    if unit.style == UnitStyle.FRACTION:
        return fraction_key(x) in FRACTIONS
    return x <= UNIT_MAX.get(unit_code, x)


def _widen(
    sides: tuple[Window, Window], how: Callable[[tuple[float, float]], tuple[float, float]]
) -> tuple[Window, Window]:
    below, above = sides
    return (how(below) if below else None, how(above) if above else None)


def _in(window: Window, x: Decimal) -> bool:
    return window is not None and window[0] <= float(x) <= window[1]


def _quantity_distractors(fact: FactData, pool: FactPool) -> Distractors:
    true = fact_value(fact)
    assert isinstance(true, Decimal)

    qualifier = Qualifier(fact.qualifier)
    percent = UNITS[fact.unit].style == UnitStyle.PERCENT
    exact_percent = percent and qualifier == Qualifier.EXACT

    def candidate(x: Decimal, source: str) -> _Candidate:
        keys = _keys(format_quantity(x, fact.unit, fact.qualifier, lang) for lang in LANGS)
        closeness = _number_closeness(x, true)
        rest = math.log(float(100 - x)) if exact_percent and x < 100 else None
        return _Candidate(x, keys, math.log(float(x)), None, closeness, source, rest)

    def possible(x: Decimal) -> bool:
        # "fell by 100%", "still held 100%": all or nothing, a claim of another kind
        return _possible_number(x, fact.unit) and not (percent and x >= 100 > true)

    true_c = candidate(true, fact.slug)
    one_sided = qualifier in (Qualifier.MORE_THAN, Qualifier.UP_TO)
    outer = ONE_SIDED_WINDOW if one_sided else WINDOW
    sides = _windows(true, qualifier, outer, percent=percent)
    far_sides = _windows(true, qualifier, outer * OTHER_FACT_WINDOW / WINDOW, percent=percent)
    variations: list[Decimal] = []
    if UNITS[fact.unit].style == UnitStyle.FRACTION:  # any other share on the allowed side
        sides = far_sides = _widen(sides, lambda w: (w[0] / 10, w[1] * 10))
        variations = [_canon(k) for k in FRACTIONS]
    elif true == true.to_integral_value() and true <= 10:  # 2 -> 1, 3, 4, 5, 6
        sides = far_sides = _widen(sides, lambda w: (w[0], max(w[1], float(true) + 4)))
        top = max(w[1] for w in sides if w)
        variations = [Decimal(n) for n in range(1, math.floor(top) + 1)]
    else:
        for window in sides:
            variations += _number_variations(true, fact.unit, window) if window else []
    seen = _Seen(true_c)
    for mate in pool.group_mates(fact):  # a figure of the same list or event lends nothing
        if mate.kind == Kind.QUANTITY and mate.unit == fact.unit and mate.number is not None:
            seen.add(candidate(_canon(mate.number), "").keys)
    found: list[_Candidate] = []
    for other in pool.by_unit.get(fact.unit, ()):
        if other.number is None or not _other_allowed(fact, other):
            continue
        x = _canon(other.number)
        if any(_in(w, x) for w in far_sides) and possible(x):
            found.append(candidate(x, other.slug))
    found += [candidate(x, "") for x in variations if any(_in(w, x) for w in sides) and possible(x)]
    found = _unique(found, seen)
    return _sided(true_c, found, one_sided=one_sided, qualifier=qualifier.value)


def _other_allowed(fact: FactData, other: FactData) -> bool:
    return other.slug != fact.slug and not (fact.group and other.group == fact.group)


class _Seen:
    """What options already read like, in each language."""

    def __init__(self, *candidates: _Candidate) -> None:
        self.texts: tuple[set[str], set[str]] = (set(), set())
        for c in candidates:
            self.add(c.keys)

    def add(self, keys: tuple[str, str]) -> None:
        self.texts[0].add(keys[0])
        self.texts[1].add(keys[1])

    def __contains__(self, keys: tuple[str, str]) -> bool:
        return keys[0] in self.texts[0] or keys[1] in self.texts[1]


def _unique(found: list[_Candidate], seen: _Seen) -> list[_Candidate]:
    """Drop candidates that read like the true value or an earlier candidate in either language."""
    kept = []
    for c in found:
        if c.keys not in seen:
            seen.add(c.keys)
            kept.append(c)
    return kept


def _min_gap(true: _Candidate) -> float:
    return math.log(EXACT_RATIO) if isinstance(true.value, Decimal) else 0.0


def _sided(
    true: _Candidate, found: list[_Candidate], *, one_sided: bool, qualifier: str = ""
) -> Distractors:
    def split(side: list[_Candidate]) -> tuple[tuple[_Candidate, ...], tuple[_Candidate, ...]]:
        return tuple(c for c in side if c.source), tuple(c for c in side if not c.source)

    below = split([c for c in found if c.position < true.position])
    above = split([c for c in found if c.position > true.position])
    draft = Distractors(true, below, above, True, "")
    ranks = tuple(r for r in range(CHOICES) if _at_rank(draft, r, None) is not None)
    if one_sided:
        blocker = f"one-sided ({qualifier}): the answer would always be the extreme option"
    elif not ranks:
        blocker = f"only {_max_apart(draft)} good distractor(s)"
    elif len(ranks) == 1:  # one year: 2, 3 and 4 years only, the answer always the smallest
        side = "lowest" if ranks[0] == 0 else "highest"
        blocker = f"no room on one side: the answer would always be the {side} option"
    else:
        blocker = ""
    return Distractors(true, below, above, True, blocker, ranks)


def _at_rank(d: Distractors, rank: int, rng: random.Random | None) -> list[_Candidate] | None:
    """Three distractors apart from the answer and each other, `rank` of them below it."""
    chosen = [d.true]
    gap = _min_gap(d.true)
    if _fill(d.below, rank, chosen, gap, rng) and _fill(
        d.above, CHOICES - 1 - rank, chosen, gap, rng
    ):
        return chosen[1:]
    return None


def _max_apart(d: Distractors) -> int:
    chosen = [d.true]
    for c in d.all:
        if all(_apart(c, o, _min_gap(d.true)) for o in chosen):
            chosen.append(c)
    return len(chosen) - 1


def _add_months(day: dt.date, months: int) -> dt.date | None:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    month += 1
    if day.day > calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day.day)


def _date_shifts(value: DateValue) -> Iterator[DateValue]:
    """Copies of the date moved by whole years, months or days, at the same precision."""
    length = (value.end - value.start).days if value.end else 0
    month_length = (
        (value.end.year - value.start.year) * 12 + value.end.month - value.start.month
        if value.end
        else 0
    )
    match value.precision:
        case Precision.YEAR:
            month_shifts = [12 * n for n in range(-8, 9) if n]
            day_shifts: list[int] = []
        case Precision.MONTH:
            month_shifts = [n for n in range(-30, 31) if n]
            day_shifts = []
        case _:
            month_shifts = [n for n in range(-12, 13) if n] + [12 * n for n in (-3, -2, 2, 3)]
            day_shifts = [n for n in range(-27, 28) if abs(n) >= 2]
    for months in month_shifts:
        start = _add_months(value.start, months)
        if start is None:
            continue
        end = _add_months(start, month_length) if value.end else None
        if value.end and (end is None or value.precision == Precision.DAY):
            end = start + dt.timedelta(days=length)
        yield DateValue(start, end, value.precision)
    for days in day_shifts:
        start = value.start + dt.timedelta(days=days)
        end = start + dt.timedelta(days=length) if value.end else None
        yield DateValue(start, end, value.precision)


_SINCE_RE = re.compile(r"(\bsince|منذ|اعتبارًا من|اعتبارا من)\s+\{value\}")
_COARSENESS = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _named_years(fact: FactData) -> set[int]:
    """Years written in the fact's statement and stem (up to its as-of year: not 2462)."""
    texts = [t.get(lang, "") for t in (fact.statement, fact.stem) for lang in LANGS]
    years = {int(y) for text in texts for y in _YEAR_RE.findall(text)}
    return {y for y in years if y <= fact.as_of.year}


def _since(fact: FactData) -> bool:
    """A statement that reads "since {value}": any later date would make it true as well."""
    return any(_SINCE_RE.search(fact.statement.get(lang, "")) for lang in LANGS)


def _date_distractors(fact: FactData, pool: FactPool) -> Distractors:
    true = fact_value(fact)
    assert isinstance(true, DateValue)
    true_span = true.span()
    # Nothing after the as-of date, compared at the coarser of the two precisions: a 2019
    # option is possible for a fact as of November 2019, "30 November – 1 December" is not.
    coarser = min(Precision(fact.as_of_precision), true.precision, key=_COARSENESS.__getitem__)
    latest = period_end(fact.as_of, coarser)
    since = _since(fact)
    # A year the sentence itself names bounds the options on its side: "in {value} Daesh held
    # 2% of what it held in 2014" makes 2014 and every year before it absurd.
    named = _named_years(fact)
    after = max((y for y in named if y < true.start.year), default=None)
    before = min((y for y in named if y > true_span[1].year), default=None)

    def one_month(v: DateValue) -> bool:
        return v.end is None or (v.start.year, v.start.month) == (v.end.year, v.end.month)

    def candidate(v: DateValue, source: str) -> _Candidate:
        keys = _keys(v.text(lang) for lang in LANGS)
        span = v.span()
        closeness = _days_closeness(span, true_span)
        return _Candidate(v, keys, float(v.start.toordinal()), span, closeness, source)

    def possible(v: DateValue) -> bool:
        span = v.span()
        return (
            v.start >= ERA_START
            and span[1] <= latest
            and spans_ordered(span, true_span)
            and abs(v.start.year - true.start.year) <= 15
            and one_month(v) == one_month(true)  # "7–8 November", never "30 November – 1 …"
            and not (since and span[0] > true_span[1])
            and (after is None or span[0].year > after)
            and (before is None or span[1].year < before)
        )

    found = []
    for other in pool.by_date_shape.get((true.precision, true.end is not None), ()):
        value = fact_value(other)
        if _other_allowed(fact, other) and isinstance(value, DateValue) and possible(value):
            found.append(candidate(value, other.slug))
    found += [candidate(v, "") for v in _date_shifts(true) if possible(v)]
    true_c = candidate(true, fact.slug)
    seen = _Seen(true_c)
    for mate in pool.group_mates(fact):
        if mate.kind == Kind.DATE:
            value = fact_value(mate)
            assert isinstance(value, DateValue)
            seen.add(candidate(value, "").keys)
    return _sided(true_c, _unique(found, seen), one_sided=since, qualifier="since")


def _entity_distractors(fact: FactData, pool: FactPool) -> Distractors:
    true = fact_value(fact)
    assert isinstance(true, EntityValue)

    def candidate(v: EntityValue, topic: str) -> _Candidate:
        closeness = 0.6 if topic == fact.topic else 0.4
        return _Candidate(v, _keys((v.ar, v.en)), 0.0, None, closeness, v.slug)

    true_c = candidate(true, fact.topic)
    others = pool.by_entity_type.get(fact.entity_type, ()) if fact.entity_type else ()
    found = []
    for other in others:
        value = fact_value(other)
        if _other_allowed(fact, other) and isinstance(value, EntityValue):
            found.append(candidate(value, other.topic))
    # A name of the fact's own list is never a distractor, whichever fact lends it: "Paris"
    # (the Christchurch Call) is no distractor for a list of attacked cities that holds Paris.
    seen = _Seen(true_c)
    for mate in pool.group_mates(fact):
        if mate.kind == Kind.ENTITY and mate.answer:
            seen.add(_keys(mate.answer[lang] for lang in LANGS))
    kept = _unique(found, seen)
    blocker = "" if len(kept) >= CHOICES - 1 else f"only {len(kept)} good distractor(s)"
    # Names from the same topic first: the confusions a learner of that topic can make.
    same_topic = tuple(c for c in kept if c.closeness > 0.5)
    other_topics = tuple(c for c in kept if c.closeness <= 0.5)
    return Distractors(true_c, (same_topic, other_topics), ((), ()), False, blocker)


# --- the pool ---------------------------------------------------------------------------------


class FactPool(Mapping[str, FactData]):
    """The fact base indexed for question generation; build once, reuse for every question.

    A Mapping from slug to fact, so it can be passed to `render` too. Facts are kept in slug
    order, so the same seed gives the same questions whatever order the facts came in.
    """

    def __init__(self, facts: Iterable[FactData]) -> None:
        self.facts: tuple[FactData, ...] = tuple(sorted(facts, key=lambda f: f.slug))
        self._by_slug = {f.slug: f for f in self.facts}
        if len(self._by_slug) != len(self.facts):
            raise ValueError("two facts share a slug")
        self.by_unit: dict[str, list[FactData]] = {}
        self.by_date_shape: dict[tuple[Precision, bool], list[FactData]] = {}
        self.by_entity_type: dict[str, list[FactData]] = {}
        self._by_group: dict[str, list[FactData]] = {}
        for f in self.facts:
            if f.group:
                self._by_group.setdefault(f.group, []).append(f)
            if f.kind == Kind.QUANTITY:
                self.by_unit.setdefault(f.unit, []).append(f)
            elif f.kind == Kind.DATE:
                v = fact_value(f)
                assert isinstance(v, DateValue)
                self.by_date_shape.setdefault((v.precision, v.end is not None), []).append(f)
            elif f.kind == Kind.ENTITY and f.entity_type:
                self.by_entity_type.setdefault(f.entity_type, []).append(f)
        self.events: tuple[FactData, ...] = tuple(
            f
            for f in self.facts
            if f.kind == Kind.DATE and f.label and all(f.label.get(lang) for lang in LANGS)
        )
        self._event_index = {e.slug: i for i, e in enumerate(self.events)}
        self._spans = [_event_span(e) for e in self.events]
        labels = [_keys(e.label[lang] for lang in LANGS) for e in self.events if e.label]
        self._compatible: list[frozenset[int]] = [
            frozenset(
                j
                for j in range(len(self.events))
                if j != i
                and spans_ordered(self._spans[i], self._spans[j])
                and not (self.events[i].group and self.events[i].group == self.events[j].group)
                and labels[i][0] != labels[j][0]
                and labels[i][1] != labels[j][1]
            )
            for i in range(len(self.events))
        ]
        self._distractors: dict[str, Distractors] = {}

    def __getitem__(self, slug: str) -> FactData:
        return self._by_slug[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_slug)

    def __len__(self) -> int:
        return len(self._by_slug)

    def group_mates(self, fact: FactData) -> list[FactData]:
        """The other facts of the fact's list or event."""
        if not fact.group:
            return []
        return [f for f in self._by_group.get(fact.group, ()) if f.slug != fact.slug]

    def distractors(self, fact: FactData) -> Distractors:
        """The fact's good distractors (cached for the pool's own facts)."""
        own = self._by_slug.get(fact.slug)
        mine = own is fact or own == fact
        cached = self._distractors.get(fact.slug) if mine else None
        if cached is not None:
            return cached
        match fact.kind:
            case Kind.QUANTITY:
                found = _quantity_distractors(fact, self)
            case Kind.DATE:
                found = _date_distractors(fact, self)
            case Kind.ENTITY:
                found = _entity_distractors(fact, self)
            case _:
                raise ValueError(f"a {fact.kind} fact has no distractors")
        if mine:
            self._distractors[fact.slug] = found
        return found

    def mcq_blocker(self, fact: FactData) -> str:
        """Why `fact` cannot be asked as multiple choice; "" when it can."""
        if fact.kind == Kind.STATEMENT:
            return "a statement fact is asked as true/false"
        return self.distractors(fact).mcq_blocker

    def truefalse_blocker(self, fact: FactData) -> str:
        """Why a true/false question about `fact` could only ever be shown true; "" otherwise.

        A question whose answer is always "True" teaches the learner to press True, not the fact.
        """
        if fact.kind == Kind.STATEMENT:
            return "" if fact.false_statement else "a statement without a false counterpart"
        if not all("{value}" in fact.statement[lang] for lang in LANGS):
            return "a statement without a place for a value"
        return "" if self.distractors(fact).all else "no distractor to put in its place"

    def orderable(self, fact: FactData) -> bool:
        """True when the fact is an event that some ordering question can include."""
        i = self._event_index.get(fact.slug)
        return i is not None and any(
            self._compatible[i] & self._compatible[j] for j in self._compatible[i]
        )

    def _grow(
        self, start: int, size: int, difficulty: float | None, rng: random.Random
    ) -> list[int]:
        """Events that can all be ordered together, grown from `start` (at most `size`)."""
        chosen = [start]
        candidates = self._compatible[start]
        # The gap to its nearest neighbour each new event should have, on the log scale of
        # `_days_closeness`: difficulty 0 -> ten years, 0.5 -> two months, 1 -> none.
        target = None if difficulty is None else (1 - difficulty) * FAR_DAYS
        while len(chosen) < size and candidates:
            # Keep to events that leave enough partners to reach the size (or at least three).
            viable: list[int] = []
            for need in (size - len(chosen) - 1, ORDERING_SIZES.start - len(chosen) - 1):
                viable = [
                    j for j in sorted(candidates) if len(candidates & self._compatible[j]) >= need
                ]
                if viable:
                    break
            if not viable:
                break
            if target is not None:
                viable.sort(key=lambda j: abs(math.log1p(self._nearest_gap(j, chosen)) - target))
                viable = viable[:2]  # the best two, for variety
            pick = viable[rng.randrange(len(viable))]
            chosen.append(pick)
            candidates = candidates & self._compatible[pick]
        return chosen

    def _nearest_gap(self, j: int, chosen: Iterable[int]) -> int:
        """Days between event j and the nearest of `chosen`."""
        a = self._spans[j]
        return min(
            max((a[0] - self._spans[i][1]).days, (self._spans[i][0] - a[1]).days) for i in chosen
        )


def _event_span(fact: FactData) -> tuple[dt.date, dt.date]:
    assert fact.date_start is not None and fact.precision is not None
    return date_span(fact.date_start, fact.date_end, fact.precision)


def _as_pool(pool: FactPool | Iterable[FactData]) -> FactPool:
    return pool if isinstance(pool, FactPool) else FactPool(pool)


# --- generators -------------------------------------------------------------------------------


def _choose(d: Distractors, rng: random.Random | None) -> list[_Candidate] | None:
    """Three distractors apart from the answer and each other (rng None: the first that fit)."""
    if not d.ordered:  # names have no side: all of them are `below`
        return _at_rank(d, CHOICES - 1, rng)
    ranks = list(d.ranks)
    if rng is not None:
        rng.shuffle(ranks)  # the answer's rank among the options: uniform over what is possible
    for r in ranks:
        if (picked := _at_rank(d, r, rng)) is not None:
            return picked
    return None


def _fill(
    groups: tuple[tuple[_Candidate, ...], ...],
    n: int,
    chosen: list[_Candidate],
    gap: float,
    rng: random.Random | None,
) -> bool:
    """Add n candidates to `chosen`, from the first group (other facts) before the next."""
    need = n
    for group in groups:
        if need == 0:
            break
        for c in _draw_order(group, rng):
            if all(_apart(c, o, gap) for o in chosen):
                chosen.append(c)
                need -= 1
                if need == 0:
                    break
    return need == 0


def _draw_order(group: Sequence[_Candidate], rng: random.Random | None) -> Iterator[_Candidate]:
    """Candidates in random order; for long lists a few random draws, then a scan."""
    if rng is None:
        yield from group
        return
    if len(group) <= 16:
        order = list(group)
        rng.shuffle(order)
        yield from order
        return
    for _ in range(12):
        yield group[rng.randrange(len(group))]
    start = rng.randrange(len(group))
    for i in range(len(group)):
        yield group[(start + i) % len(group)]


def make_mcq(
    fact: FactData, pool: FactPool | Iterable[FactData], rng: random.Random
) -> Question | None:
    """Four options, one correct; None when the fact has fewer than three good distractors."""
    if fact.kind not in (Kind.QUANTITY, Kind.DATE, Kind.ENTITY):
        return None
    d = _as_pool(pool).distractors(fact)
    if d.mcq_blocker:
        return None
    picked = _choose(d, rng) or _choose(d, None)
    assert picked is not None
    options = [d.true, *picked]
    rng.shuffle(options)
    return Question(
        QuestionKind.MCQ,
        (fact.slug,),
        tuple(c.value for c in options),
        options.index(d.true),
        round(max(c.closeness for c in picked), 3),
    )


def make_truefalse(
    fact: FactData, pool: FactPool | Iterable[FactData], rng: random.Random
) -> Question:
    """The fact's statement with its true value or, half of the time, a distractor in place."""
    shown: Value
    if fact.kind == Kind.STATEMENT:
        shown = fact.false_statement is None or rng.random() < 0.5
        return Question(
            QuestionKind.TRUEFALSE, (fact.slug,), (shown,), TRUE if shown else FALSE, 0.5
        )
    pool = _as_pool(pool)
    d = pool.distractors(fact)
    candidates = () if pool.truefalse_blocker(fact) else d.all
    if not candidates or rng.random() < 0.5:
        return Question(QuestionKind.TRUEFALSE, (fact.slug,), (d.true.value,), TRUE, 0.5)
    from_facts = d.from_facts
    pick = rng.choice(from_facts if from_facts and rng.random() < 0.5 else candidates)
    return Question(
        QuestionKind.TRUEFALSE, (fact.slug,), (pick.value,), FALSE, round(pick.closeness, 3)
    )


def make_flashcard(fact: FactData) -> Question:
    """Front: the stem; back: the answer, the explanation and the source."""
    return Question(QuestionKind.FLASHCARD, (fact.slug,), (fact_value(fact),), 0, 0.5)


def make_ordering(
    pool: FactPool | Iterable[FactData],
    rng: random.Random,
    *,
    size: int | None = None,
    difficulty: float | None = None,
    include: FactData | None = None,
) -> Question | None:
    """3 to 5 events whose dates decide their order; None when the fact base has too few.

    `size` fixes the number of events (else 3 to 5 at random); `difficulty` 0 draws events far
    apart, 1 close together (None: any); `include` puts that event in the question.
    """
    pool = _as_pool(pool)
    if size is not None and size not in ORDERING_SIZES:
        raise ValueError(f"an ordering question has 3 to 5 events, not {size}")
    if difficulty is not None and not 0 <= difficulty <= 1:
        raise ValueError(f"difficulty is between 0 and 1, not {difficulty}")
    if not pool.events:
        return None
    wanted = size or rng.choice(ORDERING_SIZES)
    if include is not None:
        first = pool._event_index.get(include.slug)
        if first is None:
            return None
        starts = [first] * 4
    else:
        starts = [rng.randrange(len(pool.events)) for _ in range(6)]
    best: list[int] = []
    for start in starts:
        chosen = pool._grow(start, wanted, difficulty, rng)
        if len(chosen) > len(best):
            best = chosen
        if len(best) == wanted:
            break
    if len(best) < (size or ORDERING_SIZES.start):
        return None
    chronological = sorted(best, key=lambda i: pool._spans[i])
    shown = list(best)
    rng.shuffle(shown)
    while shown == chronological:  # never hand out the answer as the starting order
        rng.shuffle(shown)
    pairs = itertools.pairwise(chronological)
    closeness = max(_days_closeness(pool._spans[a], pool._spans[b]) for a, b in pairs)
    return Question(
        QuestionKind.ORDERING,
        tuple(pool.events[i].slug for i in shown),
        tuple(fact_value(pool.events[i]) for i in shown),
        tuple(shown.index(i) for i in chronological),
        round(closeness, 3),
    )


def make_question(
    kind: QuestionKind | str,
    fact: FactData,
    pool: FactPool | Iterable[FactData],
    rng: random.Random,
) -> Question:
    """A question of `kind` about `fact`, falling back to one the fact can make.

    Multiple choice falls back to true/false when the fact lacks three good distractors;
    ordering (the fact among other events) falls back to multiple choice, then true/false;
    a true/false question that could only be shown true falls back to a flashcard.
    """
    pool = _as_pool(pool)
    match QuestionKind(kind):
        case QuestionKind.MCQ:
            return make_mcq(fact, pool, rng) or make_question(
                QuestionKind.TRUEFALSE, fact, pool, rng
            )
        case QuestionKind.TRUEFALSE:
            if pool.truefalse_blocker(fact):
                return make_flashcard(fact)
            return make_truefalse(fact, pool, rng)
        case QuestionKind.FLASHCARD:
            return make_flashcard(fact)
        case QuestionKind.ORDERING:
            return make_ordering(pool, rng, include=fact) or make_question(
                QuestionKind.MCQ, fact, pool, rng
            )
    raise ValueError(f"unknown question kind {kind!r}")
