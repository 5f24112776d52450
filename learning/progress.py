"""Read-only queries for a learner's progress dashboard: five queries, whatever the history.

The rows are read once as plain values (the topics, the learner's cards, the learner's answers
with their times as whole seconds, the dated events for the timeline), the figures worked out
by learning.core.progress, and only the weakest facts read as objects; recall probabilities
come from learning.core.scheduling, the only importer of fsrs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from learning.core import progress, revlog, scheduling
from learning.core.progress import Mastery, Share, Streaks, TopicCounts, Week
from learning.core.values import FactData, Kind
from learning.dbfunctions import EpochSeconds
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
    time_zone: str
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
    def weakest_all_above_retention(self) -> bool:
        """Every fact met is at least as likely recalled now as the learner wants: the
        "weakest" are then only the least sure, and the page says so."""
        return bool(self.weakest) and all(
            weak.recall >= self.desired_retention for weak in self.weakest
        )

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


def dashboard(learner: Learner, *, now: dt.datetime) -> Dashboard:
    """Every figure of the learner's dashboard at `now`, in their study days."""
    zone = learner.zone
    today = progress.study_date(now, zone)
    retention = float(learner.desired_retention)

    topics = list(Topic.objects.with_fact_counts())
    # Plain values, not model objects: a learner may hold every fact of the base.
    cards = list(
        Card.objects.filter(learner=learner).values_list(
            "fact_id",
            "fact__slug",
            "fact__topic_id",
            "due",
            "stability",
            "last_review",
            "last_rating",
        )
    )
    answers = list(
        Review.objects.filter(card__learner=learner).values_list(
            EpochSeconds("reviewed_at"), "state_before", "rating", "correct"
        )
    )

    due_days = [progress.study_date(due, zone) for _f, _s, _t, due, _st, _l, _r in cards]
    # Seen at least once (stability and last review are set together, or neither is).
    seen = [
        (f, slug, t, st, last, rating)
        for f, slug, t, _d, st, last, rating in cards
        if st is not None and last is not None
    ]
    recalls = [
        scheduling.recall_shown(recall, last_rating=rating)
        for recall, (*_f, rating) in zip(
            scheduling.recall_now_many(((st, last) for *_f, st, last, _r in seen), now=now),
            seen,
            strict=True,
        )
    ]
    reviewed = [(f, slug, t, st) for f, slug, t, st, _l, _r in seen]
    by_topic: dict[int, list[tuple[Mastery, float]]] = defaultdict(list)
    for (_fact, _slug, topic_id, stability), recall in zip(reviewed, recalls, strict=True):
        level = progress.mastery(recall=recall, stability=stability, desired_retention=retention)
        by_topic[topic_id].append((level, recall))
    # The timeline's marks: the recall now of each fact seen, by slug (unseen ones left out).
    recall_by_slug = {slug: r for (_f, slug, _t, _s), r in zip(reviewed, recalls, strict=True)}
    rows = [TopicRow(t, progress.topic_counts(t.fact_count, by_topic[t.pk])) for t in topics]
    forecast = progress.forecast(due_days, today=today)

    clock = progress.StudyClock(zone)
    tally: Counter[tuple[int, int, bool]] = Counter(
        (clock.day_number(seconds), state, progress.is_right(correct=correct, rating=rating))
        for seconds, state, rating, correct in answers
    )
    days: Counter[dt.date] = Counter()
    by_day: Counter[tuple[dt.date, bool]] = Counter()
    by_state: Counter[tuple[int, bool]] = Counter()
    for (number, state, right), n in tally.items():
        day = clock.date(number)
        days[day] += n
        by_day[day, right] += n
        by_state[state, right] += n
    return Dashboard(
        today=today,
        time_zone=learner.time_zone,
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
        weeks=progress.weekly_accuracy(by_day, today=today),
        true_retention=progress.true_retention(by_state),
        desired_retention=retention,
        weakest=_weakest(reviewed, recalls),
        events=dated_facts(),
        recall=recall_by_slug,
    )


def _weakest(reviewed: list[tuple[int, str, int, float]], recalls: list[float]) -> list[WeakFact]:
    """The facts least likely recalled now (ties by slug), read with their topics."""
    ranked = sorted(zip(recalls, reviewed, strict=True), key=lambda p: (p[0], p[1][1]))
    chosen = [(recall, fact_id) for recall, (fact_id, *_rest) in ranked[:WEAKEST]]
    facts = Fact.objects.select_related("topic").in_bulk([fact_id for _r, fact_id in chosen])
    return [WeakFact(facts[fact_id], recall) for recall, fact_id in chosen]


def review_log(learner: Learner) -> list[tuple[int, int, int, int, int]]:
    """The learner's reviews as the FSRS optimizer reads them, card by card (one query)."""
    reviews = (
        Review.objects.filter(card__learner=learner)
        .order_by("card_id", "reviewed_at", "pk")
        .values_list("card_id", "reviewed_at", "rating", "state_before", "duration_ms")
    )
    return revlog.optimizer_rows(reviews)
