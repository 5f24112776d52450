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
import json
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, TextField, Value, When
from django.db.models.fields.json import KT

from learning.core import analysis, questions, scheduling
from learning.core.questions import QuestionKind, fact_value
from learning.core.questions.question import CHOICES, FALSE, TRUE, option_value
from learning.core.questions.rendering import TRUE_FALSE_WORDS, statement_with, value_text
from learning.core.values import FactData, Kind
from learning.dbfunctions import DaysSince, fetch_plain
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
    started: bool

    @property
    def name(self) -> str:
        return self.learner.display_name


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


def results(assignment: Assignment, *, lang: str, now: dt.datetime, sort: str = "name") -> Results:
    """The assignment's results, labels in `lang`; `sort` one of SORTS (else by name).

    The answers and cards are read as plain tuples: at 300 learners × 50 questions, making
    15,000 model instances of each would cost more than everything else together.
    """
    items = _items(assignment)
    slugs = [item.fact.slug for item in items]
    labels = _Labels({item.fact.slug: item.fact.to_data() for item in items}, lang)
    members, by_learner = _attempts(assignment, items, labels)
    rows = _learner_rows(assignment, slugs, members, by_learner, now=now, sort=sort)
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
    return Results(assignment, rows, fact_rows, item_analysis, len(members))


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
    assignment: Assignment, items: list[AssignmentItem], labels: _Labels | None
) -> tuple[list[Membership], dict[int, analysis.Attempt]]:
    """The class's memberships and the attempts of those who started, by learner id; the
    options chosen labelled by `labels` (left out without)."""
    members = list(
        Membership.objects.filter(classroom_id=assignment.classroom_id).select_related(
            "learner__user"
        )
    )
    # A learner removed from the class leaves their attempt out of the results with them.
    in_class = {"learner__memberships__classroom_id": assignment.classroom_id}
    submitted_at = dict(
        StudySession.objects.filter(assignment=assignment, **in_class).values_list(
            "learner_id", "finished_at"
        )
    )
    answered_rows = (
        AskedQuestion.objects.filter(
            session__assignment=assignment, answered_at__isnull=False, **in_class
        )
        .order_by("learner_id", "position")
        .annotate(picked=_PICKED, option=_OPTION)
        .values_list("learner_id", "fact_id", "kind", "picked", "option", "correct", "score")
    )
    # Integers, text and floats: read as the driver gives them (`correct` through bool()).
    answered = fetch_plain(answered_rows)
    slug_of = {item.fact_id: item.fact.slug for item in items}
    answers: dict[int, dict[str, analysis.Answer]] = {pk: {} for pk in submitted_at}
    # Answers are immutable and many learners give the same one: each is made once, shared.
    made: dict[tuple[object, ...], analysis.Answer] = {}
    for learner_id, fact_id, kind, picked, option, correct, score in answered:
        slug = slug_of.get(fact_id)
        mine = answers[learner_id]
        if slug is None or slug in mine:
            continue
        key = (slug, kind, picked, option, correct, score)
        answer = made.get(key)
        if answer is None:
            choice = labels.choice(slug, kind, picked, option, bool(correct)) if labels else None
            answer = analysis.Answer(slug, min(1.0, max(0.0, score or 0.0)), choice)
            made[key] = answer
        mine[slug] = answer
    by_learner = {
        pk: analysis.Attempt(pk, tuple(given.values()), submitted_at[pk])
        for pk, given in answers.items()
    }
    return members, by_learner


def _learner_rows(
    assignment: Assignment,
    slugs: list[str],
    members: list[Membership],
    by_learner: dict[int, analysis.Attempt],
    *,
    now: dt.datetime,
    sort: str,
) -> list[LearnerRow]:
    rows = []
    for membership in members:
        learner = membership.learner
        attempt = by_learner.get(learner.pk) or analysis.Attempt(learner.pk, ())
        result = analysis.learner_result(attempt, items=slugs, due=assignment.due_at, now=now)
        rows.append(LearnerRow(learner, result, learner.pk in by_learner))
    _sort(rows, sort)
    return rows


def class_recall(
    assignment: Assignment, facts: list[Fact], *, now: dt.datetime
) -> dict[str, analysis.Recall]:
    """What the class's members remember of each fact now (one query; see the module doc)."""
    slug_of = {fact.pk: fact.slug for fact in facts}
    # Plain numbers: the days since the last review, fractional, counted by the database to
    # the microsecond as scheduling.days_since counts them (the class progress view too).
    cards = fetch_plain(
        Card.objects.filter(
            learner__memberships__classroom_id=assignment.classroom_id,
            fact_id__in=list(slug_of),
            last_review__isnull=False,
            stability__isnull=False,  # set with the last review (scheduling.Memory)
        ).values_list("fact_id", "stability", DaysSince("last_review", now=now))
    )
    recall = scheduling.recall_after_days((stability, days) for _f, stability, days in cards)
    probabilities: dict[str, list[float]] = {fact.slug: [] for fact in facts}
    for (fact_id, _s, _l), p in zip(cards, recall, strict=True):
        probabilities[slug_of[fact_id]].append(p)
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


# The option a learner picked, read in SQL so that the page does not decode 15,000 stored
# questions: `picked` is the response when it is an option index (else NULL); `option` the
# stored option at that index (JSON text) when the answer was wrong, as only the wrong options
# are counted (a right one is the fact's own value); NULL when the question has no such option.
_PICKED = Case(
    *(When(response=i, then=Value(i)) for i in range(CHOICES)), output_field=IntegerField()
)
_OPTION = Case(
    *(When(response=i, correct=False, then=KT(f"payload__options__{i}")) for i in range(CHOICES)),
    output_field=TextField(),
)


class _Labels:
    """The option a learner chose, as a Choice labelled in the teacher's language: each
    distinct option is decoded and rendered once, however many learners chose it."""

    def __init__(self, facts: dict[str, FactData], lang: str) -> None:
        self.facts, self.lang = facts, lang
        self.seen: dict[tuple[str, str], tuple[str, str]] = {}
        self.choices: dict[tuple[str, str, int | None, str | None, bool], analysis.Choice | None]
        self.choices = {}

    def choice(
        self, slug: str, kind: str, picked: int | None, option: str | None, correct: bool
    ) -> analysis.Choice | None:
        """None for ordering and flashcards, and for a response that is not an option index."""
        # Many learners give the same answer: work each one out once.
        key = (slug, kind, picked, option, correct)
        if key not in self.choices:
            self.choices[key] = self._choice(slug, kind, picked, option, correct)
        return self.choices[key]

    def _choice(
        self, slug: str, kind: str, picked: int | None, option: str | None, correct: bool
    ) -> analysis.Choice | None:
        if kind not in (QuestionKind.MCQ, QuestionKind.TRUEFALSE) or picked is None:
            return None
        # True/false: a "True" accepted the value put into the statement (wrongly: that is
        # the confusion); a "False" rejected it (wrongly: the statement was true).
        if kind == QuestionKind.TRUEFALSE and picked != TRUE:
            if correct:
                return analysis.Choice("tf:false", TRUE_FALSE_WORDS[self.lang][FALSE], True)
            return analysis.Choice("tf:rejected-true", TF_REJECTED_TRUE[self.lang], False)
        if correct:
            return analysis.Choice(*self._right(slug), True)
        if option is None:
            return None
        return analysis.Choice(*self._option(slug, option), False)

    def _right(self, slug: str) -> tuple[str, str]:
        """The right option: the fact's own value, whatever its place."""
        found = self.seen.get((slug, ""))
        if found is None:
            label = self._label(slug, fact_value(self.facts[slug]))
            found = self.seen[(slug, "")] = ("right", label)
        return found

    def _option(self, slug: str, option: str) -> tuple[str, str]:
        found = self.seen.get((slug, option))
        if found is None:
            stored = json.loads(option)
            # The option's stored fields name its value, whatever place it was shown in.
            key = "|".join(f"{k}={v}" for k, v in sorted(stored.items()))
            found = self.seen[(slug, option)] = (key, self._label(slug, option_value(stored)))
        return found

    def _label(self, slug: str, value: questions.Value) -> str:
        fact = self.facts[slug]
        if fact.kind == Kind.STATEMENT:
            return statement_with(fact, value, self.lang)
        return value_text(value, fact, self.lang)


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
