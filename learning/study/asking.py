"""Asking: the question a session is on, made and stored when none is waiting."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import cast

from django.db import transaction

from learning.core import questions
from learning.core.questions import QuestionKind
from learning.models import AskedQuestion, Card, StudySession
from learning.study.errors import StudyError
from learning.study.picking import (
    KIND_ROTATION,
    _pick_assignment,
    _pick_practice,
    _pick_study,
    kind_for,
)
from learning.study.pool import fact_pool


def _rotation(session: StudySession) -> tuple[QuestionKind, ...]:
    """The kinds a session may ask: an assignment's allowed kinds, else every kind."""
    if session.assignment is None:
        return KIND_ROTATION
    allowed = set(cast(list[str], session.assignment.kinds))
    return tuple(k for k in KIND_ROTATION if k.value in allowed) or KIND_ROTATION


def current_question(
    session: StudySession, *, now: dt.datetime, pool: questions.FactPool | None = None
) -> AskedQuestion | None:
    """The question the session is on: the unanswered one, else a new one; None when done.

    `session` is best read with its learner and assignment (select_related). A question
    already waiting is found without a transaction: only making a new one takes the write lock
    (SQLite's IMMEDIATE transactions take it at BEGIN) and the session row's lock, and reads
    the session's questions again under it.
    """
    if session.finished_at is not None:
        return None
    _refuse_if_closed(session, now=now)
    asked = list(session.questions.order_by("position"))
    waiting = next((a for a in asked if a.answered_at is None), None)
    if waiting is not None:
        waiting.session = session
        return waiting
    with transaction.atomic():
        # One request at a time per session: two tabs must not both add question N. The
        # session is locked, then its questions read again in a statement of their own: under
        # PostgreSQL's READ COMMITTED a sub-select of the locking statement would still see
        # the snapshot from before it waited, missing a question another request just added
        # (or a rating undone since, which leaves its flashcard waiting again).
        finished = (
            StudySession.objects.select_for_update()
            .filter(pk=session.pk)
            .values_list("finished_at", flat=True)
            .get()
        )
        if finished is not None:
            session.finished_at = finished
            return None
        asked = list(session.questions.order_by("position"))
        waiting = next((a for a in asked if a.answered_at is None), None)
        if waiting is not None:
            waiting.session = session
            return waiting
        return _ask_next(session, asked, now=now, pool=pool)


def _refuse_if_closed(session: StudySession, *, now: dt.datetime) -> None:
    if session.assignment is not None:
        refusal = session.assignment.answer_refusal(session.learner, now=now)
        if refusal:
            raise StudyError(refusal)


def _ask_next(
    session: StudySession,
    asked: list[AskedQuestion],
    *,
    now: dt.datetime,
    pool: questions.FactPool | None,
) -> AskedQuestion | None:
    """Choose, make and store the session's next question (inside the caller's transaction);
    None, ending the session, when nothing is left to ask."""
    kinds = [a.kind for a in asked]
    position = len(kinds)
    pick = None
    if position < session.size:
        if session.mode == StudySession.Mode.ASSIGNMENT:
            pick = _pick_assignment(session, position)
        elif session.mode == StudySession.Mode.PRACTICE:
            pick = _pick_practice(session, asked)
        else:
            pick = _pick_study(session, asked, now=now)
    if pick is None:
        if session.mode == StudySession.Mode.ASSIGNMENT:
            return None  # every question answered: the attempt waits for its submission
        session.finished_at = now
        session.save(update_fields=["finished_at"])
        return None
    pool = pool or fact_pool()
    data = pool[pick.slug]
    rng = random.Random(f"{session.seed}:{position}")
    kind = kind_for(position, session.seed, data, pool, Counter(kinds), _rotation(session))
    question = questions.make_question(kind, data, pool, rng)
    card = pick.card
    if card is None and session.moves_schedule:
        card = Card.new(learner=session.learner, fact=pick.fact_id, now=now)
        card.save()
    return AskedQuestion.objects.create(
        session=session,
        learner=session.learner,
        position=position,
        kind=question.kind,
        fact_id=pick.fact_id,
        card=card,
        payload=question.to_json(),
        created_at=now,
    )
