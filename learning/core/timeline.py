"""PURE: the event timeline's layout — every dated event on one time axis, marked by a value.

The value is a number in 0..1 or None: a learner's recall probability now (None: never seen),
or the share of a class that remembers the event (None: nobody has seen it). An event sits at
its precision: a year-only event spans its year, a month one its month, a day one is a point —
no day is made up. Positions are fractions of the axis (0 the left edge, 1 the right), already
mirrored for a right-to-left page, where time runs right to left.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from learning.core.values import FactData, Precision, date_span

STRONG = 90  # percent, at or above: remembered well
FAIR = 70  # percent, at or above (and under STRONG): fair; under: weak


class Band(StrEnum):
    """A value's band, drawn each with its own colour and shape."""

    STRONG = "strong"
    FAIR = "fair"
    WEAK = "weak"
    UNSEEN = "unseen"


BANDS = tuple(Band)


def percent(value: float) -> int:
    """A value in 0..1 as the whole percentage shown, rounded half up."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"a timeline value is a share in 0..1, got {value!r}")
    return math.floor(value * 100 + 0.5)


def band(value: float | None) -> Band:
    """The band of a value in 0..1 (None is unseen), decided on the percentage shown, so that
    a mark reading "90%" is never drawn as under 90%."""
    if value is None:
        return Band.UNSEEN
    shown = percent(value)
    if shown >= STRONG:
        return Band.STRONG
    if shown >= FAIR:
        return Band.FAIR
    return Band.WEAK


@dataclass(frozen=True, slots=True)
class Mark:
    """One event placed on the axis, in one lane (row), with its value."""

    fact: FactData
    value: float | None
    band: Band
    start: dt.date  # the first day the event may fall on
    end: dt.date  # the last day (a year-only event: 31 December)
    point: bool  # dated to the day: drawn as a point, not a span
    x: float  # the left edge of its span, a fraction of the axis
    width: float  # the span's width, a fraction of the axis
    lane: int  # 0 the first row

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    @property
    def percent(self) -> int | None:
        return None if self.value is None else percent(self.value)


@dataclass(frozen=True, slots=True)
class Tick:
    """A year on the axis: where it begins (1 January) and the middle of its span."""

    year: int
    x: float
    middle: float


@dataclass(frozen=True, slots=True)
class Layout:
    marks: list[Mark]  # in date order, earliest first
    ticks: list[Tick]  # one per year of the axis, earliest first
    lanes: int
    end_x: float  # where the axis' last year ends (1.0, or 0.0 when mirrored)


def _span(fact: FactData) -> tuple[dt.date, dt.date, Precision]:
    if fact.date_start is None or fact.precision is None:
        raise ValueError(f"fact {fact.slug!r} has no date")
    start, end = date_span(fact.date_start, fact.date_end, fact.precision)
    return start, end, Precision(fact.precision)


def layout(
    facts: Iterable[FactData],
    values: Mapping[str, float | None],
    *,
    rtl: bool = False,
    marker: float = 0.0,
) -> Layout:
    """The dated `facts` on one axis from 1 January of the first year to the end of the last.

    `values` maps a fact's slug to its value (a slug not in it is unseen). `marker` is the width
    of the symbol drawn on each mark, as a fraction of the axis: two marks share a lane only if
    their spans and symbols keep clear of each other.
    """
    dated = sorted(((*_span(f), f) for f in facts), key=lambda e: (e[0], e[1], e[3].slug))
    if not dated:
        return Layout(marks=[], ticks=[], lanes=0, end_x=0.0 if rtl else 1.0)
    first = min(start for start, *_ in dated).year
    last = max(end for _, end, *_ in dated).year
    origin = dt.date(first, 1, 1)
    days = (dt.date(last + 1, 1, 1) - origin).days

    def at(day: dt.date) -> float:
        """Where a day begins on the axis, left to right."""
        return (day - origin).days / days

    def mirrored(left: float, width: float) -> float:
        return 1.0 - left - width if rtl else left

    lane_ends: list[float] = []  # the right end (left to right) of the last mark in each lane
    marks = []
    for start, end, precision, fact in dated:
        left = at(start)
        width = at(end + dt.timedelta(days=1)) - left  # to the end of its last day
        centre = left + width / 2
        low, high = min(left, centre - marker / 2), max(left + width, centre + marker / 2)
        lane = next((n for n, taken in enumerate(lane_ends) if taken < low), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(high)
        else:
            lane_ends[lane] = high
        marks.append(
            Mark(
                fact=fact,
                value=values.get(fact.slug),
                band=band(values.get(fact.slug)),
                start=start,
                end=end,
                point=precision == Precision.DAY,
                x=mirrored(left, width),
                width=width,
                lane=lane,
            )
        )
    ticks = []
    for year in range(first, last + 1):
        left = at(dt.date(year, 1, 1))
        width = at(dt.date(year + 1, 1, 1)) - left
        ticks.append(
            Tick(
                year=year,
                x=1.0 - left if rtl else left,
                middle=mirrored(left, width) + width / 2,
            )
        )
    return Layout(marks=marks, ticks=ticks, lanes=len(lane_ends), end_x=0.0 if rtl else 1.0)
