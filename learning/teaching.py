"""Writes of the teacher side: classes, their members, assignments and attempts.

Every function is one transaction, takes keyword arguments only, and is the one place its
change is made. Who may call it (a teacher owning the class, a member of it) is checked by the
views before the call; these functions check what the data itself must hold.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from learning.core import joincodes
from learning.models import (
    Assignment,
    AssignmentItem,
    Classroom,
    Fact,
    Learner,
    Membership,
    StudySession,
)

# A new code that collides with an existing one is drawn again: with 31**8 codes a retry is
# already rare, several in a row mean something else is wrong.
CODE_TRIES = 10


class TeachingError(Exception):
    """A request the class or assignment flow cannot honour (the view answers 4xx with it)."""


def _unique_code() -> str:
    for _attempt in range(CODE_TRIES):
        code = joincodes.new_code()
        if not Classroom.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free join code found")


def _save_with_new_code(classroom: Classroom) -> None:
    """Save `classroom` with a fresh code; a code taken meanwhile by another class is redrawn."""
    for _attempt in range(CODE_TRIES):
        classroom.code = _unique_code()
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives a clash
                classroom.save()
            return
        except IntegrityError:
            continue
    raise RuntimeError("no free join code found")


@transaction.atomic
def create_class(*, teacher: Learner, name: str, now: dt.datetime) -> Classroom:
    """A new class of `teacher`'s, with a fresh join code."""
    if not teacher.is_teacher:
        raise TeachingError(_("Only a teacher can create a class."))
    classroom = Classroom(teacher=teacher, name=name.strip(), created_at=now)
    _save_with_new_code(classroom)
    return classroom


@transaction.atomic
def regenerate_code(*, classroom: Classroom) -> Classroom:
    """A new join code for the class: the old code and link stop working; members stay."""
    _save_with_new_code(classroom)
    return classroom


def wrong_code_message() -> str:
    return _("No class has that code. Check it with your teacher and try again.")


def find_class(code: str) -> Classroom:
    """The class whose code is `code` as typed (any case, with or without the dash).

    TeachingError, with one message whatever was wrong with the code.
    """
    normalised = joincodes.normalise(code)
    classroom = None
    if joincodes.is_well_formed(normalised):
        classroom = (
            Classroom.objects.select_related("teacher__user").filter(code=normalised).first()
        )
    if classroom is None:
        raise TeachingError(wrong_code_message())
    return classroom


@transaction.atomic
def join(*, learner: Learner, classroom: Classroom, now: dt.datetime) -> bool:
    """The learner joins the class; joining twice changes nothing. True if they were not in."""
    _membership, created = Membership.objects.get_or_create(
        classroom=classroom, learner=learner, defaults={"joined_at": now}
    )
    return created


@transaction.atomic
def leave(*, learner: Learner, classroom: Classroom) -> None:
    """The learner leaves the class (their answers and cards stay theirs)."""
    Membership.objects.filter(classroom=classroom, learner=learner).delete()


@transaction.atomic
def remove_member(*, classroom: Classroom, learner: Learner) -> None:
    """The teacher removes a learner from the class."""
    Membership.objects.filter(classroom=classroom, learner=learner).delete()


@transaction.atomic
def create_assignment(
    *,
    classroom: Classroom,
    title: str,
    facts: Sequence[Fact],
    kinds: Sequence[str],
    question_count: int,
    opens_at: dt.datetime,
    due_at: dt.datetime,
    feedback: str,
    now: dt.datetime,
) -> Assignment:
    """An assignment asking `question_count` of `facts`, drawn once: the same for everyone."""
    if not facts:
        raise TeachingError(_("Choose at least one fact."))
    if not 1 <= question_count <= len(facts):
        raise TeachingError(_("The number of questions must be between 1 and the number of facts."))
    if due_at <= opens_at:
        raise TeachingError(_("The due date must come after the opening date."))
    assignment = Assignment.objects.create(
        classroom=classroom,
        title=title.strip(),
        kinds=list(kinds),
        question_count=question_count,
        opens_at=opens_at,
        due_at=due_at,
        feedback=feedback,
        created_at=now,
    )
    chosen = random.Random(secrets.randbits(64)).sample(list(facts), question_count)
    AssignmentItem.objects.bulk_create(
        AssignmentItem(assignment=assignment, position=position, fact=fact)
        for position, fact in enumerate(chosen)
    )
    return assignment


@transaction.atomic
def start_attempt(*, learner: Learner, assignment: Assignment, now: dt.datetime) -> StudySession:
    """The learner's attempt at the assignment: made on the first visit, resumed after."""
    refusal = assignment.answer_refusal(learner, now=now)
    if refusal:
        raise TeachingError(refusal)
    # The learner row is locked so two tabs starting at once make one attempt, as study does.
    Learner.objects.select_for_update(no_key=True).get(pk=learner.pk)
    session, _created = StudySession.objects.get_or_create(
        learner=learner,
        assignment=assignment,
        defaults={
            "mode": StudySession.Mode.ASSIGNMENT,
            "size": assignment.question_count,
            # Each learner's own seed: their own kinds and option orders, on the same facts.
            "seed": secrets.randbits(48),
            "started_at": now,
        },
    )
    return session


@transaction.atomic
def submit(*, learner: Learner, assignment: Assignment, now: dt.datetime) -> StudySession:
    """Hand the attempt in: nothing in it can change after this. Submitting twice keeps the
    first time."""
    session = (
        StudySession.objects.select_for_update()
        .filter(learner=learner, assignment=assignment)
        .first()
    )
    if session is None:
        raise TeachingError(_("Start the assignment before submitting it."))
    if session.finished_at is None:
        session.finished_at = now
        session.save(update_fields=["finished_at"])
    return session
