"""The learner's side of classes: join with a code or a link, see a class's assignments, leave.

Taking an assignment: learning/views/assignments.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from learning import assignments, forms, learners, limits, teaching
from learning.models import Classroom, Learner, Membership
from learning.views import HtmxHttpRequest
from learning.views.confirm import confirmation_page, confirmed, isolated
from learning.views.study import _learner, _learner_or_guest, _own_learner, post_only


def _join_page(
    request: HtmxHttpRequest, form: forms.JoinForm, *, error: str = "", status: int = 200
) -> HttpResponse:
    return render(request, "learning/join.html", {"join_form": form, "error": error}, status=status)


def _limited(request: HtmxHttpRequest, form: forms.JoinForm, limited: limits.Limited) -> Any:
    response = _join_page(
        request,
        form,
        error=_(
            "Too many tries at a class code from your connection or your account. "
            "Please wait %(minutes)d minutes and try again."
        )
        % {"minutes": limited.minutes},
        status=429,
    )
    response["Retry-After"] = str(limited.retry_after)
    return response


@require_http_methods(["GET", "POST"])
def join_class(request: HtmxHttpRequest) -> HttpResponse:
    """Join a class with its code. A visitor without an account joins as a new guest."""
    form = forms.JoinForm(request.POST or None)
    if request.method == "GET":
        return _join_page(request, form)
    if not form.is_valid():
        return _join_page(request, form, status=400)
    learner = _learner(request)
    try:
        limits.count_join(request, learner_id=learner.pk if learner else None)
    except limits.Limited as limited:
        return _limited(request, form, limited)
    try:
        classroom = teaching.find_class(form.cleaned_data["code"])
    except teaching.TeachingError as error:
        return _join_page(request, form, error=str(error), status=400)
    name = form.cleaned_data["name"]
    if not name and _needs_name(learner):
        # A guest would show in the teacher's lists as "guest-a72d…": ask for a name first.
        return _join_link_page(request, classroom, learner=learner, form=form)
    now = timezone.now()
    learner = learner or _learner_or_guest(request, now)
    if name:
        learners.set_display_name(learner, name)
    if teaching.join(learner=learner, classroom=classroom, now=now):
        messages.success(
            request,
            _("You have joined %(name)s. Its assignments are listed here.")
            % {"name": classroom.name},
        )
    else:
        messages.info(request, _("You are already in %(name)s.") % {"name": classroom.name})
    return redirect("learning:class", pk=classroom.pk)


@require_safe
def join_anywhere(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The link a teacher shares (/join/CODE/, no language in it): on to the join page in the
    language of whoever opens it (their language cookie, else their browser's languages)."""
    lang = translation.get_language_from_request(request)
    with translation.override(lang):
        response = redirect("learning:join_link", code=code)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@require_safe
def join_link(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """A class's join link: says which class, and joins with one press (a POST)."""
    learner = _learner(request)
    form = forms.JoinForm(initial={"code": code})
    try:
        limits.count_join(request, learner_id=learner.pk if learner else None)
    except limits.Limited as limited:
        return _limited(request, form, limited)
    try:
        classroom = teaching.find_class(code)
    except teaching.TeachingError as error:
        return _join_page(request, form, error=str(error), status=404)
    return _join_link_page(request, classroom, learner=learner, form=form)


def _needs_name(learner: Learner | None) -> bool:
    """Whether joining must first ask for a name: a visitor about to become a guest, or a guest
    who has not given one (a full account's username is a name they chose)."""
    return learner is None or (learner.is_guest and not learner.user.first_name.strip())


def _join_link_page(
    request: HtmxHttpRequest, classroom: Classroom, *, learner: Learner | None, form: forms.JoinForm
) -> HttpResponse:
    """The class named, and a button to join it (with a name field for those who need one)."""
    member = (
        learner is not None
        and Membership.objects.filter(classroom=classroom, learner=learner).exists()
    )
    return render(
        request,
        "learning/join_link.html",
        {
            "classroom": classroom,
            "code": classroom.code,
            "member": member,
            "name_field": form["name"] if _needs_name(learner) else None,
        },
    )


@require_safe
def class_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One of the learner's classes: its assignments, to do first, and the way out of it."""
    learner = _own_learner(request)
    classroom = get_object_or_404(assignments.classes_of(learner), pk=pk)
    rows = assignments.assignment_rows(learner, now=timezone.now(), classroom=classroom)
    return render(
        request,
        "learning/class.html",
        {"classroom": classroom, "assignment_rows": rows, "class_time_zone": learner.time_zone},
    )


@post_only
def leave_class(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    learner = _own_learner(request)
    classroom = get_object_or_404(Classroom, pk=pk, memberships__learner=learner)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Leave %(name)s?") % {"name": isolated(classroom.name)},
            consequences=_(
                "You will no longer see this class's assignments, and your teacher will no "
                "longer see your work in it. Your own study and cards stay yours, and you can "
                "join again with the class's code."
            ),
            confirm=_("Leave the class"),
            cancel_url=reverse("learning:class", kwargs={"pk": classroom.pk}),
        )
    teaching.leave(learner=learner, classroom=classroom)
    messages.success(request, _("You have left %(name)s.") % {"name": classroom.name})
    return redirect("learning:study")
