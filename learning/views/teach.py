"""The Teach area: a teacher's classes, their members and codes, and their assignments.

Only a teacher gets in (a stranger is sent to log in; anyone else gets a 403 page saying how to
become one), and a teacher reaches only their own classes: another's id is a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from learning import forms, learners, teaching
from learning.models import (
    Assignment,
    AssignmentItem,
    Classroom,
    Fact,
    Learner,
    Membership,
    StudySession,
    Topic,
)
from learning.models.classes import Status, status_of
from learning.models.study import KIND_LABELS
from learning.views import HtmxHttpRequest
from learning.views.confirm import confirmation_page, confirmed, isolated
from learning.views.study import post_only

TeacherView = Callable[..., HttpResponse]


def teacher_only(view: TeacherView) -> Callable[..., HttpResponse]:
    """Pass the signed-in teacher to `view`; log in first, or a 403 page for a non-teacher."""

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        learner = learners.learner_for(request.user, now=timezone.now())
        if not learner.is_teacher:
            return render(
                request, "learning/teach/not_teacher.html", {"learner": learner}, status=403
            )
        return view(request, learner, *args, **kwargs)

    return wrapper


def _own_class(teacher: Learner, pk: int) -> Classroom:
    return get_object_or_404(Classroom, pk=pk, teacher=teacher)


@require_safe
@teacher_only
def teach_home(request: HtmxHttpRequest, teacher: Learner) -> HttpResponse:
    return _home_page(request, teacher, forms.ClassForm())


def _home_page(
    request: HtmxHttpRequest, teacher: Learner, form: forms.ClassForm, status: int = 200
) -> HttpResponse:
    classes = teacher.classes_taught.annotate(
        member_count=Count("memberships", distinct=True),
        assignment_count=Count("assignments", distinct=True),
    )
    return render(
        request, "learning/teach/home.html", {"classes": classes, "form": form}, status=status
    )


@post_only
@teacher_only
def class_create(request: HtmxHttpRequest, teacher: Learner) -> HttpResponse:
    form = forms.ClassForm(request.POST)
    if not form.is_valid():
        return _home_page(request, teacher, form, status=400)
    classroom = teaching.create_class(
        teacher=teacher, name=form.cleaned_data["name"], now=timezone.now()
    )
    messages.success(request, _("Your class is ready: give your learners its code or link."))
    return redirect("learning:teach_class", pk=classroom.pk)


def join_url(request: HtmxHttpRequest, classroom: Classroom) -> str:
    """The class's join link, without a language: each learner gets the page in their own."""
    return request.build_absolute_uri(reverse("join", args=[classroom.code]))


def qr_svg(link: str) -> str:
    """`link` as a QR code, an SVG data URI."""
    # segno draws the QR code as SVG on the server: no script, and CSP's img-src allows data:.
    return segno.make(link, error="m").svg_data_uri(scale=8, border=2, dark="#000", light="#fff")


@require_safe
@teacher_only
def class_detail(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    classroom = _own_class(teacher, pk)
    link = join_url(request, classroom)
    qr = qr_svg(link)
    # By the name the teacher sees, as the results and the class view list them.
    members = sorted(
        classroom.memberships.select_related("learner__user"),
        key=lambda member: member.learner.display_name.casefold(),
    )
    now = timezone.now()
    return render(
        request,
        "learning/teach/class.html",
        {
            "classroom": classroom,
            "join_link": link,
            "qr": qr,
            "members": members,
            "assignments": classroom.assignments.annotate(
                submitted=Count("sessions", filter=~_unsubmitted())
            ),
            "now": now,
        },
    )


def _unsubmitted() -> Q:
    return Q(sessions__finished_at__isnull=True)


@post_only
@teacher_only
def class_code(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    """A new join code: the old code and link stop working; the members stay."""
    classroom = _own_class(teacher, pk)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Make a new code for %(name)s?") % {"name": isolated(classroom.name)},
            consequences=_(
                "The code %(code)s and the class's link and QR code will stop working: anyone "
                "who has not joined yet will need the new code. Learners already in the class "
                "stay in it."
            )
            % {"code": classroom.display_code},
            confirm=_("Make a new code"),
            cancel_url=reverse("learning:teach_class", args=[classroom.pk]),
        )
    classroom = teaching.regenerate_code(classroom=classroom)
    messages.success(
        request,
        _("The class has a new code, %(code)s. The old code and link no longer work.")
        % {"code": classroom.display_code},
    )
    return redirect("learning:teach_class", pk=classroom.pk)


@post_only
@teacher_only
def member_remove(request: HtmxHttpRequest, teacher: Learner, pk: int, member: int) -> HttpResponse:
    classroom = _own_class(teacher, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("learner__user"), pk=member, classroom=classroom
    )
    name = membership.learner.display_name
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Remove %(name)s from %(class)s?")
            % {"name": isolated(name), "class": isolated(classroom.name)},
            consequences=_(
                "%(name)s will no longer see this class's assignments, and their work will "
                "leave its results. Their own study and cards stay theirs, and they can join "
                "again with the class's code."
            )
            % {"name": isolated(name)},
            confirm=_("Remove %(name)s") % {"name": isolated(name)},
            cancel_url=reverse("learning:teach_class", args=[classroom.pk]),
        )
    teaching.remove_member(classroom=classroom, learner=membership.learner)
    messages.success(
        request,
        _("%(name)s is no longer in this class.") % {"name": membership.learner.display_name},
    )
    return redirect("learning:teach_class", pk=classroom.pk)


@require_http_methods(["GET", "POST"])
@teacher_only
def assignment_new(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    """The assignment form. Picking topics (a GET, or htmx) ticks every fact of them; the
    teacher then unticks facts, or ticks facts one by one."""
    classroom = _own_class(teacher, pk)
    if "csrfmiddlewaretoken" in request.GET:
        # "Tick their facts" sends the whole form as a GET, its CSRF token too (without
        # JavaScript): keep the token out of the address bar, the history and shared links.
        query = request.GET.copy()
        del query["csrfmiddlewaretoken"]
        return redirect(f"{request.path}?{query.urlencode()}")
    now = timezone.now()
    # Dates are typed and shown in the teacher's own time zone; Django stores them in UTC.
    with timezone.override(teacher.zone):
        if request.method == "POST":
            form = forms.AssignmentForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                assignment = teaching.create_assignment(
                    classroom=classroom,
                    title=data["title"],
                    facts=list(data["facts"]),
                    kinds=data["kinds"],
                    question_count=data["question_count"],
                    opens_at=data["opens_at"],
                    due_at=data["due_at"],
                    feedback=data["feedback"],
                    now=now,
                )
                messages.success(request, _("The assignment is set."))
                return redirect("learning:teach_assignment", pk=assignment.pk)
            query = request.POST
        else:
            query = request.GET
        picked_topics = query.getlist("topics")
        ticked = {value for value in query.getlist("facts") if value.isdigit()}
        topics = Topic.objects.prefetch_related(
            Prefetch("facts", queryset=Fact.objects.with_source())
        ).order_by("position")
        if request.method == "GET":
            ticked |= _facts_to_tick(topics, picked_topics, set(query.getlist("applied")), ticked)
        # Each topic's facts fold away until one of them is ticked: 116 facts at once buried
        # the rest of the form.
        groups = [
            (topic, facts, sum(str(f.pk) in ticked for f in facts))
            for topic in topics
            if (facts := list(topic.facts.all()))
        ]
        if request.method == "GET":
            form = forms.AssignmentForm.carried(
                request.GET,
                ticked=sum(count for _topic, _facts, count in groups),
                opens_at=now,
                due_at=now + _default_duration(),
            )
        context = {
            "classroom": classroom,
            "form": form,
            "topics": topics,
            "groups": groups,
            "picked_topics": picked_topics,
            # A topic picked here has had its facts ticked: picked again, it ticks nothing.
            "applied": picked_topics if request.method == "GET" else query.getlist("applied"),
            "ticked": ticked,
            "time_zone": teacher.time_zone,
        }
        template = "learning/teach/assignment_form.html"
        if request.htmx and request.method == "GET":
            template += "#facts"
        return render(request, template, context, status=400 if form.is_bound else 200)


def _facts_to_tick(
    topics: QuerySet[Topic], picked: list[str], applied: set[str], ticked: set[str]
) -> set[str]:
    """Every fact of each newly picked topic: one already applied, or with a fact ticked by
    hand, keeps what the teacher ticked and unticked."""
    more: set[str] = set()
    for topic in topics:
        facts = {str(fact.pk) for fact in topic.facts.all()}
        if topic.slug in picked and topic.slug not in applied and not facts & ticked:
            more |= facts
    return more


def _default_duration() -> dt.timedelta:
    return dt.timedelta(days=7)


@require_safe
@teacher_only
def assignment_detail(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    """The assignment as set, and who has submitted it; its results are a page of their own."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("classroom").prefetch_related(
            Prefetch("items", queryset=_items())
        ),
        pk=pk,
        classroom__teacher=teacher,
    )
    now = timezone.now()
    attempts = {s.learner_id: s for s in StudySession.objects.filter(assignment=assignment)}
    members = assignment.classroom.memberships.select_related("learner__user").order_by(
        "learner__user__username"
    )
    rows = [
        {"learner": m.learner, "status": status_of(assignment, attempts.get(m.learner_id), now=now)}
        for m in members
    ]
    with timezone.override(teacher.zone):
        return render(
            request,
            "learning/teach/assignment.html",
            {
                "assignment": assignment,
                "rows": rows,
                "kinds": [KIND_LABELS[k] for k in KIND_LABELS if k.value in assignment.kinds],
                "submitted": sum(1 for r in rows if r["status"] in (Status.DONE, Status.DONE_LATE)),
                "time_zone": teacher.time_zone,
            },
        )


def _items() -> QuerySet[AssignmentItem]:
    return AssignmentItem.objects.select_related("fact__topic", "fact__source").order_by("position")
