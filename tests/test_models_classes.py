"""Classes and assignments: what the rows themselves decide (status, when answers show)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from learning.models import Assignment, Membership, StudySession
from learning.models.classes import Status, status_of

OPENS = dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
DUE = dt.datetime(2026, 3, 8, 8, tzinfo=dt.UTC)
BEFORE, DURING, AFTER = (
    OPENS - dt.timedelta(hours=1),
    OPENS + dt.timedelta(days=1),
    DUE + dt.timedelta(hours=1),
)


@pytest.fixture
def assignment(make_assignment):
    return make_assignment(opens_at=OPENS, due_at=DUE)


def attempt(assignment, learner, *, finished_at=None):
    return StudySession.objects.create(
        learner=learner,
        mode="assignment",
        assignment=assignment,
        size=3,
        seed=1,
        started_at=OPENS,
        finished_at=finished_at,
    )


def test_a_guest_cannot_be_a_teacher(make_learner):
    guest = make_learner("guest-1", is_guest=True)
    guest.is_teacher = True
    with pytest.raises(ValidationError):
        guest.full_clean()
    with pytest.raises(IntegrityError):
        guest.save()


@pytest.mark.parametrize(
    ("now", "finished", "status"),
    [
        (BEFORE, None, Status.NOT_OPEN),
        (DURING, None, Status.TO_DO),
        (AFTER, None, Status.LATE),
        (AFTER, DURING, Status.DONE),
        (AFTER, AFTER, Status.DONE_LATE),
    ],
)
def test_a_learners_status_follows_the_dates_and_the_submission(
    assignment, learner, now, finished, status
):
    session = attempt(assignment, learner, finished_at=finished) if finished else None
    assert status_of(assignment, session, now=now) == status


@pytest.mark.parametrize(
    ("feedback", "submitted", "now", "shows"),
    [
        ("immediate", False, DURING, True),
        ("submitted", False, DURING, False),
        ("submitted", True, DURING, True),
        ("due", True, DURING, False),
        ("due", False, AFTER, False),
        ("due", True, AFTER, True),
    ],
)
def test_correct_answers_show_when_the_teacher_said(assignment, feedback, submitted, now, shows):
    assignment.feedback = feedback
    assert assignment.shows_answers(submitted=submitted, now=now) is shows


def test_only_a_member_may_answer_and_only_once_open(assignment, learner):
    assert assignment.answer_refusal(learner, now=DURING)  # not in the class
    Membership.objects.create(classroom=assignment.classroom, learner=learner, joined_at=OPENS)
    assert assignment.answer_refusal(learner, now=BEFORE)  # not open yet
    assert assignment.answer_refusal(learner, now=DURING) == ""


def test_an_assignment_is_due_after_it_opens(classroom):
    with pytest.raises(IntegrityError):
        Assignment.objects.create(
            classroom=classroom,
            title="x",
            kinds=["mcq"],
            question_count=1,
            opens_at=DUE,
            due_at=OPENS,
            created_at=OPENS,
        )


def test_a_learner_has_one_attempt_per_assignment(assignment, learner):
    attempt(assignment, learner)
    with pytest.raises(IntegrityError):
        attempt(assignment, learner)
