"""Accounts: sign-up (a guest keeps their progress), preferences, the lock-out page.

Log in/out are Django's views; django-axes counts failed log-ins (see settings).
"""

import datetime as dt
import math
from typing import Any

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from learning import guests, learners, limits, lockout
from learning.forms import PreferencesForm, SignUpForm
from learning.models import Learner


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind @login_required (for the type checker)."""

    user: User


def _guest_user(request: HttpRequest) -> User | None:
    if not request.user.is_authenticated:
        return None
    learner = getattr(request.user, "learner", None)
    return request.user if learner is not None and learner.is_guest else None


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    guest = _guest_user(request)
    if request.user.is_authenticated and guest is None:
        messages.info(request, _("You already have an account."))
        return redirect("learning:preferences")
    # A guest's generated username ("guest-a72d…") is no suggestion: the field starts empty.
    initial = {"username": ""} if guest is not None else None
    form = SignUpForm(request.POST or None, instance=guest, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if guest is None:  # a guest keeping their progress makes no new user
                limits.count_signup(request)
        except limits.Limited as limited:
            return _signup_page(request, form, guest, limited=limited)
        user = form.save()
        learner = learners.register(
            user=user,
            now=timezone.now(),
            time_zone=request.COOKIES.get(learners.TIME_ZONE_COOKIE, ""),
            is_teacher=form.cleaned_data["is_teacher"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Your account is ready and your progress is saved.")
            if guest
            else _("Welcome! Your account is ready."),
        )
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            return redirect(next_url)
        # Whoever said they teach came to set up a class: their Teach area, not the study page.
        return redirect("learning:teach" if learner.is_teacher else "learning:study")
    return _signup_page(request, form, guest)


def _signup_page(
    request: HttpRequest, form: SignUpForm, guest: User | None, limited: Any = None
) -> HttpResponse:
    """The form again, with what was typed (but the passwords) and, if limited, why: 429."""
    status = 429 if limited else 400 if form.is_bound else 200
    next_url = request.POST.get("next", "") if form.is_bound else request.GET.get("next", "")
    response = render(
        request,
        "registration/signup.html",
        {"form": form, "is_guest": guest is not None, "next": next_url, "limited": limited},
        status=status,
    )
    if limited:
        response["Retry-After"] = str(limited.retry_after)
    return response


@require_http_methods(["GET", "POST"])
def guest_end(request: HttpRequest) -> HttpResponse:
    """End a guest profile (on a shared computer, say): a page that warns, then, on POST, the
    guest and all they studied deleted and the browser logged out."""
    guest = _guest_user(request)
    if guest is None:
        if request.user.is_authenticated:
            messages.info(request, _("Only a guest profile can be ended: your account stays."))
            return redirect("learning:preferences")
        return redirect("learning:home")
    if request.method == "POST":
        learner = guest.learner
        logout(request)
        guests.end_guest(learner=learner)
        messages.success(
            request,
            _("The guest profile and everything studied with it are deleted from this computer."),
        )
        return redirect("learning:home")
    return render(request, "learning/guest_end.html")


LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """The cookie makes the bare address (/) open in the chosen language next time."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        # One of Django's literals; the stubs type the setting as any string.
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
    return response


class RefusedFormIs400:
    """A form view whose refused POST answers 400 (the form, with its messages), not 200."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class LoginView(RefusedFormIs400, auth_views.LoginView):
    """Django's log-in; a learner who chose an interface language finds it on this device too."""

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        learner = Learner.objects.filter(user=form.get_user()).first()
        if learner is None or not learner.language:
            return response
        if not self.get_redirect_url():  # no page asked for: the home page, in their language
            with translation.override(learner.language):
                response = redirect("learning:home")
        return _remember_language(response, learner.language)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' lock-out response (AXES_LOCKOUT_CALLABLE): our page, saying when to retry.

    The lock ends a cool-off after the failure that set it (tries during the lock are not
    counted, so they do not move it).
    """
    username = get_client_username(request, credentials) or ""
    now = timezone.now()
    lock = lockout.lock_for(request, credentials)
    ends = lock.ends if lock is not None else now + settings.AXES_COOLOFF_TIME
    seconds = max(60, math.ceil((ends - now).total_seconds()))
    response = render(
        request,
        "registration/locked_out.html",
        {
            "username": username,
            "minutes": math.ceil(seconds / 60),
            "ends": ends.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "ends_at": f"{ends.astimezone(dt.UTC):%H:%M}",
            "failure_limit": lock.limit if lock is not None else settings.AXES_FAILURE_LIMIT,
            "scope": lock.scope if lock is not None else lockout.Scope.PAIR,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


class PasswordChangeView(RefusedFormIs400, auth_views.PasswordChangeView):
    success_url = reverse_lazy("learning:password_change_done")


_password_change = PasswordChangeView.as_view()


def password_change(request: HttpRequest) -> HttpResponseBase:
    """Django's password change; a guest, who has no password to change, is sent to sign up."""
    if _guest_user(request) is not None:
        messages.info(
            request, _("As a guest you have no password yet: choose a username and a password.")
        )
        return redirect("learning:signup")
    return _password_change(request)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    learner = learners.learner_for(request.user, now=timezone.now())
    form = PreferencesForm(
        request.POST or None,
        instance=learner,
        initial={"language": learner.language or translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        learners.set_display_name(learner, form.cleaned_data["name"])
        language = form.cleaned_data["language"]
        with translation.override(language):
            messages.success(request, _("Your preferences are saved."))
            response = redirect(reverse("learning:preferences"))
        return _remember_language(response, language)
    return render(
        request,
        "learning/preferences.html",
        {"form": form, "learner": learner},
        status=400 if form.is_bound else 200,
    )
