"""Asking: the question a session is on, made and stored when none is waiting."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import cast

from django.db import IntegrityError, connection, models, transaction

from learning.core import questions
from learning.core.questions import QuestionKind
from learning.models import AskedQuestion, Card, StudySession
from learning.study.errors import StudyError
from learning.study.picking import (
    KIND_ROTATION,
    Pick,
    _pick_assignment,
    _pick_practice,
    _pick_study,
    kind_for,
    learners_cards,
)
from learning.study.pool import fact_pool
from learning.study.waiting import Workload, workload_of


@dataclass
class Step:
    """The question a session is on (None: the session is over), with what finding it read:
    the session's questions in order, and, when a question was chosen, the learner's workload
    as it stands with it (None when the learner's cards were not read)."""

    asked: AskedQuestion | None
    questions: list[AskedQuestion] = field(default_factory=list)
    workload: Workload | None = None


def _rotation(session: StudySession) -> tuple[QuestionKind, ...]:
    """The kinds a session may ask: an assignment's allowed kinds, else every kind."""
    if session.assignment is None:
        return KIND_ROTATION
    allowed = set(cast(list[str], session.assignment.kinds))
    return tuple(k for k in KIND_ROTATION if k.value in allowed) or KIND_ROTATION


def current_question(
    session: StudySession, *, now: dt.datetime, pool: questions.FactPool | None = None
) -> AskedQuestion | None:
    """The question the session is on: the unanswered one, else a new one; None when done."""
    return current_step(session, now=now, pool=pool).asked


def current_step(
    session: StudySession, *, now: dt.datetime, pool: questions.FactPool | None = None
) -> Step:
    """The question the session is on (the unanswered one, else a new one; None when done),
    with what was read to find it.

    `session` is best read with its learner and assignment (select_related). A question
    already waiting is found without writing. A new one is chosen and made first, reading only;
    then stored by one statement that stores it only if the session is still open and has no
    question waiting (another tab's, or a rating undone meanwhile), after its card, for a fact
    met for the first time. If the statement finds either, or another request stored the same
    slot or card first, the question is chosen again inside a transaction holding the session's
    row (and SQLite's write lock), as before.
    """
    if session.finished_at is not None:
        return Step(None)
    _refuse_if_closed(session, now=now)
    asked = list(session.questions.order_by("position"))
    waiting = next((a for a in asked if a.answered_at is None), None)
    if waiting is not None:
        waiting.session = session
        return Step(waiting, asked)
    pool = pool or fact_pool()
    cards = learners_cards(session.learner) if session.mode == StudySession.Mode.STUDY else None
    plan = _plan_next(session, asked, now=now, pool=pool, cards=cards)
    if plan.pick is not None:
        try:
            stored = _store_guarded(session, plan, now=now)
        except IntegrityError:  # another request stored this slot, or this card, first
            stored = None
        if stored is not None:
            return _step(stored, [*asked, stored], cards, now=now)
    return _step_locked(session, now=now, pool=pool)


def _step(
    asked: AskedQuestion | None,
    questions_: list[AskedQuestion],
    cards: list[Card] | None,
    *,
    now: dt.datetime,
) -> Step:
    if asked is None or cards is None:
        return Step(asked, questions_)
    if asked.card is not None and asked.card not in cards:
        cards = [*cards, asked.card]
    return Step(asked, questions_, workload_of(asked.session.learner, cards, now=now))


def _step_locked(session: StudySession, *, now: dt.datetime, pool: questions.FactPool) -> Step:
    """current_step inside a transaction that holds the session's row: every read again."""
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
            return Step(None)
        asked = list(session.questions.order_by("position"))
        waiting = next((a for a in asked if a.answered_at is None), None)
        if waiting is not None:
            waiting.session = session
            return Step(waiting, asked)
        plan = _plan_next(session, asked, now=now, pool=pool, cards=None)
        stored = _store(session, plan, now=now)
    return Step(stored, [*asked, stored] if stored is not None else asked)


def _refuse_if_closed(session: StudySession, *, now: dt.datetime) -> None:
    if session.assignment is not None:
        refusal = session.assignment.answer_refusal(session.learner, now=now)
        if refusal:
            raise StudyError(refusal)


@dataclass(frozen=True)
class _Plan:
    """The next question, chosen and made but not stored; no pick: nothing left to ask."""

    position: int
    pick: Pick | None = None
    question: questions.Question | None = None


def _plan_next(
    session: StudySession,
    asked: list[AskedQuestion],
    *,
    now: dt.datetime,
    pool: questions.FactPool,
    cards: list[Card] | None,
) -> _Plan:
    """Choose and make the session's next question, reading only (`cards`: the learner's, if
    read already)."""
    kinds = [a.kind for a in asked]
    position = len(kinds)
    pick = None
    if position < session.size:
        if session.mode == StudySession.Mode.ASSIGNMENT:
            pick = _pick_assignment(session, position)
        elif session.mode == StudySession.Mode.PRACTICE:
            pick = _pick_practice(session, asked)
        else:
            pick = _pick_study(session, asked, now=now, cards=cards)
    if pick is None:
        return _Plan(position)
    data = pool[pick.slug]
    rng = random.Random(f"{session.seed}:{position}")
    kind = kind_for(position, session.seed, data, pool, Counter(kinds), _rotation(session))
    return _Plan(position, pick, questions.make_question(kind, data, pool, rng))


def _unsaved(session: StudySession, plan: _Plan, *, now: dt.datetime) -> AskedQuestion:
    """The planned question as a row to store, and its card (unsaved for a fact never met)."""
    assert plan.pick is not None and plan.question is not None
    card = plan.pick.card
    if card is None and session.moves_schedule:
        card = Card.new(learner=session.learner, fact=plan.pick.fact_id, now=now)
    return AskedQuestion(
        session=session,
        learner=session.learner,
        position=plan.position,
        kind=plan.question.kind,
        fact_id=plan.pick.fact_id,
        card=card,
        payload=plan.question.to_json(),
        created_at=now,
    )


def _store(session: StudySession, plan: _Plan, *, now: dt.datetime) -> AskedQuestion | None:
    """Store the planned question (inside the caller's transaction); None, ending the session,
    when nothing is left to ask."""
    if plan.pick is None:
        if session.mode == StudySession.Mode.ASSIGNMENT:
            return None  # every question answered: the attempt waits for its submission
        session.finished_at = now
        session.save(update_fields=["finished_at"])
        return None
    asked = _unsaved(session, plan, now=now)
    if asked.card is not None and asked.card.pk is None:
        asked.card.save()
        asked.card = asked.card  # its id, now it has one (setting card_id would drop it)
    asked.save()
    return asked


def _store_guarded(session: StudySession, plan: _Plan, *, now: dt.datetime) -> AskedQuestion | None:
    """Store the planned question unless the session has ended or has a question waiting;
    None when it has. Without a transaction where the database runs one writer at a time
    (SQLite: each statement alone holds the write lock): a card made for a fact met for the
    first time stays if the question is then not stored, a new card due at once, as a question
    left unanswered leaves it. Where the database locks rows, the session's row is locked first,
    as every write to a session's questions locks it."""
    asked = _unsaved(session, plan, now=now)
    if not connection.features.has_select_for_update:
        # Inside a caller's transaction (tests), a savepoint: a refused INSERT must not leave
        # the caller's transaction marked for rollback.
        within = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with within:
            return asked if _insert_unless_waiting(asked) else None
    with transaction.atomic():
        StudySession.objects.select_for_update().filter(pk=session.pk).values_list(
            "pk", flat=True
        ).get()
        return asked if _insert_unless_waiting(asked) else None


def _insert_unless_waiting(asked: AskedQuestion) -> bool:
    """INSERT the question (after its card, if new) unless its session has ended or has an
    unanswered question: one statement, INSERT … SELECT … WHERE, so that the test and the
    write are one (SQLite runs it under its write lock; PostgreSQL after the session's lock)."""
    if asked.card is not None and asked.card.pk is None:
        asked.card.save()
        asked.card = asked.card  # its id, now it has one (setting card_id would drop it)
    meta = AskedQuestion._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    name = connection.ops.quote_name
    table, sessions = name(meta.db_table), name(StudySession._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(name(cast(str, f.column)) for f in fields)}) "
        f"SELECT {', '.join(['%s'] * len(fields))} "
        f"WHERE EXISTS (SELECT 1 FROM {sessions} "
        f"WHERE {_column(StudySession, 'id')} = %s "
        f"AND {_column(StudySession, 'finished_at')} IS NULL) "
        f"AND NOT EXISTS (SELECT 1 FROM {table} WHERE {_column(AskedQuestion, 'session')} = %s "
        f"AND {_column(AskedQuestion, 'answered_at')} IS NULL) "
        f"RETURNING {_column(AskedQuestion, 'id')}"
    )
    values = [f.get_db_prep_save(f.pre_save(asked, add=True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, asked.session_id, asked.session_id])
        row = cursor.fetchone()
    if row is None:
        return False
    asked.pk = row[0]
    asked._state.adding, asked._state.db = False, connection.alias
    return True


def _column(model: type[models.Model], field_name: str) -> str:
    field = model._meta.get_field(field_name)
    assert isinstance(field, models.Field)
    return connection.ops.quote_name(cast(str, field.column))
