"""Read-only queries of a learner's classes and assignments, for the home and study pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from learning.models import Assignment, Classroom, Learner, StudySession
from learning.models.classes import Status, status_of


@dataclass(frozen=True)
class AssignmentRow:
    """One assignment as a learner's list shows it."""

    assignment: Assignment
    status: Status
    answered: int

    @property
    def is_done(self) -> bool:
        return self.status in (Status.DONE, Status.DONE_LATE)


ROW_ORDER = [Status.LATE, Status.TO_DO, Status.NOT_OPEN, Status.DONE_LATE, Status.DONE]


def assignment_rows(
    learner: Learner, *, now: dt.datetime, classroom: Classroom | None = None
) -> list[AssignmentRow]:
    """The learner's assignments (of one class, if given): late and to do first, then not yet
    open, then done."""
    attempts = {
        s.assignment_id: s
        for s in StudySession.objects.filter(learner=learner, assignment__isnull=False).annotate(
            answered=Count("questions", filter=Q(questions__answered_at__isnull=False))
        )
    }
    mine = Assignment.objects.for_learner(learner)
    if classroom is not None:
        mine = mine.filter(classroom=classroom)
    rows = []
    for assignment in mine:
        attempt = attempts.get(assignment.pk)
        rows.append(
            AssignmentRow(
                assignment,
                status_of(assignment, attempt, now=now),
                attempt.answered if attempt is not None else 0,
            )
        )
    rows.sort(key=lambda r: ROW_ORDER.index(r.status))
    return rows


def classes_of(learner: Learner) -> QuerySet[Classroom]:
    return Classroom.objects.filter(memberships__learner=learner).select_related("teacher__user")
