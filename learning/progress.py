"""Read-only queries for a learner's progress dashboard: four queries, whatever the history.

The rows are read once (the topics, the learner's cards with their facts, the learner's answers
as plain tuples, the dated events for the timeline) and the figures worked out by
learning.core.progress; recall probabilities come from learning.core.scheduling, the only
importer of fsrs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from learning.core import progress, scheduling
from learning.core.progress import Mastery, Share, Streaks, TopicCounts, Week
from learning.core.values import FactData, Kind
from learning.models import Card, Fact, Learner, Review, Topic

WEAKEST = 5


@dataclass(frozen=True)
class TopicRow:
    topic: Topic
    counts: TopicCounts


@dataclass(frozen=True)
class WeakFact:
    fact: Fact
    recall: float

    @property
    def percent(self) -> int:
        return round(self.recall * 100)


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    reviews: int
    topics: list[TopicRow]
    totals: TopicCounts
    due_today: int
    forecast: list[int]
    study_days: Counter[dt.date]
    streaks: Streaks
    weeks: list[Week]
    true_retention: Share
    desired_retention: float
    weakest: list[WeakFact]
    events: list[FactData]  # the dated facts, for the timeline
    recall: dict[str, float]  # recall probability now per fact slug, of the facts seen

    @property
    def has_reviews(self) -> bool:
        return self.reviews > 0

    @property
    def desired_percent(self) -> int:
        return round(self.desired_retention * 100)

    @property
    def weak_topics(self) -> list[Topic]:
        """The topics of the weakest facts, each once, in the order the facts come."""
        found: dict[int, Topic] = {}
        for weak in self.weakest:
            found.setdefault(weak.fact.topic_id, weak.fact.topic)
        return list(found.values())

    @property
    def forecast_days(self) -> list[dt.date]:
        return [self.today + dt.timedelta(days=i) for i in range(len(self.forecast))]

    @property
    def week_starts(self) -> list[dt.date]:
        return [week.start for week in self.weeks]

    @property
    def week_percents(self) -> list[int | None]:
        return [week.share.percent for week in self.weeks]

    @property
    def week_counts(self) -> list[int]:
        return [week.share.n for week in self.weeks]


def dated_facts() -> list[FactData]:
    """Every dated event of the fact base (one query), for the timeline."""
    return [
        fact.to_data()
        for fact in Fact.objects.with_source().filter(kind=Kind.DATE, date_start__isnull=False)
    ]


def recall_per_fact(cards: Iterable[Card], *, now: dt.datetime) -> dict[str, float]:
    """The recall probability at `now` of each card's fact, by slug; never-reviewed cards are
    left out (unseen). The cards come with their facts (select_related): no query."""
    return {
        card.fact.slug: scheduling.retrievability(card.memory(), now=now)
        for card in cards
        if not card.is_new
    }


def dashboard(learner: Learner, *, now: dt.datetime) -> Dashboard:
    """Every figure of the learner's dashboard at `now`, in their study days."""
    zone = learner.zone
    today = progress.study_date(now, zone)
    retention = float(learner.desired_retention)

    topics = list(Topic.objects.with_fact_counts())
    cards = list(Card.objects.filter(learner=learner).select_related("fact__topic"))
    answers = list(
        Review.objects.filter(card__learner=learner).values_list(
            "reviewed_at", "state_before", "rating", "correct"
        )
    )

    recall = recall_per_fact(cards, now=now)
    by_topic: dict[int, list[tuple[Mastery, float]]] = defaultdict(list)
    seen: list[WeakFact] = []
    due_days = []
    for card in cards:
        due_days.append(progress.study_date(card.due, zone))
        if card.is_new:
            continue
        recall_now = recall[card.fact.slug]
        level = progress.mastery(
            recall=recall_now, stability=card.stability, desired_retention=retention
        )
        by_topic[card.fact.topic_id].append((level, recall_now))
        seen.append(WeakFact(card.fact, recall_now))
    rows = [TopicRow(t, progress.topic_counts(t.fact_count, by_topic[t.pk])) for t in topics]
    forecast = progress.forecast(due_days, today=today)

    dated = [
        (progress.study_date(at, zone), state, progress.is_right(correct=correct, rating=rating))
        for at, state, rating, correct in answers
    ]
    days = Counter(day for day, _state, _right in dated)
    seen.sort(key=lambda weak: (weak.recall, weak.fact.slug))
    return Dashboard(
        today=today,
        reviews=len(answers),
        topics=rows,
        totals=TopicCounts(
            facts=sum(r.counts.facts for r in rows),
            learning=sum(r.counts.learning for r in rows),
            mastered=sum(r.counts.mastered for r in rows),
            known=sum(r.counts.known for r in rows),
        ),
        due_today=forecast[0],
        forecast=forecast,
        study_days=days,
        streaks=progress.streaks(days, today=today),
        weeks=progress.weekly_accuracy([(d, right) for d, _s, right in dated], today=today),
        true_retention=progress.true_retention([(s, right) for _d, s, right in dated]),
        desired_retention=retention,
        weakest=seen[:WEAKEST],
        events=dated_facts(),
        recall=recall,
    )
