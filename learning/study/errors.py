"""What the study flow refuses, and how it says so."""

from __future__ import annotations

from django.utils.translation import gettext as _


class StudyError(Exception):
    """A request the study flow cannot honour (the view answers 400 with the message)."""


def session_ended_message() -> str:
    return _(
        "This session has ended, so its questions can no longer be answered. "
        "Start a new session to go on."
    )
