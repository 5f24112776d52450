"""Undoing a flashcard rating (a misclick; Anki's Ctrl+Z): the card back as it was, the review
gone, the flashcard waiting to be rated again.

What can be undone: the session's latest answer, if it is a flashcard's rating, while the session
is open (an assignment's attempt: until it is submitted, while it takes answers). An answer is
undone once: the request names the answer by its time (`answered_at`), so a second copy of the
request, or one arriving after the flashcard was rated again, changes nothing. Undoing again
steps back one more rating, as Anki's undo does. Multiple-choice, true/false and ordering answers
are not undoable: the learner has seen the right answer, and a second try would be a guess
corrected, not a misclick.

The card is restored by replaying its other reviews (learning.core.scheduling, each review's own
retention): a card's columns are always what its reviews replayed give (tests/test_concurrency.py
checks it), so the card is exactly as it was before the rating. If its history no longer gives
the card as it stands (its rating is not its latest review, or the card was changed otherwise),
the undo is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from learning.core.questions import QuestionKind
from learning.core.scheduling import Rating
from learning.models import AskedQuestion, Card, Review, StudySession
from learning.models.study import REVIEWED_FIELDS
from learning.study.errors import StudyError

MEMORY_FIELDS = REVIEWED_FIELDS


def undo_token(asked: AskedQuestion) -> str:
    """What an undo request names its answer by: the moment it was recorded."""
    return asked.answered_at.isoformat() if asked.answered_at else ""


def undoable(
    session: StudySession, *, now: dt.datetime, questions: Sequence[AskedQuestion] | None = None
) -> AskedQuestion | None:
    """The answer an Undo button would undo now: the session's latest, if it can be undone.
    `questions`: the session's questions, if already read."""
    if session.finished_at is not None:
        return None
    if questions is None:
        latest = session.questions.filter(answered_at__isnull=False).order_by(
            "-answered_at", "-position"
        )[:1]
        asked = next(iter(latest), None)
    else:
        answered = [a for a in questions if a.answered_at is not None]
        asked = max(answered, key=lambda a: (a.answered_at, a.position), default=None)
    if asked is None or asked.kind != QuestionKind.FLASHCARD:
        return None
    if session.assignment is not None and session.assignment.answer_refusal(
        session.learner, now=now
    ):
        return None
    return asked


def undo(asked: AskedQuestion, *, token: str, now: dt.datetime) -> bool:
    """Undo the rating `token` names; True if this request undid it, False if it was already.

    StudyError when it cannot be undone: not a flashcard, not the latest answer, the session
    ended, or the card's history no longer leads to the card as it stands.
    """
    if asked.kind != QuestionKind.FLASHCARD:
        raise StudyError(_("Only a flashcard rating can be undone."))
    with transaction.atomic():
        # The session row is locked first, as answer() and current_question() lock it: an undo
        # and an answer (or two copies of an undo) of one session take turns.
        session = (
            StudySession.objects.select_for_update(of=("self",))
            .select_related("learner", "assignment")
            .get(pk=asked.session_id)
        )
        asked.session = session
        asked.refresh_from_db(fields=["answered_at", "response", "correct", "score"])
        if not asked.is_answered:
            return False  # a second copy of the request: the first undid it
        if undo_token(asked) != token:
            raise StudyError(_("This rating was already undone and given again."))
        if session.finished_at is not None:
            raise StudyError(_("This session has ended, so its ratings can no longer be undone."))
        if session.assignment is not None:
            refusal = session.assignment.answer_refusal(session.learner, now=now)
            if refusal:
                raise StudyError(refusal)
        if undoable(session, now=now) != asked:
            raise StudyError(_("Only your latest rating can be undone."))
        reviews = list(Review.objects.filter(question=asked).order_by("card_id"))
        cards = {
            c.pk: c
            for c in Card.objects.select_for_update(of=("self",))
            .filter(pk__in=[r.card_id for r in reviews])
            .order_by("pk")  # every request locks cards in one order: it may wait, never deadlock
        }
        for review in reviews:
            _restore(cards[review.card_id], without=review)
        if asked.card_id in cards:
            asked.card = cards[asked.card_id]  # the rating buttons preview from the card restored
        AskedQuestion.objects.filter(pk=asked.pk).update(
            answered_at=None, response=None, correct=None, score=None
        )
    asked.answered_at = asked.response = asked.correct = asked.score = None
    return True


def _restore(card: Card, *, without: Review) -> None:
    """Put `card` back as its reviews other than `without` leave it, and delete `without`."""
    history = list(card.reviews.order_by("reviewed_at", "pk"))
    if not history or history[-1].pk != without.pk or replayed(card, history) != columns(card):
        raise StudyError(_("This rating can no longer be undone: the card has changed since."))
    for name, value in replayed(card, history[:-1]).items():
        setattr(card, name, value)
    card.save(update_fields=list(MEMORY_FIELDS))
    without.delete()


def columns(card: Card) -> dict[str, Any]:
    """The card's scheduling columns."""
    return {name: getattr(card, name) for name in MEMORY_FIELDS}


def replayed(card: Card, reviews: Sequence[Review]) -> dict[str, Any]:
    """The card's scheduling columns as replaying `reviews` from a new card gives them."""
    fresh = Card(pk=card.pk, due=card.created_at, created_at=card.created_at)
    for review in reviews:
        fresh.apply_review(
            Rating(review.rating), now=review.reviewed_at, desired_retention=review.retention
        )
    return columns(fresh)
