"""Study views: start a session, show the current question, take an answer, sum up.

Every interaction is a real link or form first; htmx, when present, swaps the study card in
place using the named partials of learning/study.html. A plain POST redirects (303) to a page
that shows the result, so the flow is the same with JavaScript off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
    login,
)
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect, push_url

from learning import assignments, forms, learners, limits, presenters, study
from learning.core.questions import QuestionKind
from learning.models import AskedQuestion, Learner, StudySession, Topic
from learning.views import HtmxHttpRequest


def post_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like require_POST, but a visitor who opens the address gets a page that says why."""

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            response = render(request, "learning/post_only.html", status=405)
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _learner(request: HttpRequest) -> Learner | None:
    if not request.user.is_authenticated:
        return None
    learner = learners.learner_for(request.user, now=timezone.now())
    _remember(request, learner)
    return learner


def _remember(request: HttpRequest, learner: Learner) -> None:
    """Keep `learner` as request.user.learner: the page header reads it, and would otherwise
    read the same row again."""
    if request.user.is_authenticated:
        request.user.learner = learner


def _own_learner(request: HtmxHttpRequest) -> Learner:
    """The signed-in learner; anyone else gets a 404, as for another learner's question."""
    learner = _learner(request)
    if learner is None:
        raise Http404
    return learner


@require_safe
def study_home(request: HtmxHttpRequest) -> HttpResponse:
    learner = _learner(request)
    topics = study.kept_with_pool("topics", lambda: list(Topic.objects.with_fact_counts()))
    context: dict[str, Any] = {"learner": learner, "topics": topics}
    if learner is not None:
        now = timezone.now()
        context["workload"] = study.workload(learner, now=now)
        context["open_session"] = (
            learner.sessions.filter(finished_at__isnull=True)
            .exclude(mode=StudySession.Mode.ASSIGNMENT)
            .order_by("-started_at")
            .first()
        )
    context.update(class_context(learner, now=timezone.now()))
    return render(request, "learning/study_home.html", context)


def class_context(learner: Learner | None, *, now: dt.datetime) -> dict[str, Any]:
    """What the home and study pages show of classes besides the join form: the learner's
    classes and their assignments."""
    context: dict[str, Any] = {}
    if learner is not None:
        context["class_time_zone"] = learner.time_zone
        context["assignment_rows"] = assignments.assignment_rows(learner, now=now)
        context["my_classes"] = assignments.classes_of(learner)
    return context


def _learner_or_guest(request: HtmxHttpRequest, now: dt.datetime) -> Learner:
    learner = _learner(request)
    if learner is None:
        limits.count_guest(request)  # past the rate: Limited, a 429 page (learning.middleware)
        learner = learners.create_guest(
            now=now, time_zone=request.COOKIES.get(learners.TIME_ZONE_COOKIE, "")
        )
        login(request, learner.user, backend="django.contrib.auth.backends.ModelBackend")
    return learner


@post_only
def study_start(request: HtmxHttpRequest) -> HttpResponse:
    """Start studying now: a guest learner is made for a visitor without an account."""
    now = timezone.now()
    learner = _learner_or_guest(request, now)
    session = study.start_session(learner=learner, now=now)
    return redirect("learning:study_session", pk=session.pk)


@post_only
def practice_start(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    now = timezone.now()
    learner = _learner_or_guest(request, now)
    session = study.start_session(learner=learner, now=now, topic=topic, practice=True)
    return redirect("learning:study_session", pk=session.pk)


def _own_session(request: HtmxHttpRequest, pk: int) -> StudySession:
    """The signed-in learner's session `pk`, with its learner and assignment (one query, the
    signed-in user's row included); anyone else's, or a visitor's, is a 404."""
    user_id = _session_user_id(request)
    session = get_object_or_404(
        study.with_stamp(StudySession.objects.select_related("learner__user", "assignment")),
        pk=pk,
        learner__user_id=user_id,
    )
    if not signed_in_as(request, session.learner.user) and request.user.pk != user_id:
        raise Http404
    study.note_stamp(session)
    _remember(request, session.learner)
    return session


@require_safe
def session_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The session's current question, made and stored now if none is waiting."""
    session = _own_session(request, pk)
    try:
        step = study.current_step(session, now=timezone.now())
    except study.StudyError as error:  # an assignment the learner can no longer answer
        return render(request, "learning/refused.html", {"message": str(error)}, status=403)
    if step.asked is None:
        url = _after_session_url(session)
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    response = _render_card(request, step.asked, read=step)
    if request.htmx:
        push_url(response, reverse("learning:study_session", kwargs={"pk": session.pk}))
    return response


def _after_session_url(session: StudySession) -> str:
    """Where a finished session leads: its summary, or the assignment it was an attempt at."""
    if session.assignment_id is not None:
        return reverse("learning:assignment", kwargs={"pk": session.assignment_id})
    return reverse("learning:study_summary", kwargs={"pk": session.pk})


def _own_question(request: HtmxHttpRequest, pk: int) -> AskedQuestion:
    """The signed-in learner's question `pk`, with what showing and answering it read (one
    query, the signed-in user's row included); anyone else's, or a visitor's, is a 404."""
    user_id = _session_user_id(request)
    asked = get_object_or_404(
        study.with_stamp(
            AskedQuestion.objects.select_related(
                "session__assignment", "learner__user", "card", "fact"
            )
        ),
        pk=pk,
        learner__user_id=user_id,
    )
    if not signed_in_as(request, asked.learner.user) and request.user.pk != user_id:
        raise Http404
    study.note_stamp(asked)
    asked.session.learner = asked.learner  # the same row: spares reading it twice
    _remember(request, asked.learner)
    return asked


def _session_user_id(request: HttpRequest) -> Any:
    """The id of the user the request's session names (not yet checked: see signed_in_as);
    a visitor's request, or one whose session names no user, is a 404."""
    try:
        return get_user_model()._meta.pk.to_python(request.session[SESSION_KEY])
    except (KeyError, ValidationError):
        raise Http404 from None


def signed_in_as(request: HttpRequest, user: Any) -> bool:
    """Whether the request's session signs in `user`, a row read with the view's own (sparing
    the user's own query): the checks django.contrib.auth.get_user makes, for a session of
    ModelBackend; then `user` becomes request.user. Anything else (another backend, a session
    hash made with a rotated secret, an inactive user) is False, left to request.user, which
    makes the checks itself and answers for them (flushing a session it rejects)."""
    session = request.session
    if session.get(SESSION_KEY) != user._meta.pk.value_to_string(user):
        return False
    path = session.get(BACKEND_SESSION_KEY)
    if path not in settings.AUTHENTICATION_BACKENDS:
        return False
    backend = load_backend(path)
    if not isinstance(backend, ModelBackend) or type(backend).get_user is not ModelBackend.get_user:
        return False
    if not backend.user_can_authenticate(user):
        return False
    session_hash = session.get(HASH_SESSION_KEY)
    if not session_hash or not constant_time_compare(session_hash, user.get_session_auth_hash()):
        return False
    request.user = user
    return True


def _render_card(
    request: HtmxHttpRequest,
    asked: AskedQuestion,
    *,
    outcome: study.Outcome | None = None,
    error: str = "",
    notice: str = "",
    status: int = 200,
    read: study.Step | None = None,
) -> HttpResponse:
    """The study card for `asked`: the whole page, or with htmx only the card. `read`: what
    finding the question read (the session's questions, the learner's workload), not read again."""
    now = timezone.now()
    context = presenters.study_card(
        asked,
        lang=presenters.content_language(),
        now=now,
        arrangement=forms.parse_arrangement(request.GET),
        outcome=outcome,
        error=error,
    )
    context["notice"] = notice
    waiting = read.workload if read is not None else None
    context["progress"] = study.progress(asked, now=now, waiting=waiting)
    if not context.get("ended"):
        if outcome is not None and outcome.recorded:
            # Just recorded, so the session's latest answer: undoable if it is a flashcard's.
            last = asked if asked.kind == QuestionKind.FLASHCARD else None
        else:
            questions = read.questions if read is not None else None
            last = study.undoable(asked.session, now=now, questions=questions)
        # Offered with the rating's feedback and on the question after it, not on older pages.
        if last is not None and last.position <= asked.position:
            context["undo"] = {"asked": last, "token": study.undo_token(last)}
    template = "learning/study.html"
    if request.htmx:
        template += "#card"
    return render(request, template, context, status=status)


@require_safe
def question_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A question as the learner left it: waiting for an answer, or with its result."""
    return _render_card(request, _own_question(request, pk))


@post_only
def answer_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    asked = _own_question(request, pk)
    question = study.stored_question(asked)
    try:
        response = forms.parse_response(question, request.POST)
        outcome = study.answer(asked, response=response, now=timezone.now())
    except study.StudyError as error:
        return _render_card(request, asked, error=str(error), status=400)
    notice = ""
    if not outcome.recorded and not _same_response(response, outcome.asked.response):
        # Back to an answered question and another choice sent: the first answer stands.
        notice = _("You had already answered this question: your first answer counts.")
    if not request.htmx:
        if notice:
            messages.info(request, notice)
        return redirect("learning:study_question", pk=asked.pk)
    response_ = _render_card(request, outcome.asked, outcome=outcome, notice=notice)
    push_url(response_, reverse("learning:study_question", kwargs={"pk": asked.pk}))
    return response_


def _same_response(sent: Any, stored: Any) -> bool:
    """Whether an answer sent is the one stored (an order as a list either way)."""
    if isinstance(sent, list | tuple) and isinstance(stored, list | tuple):
        return list(sent) == list(stored)
    return bool(sent == stored)


@post_only
def reveal_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    asked = _own_question(request, pk)
    try:
        study.reveal(asked, now=timezone.now())
    except study.StudyError as error:
        return _render_card(request, asked, error=str(error), status=400)
    if not request.htmx:
        return redirect("learning:study_question", pk=asked.pk)
    return _render_card(request, asked)


@post_only
def undo_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Take back a flashcard's rating: the card as it was, the flashcard to rate again."""
    asked = _own_question(request, pk)
    try:
        study.undo(asked, token=request.POST.get("answer", ""), now=timezone.now())
    except study.StudyError as error:
        return _render_card(request, asked, error=str(error), status=400)
    if not request.htmx:
        return redirect("learning:study_question", pk=asked.pk)
    response = _render_card(request, asked)
    push_url(response, reverse("learning:study_question", kwargs={"pk": asked.pk}))
    return response


@post_only
def move_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Without JavaScript: move one event earlier or later, then show the new arrangement."""
    asked = _own_question(request, pk)
    if asked.kind != QuestionKind.ORDERING or asked.is_answered or asked.session.finished_at:
        return redirect("learning:study_question", pk=asked.pk)
    try:
        move = forms.parse_move(request.POST, size=len(asked.payload["facts"]))
    except ValueError:
        return _render_card(request, asked, error=_("That move is not possible."), status=400)
    # "," and ":" need no escaping in a query (RFC 3986): ?order=0,2,1,3&moved=2:up
    query = urlencode(
        {"order": ",".join(map(str, move.result())), "moved": f"{move.index}:{move.direction}"},
        safe=",:",
    )
    url = reverse("learning:study_question", kwargs={"pk": asked.pk})
    return redirect(f"{url}?{query}")


@require_safe
def summary_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
    if session.assignment_id is not None:
        return redirect(_after_session_url(session))
    summary = study.summary(session, now=timezone.now(), lang=presenters.content_language())
    answers = [
        {
            "asked": item.asked,
            "rendered": item.rendered,
            "feedback": presenters.feedback(item.asked, item.question, item.rendered, item.grade),
        }
        for item in summary.questions
    ]
    return render(
        request,
        "learning/study_summary.html",
        {
            "session": session,
            "summary": summary,
            "answers": answers,
            "workload": study.workload(session.learner, now=timezone.now()),
        },
    )
