"""Answering: grade the stored question, record the answer once, move the cards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _

from learning.core import grading, scheduling
from learning.core.questions import Question, QuestionKind
from learning.core.scheduling import Rating, State
from learning.models import AskedQuestion, Card, StudySession
from learning.study.errors import StudyError, session_ended_message

# Another event of an ordering question reviewed this recently is not rated again.
SAME_SITTING = dt.timedelta(minutes=10)
# A right multiple-choice answer this fast on a card already in review counts as Easy.
FAST_MS = 4000


def stored_question(asked: AskedQuestion) -> Question:
    return Question.from_json(asked.payload)


@dataclass
class Outcome:
    """What an answer did: the grade, and whether this request was the one that recorded it."""

    asked: AskedQuestion
    grade: grading.Grade
    recorded: bool
    ratings: dict[str, Rating] = field(default_factory=dict)


def answer(asked: AskedQuestion, *, response: Any, now: dt.datetime) -> Outcome:
    """Grade the stored question and record the answer once; a replay returns the first result.

    StudyError when the question cannot take an answer (yet): a flashcard not turned over, a
    question whose session has ended.
    """
    question = stored_question(asked)
    if asked.is_answered:
        # A replay of an answer already recorded: its first result, without a transaction (and
        # without SQLite's write lock, which an IMMEDIATE transaction takes at BEGIN).
        return Outcome(asked, grading.grade(question, asked.response), recorded=False)
    grade = grading.grade(question, response)
    if not asked.is_answered:
        if asked.session.finished_at is not None:
            raise StudyError(session_ended_message())
        if asked.kind == QuestionKind.FLASHCARD and asked.revealed_at is None:
            raise StudyError(_("Show the answer before rating yourself."))
        if asked.session.assignment is not None:
            refusal = asked.session.assignment.answer_refusal(asked.learner, now=now)
            if refusal:
                raise StudyError(refusal)
    with transaction.atomic():
        # The session row is locked first, as current_question locks it: the answers of one
        # session, its next question and a new session ending it take turns, and the session
        # cannot end between the check below and the answer's commit.
        # Only its end is read again: the rest of the row (and its learner and assignment, read
        # with the question) does not change.
        session = asked.session
        session.finished_at = (
            StudySession.objects.select_for_update()
            .filter(pk=asked.session_id)
            .values_list("finished_at", flat=True)
            .get()
        )
        # Only the first request to set answered_at goes on; a replay, a double click or a
        # second tab finds it set and changes nothing. The claim tests the row's own column
        # only: PostgreSQL re-checks those on the newest version of a row it waited for, but
        # not a sub-select's (a claim that joined the session let both copies through).
        claimed = session.finished_at is None and AskedQuestion.objects.filter(
            pk=asked.pk, answered_at__isnull=True
        ).update(answered_at=now, response=response, correct=grade.correct, score=grade.score)
        if not claimed:
            asked.refresh_from_db(fields=["answered_at", "response", "correct", "score"])
            if not asked.is_answered:  # its session ended first (a newer one was started)
                raise StudyError(session_ended_message())
            return Outcome(asked, grading.grade(question, asked.response), recorded=False)
        asked.answered_at, asked.response = now, response
        asked.correct, asked.score = grade.correct, grade.score
        ratings: dict[str, Rating] = {}
        if asked.session.moves_schedule:
            ratings = _record_reviews(asked, question, grade, now=now)
    return Outcome(asked, grade, recorded=True, ratings=ratings)


def _record_reviews(
    asked: AskedQuestion, question: Question, grade: grading.Grade, *, now: dt.datetime
) -> dict[str, Rating]:
    learner = asked.learner
    duration = asked.duration_ms(now=now)
    # The cards are read afresh inside the answer's transaction (and locked where the database
    # locks rows): a card answered at the same moment in another tab is then moved twice, in
    # turn, instead of one answer overwriting the other.
    cards = {
        c.fact.slug: c
        for c in Card.objects.select_for_update(of=("self",))
        .filter(learner=learner, fact__slug__in=list(grade.fact_results))
        .select_related("fact")
        .order_by("pk")  # every request locks cards in one order: it may wait, never deadlock
    }
    if asked.fact.slug in cards:
        asked.card = cards[asked.fact.slug]  # the feedback shows the card's new due date
    ratings = {}
    for slug, right in grade.fact_results.items():
        card = cards.get(slug)
        if card is None:
            # An ordering question's other events may be facts the learner has not met yet:
            # they are context here, and are introduced (within the daily limit) in their turn.
            continue
        if slug != asked.fact.slug and _reviewed_within(card, SAME_SITTING, now=now):
            # Another event of an ordering question, answered on its own minutes ago: rating
            # it again would count one recollection twice (a second Again cuts its stability
            # again; a second Good skips a learning step).
            continue
        card.learner = learner  # already loaded: spares a query per card
        if question.kind == QuestionKind.FLASHCARD:
            rating = Rating(cast(int, asked.response))
        else:
            rating = scheduling.rating_for_answer(
                correct=bool(right),
                fast=question.kind == QuestionKind.MCQ and duration < FAST_MS,
                state=State(card.state),
                is_new=card.is_new,
            )
        card.record_review(
            rating=rating,
            now=now,
            kind=question.kind,
            correct=None if question.kind == QuestionKind.FLASHCARD else right,
            duration_ms=duration,
            question=asked,
        )
        ratings[slug] = rating
    return ratings


def _reviewed_within(card: Card, span: dt.timedelta, *, now: dt.datetime) -> bool:
    return card.last_review is not None and now - card.last_review < span


def reveal(asked: AskedQuestion, *, now: dt.datetime) -> AskedQuestion:
    """Turn a flashcard over (once)."""
    if asked.kind != QuestionKind.FLASHCARD:
        raise StudyError(_("Only a flashcard has a back to show."))
    if asked.session.finished_at is not None and not asked.is_answered:
        raise StudyError(session_ended_message())
    AskedQuestion.objects.filter(pk=asked.pk, revealed_at__isnull=True).update(revealed_at=now)
    asked.refresh_from_db(fields=["revealed_at"])
    return asked
