"""Signed-in sessions last while they are used: a session seen on a new day is saved again,
which gives it SESSION_COOKIE_AGE from that day. Django's own default keeps the age from the
last change to the session, so a guest who studied every day was signed out two weeks after
starting, with no password to come back with. Saving once a day, not on every request
(SESSION_SAVE_EVERY_REQUEST), keeps reads free of writes."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import SESSION_KEY, user_logged_in
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

RENEWED_ON = "renewed_on"


class KeepActiveSessionsMiddleware:
    """After SessionMiddleware in MIDDLEWARE, so the session it marks is saved on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request read anyway (so no extra query), and only a signed-in one.
        if session is None or not session.accessed or session.modified:
            return response
        try:
            if SESSION_KEY not in session:
                return response
            today = timezone.now().date().isoformat()
            if session.get(RENEWED_ON) != today:
                session[RENEWED_ON] = today
        except DatabaseError:  # the session could not be read (an outage page): leave it
            pass
        return response


@receiver(user_logged_in, dispatch_uid="learning.sessionkeep.signed_in_today")
def signed_in_today(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """A new sign-in's session is already fresh: the next request need not save it again."""
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_ON] = timezone.now().date().isoformat()
