"""Password guessing: which lock, if any, holds a log-in, counted from django-axes' records.

Axes counts failed log-ins in the database (shared by every worker and app server) and locks
one account on one client after AXES_FAILURE_LIMIT of them. Two wider bounds are added here,
over the same records and the same cool-off, so that guessing cannot simply spread out:
- one account from any clients: LOGIN_ACCOUNT_FAILURE_LIMIT (guesses from many addresses);
- one client over any accounts: LOGIN_CLIENT_FAILURE_LIMIT (one address trying many accounts),
  set high, since a school's pupils often share one address.
Every lock ends a cool-off after the failure that set it: tries while locked are refused before
a password is checked, and are not counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.http import HttpRequest
from django.utils import timezone

from learning import limits


class Scope(StrEnum):
    PAIR = "pair"  # this account from this client
    ACCOUNT = "account"  # this account from any client
    CLIENT = "client"  # this client, whatever the account


@dataclass(frozen=True)
class Lock:
    scope: Scope
    limit: int
    ends: dt.datetime


def _limits() -> list[tuple[Scope, int]]:
    return [
        (Scope.PAIR, settings.AXES_FAILURE_LIMIT),
        (Scope.ACCOUNT, settings.LOGIN_ACCOUNT_FAILURE_LIMIT),
        (Scope.CLIENT, settings.LOGIN_CLIENT_FAILURE_LIMIT),
    ]


def current_lock(*, username: str, ip: str, now: dt.datetime) -> Lock | None:
    """The lock holding a log-in as `username` from `ip` at `now`, the narrowest first."""
    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gt=now - cool_off)
    where = {
        Scope.PAIR: Q(username=username, ip_address=ip),
        Scope.ACCOUNT: Q(username=username),
        Scope.CLIENT: Q(ip_address=ip),
    }
    counts = recent.aggregate(
        **{
            f"{scope}_failures": Sum("failures_since_start", filter=where[scope]) for scope in Scope
        },
        **{f"{scope}_last": Max("attempt_time", filter=where[scope]) for scope in Scope},
    )
    for scope, limit in _limits():
        if (counts[f"{scope}_failures"] or 0) >= limit:
            return Lock(scope, limit, counts[f"{scope}_last"] + cool_off)
    return None


def lock_for(request: HttpRequest, credentials: dict[str, Any] | None = None) -> Lock | None:
    """The lock holding this log-in request, if any."""
    username = get_client_username(request, credentials) or ""
    return current_lock(username=username, ip=limits.client_ip(request), now=timezone.now())


class LoginGuard(AxesDatabaseHandler):
    """Axes' database handler, with the account-wide and client-wide bounds as well."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return lock_for(request, credentials) is not None
