"""Distractors of a quantity: other facts' figures of the same unit, then variations of the
true value as round as it, each far enough on the sides its qualifier and wording allow."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from learning.core.questions.distractors import (
    EXACT_RATIO,
    Candidate,
    Distractors,
    Seen,
    number_closeness,
    other_allowed,
    sided,
    text_keys,
    unique,
)
from learning.core.questions.question import canonical, fact_value
from learning.core.values import (
    FRACTIONS,
    LANGS,
    UNITS,
    FactData,
    Kind,
    Qualifier,
    UnitStyle,
    format_quantity,
    fraction_key,
)

if TYPE_CHECKING:
    from learning.core.questions.pool import FactPool

# How far a distractor must be from the true value, as a ratio, by qualifier (exact: EXACT_RATIO).
# A hedged figure's: 1.5, so that no real number is "about" both (within a fifth of each).
HEDGED_RATIO = 1.5
# How far variations may go: same magnitude (hedged figures, further from theirs, a little further).
WINDOW = 2.5
HEDGED_WINDOW = 4.0
OTHER_FACT_WINDOW = 5.0  # other facts' values: further, but not absurd (79 countries, not 5)
UNIT_MAX: dict[str, Decimal] = {"countries": Decimal(193)}  # UN member states


def _mantissa(number: Decimal) -> tuple[int, int]:
    """number = m * 10**e with m an integer without trailing zeros."""
    _, digits, exponent = number.normalize().as_tuple()
    assert isinstance(exponent, int)
    return int("".join(map(str, digits))), exponent


Window = tuple[float, float] | None  # the values allowed on one side of the true value


# A bound ("more than", "up to") read as a bound is true of every value on one side of it:
# "more than 9,000" of a figure "more than 18,000". That side is its open side.
OPEN_SIDE = {Qualifier.MORE_THAN: "below", Qualifier.UP_TO: "above"}

# A stem asking for the figure the document gives, and a statement giving the figure someone
# put on it ("The UK put … at {value}"): read so, another figure is false whatever its side.
_REPORTED_STEM = {
    "en": re.compile(r"\bwhat (?:figure|amount)\b", re.IGNORECASE),
    "ar": re.compile(r"^ما (?:العدد|المبلغ|الرقم) الذي (?:ذكرت|تذكر|قدّرت|قدرت|أعطت)"),
}
_REPORTED_STATEMENT = {
    "en": re.compile(r"\bput\b.* at \{value\}"),
    "ar": re.compile(r"(?:قدّرت|قدرت|تقدّر|تقدر) .* ب\{value\}"),
}


def _reads_reported(fact: FactData) -> tuple[bool, bool]:
    """(the stem asks for the figure given, the statement gives it as a figure put on it),
    each in both languages."""
    stem = all(_REPORTED_STEM[lang].search(fact.stem.get(lang, "")) for lang in LANGS)
    statement = all(
        _REPORTED_STATEMENT[lang].search(fact.statement.get(lang, "")) for lang in LANGS
    )
    return stem, statement


def _windows(
    true: Decimal, qualifier: Qualifier, outer: float, *, percent: bool = False
) -> tuple[Window, Window]:
    """(low, high) bounds of the values allowed below and above the true value.

    An exact percentage is also far enough from the true one when what is left differs by
    the exact ratio (95% for 90%: 5% left against 10%).
    """
    inner = EXACT_RATIO if qualifier == Qualifier.EXACT else HEDGED_RATIO
    t = float(true)
    below_top, above_bottom = t / inner, t * inner
    if percent and qualifier == Qualifier.EXACT and t < 100:
        below_top = max(below_top, 100 - (100 - t) * inner)
        above_bottom = min(above_bottom, 100 - (100 - t) / inner)
    return (t / outer, below_top), (above_bottom, t * outer)


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
                found.update(canonical(x * scale) for x in mantissas if lo <= x <= hi)
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


@dataclass(frozen=True, slots=True)
class _Asked:
    """The quantity asked about: its true value, and how an option of it reads and compares."""

    fact: FactData
    true: Decimal
    qualifier: Qualifier
    percent: bool
    asks_reported: bool  # the stem asks for the figure the document gives
    states_reported: bool  # the statement gives it as the figure someone put on it

    @classmethod
    def of(cls, fact: FactData) -> _Asked:
        true = fact_value(fact)
        assert isinstance(true, Decimal)
        percent = UNITS[fact.unit].style == UnitStyle.PERCENT
        return cls(fact, true, Qualifier(fact.qualifier), percent, *_reads_reported(fact))

    @property
    def open_side(self) -> str:
        return OPEN_SIDE.get(self.qualifier, "")

    @property
    def one_sided(self) -> bool:
        """A bound asked by a stem that does not ask for the figure given: the options may
        only lie on its closed side, and the answer would always be the extreme one."""
        return bool(self.open_side) and not self.asks_reported

    @property
    def truefalse_sides(self) -> tuple[bool, bool]:
        """The sides (below, above) a false statement may show a value on.

        Never a bound's open side; its closed side ("more than 37,000" of "more than 18,000")
        only when the statement gives the figure put on it: read as a bound, the document
        leaves such a value undecided.
        """
        closed = self.states_reported
        match self.open_side:
            case "below":
                return False, closed
            case "above":
                return closed, False
        return True, True

    def decidable(self, x: Decimal) -> bool:
        """`x` in the fact's place reads false by the document in some question that shows it:
        a multiple-choice one if the stem asks for the figure given, else a false statement."""
        if not self.open_side or self.asks_reported:
            return True
        below, above = self.truefalse_sides
        return below if float(x) < float(self.true) else above

    def candidate(self, x: Decimal, source: str) -> Candidate:
        fact = self.fact
        keys = text_keys(format_quantity(x, fact.unit, fact.qualifier, lang) for lang in LANGS)
        exact_percent = self.percent and self.qualifier == Qualifier.EXACT
        rest = math.log(float(100 - x)) if exact_percent and x < 100 else None
        closeness = number_closeness(x, self.true)
        return Candidate(x, keys, math.log(float(x)), None, closeness, source, rest)

    def allows(self, x: Decimal, sides: tuple[Window, Window]) -> bool:
        """`x` lies on an allowed side and is a possible value of the fact's unit."""
        # "fell by 100%", "still held 100%": all or nothing, a claim of another kind
        all_or_nothing = self.percent and x >= 100 > self.true
        return (
            any(_in(w, x) for w in sides)
            and _possible_number(x, self.fact.unit)
            and not all_or_nothing
            and self.decidable(x)
        )


def quantity_distractors(fact: FactData, pool: FactPool) -> Distractors:
    """Other facts' figures of the same unit (reaching further), then variations of the value."""
    asked = _Asked.of(fact)
    true_c = asked.candidate(asked.true, fact.slug)
    sides, far_sides, variations = _sides_and_variations(asked)
    lent = [
        asked.candidate(x, other.slug)
        for other, x in _figures_of_unit(fact, pool)
        if asked.allows(x, far_sides)
    ]
    varied = [asked.candidate(x, "") for x in variations if asked.allows(x, sides)]
    # A figure of the same list or event lends nothing, nor may an option read like it.
    seen = Seen(true_c, *(asked.candidate(x, "") for x in _group_figures(fact, pool)))
    found = unique(lent + varied, seen)
    return sided(
        true_c,
        found,
        one_sided=asked.one_sided,
        qualifier=asked.qualifier.value,
        truefalse_sides=asked.truefalse_sides,
    )


def _sides_and_variations(
    asked: _Asked,
) -> tuple[tuple[Window, Window], tuple[Window, Window], list[Decimal]]:
    """The windows for variations and for other facts' figures, and the variations to try."""
    true = asked.true
    outer = WINDOW if asked.qualifier == Qualifier.EXACT else HEDGED_WINDOW
    sides = _windows(true, asked.qualifier, outer, percent=asked.percent)
    far = _windows(true, asked.qualifier, outer * OTHER_FACT_WINDOW / WINDOW, percent=asked.percent)
    if UNITS[asked.fact.unit].style == UnitStyle.FRACTION:  # any other share on the allowed side
        wide = _widen(sides, lambda w: (w[0] / 10, w[1] * 10))
        return wide, wide, [canonical(k) for k in FRACTIONS]
    if true == true.to_integral_value() and true <= 10:  # 2 -> 1, 3, 4, 5, 6
        wide = _widen(sides, lambda w: (w[0], max(w[1], float(true) + 4)))
        top = max(w[1] for w in wide if w)
        return wide, wide, [Decimal(n) for n in range(1, math.floor(top) + 1)]
    variations = [
        x for window in sides if window for x in _number_variations(true, asked.fact.unit, window)
    ]
    return sides, far, variations


def _figures_of_unit(fact: FactData, pool: FactPool) -> list[tuple[FactData, Decimal]]:
    """The figures other facts of the same unit may lend, with the fact lending each."""
    return [
        (other, canonical(other.number))
        for other in pool.by_unit.get(fact.unit, ())
        if other.number is not None and other_allowed(fact, other)
    ]


def _group_figures(fact: FactData, pool: FactPool) -> list[Decimal]:
    """The figures of the fact's own list or event in its unit."""
    return [
        canonical(mate.number)
        for mate in pool.group_mates(fact)
        if mate.kind == Kind.QUANTITY and mate.unit == fact.unit and mate.number is not None
    ]
