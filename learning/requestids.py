"""The id of the request being served, for the log lines (no Django models: the logging
configuration imports this module before the apps are ready)."""

from __future__ import annotations

import contextvars
import logging
import re

from django.core.signals import request_finished

# What a proxy's id may look like: a UUID, a hex or base64 token, "host-123:456"…; anything
# else (too long, spaces, quotes) could forge or break a log line, and gets a fresh id instead.
_ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def acceptable_request_id(value: str) -> bool:
    """Whether an incoming id is safe to write into a log line as it is."""
    return _ACCEPTABLE_ID.fullmatch(value) is not None


def start_request(request_id: str) -> None:
    """From now until the response is closed, log lines carry this id."""
    _request_id.set(request_id)


def current_request_id() -> str:
    """The id of the request this thread is serving, "-" outside a request."""
    return _request_id.get()


def _forget_request_id(**kwargs: object) -> None:
    _request_id.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="learning.requestids")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every log record, as `request_id` (for the format)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True
