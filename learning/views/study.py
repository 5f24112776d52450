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

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect, push_url

from learning import learners, limits, questions, scheduling, study
from learning.models import AskedQuestion, Learner, StudySession, Topic
from learning.questions import QuestionKind
from learning.scheduling import Rating


def post_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like require_POST, but a visitor who opens the address gets a page that says why."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            response = render(request, "learning/post_only.html", status=405)
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "ar"


def _learner(request: HttpRequest) -> Learner | None:
    if not request.user.is_authenticated:
        return None
    return learners.learner_for(request.user, now=timezone.now())


def _own_learner(request: HttpRequest) -> Learner:
    """The signed-in learner; anyone else gets a 404, as for another learner's question."""
    learner = _learner(request)
    if learner is None:
        raise Http404
    return learner


@require_safe
def study_home(request: HttpRequest) -> HttpResponse:
    learner = _learner(request)
    context: dict[str, Any] = {"learner": learner, "topics": Topic.objects.with_fact_counts()}
    if learner is not None:
        now = timezone.now()
        context["workload"] = study.workload(learner, now=now)
        context["open_session"] = (
            learner.sessions.filter(finished_at__isnull=True).order_by("-started_at").first()
        )
    return render(request, "learning/study_home.html", context)


def _learner_or_guest(request: HttpRequest, now: dt.datetime) -> Learner:
    learner = _learner(request)
    if learner is None:
        limits.count_guest(request)  # past the rate: Limited, a 429 page (learning.middleware)
        learner = learners.create_guest(
            now=now, time_zone=request.COOKIES.get(learners.TIME_ZONE_COOKIE, "")
        )
        login(request, learner.user, backend="django.contrib.auth.backends.ModelBackend")
    return learner


@post_only
def study_start(request: HttpRequest) -> HttpResponse:
    """Start studying now: a guest learner is made for a visitor without an account."""
    now = timezone.now()
    learner = _learner_or_guest(request, now)
    session = study.start_session(learner=learner, now=now)
    return redirect("study_session", pk=session.pk)


@post_only
def practice_start(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    now = timezone.now()
    learner = _learner_or_guest(request, now)
    session = study.start_session(learner=learner, now=now, topic=topic, practice=True)
    return redirect("study_session", pk=session.pk)


@require_safe
def session_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's current question, made and stored now if none is waiting."""
    session = get_object_or_404(StudySession, pk=pk, learner=_own_learner(request))
    asked = study.current_question(session, now=timezone.now())
    if asked is None:
        url = reverse("study_summary", kwargs={"pk": session.pk})
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    response = _render_card(request, asked)
    if request.htmx:
        push_url(response, reverse("study_session", kwargs={"pk": session.pk}))
    return response


def _own_question(request: HttpRequest, pk: int) -> AskedQuestion:
    return get_object_or_404(
        AskedQuestion.objects.select_related("session", "learner", "card", "fact"),
        pk=pk,
        learner=_own_learner(request),
    )


def _shown_order(request: HttpRequest, size: int) -> list[int]:
    """The arrangement of an ordering question the learner has made so far (no-JS moves)."""
    raw = request.GET.get("order", "")
    try:
        order = [int(part) for part in raw.split(",")] if raw else []
    except ValueError:
        order = []
    return order if sorted(order) == list(range(size)) else list(range(size))


def _render_card(
    request: HttpRequest,
    asked: AskedQuestion,
    *,
    outcome: study.Outcome | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    lang = _lang()
    question = study.stored_question(asked)
    facts = study.facts_of([asked])
    rendered = questions.render(question, facts, lang)
    now = timezone.now()
    context: dict[str, Any] = {
        "asked": asked,
        "session": asked.session,
        "rendered": rendered,
        "error": error,
        "progress": {"number": asked.position + 1, "size": asked.session.size},
    }
    if asked.is_answered:
        grade = outcome.grade if outcome else study.grading.grade(question, asked.response)
        context["feedback"] = _feedback(asked, question, rendered, grade)
        context["next_due"] = (
            asked.card.due if asked.card and asked.session.moves_schedule else None
        )
    elif asked.session.finished_at is not None:
        context["ended"] = True
    elif asked.kind == QuestionKind.ORDERING:
        order = _shown_order(request, len(rendered.options))
        moved, _colon, toward = request.GET.get("moved", "").partition(":")
        last = len(order) - 1
        context["events"] = [
            {
                "index": index,
                "label": rendered.options[index],
                "position": position + 1,
                "focus": _focus_after_move(toward, position, last) if moved == str(index) else "",
            }
            for position, index in enumerate(order)
        ]
        context["total"] = len(order)
    elif asked.kind == QuestionKind.FLASHCARD and asked.revealed_at is not None:
        context["rating_buttons"] = _rating_buttons(asked, now=now)
    template = "learning/study.html"
    if request.htmx:
        template += "#card"
    return render(request, template, context, status=status)


def _focus_after_move(toward: str, position: int, last: int) -> str:
    """The button to focus on the event just moved: the one pressed, unless the event has
    reached that end of the list, where only the other one can still move it."""
    if toward == "down":
        return "down" if position < last else "up"
    return "up" if position > 0 else "down"


def _rating_label(rating: Rating) -> str:
    return {
        Rating.AGAIN: _("Again"),
        Rating.HARD: _("Hard"),
        Rating.GOOD: _("Good"),
        Rating.EASY: _("Easy"),
    }[rating]


def _rating_buttons(asked: AskedQuestion, *, now: dt.datetime) -> list[dict[str, Any]]:
    """Again / Hard / Good / Easy, each with when the card would come back (as Anki shows)."""
    previews: dict[Rating, dt.datetime] = {}
    if asked.card is not None and asked.session.moves_schedule:
        previews = scheduling.preview(
            asked.card.memory(), now=now, desired_retention=asked.learner.desired_retention
        )
    return [
        {"value": int(rating), "label": _rating_label(rating), "due": previews.get(rating)}
        for rating in Rating
    ]


def _feedback(
    asked: AskedQuestion,
    question: questions.Question,
    rendered: questions.Rendered,
    grade: Any,
) -> dict[str, Any]:
    feedback: dict[str, Any] = {"correct": grade.correct, "score": grade.score}
    if asked.kind == QuestionKind.ORDERING:
        chosen = list(asked.response)
        correct_order = list(rendered.answer)
        slugs = question.facts
        feedback["placed"] = [
            {
                "label": rendered.options[i],
                "date": rendered.notes[i],
                "right": grade.fact_results.get(slugs[i], False),
                "belongs": correct_order.index(i) + 1,  # its place in time, 1 = earliest
            }
            for i in chosen
        ]
        feedback["correct_order"] = [
            {"label": rendered.options[i], "date": rendered.notes[i]} for i in correct_order
        ]
        feedback["total"] = len(chosen)
        # The longest run of events in the right relative order, as the score counts it.
        feedback["right_count"] = round(grade.score * len(chosen))
    elif asked.kind == QuestionKind.FLASHCARD:
        feedback["rating"] = Rating(asked.response)
        feedback["rating_label"] = _rating_label(Rating(asked.response))
    else:
        feedback["options"] = [
            {"text": text, "chosen": i == asked.response, "right": i == rendered.answer}
            for i, text in enumerate(rendered.options)
        ]
    return feedback


@require_safe
def question_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A question as the learner left it: waiting for an answer, or with its result."""
    return _render_card(request, _own_question(request, pk))


@post_only
def answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    asked = _own_question(request, pk)
    question = study.stored_question(asked)
    try:
        response = study.parse_response(question, request.POST)
        outcome = study.answer(asked, response=response, now=timezone.now())
    except study.StudyError as error:
        return _render_card(request, asked, error=str(error), status=400)
    if not request.htmx:
        return redirect("study_question", pk=asked.pk)
    response_ = _render_card(request, outcome.asked, outcome=outcome)
    push_url(response_, reverse("study_question", kwargs={"pk": asked.pk}))
    return response_


@post_only
def reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    asked = _own_question(request, pk)
    try:
        study.reveal(asked, now=timezone.now())
    except study.StudyError as error:
        return _render_card(request, asked, error=str(error), status=400)
    if not request.htmx:
        return redirect("study_question", pk=asked.pk)
    return _render_card(request, asked)


@post_only
def move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Without JavaScript: move one event earlier or later, then show the new arrangement."""
    asked = _own_question(request, pk)
    if asked.kind != QuestionKind.ORDERING or asked.is_answered or asked.session.finished_at:
        return redirect("study_question", pk=asked.pk)
    size = len(asked.payload["facts"])
    try:
        order = [int(v) for v in request.POST.getlist("order")]
        index, direction = request.POST.get("move", "").split(":")
        index = int(index)
    except ValueError:
        return _render_card(request, asked, error=_("That move is not possible."), status=400)
    if sorted(order) != list(range(size)) or index not in order or direction not in {"up", "down"}:
        return _render_card(request, asked, error=_("That move is not possible."), status=400)
    at = order.index(index)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < size:
        order[at], order[to] = order[to], order[at]
    # "," and ":" need no escaping in a query (RFC 3986): ?order=0,2,1,3&moved=2:up
    query = urlencode(
        {"order": ",".join(map(str, order)), "moved": f"{index}:{direction}"}, safe=",:"
    )
    url = reverse("study_question", kwargs={"pk": asked.pk})
    return redirect(f"{url}?{query}")


@require_safe
def summary_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(StudySession, pk=pk, learner=_own_learner(request))
    summary = study.summary(session, now=timezone.now())
    return render(
        request,
        "learning/study_summary.html",
        {
            "session": session,
            "summary": summary,
            "workload": study.workload(session.learner, now=timezone.now()),
        },
    )
