"""Accounts: sign-up (a guest keeps their progress), preferences. Log in/out are Django's views."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from learning import learners
from learning.forms import PreferencesForm, SignUpForm


def _guest_user(request: HttpRequest) -> object | None:
    learner = getattr(request.user, "learner", None) if request.user.is_authenticated else None
    return request.user if learner is not None and learner.is_guest else None


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    guest = _guest_user(request)
    if request.user.is_authenticated and guest is None:
        messages.info(request, _("You already have an account."))
        return redirect("preferences")
    form = SignUpForm(request.POST or None, instance=guest)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        learners.register(user=user, now=timezone.now())
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
        return redirect("study")
    return render(
        request,
        "registration/signup.html",
        {"form": form, "is_guest": guest is not None, "next": request.GET.get("next", "")},
    )


_password_change = auth_views.PasswordChangeView.as_view()


def password_change(request: HttpRequest) -> HttpResponse:
    """Django's password change; a guest, who has no password to change, is sent to sign up."""
    if _guest_user(request) is not None:
        messages.info(
            request, _("As a guest you have no password yet: choose a username and a password.")
        )
        return redirect("signup")
    return _password_change(request)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    learner = learners.learner_for(request.user, now=timezone.now())
    form = PreferencesForm(
        request.POST or None,
        instance=learner,
        initial={"language": learner.language or translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        language = form.cleaned_data["language"]
        with translation.override(language):
            messages.success(request, _("Your preferences are saved."))
            response = redirect(reverse("preferences"))
        # The cookie makes the bare address (/) open in the chosen language next time.
        response.set_cookie("django_language", language, max_age=365 * 24 * 3600, samesite="Lax")
        return response
    return render(request, "learning/preferences.html", {"form": form, "learner": learner})
