"""Site-wide rules: every request has an id, in its log lines and its response; signed-in
pages stay out of shared caches; a database outage answers 503 with our page; a limited
request answers 429 with our page."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from learning.context_processors import languages
from learning.limits import Limited
from learning.requestids import acceptable_request_id, start_request

logger = logging.getLogger(__name__)

OUTAGE_RETRY_AFTER = 30

REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"


class RequestIdMiddleware:
    """Gives each request an id: the trusted proxy's (the header named by REQUEST_ID_HEADER,
    e.g. HTTP_X_REQUEST_ID) when it sent an acceptable one, else a new one. The id is on
    every log line written while the request is served (learning.requestids) and in the
    response's X-Request-ID header, which gunicorn's access line prints."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = self._incoming(request) or uuid.uuid4().hex
        # Kept until the response is closed (learning.requestids), not reset on the way out:
        # Django logs a 4xx or 5xx (django.request) after the middleware has returned.
        start_request(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_RESPONSE_HEADER] = request_id
        return response

    @staticmethod
    def _incoming(request: HttpRequest) -> str | None:
        header = settings.REQUEST_ID_HEADER
        value = request.META.get(header, "") if header else ""
        return value if acceptable_request_id(value) else None


class PrivatePagesMiddleware:
    """Any response to a signed-in user, guests included, is `Cache-Control: private, no-store`:
    no proxy or shared computer's browser cache keeps a learner's pages.

    Decided without the database: a signed-in user's request always carries the session
    cookie, and a response that signs someone in or out has changed the session. So a response
    is private when the request sent the session cookie, or the session was changed, or the
    view found a signed-in user; an anonymous visitor's public page, sent without the cookie,
    is the only kind left public. Reading request.user here would cost every request with a
    session (the bare ones too) the session's and the user's queries.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self._private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _private(request: HttpRequest) -> bool:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return True
        # A user the request already read (login() sets it without a cookie having been sent).
        user = getattr(request, "_cached_user", None)
        return bool(user is not None and user.is_authenticated)


class DatabaseOutageMiddleware:
    """A view that meets a database outage answers 503 with templates/503.html, rendered
    without the request's context (which would read the session and the user from the
    database); a Limited request answers 429 with templates/429.html."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Limited):
            response = render(request, "429.html", {"minutes": exception.minutes}, status=429)
            response["Retry-After"] = str(exception.retry_after)
            return response
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable: %s", exception)
            context = languages(request)
            response = HttpResponse(render_to_string("503.html", context), status=503)
            response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
            patch_cache_control(response, no_store=True)
            return response
        return None
