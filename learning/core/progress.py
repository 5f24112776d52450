"""PURE: a learner's progress in numbers — study days, streaks, forecast, retention, mastery.

Days here are *study days*: a study day begins at 4 a.m. on the learner's wall clock (as Anki's
does, and as Learner.study_day counts them), so an answer at 1 a.m. belongs to the evening
before. Nothing here reads a clock: `today` is passed in.

Chart geometry (bars, heatmap cells) is computed here too, in viewBox units, already mirrored
for a right-to-left page: time runs right to left in Arabic.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

DAY_STARTS_AT = dt.timedelta(hours=4)
MASTERED_STABILITY = 21.0  # days, as Anki calls a card "mature"
FORECAST_DAYS = 30
CALENDAR_WEEKS = 26  # about six months
ACCURACY_WEEKS = 12
REVIEW_STATE = 2  # scheduling.State.REVIEW (kept as a number: this module needs no fsrs)
AGAIN = 1


def study_date(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The study day `moment` falls in, on the learner's wall clock (day starts at 4 a.m.)."""
    if moment.tzinfo is None:
        raise ValueError(f"moment must be timezone-aware, got naive {moment!r}")
    # Aware arithmetic keeps the wall clock: 4 a.m. local, whatever the UTC offset that day.
    return (moment.astimezone(zone) - DAY_STARTS_AT).date()


_EPOCH = dt.date(1970, 1, 1)
_DAY_SECONDS = 86_400
_DAY_STARTS_SECONDS = int(DAY_STARTS_AT.total_seconds())


class StudyClock:
    """`study_date` for many instants given as whole seconds since 1970 (UTC), fast.

    The zone's UTC offset is looked up once per UTC day, not once per answer; a day on which
    it changes (a daylight-saving switch) is worked out answer by answer with `study_date`.
    (Every zone in the tz database changes its offset at most once within a day.) Whole
    seconds are enough: a study day begins on a whole second, so the fraction never crosses one.
    """

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self._offsets: dict[int, int | None] = {}
        self._dates: dict[int, dt.date] = {}

    def day_number(self, seconds: int) -> int:
        """The study day of the instant, as days since 1 January 1970."""
        utc_day = seconds // _DAY_SECONDS
        if utc_day not in self._offsets:
            self._offsets[utc_day] = self._steady_offset(utc_day)
        offset = self._offsets[utc_day]
        if offset is None:
            moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
            return (study_date(moment, self.zone) - _EPOCH).days
        return (seconds + offset - _DAY_STARTS_SECONDS) // _DAY_SECONDS

    def date(self, day_number: int) -> dt.date:
        """The study day `day_number` (from `day_number`) as a date."""
        found = self._dates.get(day_number)
        if found is None:
            found = self._dates[day_number] = _EPOCH + dt.timedelta(days=day_number)
        return found

    def _steady_offset(self, utc_day: int) -> int | None:
        """The zone's offset in seconds throughout the UTC day, or None if it changes."""
        first = dt.datetime.fromtimestamp(utc_day * _DAY_SECONDS, dt.UTC)
        last = first + dt.timedelta(seconds=_DAY_SECONDS - 1)
        before, after = first.astimezone(self.zone), last.astimezone(self.zone)
        if before.utcoffset() != after.utcoffset():
            return None
        offset = before.utcoffset()
        assert offset is not None  # a ZoneInfo always has one
        return int(offset.total_seconds())


# --- streaks ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Streaks:
    current: int
    longest: int


def streaks(days: Iterable[dt.date], *, today: dt.date) -> Streaks:
    """Runs of consecutive study days: the one still alive and the longest ever.

    The current streak is still alive if it ended yesterday: today may not be studied yet.
    """
    studied = set(days)
    longest = 0
    for day in studied:
        if day - dt.timedelta(days=1) in studied:
            continue  # not the start of a run
        length = 1
        while day + dt.timedelta(days=length) in studied:
            length += 1
        longest = max(longest, length)
    end = today if today in studied else today - dt.timedelta(days=1)
    current = 0
    while end - dt.timedelta(days=current) in studied:
        current += 1
    return Streaks(current=current, longest=longest)


# --- the forecast ----------------------------------------------------------------------------


def forecast(
    due_days: Iterable[dt.date], *, today: dt.date, days: int = FORECAST_DAYS
) -> list[int]:
    """Cards falling due on each of the next `days` study days; overdue ones count today."""
    buckets = [0] * days
    for day in due_days:
        offset = max(0, (day - today).days)
        if offset < days:
            buckets[offset] += 1
    return buckets


# --- right or wrong --------------------------------------------------------------------------


def is_right(*, correct: bool | None, rating: int) -> bool:
    """An answer counts as right if graded correct; a flashcard (not graded) if not Again."""
    return rating > AGAIN if correct is None else correct


@dataclass(frozen=True, slots=True)
class Share:
    """`right` of `n`; the rate is None when n is 0."""

    right: int
    n: int

    @property
    def rate(self) -> float | None:
        return self.right / self.n if self.n else None

    @property
    def percent(self) -> int | None:
        """The rate as a whole percentage, rounded half up."""
        rate = self.rate
        return None if rate is None else math.floor(rate * 100 + 0.5)


def true_retention(answers: Counter[tuple[int, bool]]) -> Share:
    """Of the answers given to cards in review, the share right; `answers` counts the answers
    by (state before, right)."""
    right = n = 0
    for (state_before, correct), count in answers.items():
        if state_before == REVIEW_STATE:
            n += count
            right += count if correct else 0
    return Share(right=right, n=n)


@dataclass(frozen=True, slots=True)
class Week:
    start: dt.date  # the first study day of the week
    share: Share


def weekly_accuracy(
    answers: Counter[tuple[dt.date, bool]], *, today: dt.date, weeks: int = ACCURACY_WEEKS
) -> list[Week]:
    """Answers right per week, oldest first: the last week ends today, each is 7 study days.
    `answers` counts the answers by (study day, right)."""
    right: Counter[int] = Counter()
    n: Counter[int] = Counter()
    for (day, correct), count in answers.items():
        ago = (today - day).days // 7
        if 0 <= ago < weeks:
            n[ago] += count
            right[ago] += count if correct else 0
    return [
        Week(
            start=today - dt.timedelta(days=7 * ago + 6),
            share=Share(right=right[ago], n=n[ago]),
        )
        for ago in reversed(range(weeks))
    ]


# --- mastery ---------------------------------------------------------------------------------


class Mastery(StrEnum):
    NOT_SEEN = "not_seen"
    LEARNING = "learning"
    MASTERED = "mastered"


def mastery(*, recall: float | None, stability: float | None, desired_retention: float) -> Mastery:
    """Mastered: recalled now at least as likely as the learner aims for, and stable 21+ days.

    `recall` None is a fact never reviewed.
    """
    if recall is None or stability is None:
        return Mastery.NOT_SEEN
    if recall >= desired_retention and stability >= MASTERED_STABILITY:
        return Mastery.MASTERED
    return Mastery.LEARNING


@dataclass(frozen=True, slots=True)
class TopicCounts:
    facts: int
    learning: int
    mastered: int
    known: float  # estimated facts known now: the sum of recall probabilities

    @property
    def not_seen(self) -> int:
        return self.facts - self.learning - self.mastered


def topic_counts(facts: int, cards: Iterable[tuple[Mastery, float]]) -> TopicCounts:
    """A topic's facts by mastery, from its reviewed cards' (mastery, recall now)."""
    found: Counter[Mastery] = Counter()
    recalls = []
    for level, recall in cards:
        found[level] += 1
        recalls.append(recall)
    return TopicCounts(
        facts=facts,
        learning=found[Mastery.LEARNING],
        mastered=found[Mastery.MASTERED],
        known=math.fsum(recalls),
    )


# --- chart geometry --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    index: int
    value: float
    x: float
    y: float
    width: float
    height: float


def bars(
    values: Sequence[float],
    *,
    width: float,
    height: float,
    rtl: bool,
    maximum: float | None = None,
    gap: float = 0.2,
) -> list[Bar]:
    """One bar per value across `width`, scaled to `height`; the first at the start of the line
    (left, or right when `rtl`). A value of 0 has no height."""
    if not values:
        return []
    top = maximum if maximum is not None else max(values)
    step = width / len(values)
    inner = step * (1 - gap)
    found = []
    for index, value in enumerate(values):
        slot = len(values) - 1 - index if rtl else index
        tall = height * value / top if top > 0 else 0.0
        found.append(
            Bar(
                index=index,
                value=value,
                x=round(slot * step + (step - inner) / 2, 2),
                y=round(height - tall, 2),
                width=round(inner, 2),
                height=round(tall, 2),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class Cell:
    day: dt.date
    count: int
    level: int  # 0 (no study) to 4
    column: int  # week, 0 the oldest, counted from the start of the line
    row: int  # weekday, 0 the first day of the week


def calendar(
    counts: Counter[dt.date], *, today: dt.date, weeks: int = CALENDAR_WEEKS, first_weekday: int = 0
) -> list[Cell]:
    """The last `weeks` weeks (to today) as heatmap cells, a column a week starting on
    `first_weekday` (0 Monday … 6 Sunday). Levels split the busiest day's count in quarters."""
    back = (today.weekday() - first_weekday) % 7
    start = today - dt.timedelta(days=back + 7 * (weeks - 1))
    days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
    busiest = max((counts[d] for d in days), default=0)
    cells = []
    for offset, day in enumerate(days):
        count = counts[day]
        level = 0 if count == 0 else min(4, math.ceil(4 * count / busiest))
        cells.append(Cell(day=day, count=count, level=level, column=offset // 7, row=offset % 7))
    return cells
