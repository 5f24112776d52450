"""PURE: spaced-repetition scheduling, the only importer of fsrs (py-fsrs, FSRS-6).

A card's memory lives in our own columns (due, stability, difficulty, state, step, last
review); this module turns those values into an `fsrs.Card`, asks an `fsrs.Scheduler` what
comes next and hands back new values. No Django import, no clock: `now` is passed in.

Review intervals are fuzzed by default, as in production; tests pass `fuzz=False`. The fuzz is
seeded by the card and its last review (as Anki seeds it by card id and reps), so the due date a
flashcard button previews is the one that answering with it records.

py-fsrs docs: https://open-spaced-repetition.github.io/py-fsrs/
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from functools import lru_cache
from typing import Self

import fsrs
from fsrs.scheduler import FUZZ_RANGES

MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
DEFAULT_RETENTION = 0.90


class Rating(IntEnum):
    """How well the learner recalled a card; same numbers as fsrs.Rating."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class State(IntEnum):
    """Where a card is in its life; same numbers as fsrs.State (a new card is LEARNING)."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True, slots=True)
class Memory:
    """One card's scheduling state, exactly the columns we store."""

    card_id: int
    due: datetime
    stability: float | None
    difficulty: float | None
    state: State
    step: int | None
    last_review: datetime | None

    def __post_init__(self) -> None:
        """Refuse the combinations fsrs would trip over (with an assert) or silently reset."""
        if not _is_aware(self.due):
            raise ValueError(f"Memory.due must be timezone-aware, got {self.due!r}")
        if self.last_review is not None and not _is_aware(self.last_review):
            raise ValueError(f"Memory.last_review must be timezone-aware, got {self.last_review!r}")
        unset = {self.stability is None, self.difficulty is None, self.last_review is None}
        if len(unset) != 1:
            raise ValueError(
                "Memory.stability, difficulty and last_review must be all set or all None"
            )
        if (self.step is None) != (self.state == State.REVIEW):
            raise ValueError(
                f"Memory.step must be None in REVIEW and an int otherwise, "
                f"got state={self.state!r} step={self.step!r}"
            )

    @classmethod
    def new(cls, *, card_id: int, now: datetime) -> Self:
        """A never-reviewed card, due now."""
        return cls(
            card_id=card_id,
            due=_utc(now),
            stability=None,
            difficulty=None,
            state=State.LEARNING,
            step=0,
            last_review=None,
        )

    @property
    def is_new(self) -> bool:
        """True until the card's first review."""
        return self.last_review is None


def review(
    memory: Memory,
    *,
    rating: Rating,
    now: datetime,
    desired_retention: float = DEFAULT_RETENTION,
    fuzz: bool = True,
) -> Memory:
    """The card's memory after being rated `rating` at `now`, review intervals fuzzed."""
    now = _utc(now)
    scheduler = _scheduler(_checked_retention(desired_retention))
    card, _log = scheduler.review_card(
        _to_fsrs(memory), fsrs.Rating(int(rating)), review_datetime=now
    )
    after = _from_fsrs(card)
    if not fuzz or after.state != State.REVIEW:
        return after  # learning steps are never fuzzed
    # fsrs's own fuzz draws from the global `random`: the buttons could not show what it draws.
    days = _fuzzed_days(
        (after.due - now).days,
        fraction=random.Random(_fuzz_seed(memory)).random(),
        maximum=scheduler.maximum_interval,
    )
    return dataclasses.replace(after, due=now + timedelta(days=days))


def preview(
    memory: Memory,
    *,
    now: datetime,
    desired_retention: float = DEFAULT_RETENTION,
    fuzz: bool = True,
) -> dict[Rating, datetime]:
    """The due date each rating would give (for the flashcard buttons): what `review` records."""
    return {
        rating: review(
            memory, rating=rating, now=now, desired_retention=desired_retention, fuzz=fuzz
        ).due
        for rating in Rating
    }


def retrievability(memory: Memory, *, now: datetime) -> float:
    """Predicted probability of recall at `now`; 0.0 for a card never reviewed.

    fsrs's forgetting curve, read at the time elapsed since the last review to the microsecond
    (as Anki reads it), not at fsrs's whole days: an hour after a review, recall has already
    begun to fall. Depends on the model weights only, not on the desired retention.
    """
    now = _utc(now)
    if memory.is_new:
        return 0.0
    assert memory.stability is not None and memory.last_review is not None  # Memory's invariant
    [recall] = recall_after_days([(memory.stability, days_since(memory.last_review, now=now))])
    return recall


def rating_for_answer(*, correct: bool, fast: bool, state: State, is_new: bool) -> Rating:
    """An auto-graded answer's rating: wrong AGAIN, right GOOD, right and fast in REVIEW EASY."""
    if not correct:
        return Rating.AGAIN
    if fast and state == State.REVIEW and not is_new:
        return Rating.EASY
    return Rating.GOOD


def _checked_retention(desired_retention: float) -> float:
    """The retention as a float, refused outside [MIN_RETENTION, MAX_RETENTION]."""
    # float(): a DecimalField value would otherwise reach fsrs and fail in `Decimal ** float`.
    retention = float(desired_retention)
    if not MIN_RETENTION <= retention <= MAX_RETENTION:
        raise ValueError(
            f"desired_retention must be between {MIN_RETENTION} and {MAX_RETENTION}, "
            f"got {desired_retention!r}"
        )
    return retention


@lru_cache(maxsize=32)
def _scheduler(desired_retention: float) -> fsrs.Scheduler:
    """A shared scheduler with FSRS-6 defaults (steps 1m, 10m; relearning 10m); never mutated."""
    return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)


def _fuzz_seed(memory: Memory) -> str:
    """The same for every rating of one card in one state: a new seed after each review."""
    last = "new" if memory.last_review is None else memory.last_review.timestamp()
    return f"{memory.card_id}:{last}"


def _fuzzed_days(days: int, *, fraction: float, maximum: int) -> int:
    """`days` moved within fsrs's fuzz range, by `fraction` (in [0, 1)) of its width."""
    if days < 2.5:  # as fsrs: short intervals stay exact
        return days
    delta = 1.0 + sum(
        r["factor"] * max(min(float(days), r["end"]) - r["start"], 0.0) for r in FUZZ_RANGES
    )
    high = min(round(days + delta), maximum)
    low = min(max(2, round(days - delta)), high)
    # Uniform over [low, high] (fsrs rounds, which can overshoot `high` by a day); one fraction
    # for all four ratings keeps their due dates in order.
    return low + math.floor(fraction * (high - low + 1))


def _is_aware(moment: datetime) -> bool:
    """True if `moment` carries a UTC offset."""
    return moment.tzinfo is not None and moment.utcoffset() is not None


def _utc(now: datetime) -> datetime:
    """`now` in UTC; naive datetimes refused."""
    if not _is_aware(now):
        raise ValueError(f"now must be a timezone-aware datetime, got naive {now!r}")
    # fsrs accepts only tzinfo == datetime.UTC: an aware +03:00 or ZoneInfo("UTC") is refused.
    return now.astimezone(UTC)


def _to_fsrs(memory: Memory) -> fsrs.Card:
    """Our columns as an fsrs.Card."""
    # card_id always passed: without it fsrs.Card() sleeps 1 ms to make a unique id.
    return fsrs.Card(
        card_id=memory.card_id,
        state=fsrs.State(int(memory.state)),
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=memory.due,
        last_review=memory.last_review,
    )


def _from_fsrs(card: fsrs.Card) -> Memory:
    """An fsrs.Card as our columns."""
    return Memory(
        card_id=card.card_id,
        due=card.due,
        stability=card.stability,
        difficulty=card.difficulty,
        state=State(int(card.state)),
        step=card.step,
        last_review=card.last_review,
    )


_DAY = timedelta(days=1)
_MICROSECOND = timedelta(microseconds=1)
_DAY_MICROSECONDS = _DAY // _MICROSECOND


def days_since(moment: datetime, *, now: datetime) -> float:
    """Fractional days from `moment` to `now`, to the microsecond; 0.0 if `moment` is later.

    Whole microseconds over the microseconds of a day, one correctly rounded division: the
    float learning.dbfunctions.DaysSince has the database work out, bit for bit.
    """
    return max(0, (now - moment) // _MICROSECOND) / _DAY_MICROSECONDS


def recall_shown(recall: float, *, last_rating: int | None) -> float:
    """The recall a page shows and counts for a reviewed card: fsrs's retrievability, except
    after a wrong answer. Just after Again fsrs predicts a recall near 1 (the answer was just
    shown, and its short-term memory is fresh), but a fact missed at its last answer is not
    one the learner knows: it counts 0 until it is answered right again."""
    return 0.0 if last_rating == Rating.AGAIN else recall


def recall_now_many(cards: Iterable[tuple[float, datetime]], *, now: datetime) -> list[float]:
    """`retrievability` at `now` of many reviewed cards, from their (stability, last review)."""
    now = _utc(now)
    return recall_after_days((stability, days_since(last, now=now)) for stability, last in cards)


def recall_after_days(cards: Iterable[tuple[float, float]]) -> list[float]:
    """Recall of many reviewed cards from (stability, days since the last review, fractional).

    fsrs's closed formula, R = (1 + F * t / S) ** -w20 with F = 0.9 ** (-1 / w20) - 1, with t
    the time elapsed in days (0 for a review in the future) where fsrs takes whole days: at a
    whole number of days it is fsrs's own retrievability. No fsrs.Card per card: a class of 300
    learners reads 30,000 cards at once (retrievability took ~11 us a card, this under 1 us).
    """
    factor, decay = _forgetting_curve()
    return [(1.0 + factor * max(0.0, days) / stability) ** decay for stability, days in cards]


@lru_cache(maxsize=1)
def _forgetting_curve() -> tuple[float, float]:
    """(F, -w20) of the default FSRS-6 weights, as fsrs.Scheduler derives them."""
    decay = -_scheduler(DEFAULT_RETENTION).parameters[20]
    return 0.9 ** (1 / decay) - 1, decay


@dataclass(frozen=True, slots=True)
class RecallThreshold:
    """`recall >= desired retention` as a comparison a database can make without a power:
    with t the days since the last review (fractional, as `days_since` counts them) and S the
    stability, recall >= retention exactly when 1 + factor * t / S <= limit (about
    t <= S * (limit - 1) / factor, but computed in that order the float is the same one
    `recall_after_days` raises to the power, so the two never disagree)."""

    factor: float
    limit: float


@lru_cache(maxsize=64)
def recall_threshold(desired_retention: float) -> RecallThreshold:
    """The threshold of `recall_after_days(...) >= desired_retention`, float for float.

    The limit is the largest float x with x ** -w20 >= retention, not the rounded
    retention ** (1 / -w20): a card exactly at the boundary is then judged as mastery() judges it
    from the recall probability (about 1 in 30 such cards would otherwise differ).
    """
    retention = float(desired_retention)
    factor, decay = _forgetting_curve()
    limit = retention ** (1 / decay)
    while limit**decay < retention:  # recall falls as the base grows: step down until it holds
        limit = math.nextafter(limit, -math.inf)
    while math.nextafter(limit, math.inf) ** decay >= retention:
        limit = math.nextafter(limit, math.inf)
    return RecallThreshold(factor=factor, limit=limit)
