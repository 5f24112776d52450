"""Per-client limits on what an anonymous visitor can create (accounts and guest learners), and
on tries at a class join code (per client and per learner).

Counted with django-ratelimit in the shared cache (settings.CACHES), so every worker and every
app server adds to the same count.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage


def client_ip(request: HttpRequest) -> str:
    """The client's address: settings.CLIENT_IP_HEADER when a proxy sets it, else the socket's.

    A header listing several addresses (X-Forwarded-For) is read from the right: the last one
    was added by our own proxy, the others by whoever sent the request.
    """
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


def _client_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


class Limited(Exception):
    """A client made more of something than its rate allows; retry after `retry_after` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = max(1, retry_after)

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def _count(
    request: HttpRequest,
    *,
    group: str,
    rate: str,
    key: Callable[[str, HttpRequest], str] = _client_key,
) -> None:
    """Count one more for this client; raise Limited (counting nothing new) past the rate."""
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is not None and usage["should_limit"]:
        raise Limited(usage["time_left"])


def count_signup(request: HttpRequest) -> None:
    """Before an account is created for this client; raises Limited past SIGNUP_RATE."""
    _count(request, group="signup", rate=settings.SIGNUP_RATE)


def count_guest(request: HttpRequest) -> None:
    """Before a guest learner is created for this client; raises Limited past GUEST_RATE."""
    _count(request, group="guest", rate=settings.GUEST_RATE)


def count_join(request: HttpRequest, *, learner_id: int | None) -> None:
    """Before a join code is tried; raises Limited past JOIN_RATE for this client or past
    JOIN_LEARNER_RATE for this learner (a learner cannot get round it by changing address)."""
    _count(request, group="join-client", rate=settings.JOIN_RATE)
    if learner_id is None:  # a visitor who is no learner yet: the client's count is the limit
        return
    _count(
        request,
        group="join-learner",
        rate=settings.JOIN_LEARNER_RATE,
        key=lambda group, request: f"learner:{learner_id}",
    )
