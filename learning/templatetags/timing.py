"""Template helpers for when reviews fall due."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from learning.core import values
from learning.core.values import Precision
from learning.presenters import content_language

register = template.Library()


@register.filter
def due_in(value: dt.datetime | None) -> str:
    """How long until `value`, as `timeuntil` says it, but never "0 minutes"."""
    if value is None:
        return ""
    if value - timezone.now() < dt.timedelta(minutes=1):
        return _("less than a minute")
    return timeuntil(value)


@register.filter
def when(value: dt.datetime | None) -> str:
    """A moment in the active time zone, as the app writes dates: '3 December 2026, 09:15' /
    '3 كانون الأول/ديسمبر 2026، 09:15' (Arabic month names, and the Arabic comma)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    lang = content_language()
    comma = "، " if lang == "ar" else ", "
    return f"{values.format_date(local.date(), None, Precision.DAY, lang)}{comma}{local:%H:%M}"


@register.filter
def day(value: dt.datetime | None) -> str:
    """The day of a moment in the active time zone: '3 December 2026' / in Arabic month names."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return values.format_date(local.date(), None, Precision.DAY, content_language())
