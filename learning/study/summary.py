"""The end of a session: how it went, what to look at again, when reviews come back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Min, Q

from learning.core import grading, questions
from learning.core.questions import Question, QuestionKind
from learning.core.scheduling import Rating
from learning.core.values import FactData
from learning.models import AskedQuestion, Card, Fact, StudySession
from learning.study.answering import stored_question
from learning.study.pool import fact_pool


@dataclass(frozen=True)
class Answered:
    """One answered question of the session, rendered in the language asked for."""

    asked: AskedQuestion
    question: Question
    rendered: questions.Rendered
    grade: grading.Grade


@dataclass(frozen=True)
class Summary:
    answered: int
    right: int
    to_review: list[Fact]
    next_due: dt.datetime | None
    due_tomorrow: int
    questions: list[Answered]  # in the order they were asked
    cut_short: bool = False


def summary(session: StudySession, *, now: dt.datetime, lang: str) -> Summary:
    """How the session went, question by question (rendered in `lang`), which facts to look at
    again, and when reviews come back. Four queries at most, however long the session."""
    asked_all = list(session.questions.order_by("position"))
    answered = [a for a in asked_all if a.answered_at is not None]
    facts = facts_of(answered)
    weak_slugs: set[str] = set()
    items = []
    for asked in answered:
        question = stored_question(asked)
        grade = grading.grade(question, asked.response)
        items.append(Answered(asked, question, questions.render(question, facts, lang), grade))
        if asked.kind == QuestionKind.FLASHCARD:
            if asked.response == Rating.AGAIN:
                weak_slugs.add(asked.payload["facts"][0])
            continue
        weak_slugs.update(slug for slug, right in grade.fact_results.items() if not right)
    weak = list(Fact.objects.filter(slug__in=weak_slugs).select_related("topic"))
    horizon = now + dt.timedelta(days=1)
    upcoming = Card.objects.filter(learner=session.learner, due__gt=now).aggregate(
        soonest=Min("due"), within_a_day=Count("pk", filter=Q(due__lte=horizon))
    )
    return Summary(
        answered=len(answered),
        # A full score: right, every event in place, or a flashcard remembered (not Again).
        right=sum(1 for a in answered if a.score == 1.0),
        to_review=weak,
        next_due=upcoming["soonest"],
        due_tomorrow=upcoming["within_a_day"],
        questions=items,
        # A question left waiting: the session was ended before it (a new session started, or
        # the learner left), not completed.
        cut_short=len(answered) < len(asked_all),
    )


def facts_of(asked_questions: Iterable[AskedQuestion]) -> dict[str, FactData]:
    """The facts the given questions need to be rendered, detached, from the process's pool
    (a fact deleted since is left out, as a fresh read would)."""
    pool = fact_pool()
    slugs = {slug for a in asked_questions for slug in a.payload["facts"]}
    return {slug: pool[slug] for slug in slugs if slug in pool}
