"""Answering: grade the stored question, record the answer once, move the cards."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from learning.core import grading, scheduling
from learning.core.questions import Question, QuestionKind
from learning.core.scheduling import Rating, State
from learning.models import AskedQuestion, Card, Review, StudySession
from learning.models.study import REVIEWED_FIELDS
from learning.study.errors import StudyError, session_ended_message
from learning.study.pool import fact_rows

# Another event of an ordering question reviewed this recently is not rated again.
SAME_SITTING = dt.timedelta(minutes=10)
# A right multiple-choice answer this fast on a card already in review counts as Easy.
FAST_MS = 4000
# What tells a card's states apart: every change to a card is a review (reps + 1, last_review,
# due) or the undoing of its latest one, which puts every column back as it was.
VERSION_FIELDS = ("reps", "last_review", "due")


def stored_question(asked: AskedQuestion) -> Question:
    return Question.from_json(asked.payload)


@dataclass
class Outcome:
    """What an answer did: the grade, and whether this request was the one that recorded it."""

    asked: AskedQuestion
    grade: grading.Grade
    recorded: bool
    ratings: dict[str, Rating] = field(default_factory=dict)


@dataclass(frozen=True)
class _Move:
    """A card's next state, worked out from the state it was read in (`was`), and its review."""

    slug: str
    card: Card
    was: dict[str, Any]
    review: Review


class _CardMoved(Exception):
    """A card changed between reading it and writing its next state."""


def answer(asked: AskedQuestion, *, response: Any, now: dt.datetime) -> Outcome:
    """Grade the stored question and record the answer once; a replay returns the first result.

    StudyError when the question cannot take an answer (yet): a flashcard not turned over, a
    question whose session has ended.

    Everything is read and worked out first (the grade, each card's next state), outside any
    transaction; the transaction only writes, each write guarded so that a replay or a race
    counts once: the answer claims its question only while it is unanswered and its session
    open, and moves each card only if the card is still as it was read. A card moved meanwhile
    (an answer in another tab, an undo) sends the answer down the locked path, which reads the
    cards again inside the transaction. SQLite runs one writer at a time (an IMMEDIATE
    transaction takes the write lock at BEGIN): the shorter the transaction, the sooner the next
    learner's answer gets in.
    """
    question = stored_question(asked)
    if asked.is_answered:
        # A replay of an answer already recorded: its first result, without a transaction (and
        # without SQLite's write lock).
        return Outcome(asked, grading.grade(question, asked.response), recorded=False)
    grade = grading.grade(question, response)
    _refuse(asked, now=now)
    moves: list[_Move] = []
    if asked.session.moves_schedule:
        cards = _cards_read(asked, grade)
        moves = _moves(asked, question, grade, cards, response=response, now=now)
    try:
        with transaction.atomic():
            claimed = _claim(asked, response=response, grade=grade, now=now)
            if claimed:
                for move in moves:
                    if not _write_move(move):
                        raise _CardMoved
                Review.objects.bulk_create([move.review for move in moves])
    except _CardMoved:
        return _answer_locked(asked, question, grade, response=response, now=now)
    if not claimed:
        return _lost_claim(asked, question)
    return _recorded(asked, grade, moves, response=response, now=now)


def _refuse(asked: AskedQuestion, *, now: dt.datetime) -> None:
    if asked.session.finished_at is not None:
        raise StudyError(session_ended_message())
    if asked.kind == QuestionKind.FLASHCARD and asked.revealed_at is None:
        raise StudyError(_("Show the answer before rating yourself."))
    if asked.session.assignment is not None:
        refusal = asked.session.assignment.answer_refusal(asked.learner, now=now)
        if refusal:
            raise StudyError(refusal)


def _claim(asked: AskedQuestion, *, response: Any, grade: grading.Grade, now: dt.datetime) -> bool:
    """Set the answer on its question if it is still unanswered and its session open (inside the
    caller's transaction); False when it is not: a replay, or the session ended."""
    if connection.features.has_select_for_update:
        # Where the database locks rows, the session's row is locked first, as current_question,
        # undo and a new session lock it: the session cannot end between the claim's check and
        # the answer's commit, and the claim's statement reads the session after the lock.
        # (SQLite runs one writer at a time: its transactions take turns already.)
        StudySession.objects.select_for_update().filter(pk=asked.session_id).values_list(
            "pk", flat=True
        ).get()
    # The claim tests the question row's own column: PostgreSQL re-checks those on the newest
    # version of a row it waited for, but not a sub-select's (a claim that joined the session
    # let both copies of a double answer through). The session's end is read by the sub-select
    # once its row is locked (above), or under SQLite's write lock.
    session_open = StudySession.objects.filter(pk=OuterRef("session_id"), finished_at=None)
    return bool(
        AskedQuestion.objects.filter(Exists(session_open), pk=asked.pk, answered_at=None).update(
            answered_at=now, response=response, correct=grade.correct, score=grade.score
        )
    )


def _write_move(move: _Move) -> bool:
    """Write the card's next state if the card is still in the state it was worked out from
    (tested on the card row's own columns)."""
    columns = {name: getattr(move.card, name) for name in REVIEWED_FIELDS}
    return bool(Card.objects.filter(pk=move.card.pk, **move.was).update(**columns))


def _lost_claim(asked: AskedQuestion, question: Question) -> Outcome:
    """Another request answered the question first (its result), or its session ended."""
    asked.refresh_from_db(fields=["answered_at", "response", "correct", "score"])
    if not asked.is_answered:  # its session ended first (submitted, or a newer one started)
        asked.session.refresh_from_db(fields=["finished_at"])
        raise StudyError(session_ended_message())
    return Outcome(asked, grading.grade(question, asked.response), recorded=False)


def _recorded(
    asked: AskedQuestion,
    grade: grading.Grade,
    moves: list[_Move],
    *,
    response: Any,
    now: dt.datetime,
) -> Outcome:
    asked.answered_at, asked.response = now, response
    asked.correct, asked.score = grade.correct, grade.score
    for move in moves:
        if move.card.fact_id == asked.fact_id:
            asked.card = move.card  # the feedback shows the card's new due date
    ratings = {move.slug: Rating(move.review.rating) for move in moves}
    return Outcome(asked, grade, recorded=True, ratings=ratings)


def _cards_read(asked: AskedQuestion, grade: grading.Grade) -> dict[str, Card]:
    """The learner's cards of the facts the answer rates, by slug, as copies to move: the
    question's own card as it was read with the question, the others (an ordering's other
    events) read now."""
    cards: dict[str, Card] = {}
    own = asked.fact.slug
    if asked.card is not None:
        cards[own] = copy.copy(asked.card)
    rows = fact_rows()
    wanted = {rows[slug].pk: slug for slug in grade.fact_results if slug not in cards}
    if wanted:
        for card in Card.objects.filter(learner_id=asked.learner_id, fact_id__in=list(wanted)):
            cards[wanted[card.fact_id]] = card
    return cards


def _moves(
    asked: AskedQuestion,
    question: Question,
    grade: grading.Grade,
    cards: dict[str, Card],
    *,
    response: Any,
    now: dt.datetime,
) -> list[_Move]:
    """Each card the answer rates, moved (unsaved), with its review (unsaved)."""
    learner = asked.learner
    retention = learner.desired_retention
    duration = asked.duration_ms(now=now)
    moves = []
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
            rating = Rating(cast(int, response))
        else:
            rating = scheduling.rating_for_answer(
                correct=bool(right),
                fast=question.kind == QuestionKind.MCQ and duration < FAST_MS,
                state=State(card.state),
                is_new=card.is_new,
            )
        was = {name: getattr(card, name) for name in VERSION_FIELDS}
        before = card.apply_review(rating, now=now, desired_retention=retention)
        review = Review(
            card=card,
            rating=rating,
            reviewed_at=now,
            kind=question.kind,
            correct=None if question.kind == QuestionKind.FLASHCARD else right,
            duration_ms=duration,
            state_before=before,
            retention=retention,
            question=asked,
        )
        moves.append(_Move(slug, card, was, review))
    return moves


def _answer_locked(
    asked: AskedQuestion,
    question: Question,
    grade: grading.Grade,
    *,
    response: Any,
    now: dt.datetime,
) -> Outcome:
    """The answer with its cards read again inside the transaction (and locked where the
    database locks rows): a card answered at the same moment in another tab is then moved
    twice, in turn, instead of one answer overwriting the other."""
    with transaction.atomic():
        claimed = _claim(asked, response=response, grade=grade, now=now)
        moves: list[_Move] = []
        if claimed:
            slugs = list(grade.fact_results)
            cards = {
                c.fact.slug: c
                for c in Card.objects.select_for_update(of=("self",))
                .filter(learner_id=asked.learner_id, fact__slug__in=slugs)
                .select_related("fact")
                .order_by("pk")  # every request locks cards in one order: it may wait, not deadlock
            }
            moves = _moves(asked, question, grade, cards, response=response, now=now)
            for move in moves:
                move.card.save(update_fields=list(REVIEWED_FIELDS))
            Review.objects.bulk_create([move.review for move in moves])
    if not claimed:
        return _lost_claim(asked, question)
    return _recorded(asked, grade, moves, response=response, now=now)


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
