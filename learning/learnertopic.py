"""Read-only: one member of a class as they stand on each fact of one topic (the page a cell of
the class view opens), counted exactly as their own dashboard counts it (learning.core.progress,
recall through learning.core.scheduling)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from learning.core import progress, scheduling
from learning.core.progress import Mastery, TopicCounts
from learning.models import Card, Classroom, Fact, Learner, Membership, Topic


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
        (card.fact_id, card.stability, card.last_review, card.last_rating)
        for card in cards.values()
        if card.stability is not None and card.last_review is not None
    ]
    recalls = {
        fact: scheduling.recall_shown(recall, last_rating=rating)
        for (fact, _s, _l, rating), recall in zip(
            memories,
            scheduling.recall_now_many(((s, last) for _f, s, last, _r in memories), now=now),
            strict=True,
        )
    }
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
