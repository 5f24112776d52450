"""Distractors of a date: other events of the same shape, then shifted copies of the true
date; none impossible (before 2000, after the fact's as-of date, beside a year it names)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from learning.core.questions.distractors import (
    Candidate,
    Distractors,
    Seen,
    days_closeness,
    other_allowed,
    sided,
    text_keys,
    unique,
)
from learning.core.questions.question import DateValue, fact_value
from learning.core.values import LANGS, FactData, Kind, Precision, period_end, spans_ordered

if TYPE_CHECKING:
    from learning.core.questions.pool import FactPool

ERA_START = dt.date(2000, 1, 1)  # no distractor date before this: the fact base starts in 2006


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
    month_shifts, day_shifts = _shift_steps(value.precision)
    for months in month_shifts:
        moved = _moved_by_months(value, months)
        if moved is not None:
            yield moved
    for days in day_shifts:
        yield _moved_by_days(value, days)


def _shift_steps(precision: Precision) -> tuple[list[int], list[int]]:
    """How far a date of `precision` may move: in months (whole years for a year), and days."""
    match precision:
        case Precision.YEAR:
            return [12 * n for n in range(-8, 9) if n], []
        case Precision.MONTH:
            return [n for n in range(-30, 31) if n], []
    months = [n for n in range(-12, 13) if n] + [12 * n for n in (-3, -2, 2, 3)]
    return months, [n for n in range(-27, 28) if abs(n) >= 2]


def _moved_by_months(value: DateValue, months: int) -> DateValue | None:
    """The date `months` later (earlier if negative), a range keeping its length; None when
    its day does not exist in the month it lands in."""
    start = _add_months(value.start, months)
    if start is None:
        return None
    if value.end is None:
        return DateValue(start, None, value.precision)
    month_length = (value.end.year - value.start.year) * 12 + value.end.month - value.start.month
    end = _add_months(start, month_length)
    if end is None or value.precision == Precision.DAY:  # a range of days keeps its days
        end = start + (value.end - value.start)
    return DateValue(start, end, value.precision)


def _moved_by_days(value: DateValue, days: int) -> DateValue:
    start = value.start + dt.timedelta(days=days)
    end = start + (value.end - value.start) if value.end else None
    return DateValue(start, end, value.precision)


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


# A statement saying what still held, or no longer held, at its date describes a state, not an
# event: "in 2018 Daesh no longer controlled more than 2%" stays true in 2019.
_STATE_RE = {
    "en": re.compile(r"\b(?:still|no longer)\b", re.IGNORECASE),
    "ar": re.compile(r"(?:ما زال|ما زالت|مازال|لا يزال|لا تزال|لم يعد|لم تعد)"),
}


def _state(fact: FactData) -> bool:
    """The statement, in either language, describes a state that held from its date on."""
    return any(_STATE_RE[lang].search(fact.statement.get(lang, "")) for lang in LANGS)


def _unit_before(day: dt.date, precision: Precision) -> dt.date:
    """The first day of the year, month or day before the one `day` stands for."""
    match precision:
        case Precision.YEAR:
            return dt.date(day.year - 1, 1, 1)
        case Precision.MONTH:
            return _add_months(day.replace(day=1), -1) or day
    return day - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Asked:
    """The date asked about, and the bounds its options keep."""

    true: DateValue
    true_span: tuple[dt.date, dt.date]
    latest: dt.date  # nothing after the fact's as-of date
    # A state held over a period, from its date to the as-of date at least: no option may
    # reach `period_from` ("since {value}": the date itself; a state reported at its date: the
    # year, month or day before too, since it may have set in a little earlier). None: an event.
    period_from: dt.date | None
    after: int | None  # a year the sentence names before the date: options come later
    before: int | None  # one it names after: options come earlier

    @classmethod
    def of(cls, fact: FactData) -> _Asked:
        true = fact_value(fact)
        assert isinstance(true, DateValue)
        true_span = true.span()
        # Nothing after the as-of date, compared at the coarser of the two precisions: a 2019
        # option is possible for a fact as of November 2019, "30 November – 1 December" is not.
        coarser = min(Precision(fact.as_of_precision), true.precision, key=_COARSENESS.__getitem__)
        # A year the sentence itself names bounds the options on its side: "in {value} Daesh
        # held 2% of what it held in 2014" makes 2014 and every year before it absurd.
        named = _named_years(fact)
        return cls(
            true,
            true_span,
            latest=period_end(fact.as_of, coarser),
            period_from=_period_from(fact, true),
            after=max((y for y in named if y < true.start.year), default=None),
            before=min((y for y in named if y > true_span[1].year), default=None),
        )

    @property
    def state(self) -> bool:
        return self.period_from is not None

    def candidate(self, v: DateValue, source: str) -> Candidate:
        keys = text_keys(v.text(lang) for lang in LANGS)
        span = v.span()
        closeness = days_closeness(span, self.true_span)
        return Candidate(v, keys, float(v.start.toordinal()), span, closeness, source)

    def allows(self, v: DateValue) -> bool:
        span, true, true_span = v.span(), self.true, self.true_span
        return (
            v.start >= ERA_START
            and span[1] <= self.latest
            and spans_ordered(span, true_span)
            and abs(v.start.year - true.start.year) <= 15
            and _one_month(v) == _one_month(true)  # "7–8 November", never "30 November – 1 …"
            and (self.period_from is None or span[1] < self.period_from)
            and (self.after is None or span[0].year > self.after)
            and (self.before is None or span[1].year < self.before)
        )


def _period_from(fact: FactData, true: DateValue) -> dt.date | None:
    """Where the period a state fact holds over begins, as far as options go (None: an event)."""
    if _since(fact):
        return true.start
    if _state(fact):
        return _unit_before(true.start, true.precision)
    return None


def _one_month(v: DateValue) -> bool:
    return v.end is None or (v.start.year, v.start.month) == (v.end.year, v.end.month)


def date_distractors(fact: FactData, pool: FactPool) -> Distractors:
    """Other events' dates of the same shape, then shifted copies of the true date."""
    asked = _Asked.of(fact)
    true = asked.true
    lent = [
        asked.candidate(value, other.slug)
        for other, value in _dates_of_shape(fact, true, pool)
        if asked.allows(value) and _same_basis_step(fact, true, value)
    ]
    shifts = _basis_shifts(true) if fact.basis else _date_shifts(true)
    shifted = [asked.candidate(v, "") for v in shifts if asked.allows(v)]
    true_c = asked.candidate(true, fact.slug)
    # A date of the same list or event is never an option, nor may one read like it.
    seen = Seen(true_c, *(asked.candidate(v, "") for v in _group_dates(fact, pool)))
    # A state's options all come before it: the answer would always be the latest option.
    found = unique(lent + shifted, seen)
    return sided(true_c, found, one_sided=asked.state, qualifier="a state held since its date")


# A date the document counts from its own, unstated date ("exactly one year ago") is asked
# with that basis shown (rendering.py), and the text gives it in whole years before the basis:
# its options are the same day of the year in other years. An option in another month would
# be told apart by its month alone, against the basis's month shown in the question.
BASIS_YEARS = range(1, 5)  # one to four years either way, up to the as-of date


def _same_basis_step(fact: FactData, true: DateValue, value: DateValue) -> bool:
    """For a date counted from a basis, `value` is whole years from the true date."""
    return not fact.basis or (value.start.month, value.start.day) == (
        true.start.month,
        true.start.day,
    )


def _basis_shifts(true: DateValue) -> Iterator[DateValue]:
    """The true date moved by whole years, either way."""
    for years in BASIS_YEARS:
        for months in (-12 * years, 12 * years):
            moved = _moved_by_months(true, months)
            if moved is not None:
                yield moved


def _dates_of_shape(
    fact: FactData, true: DateValue, pool: FactPool
) -> list[tuple[FactData, DateValue]]:
    """Other facts' dates of the same precision and shape (single date or range)."""
    found = []
    for other in pool.by_date_shape.get((true.precision, true.end is not None), ()):
        value = fact_value(other)
        if other_allowed(fact, other) and isinstance(value, DateValue):
            found.append((other, value))
    return found


def _group_dates(fact: FactData, pool: FactPool) -> list[DateValue]:
    """The dates of the fact's own list or event."""
    found = []
    for mate in pool.group_mates(fact):
        if mate.kind == Kind.DATE:
            value = fact_value(mate)
            assert isinstance(value, DateValue)
            found.append(value)
    return found
