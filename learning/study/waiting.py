"""What a learner has waiting: due cards, new facts still allowed today, learning steps coming
due: the numbers on the study page, and a study session's "of about N"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from learning.core.scheduling import State
from learning.models import Card, Learner
from learning.study.pool import fact_pool

# Learning steps (1 and 10 minutes) coming due this soon are asked rather than left waiting,
# as Anki's "learn ahead limit" does, so a session can finish what it started.
LEARN_AHEAD = dt.timedelta(minutes=20)


@dataclass(frozen=True)
class Workload:
    """What a learner has waiting: the numbers on the study page."""

    due: int
    new_available: int
    new_today: int
    next_due: dt.datetime | None
    ahead: int = 0  # learning steps coming due within LEARN_AHEAD, which a session asks now
    later_today: int = 0  # not due yet, due before the learner's study day ends (4 a.m.)

    @property
    def can_study(self) -> bool:
        """Whether a study session would have something to ask."""
        return bool(self.due or self.new_available or self.ahead)


def workload(learner: Learner, *, now: dt.datetime) -> Workload:
    """Due cards, new facts still allowed today, and when the next review falls due.

    Counted from the learner's cards read plainly (a card a fact at most: the fact base is
    small), not by an SQL aggregate: five filtered aggregates cost the ORM more to compile than
    reading the rows costs the database."""
    rows = Card.objects.filter(learner=learner).values_list("due", "state", "created_at")
    return _counted(learner, rows, now=now)


def workload_of(learner: Learner, cards: Iterable[Card], *, now: dt.datetime) -> Workload:
    """workload() of the learner's cards already read (all of them), without a query."""
    return _counted(learner, ((c.due, c.state, c.created_at) for c in cards), now=now)


def ahead_at(due: dt.datetime, state: int, *, now: dt.datetime) -> bool:
    """Whether a card due at `due` in `state` is a learning step due within LEARN_AHEAD (or
    due already)."""
    return due <= now + LEARN_AHEAD and state != State.REVIEW


def _counted(
    learner: Learner, rows: Iterable[tuple[dt.datetime, int, dt.datetime]], *, now: dt.datetime
) -> Workload:
    day_start, day_end = learner.study_day(now=now)
    due = ahead = later_today = new_today = total = 0
    soonest: dt.datetime | None = None
    for card_due, state, created_at in rows:
        total += 1
        if card_due <= now:
            due += 1
        else:
            soonest = card_due if soonest is None else min(soonest, card_due)
            ahead += ahead_at(card_due, state, now=now)
            later_today += card_due < day_end
        new_today += day_start <= created_at < day_end
    unseen = len(fact_pool()) - total
    allowance = max(0, learner.new_per_day - new_today)
    return Workload(
        due=due,
        new_available=min(unseen, allowance),
        new_today=new_today,
        next_due=soonest,
        ahead=ahead,
        later_today=later_today,
    )
