"""Read-only results of one assignment: its learners, their answers, the item analysis, and
what the class remembers of each fact now.

Every query here is fixed in number whatever the class size: the rows of a kind are read in
one query each (prefetched), never one per learner. The arithmetic is learning.core.analysis.

What the class remembers now: the mean of scheduling.recall_after_days over the cards of the
class's members for the fact that have been reviewed at least once. A member who has never
reviewed the fact (no card, or a card not yet reviewed) is left out rather than counted as 0:
they appear as missing in the learners table, and counting them would mix "has forgotten"
with "has not done it". The number of cards counted is shown with the mean.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from learning import resultchoices
from learning.core import analysis, scheduling
from learning.core.values import FactData
from learning.dbfunctions import DaysSinceNear, fetch_plain
from learning.models import (
    AskedQuestion,
    Assignment,
    AssignmentItem,
    Card,
    Fact,
    Learner,
    Membership,
    StudySession,
)


def own_assignment(teacher: Learner, pk: int) -> QuerySet[Assignment]:
    """The assignment `pk` if `teacher` set it (empty otherwise: the view answers 404)."""
    return Assignment.objects.select_related("classroom").filter(pk=pk, classroom__teacher=teacher)


@dataclass(frozen=True)
class LearnerRow:
    """One row of the learners table."""

    learner_id: int
    name: str  # as the learner's teachers see it (Learner.display_name)
    result: analysis.LearnerResult
    started: bool


@dataclass(frozen=True)
class FactRow:
    """One row of the per-fact table."""

    fact: Fact
    sentence: str  # the fact's statement, in the language of the results
    position: int
    stats: analysis.ItemStats
    recall: analysis.Recall


@dataclass(frozen=True)
class Results:
    """Everything the results page and its CSV files show."""

    assignment: Assignment
    learners: list[LearnerRow]
    facts: list[FactRow]  # the facts the class struggles with first
    analysis: analysis.Analysis
    members: int


SORTS = ("name", "-name", "score", "-score", "submitted", "-submitted", "status", "-status")
_STATUS_ORDER = [
    analysis.Status.MISSING,
    analysis.Status.LATE,
    analysis.Status.PENDING,
    analysis.Status.SUBMITTED,
]


def results(assignment: Assignment, *, lang: str, now: dt.datetime, sort: str = "name") -> Results:
    """The assignment's results, labels in `lang`; `sort` one of SORTS (else by name).

    The answers and cards are read as plain tuples: at 300 learners × 50 questions, making
    15,000 model instances of each would cost more than everything else together.
    """
    items = _items(assignment)
    labels = _labels(items, lang)
    members, by_learner = _attempts(assignment, items, labels)
    slugs = [item.fact.slug for item in items]
    rows = _learner_rows(assignment, slugs, members, by_learner, now=now, sort=sort)
    item_analysis, fact_rows = _analysis(assignment, items, labels, by_learner, now=now)
    return Results(assignment, rows, fact_rows, item_analysis, len(members))


def facts(assignment: Assignment, *, lang: str, now: dt.datetime) -> list[FactRow]:
    """The per-fact table of `results` alone (for its CSV): without the learners table."""
    items = _items(assignment)
    labels = _labels(items, lang)
    _members, by_learner = _attempts(assignment, items, labels)
    return _analysis(assignment, items, labels, by_learner, now=now)[1]


def _labels(items: list[AssignmentItem], lang: str) -> resultchoices.Labels:
    return resultchoices.Labels({item.fact.slug: item.fact.to_data() for item in items}, lang)


def _analysis(
    assignment: Assignment,
    items: list[AssignmentItem],
    labels: resultchoices.Labels,
    by_learner: dict[int, analysis.Attempt],
    *,
    now: dt.datetime,
) -> tuple[analysis.Analysis, list[FactRow]]:
    """The item analysis, and the per-fact rows the class struggles with first."""
    slugs = [item.fact.slug for item in items]
    item_analysis = analysis.analyze(by_learner.values(), items=slugs)
    recall = class_recall(assignment, [item.fact for item in items], now=now)
    by_slug = {item.fact.slug: item for item in items}
    fact_rows = [
        FactRow(
            by_slug[stats.item].fact,
            labels.facts[stats.item].sentence(labels.lang),
            by_slug[stats.item].position,
            stats,
            recall[stats.item],
        )
        for stats in analysis.struggling_first(item_analysis.items)
    ]
    return item_analysis, fact_rows


def learners(assignment: Assignment, *, now: dt.datetime, sort: str = "name") -> list[LearnerRow]:
    """The learners table of `results` alone (for its CSV): without the options chosen, the
    item analysis and the class's recall, which it does not show."""
    items = _items(assignment)
    members, by_learner = _attempts(assignment, items, None)
    slugs = [item.fact.slug for item in items]
    return _learner_rows(assignment, slugs, members, by_learner, now=now, sort=sort)


def _items(assignment: Assignment) -> list[AssignmentItem]:
    return list(
        AssignmentItem.objects.filter(assignment=assignment)
        .select_related("fact__source", "fact__topic")
        .order_by("position")
    )


def _attempts(
    assignment: Assignment, items: list[AssignmentItem], labels: resultchoices.Labels | None
) -> tuple[list[tuple[int, str]], dict[int, analysis.Attempt]]:
    """The class's members (id, name) and the attempts of those who started, by learner id; the
    options chosen labelled by `labels` (left out without, and then the stored questions are
    not read at all: the scores come from an index, 0010_asked_question_results_index)."""
    # The members' ids and names, as plain tuples: 300 memberships, learners and users made
    # as model instances with all their dates cost ten times as much to read.
    # The name is Learner.display_name's: the one given to teachers, else the username.
    members = [
        (learner_id, Learner.name_shown(first_name=first_name, username=username))
        for learner_id, username, first_name in Membership.objects.filter(
            classroom_id=assignment.classroom_id
        ).values_list("learner_id", "learner__user__username", "learner__user__first_name")
    ]
    # A learner removed from the class leaves their attempt out of the results with them.
    in_class = Membership.objects.filter(classroom_id=assignment.classroom_id).values("learner_id")
    submitted_at = dict(
        StudySession.objects.filter(assignment=assignment, learner_id__in=in_class).values_list(
            "learner_id", "finished_at"
        )
    )
    asked = AskedQuestion.objects.filter(
        session__assignment=assignment, session__learner_id__in=in_class, answered_at__isnull=False
    ).order_by("session__learner_id", "position")
    answered: QuerySet[Any, tuple[Any, ...]]
    if labels is None:
        answered = asked.values_list("session__learner_id", "fact_id", "score")
    else:
        answered = asked.annotate(
            picked=resultchoices.PICKED, option=resultchoices.OPTION
        ).values_list(
            "session__learner_id", "fact_id", "score", "kind", "picked", "option", "correct"
        )
    slug_of = {item.fact_id: item.fact.slug for item in items}
    answers: dict[int, dict[str, analysis.Answer]] = {pk: {} for pk in submitted_at}
    # Answers are immutable and many learners give the same one: each is made once, shared.
    made: dict[tuple[object, ...], analysis.Answer] = {}
    # Integers, text and floats: read as the driver gives them (`correct` through bool()).
    for row in fetch_plain(answered):
        slug = slug_of.get(row[1])
        mine = answers[row[0]]
        if slug is None or slug in mine:
            continue
        answer = made.get(row[1:])
        if answer is None:
            score, choice = row[2], None
            if labels is not None:
                kind, picked, option, correct = row[3:]
                choice = labels.choice(slug, kind, picked, option, bool(correct))
            answer = made[row[1:]] = analysis.Answer(slug, min(1.0, max(0.0, score or 0.0)), choice)
        mine[slug] = answer
    by_learner = {
        pk: analysis.Attempt(pk, tuple(given.values()), submitted_at[pk])
        for pk, given in answers.items()
    }
    return members, by_learner


def _learner_rows(
    assignment: Assignment,
    slugs: list[str],
    members: list[tuple[int, str]],
    by_learner: dict[int, analysis.Attempt],
    *,
    now: dt.datetime,
    sort: str,
) -> list[LearnerRow]:
    rows = []
    for learner_id, name in members:
        attempt = by_learner.get(learner_id) or analysis.Attempt(learner_id, ())
        result = analysis.learner_result(attempt, items=slugs, due=assignment.due_at, now=now)
        rows.append(LearnerRow(learner_id, name, result, learner_id in by_learner))
    _sort(rows, sort)
    return rows


def class_recall(
    assignment: Assignment, facts: list[Fact], *, now: dt.datetime
) -> dict[str, analysis.Recall]:
    """What the class's members remember of each fact now (one query; see the module doc)."""
    slug_of = {fact.pk: fact.slug for fact in facts}
    # Plain numbers: the days since the last review, fractional, counted by the database to
    # the millisecond (DaysSinceNear: the mean is shown as a percentage; the exact count cost
    # a third of this query on SQLite).
    cards = fetch_plain(
        Card.objects.filter(
            learner__memberships__classroom_id=assignment.classroom_id,
            fact_id__in=list(slug_of),
            last_review__isnull=False,
            stability__isnull=False,  # set with the last review (scheduling.Memory)
        ).values_list("fact_id", "stability", DaysSinceNear("last_review", now=now), "last_rating")
    )
    recall = scheduling.recall_after_days((stability, days) for _f, stability, days, _r in cards)
    probabilities: dict[str, list[float]] = {fact.slug: [] for fact in facts}
    for (fact_id, _s, _l, rating), p in zip(cards, recall, strict=True):
        probabilities[slug_of[fact_id]].append(scheduling.recall_shown(p, last_rating=rating))
    return analysis.recall_by_item(probabilities)


def learner_answers(
    assignment: Assignment, learner_pk: int
) -> tuple[Learner, list[AskedQuestion], dict[str, FactData]] | None:
    """A member's answered and unanswered questions, with the facts to render them; None
    when the learner is not in the assignment's class."""
    membership = (
        Membership.objects.filter(classroom_id=assignment.classroom_id, learner_id=learner_pk)
        .select_related("learner__user")
        .first()
    )
    if membership is None:
        return None
    asked = list(
        AskedQuestion.objects.filter(
            session__assignment=assignment, learner_id=learner_pk
        ).order_by("position")
    )
    slugs = {slug for a in asked for slug in a.payload["facts"]}
    facts = {f.slug: f.to_data() for f in Fact.objects.with_source().filter(slug__in=slugs)}
    return membership.learner, asked, facts


def _sort(rows: list[LearnerRow], sort: str) -> None:
    field, reverse = sort.lstrip("-"), sort.startswith("-")
    rows.sort(key=lambda r: r.name.casefold())
    if field == "score":
        rows.sort(key=lambda r: r.result.score, reverse=reverse)
    elif field == "submitted":
        # Not submitted last either way.
        done = [r for r in rows if r.result.submitted_at is not None]
        rest = [r for r in rows if r.result.submitted_at is None]
        done.sort(
            key=lambda r: r.result.submitted_at or dt.datetime.min.replace(tzinfo=dt.UTC),
            reverse=reverse,
        )
        rows[:] = done + rest
    elif field == "status":
        rows.sort(key=lambda r: _STATUS_ORDER.index(r.result.status), reverse=reverse)
    elif reverse:
        rows.reverse()
