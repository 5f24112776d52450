"""Template helpers for when reviews fall due."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def due_in(value: dt.datetime | None) -> str:
    """How long until `value`, as `timeuntil` says it, but never "0 minutes"."""
    if value is None:
        return ""
    if value - timezone.now() < dt.timedelta(minutes=1):
        return _("less than a minute")
    return timeuntil(value)
