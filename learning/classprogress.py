"""Read-only queries for a teacher's class progress: the learners x topics mastery grid, who has
overdue reviews and who is behind on assignments, what the class remembers of each fact, and
one learner's view of one topic.

The class view reads six queries whatever the class size (the members, the topics, the facts,
the members' reviewed cards as plain tuples, the class's assignments and attempts); the
arithmetic is learning.core.classprogress, the recall probabilities
learning.core.scheduling.recall_after_days (fsrs's forgetting curve, without an fsrs.Card each).

A member's overdue reviews are their reviewed cards due before now: a card never reviewed is a
question asked and left unanswered, not a review the learner owes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Case, FloatField, Func, IntegerField, QuerySet, When

from learning.core import classprogress, progress, scheduling
from learning.core.classprogress import Behind, MasteryBar, Seen
from learning.core.progress import Mastery, TopicCounts
from learning.models import (
    Assignment,
    Card,
    Classroom,
    Fact,
    Learner,
    Membership,
    StudySession,
    Topic,
)
from learning.models.classes import status_of

DAY = 86400.0  # seconds


class _Seconds(Func):
    """A moment as seconds since 1970 UTC (a float), computed by the database: Django parses
    each datetime it reads in Python, which took most of the page's time for 30,000 cards."""

    output_field = FloatField()
    template = "EXTRACT(EPOCH FROM %(expressions)s)::double precision"  # PostgreSQL

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # SQLite stores a UTC datetime as text; julianday() reads it (1970-01-01 is 2440587.5).
        template = "((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        return self.as_sql(compiler, connection, template=template, **extra)


def _fetch(rows: QuerySet[Card, tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of a values_list() as the database driver returns them.

    Without Django's per-row conversions, which these columns (integers and floats) do not
    need: for 30,000 cards they cost as much as the query itself.
    """
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(frozen=True)
class Cell:
    """One learner's facts of one topic."""

    topic: Topic
    counts: TopicCounts
    bar: MasteryBar


@dataclass(frozen=True)
class LearnerRow:
    learner: Learner
    cells: list[Cell]  # in the topics' order
    overdue: int
    behind: Behind

    @property
    def name(self) -> str:
        return self.learner.user.username


@dataclass(frozen=True)
class ClassProgress:
    classroom: Classroom
    topics: list[Topic]
    rows: list[LearnerRow]
    shares: dict[str, float | None]  # fact slug -> share of the class that remembers it
    assignments: int


def class_progress(classroom: Classroom, *, now: dt.datetime, rtl: bool) -> ClassProgress:
    """Every figure of the class view at `now` (six queries, whatever the class size)."""
    members = [
        m.learner
        for m in Membership.objects.filter(classroom=classroom)
        .select_related("learner__user")
        .order_by("learner__user__username")
    ]
    retention = {learner.pk: float(learner.desired_retention) for learner in members}
    topics = list(Topic.objects.with_fact_counts())
    facts = {
        pk: (slug, topic) for pk, slug, topic in Fact.objects.values_list("pk", "slug", "topic")
    }
    cards = _fetch(
        Card.objects.filter(learner__memberships__classroom=classroom, last_review__isnull=False)
        .annotate(
            seconds=_Seconds("last_review"),
            overdue=Case(When(due__lt=now, then=1), default=0, output_field=IntegerField()),
        )
        .values_list("learner_id", "fact_id", "stability", "seconds", "overdue")
    )
    today = now.timestamp()
    recalls = scheduling.recall_after_days(
        (stability, math.floor((today - seconds) / DAY)) for _l, _f, stability, seconds, _o in cards
    )
    seen = [
        Seen(learner, facts[fact][1], facts[fact][0], recall, stability)
        for (learner, fact, stability, _s, _o), recall in zip(cards, recalls, strict=True)
    ]
    grid = classprogress.grid(seen, learners=retention, topics={t.pk: t.fact_count for t in topics})
    overdue: Counter[int] = Counter()
    for learner, _f, _s, _sec, late in cards:
        overdue[learner] += late

    assignments = list(Assignment.objects.filter(classroom=classroom))
    attempts = {
        (s.learner_id, s.assignment_id): s
        for s in StudySession.objects.filter(assignment__classroom=classroom).only(
            "learner_id", "assignment_id", "finished_at"
        )
    }
    behind = classprogress.behind(
        (
            (learner.pk, status_of(a, attempts.get((learner.pk, a.pk)), now=now).value)
            for learner in members
            for a in assignments
        ),
        learners=retention,
    )
    rows = [
        LearnerRow(
            learner=learner,
            cells=[_cell(t, grid[learner.pk, t.pk], rtl=rtl) for t in topics],
            overdue=overdue[learner.pk],
            behind=behind[learner.pk],
        )
        for learner in members
    ]
    return ClassProgress(
        classroom=classroom,
        topics=topics,
        rows=rows,
        shares=classprogress.shares(
            seen, learners=retention, facts=(slug for slug, _topic in facts.values())
        ),
        assignments=len(assignments),
    )


def _cell(topic: Topic, counts: TopicCounts, *, rtl: bool) -> Cell:
    return Cell(topic, counts, classprogress.mastery_bar(counts, rtl=rtl))


# --- one learner, one topic ------------------------------------------------------------------


@dataclass(frozen=True)
class FactRow:
    """A fact of the topic as one learner stands with it."""

    fact: Fact
    level: Mastery
    recall: float | None  # None: never reviewed
    last_review: dt.datetime | None
    due: dt.datetime | None
    reviews: int
    lapses: int

    @property
    def percent(self) -> int | None:
        return None if self.recall is None else round(self.recall * 100)


@dataclass(frozen=True)
class LearnerTopic:
    learner: Learner
    topic: Topic
    rows: list[FactRow]
    counts: TopicCounts


def learner_topic(
    classroom: Classroom, *, learner_pk: int, topic: Topic, now: dt.datetime
) -> LearnerTopic | None:
    """A member's state on each fact of `topic`; None when the learner is not in the class."""
    membership = (
        Membership.objects.filter(classroom=classroom, learner_id=learner_pk)
        .select_related("learner__user")
        .first()
    )
    if membership is None:
        return None
    learner = membership.learner
    retention = float(learner.desired_retention)
    facts = list(Fact.objects.filter(topic=topic))
    cards = {
        card.fact_id: card
        for card in Card.objects.filter(
            learner=learner, fact__topic=topic, last_review__isnull=False
        )
    }
    memories = [
        (card.fact_id, card.stability, card.last_review)
        for card in cards.values()
        if card.stability is not None and card.last_review is not None
    ]
    recalls = dict(
        zip(
            (fact for fact, _s, _l in memories),
            scheduling.recall_now_many(((s, last) for _f, s, last in memories), now=now),
            strict=True,
        )
    )
    rows = []
    for fact in facts:
        card = cards.get(fact.pk)
        recall = recalls.get(fact.pk)
        rows.append(
            FactRow(
                fact=fact,
                level=progress.mastery(
                    recall=recall,
                    stability=card.stability if card else None,
                    desired_retention=retention,
                ),
                recall=recall,
                last_review=card.last_review if card else None,
                due=card.due if card else None,
                reviews=card.reps if card else 0,
                lapses=card.lapses if card else 0,
            )
        )
    counts = progress.topic_counts(
        len(facts), [(r.level, r.recall) for r in rows if r.recall is not None]
    )
    return LearnerTopic(learner=learner, topic=topic, rows=rows, counts=counts)
