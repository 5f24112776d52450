"""Site-wide response rules: signed-in pages stay out of shared caches; a database outage
answers 503 with our page; a limited request answers 429 with our page."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from learning.context_processors import languages
from learning.limits import Limited

logger = logging.getLogger(__name__)

OUTAGE_RETRY_AFTER = 30


class PrivatePagesMiddleware:
    """Any response to a signed-in user, guests included, is `Cache-Control: private, no-store`:
    no proxy or shared computer's browser cache keeps a learner's pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        try:
            signed_in = request.user.is_authenticated
        except DatabaseError:  # the session cannot be read: keep the response private anyway
            signed_in = True
        if signed_in:
            patch_cache_control(response, private=True, no_store=True)
        return response


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
