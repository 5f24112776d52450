"""A learner's assignment: its page (what is left, then their answers back), start, submit.

An assignment is taken in the study interface (learning/views/study.py) as a session of mode
"assignment"; the pages here start it, send the learner to it, and take the submission.
Another learner's, or a class's the learner is not in, is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from learning import attempts, presenters, teaching
from learning.models import Assignment, Learner, StudySession
from learning.models.classes import status_of
from learning.views import HtmxHttpRequest
from learning.views.study import _own_learner, post_only


def _own_assignment(learner: Learner, pk: int) -> Assignment:
    """An assignment of one of the learner's classes; any other id is a 404."""
    return get_object_or_404(Assignment.objects.for_learner(learner), pk=pk)


@require_safe
def assignment_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Before submitting: start, go on, or submit (the main button once all is answered).
    After: the learner's answers, with the correct ones when the teacher's setting allows."""
    learner = _own_learner(request)
    assignment = _own_assignment(learner, pk)
    now = timezone.now()
    attempt = StudySession.objects.filter(learner=learner, assignment=assignment).first()
    asked = list(attempt.questions.order_by("position")) if attempt else []
    submitted = attempt is not None and attempt.finished_at is not None
    answered = sum(1 for one in asked if one.is_answered)
    shows = assignment.shows_answers(submitted=submitted, now=now)
    review = []
    if submitted:
        review = attempts.review(asked, lang=presenters.content_language(), shows_answers=shows)
    with timezone.override(learner.time_zone):
        return render(
            request,
            "learning/assignment.html",
            {
                "assignment": assignment,
                "attempt": attempt,
                "status": status_of(assignment, attempt, now=now),
                "asked": asked,
                "answered": answered,
                "all_answered": attempt is not None and answered >= assignment.question_count,
                "not_answered": max(0, assignment.question_count - answered),
                "right": sum(1 for one in asked if one.score == 1.0) if shows else None,
                "submitted": submitted,
                "shows_answers": shows,
                "review": review,
                "is_open": assignment.is_open(now=now),
                "time_zone": learner.time_zone,
            },
        )


@post_only
def assignment_start(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Start the assignment, or go back to it: the study interface asks its questions."""
    learner = _own_learner(request)
    assignment = _own_assignment(learner, pk)
    try:
        session = teaching.start_attempt(learner=learner, assignment=assignment, now=timezone.now())
    except teaching.TeachingError as error:
        messages.error(request, str(error))
        return redirect("learning:assignment", pk=assignment.pk)
    if session.finished_at is not None:
        return redirect("learning:assignment", pk=assignment.pk)
    return redirect("learning:study_session", pk=session.pk)


@post_only
def assignment_submit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    learner = _own_learner(request)
    assignment = _own_assignment(learner, pk)
    try:
        teaching.submit(learner=learner, assignment=assignment, now=timezone.now())
    except teaching.TeachingError as error:
        messages.error(request, str(error))
        return redirect("learning:assignment", pk=assignment.pk)
    messages.success(request, _("Your assignment is submitted."))
    return redirect("learning:assignment", pk=assignment.pk)
