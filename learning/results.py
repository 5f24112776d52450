"""Read-only results of one assignment: its learners, their answers, the item analysis, and
what the class remembers of each fact now.

Every query here is fixed in number whatever the class size: the rows of a kind are read in
one query each (prefetched), never one per learner. The arithmetic is learning.core.analysis.

What the class remembers now: the mean of scheduling.retrievability over the cards of the
class's members for the fact that have been reviewed at least once. A member who has never
reviewed the fact (no card, or a card not yet reviewed) is left out rather than counted as 0:
they appear as missing in the learners table, and counting them would mix "has forgotten"
with "has not done it". The number of cards counted is shown with the mean.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from learning.core import analysis, scheduling
from learning.core.questions import Question, QuestionKind
from learning.core.questions.rendering import TRUE_FALSE_WORDS, statement_with, value_text
from learning.core.values import FactData, Kind
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

TF_REJECTED_TRUE: dict[str, str] = {
    "ar": "«خطأ» لعبارة صحيحة",
    "en": "“False” for a true statement",
}


def own_assignment(teacher: Learner, pk: int) -> QuerySet[Assignment]:
    """The assignment `pk` if `teacher` set it (empty otherwise: the view answers 404)."""
    return Assignment.objects.select_related("classroom").filter(pk=pk, classroom__teacher=teacher)


@dataclass(frozen=True)
class LearnerRow:
    """One row of the learners table."""

    learner: Learner
    result: analysis.LearnerResult
    attempt: StudySession | None

    @property
    def name(self) -> str:
        return self.learner.user.username


@dataclass(frozen=True)
class FactRow:
    """One row of the per-fact table."""

    fact: Fact
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

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def results(assignment: Assignment, *, lang: str, now: dt.datetime, sort: str = "name") -> Results:
    """The assignment's results, labels in `lang`; `sort` one of SORTS (else by name)."""
    items = list(
        AssignmentItem.objects.filter(assignment=assignment)
        .select_related("fact__source", "fact__topic")
        .order_by("position")
    )
    members = list(
        Membership.objects.filter(classroom_id=assignment.classroom_id).select_related(
            "learner__user"
        )
    )
    # A learner removed from the class leaves their attempt out of the results with them.
    attempts = {
        s.learner_id: s
        for s in StudySession.objects.filter(
            assignment=assignment,
            learner__memberships__classroom_id=assignment.classroom_id,
        ).prefetch_related(
            Prefetch("questions", queryset=AskedQuestion.objects.order_by("position"))
        )
    }
    slugs = [item.fact.slug for item in items]
    slug_of = {item.fact_id: item.fact.slug for item in items}
    facts = {item.fact.slug: item.fact.to_data() for item in items}
    by_learner = {
        learner_id: _attempt(learner_id, session, slug_of, facts, lang)
        for learner_id, session in attempts.items()
    }
    learners = []
    for membership in members:
        learner = membership.learner
        attempt = by_learner.get(learner.pk) or analysis.Attempt(learner.pk, ())
        result = analysis.learner_result(attempt, items=slugs, due=assignment.due_at, now=now)
        learners.append(LearnerRow(learner, result, attempts.get(learner.pk)))
    _sort(learners, sort)
    item_analysis = analysis.analyze(by_learner.values(), items=slugs)
    recall = class_recall(assignment, [item.fact for item in items], now=now)
    by_slug = {item.fact.slug: item for item in items}
    fact_rows = [
        FactRow(
            by_slug[stats.item].fact,
            by_slug[stats.item].position,
            stats,
            recall[stats.item],
        )
        for stats in analysis.struggling_first(item_analysis.items)
    ]
    return Results(assignment, learners, fact_rows, item_analysis, len(members))


def class_recall(
    assignment: Assignment, facts: list[Fact], *, now: dt.datetime
) -> dict[str, analysis.Recall]:
    """What the class's members remember of each fact now (one query; see the module doc)."""
    probabilities: dict[str, list[float]] = {fact.slug: [] for fact in facts}
    slug_of = {fact.pk: fact.slug for fact in facts}
    cards = Card.objects.filter(
        learner__memberships__classroom_id=assignment.classroom_id,
        fact_id__in=list(slug_of),
        last_review__isnull=False,
    )
    for card in cards:
        probabilities[slug_of[card.fact_id]].append(
            scheduling.retrievability(card.memory(), now=now)
        )
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


def _attempt(
    learner_id: int,
    session: StudySession,
    slug_of: dict[int, str],
    facts: dict[str, FactData],
    lang: str,
) -> analysis.Attempt:
    """A learner's answers, one per assignment fact (the asked fact: ordering asks others too)."""
    answers: dict[str, analysis.Answer] = {}
    for asked in session.questions.all():
        slug = slug_of.get(asked.fact_id)
        if asked.answered_at is None or slug is None or slug in answers:
            continue
        score = min(1.0, max(0.0, asked.score or 0.0))
        answers[slug] = analysis.Answer(slug, score, choice_of(asked, facts[slug], lang))
    return analysis.Attempt(learner_id, tuple(answers.values()), session.finished_at)


def choice_of(asked: AskedQuestion, fact: FactData, lang: str) -> analysis.Choice | None:
    """The option a learner chose in a multiple-choice or true/false question, labelled in
    `lang` (the option's own value, so the same confusion has one key for everyone)."""
    if asked.kind not in (QuestionKind.MCQ, QuestionKind.TRUEFALSE) or asked.response is None:
        return None
    question = Question.from_json(asked.payload)
    response = asked.response
    if not isinstance(response, int) or isinstance(response, bool):
        return None
    correct = response == question.answer
    if asked.kind == QuestionKind.MCQ:
        if not 0 <= response < len(question.options):
            return None
        value = question.options[response]
        return analysis.Choice(
            _key(asked.payload["options"][response]), _label(value, fact, lang), correct
        )
    # True/false: a wrong "True" accepted the value put into the statement (the confusion);
    # a wrong "False" rejected the true statement.
    shown = question.options[0]
    if response == 0:
        return analysis.Choice(
            _key(asked.payload["options"][0]), _label(shown, fact, lang), correct
        )
    if correct:
        return analysis.Choice("tf:false", TRUE_FALSE_WORDS[lang][1], True)
    return analysis.Choice("tf:rejected-true", TF_REJECTED_TRUE[lang], False)


def _key(option: Any) -> str:
    return json.dumps(option, sort_keys=True, ensure_ascii=False)


def _label(value: Any, fact: FactData, lang: str) -> str:
    if fact.kind == Kind.STATEMENT:
        return statement_with(fact, value, lang)
    return value_text(value, fact, lang)


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
