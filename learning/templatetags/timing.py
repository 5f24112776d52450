"""Template helpers for when reviews fall due."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import avoid_wrapping
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from learning import zonenames
from learning.core import values
from learning.core.values import Precision
from learning.presenters import content_language

register = template.Library()


@register.filter
def due_in(value: dt.datetime | None) -> str:
    """How long until `value`, rounded as a learner reads an interval ("6 days")."""
    if value is None:
        return ""
    return interval_text(value - timezone.now())


DAYS_IN_MONTH = 30  # months and years of a review interval, as Anki counts them: 30 and 365 days
DAYS_IN_YEAR = 365


def interval_text(delta: dt.timedelta) -> str:
    """A review interval in its largest unit, rounded: "6 days", not "5 days, 23 hours".

    Under an hour: minutes; under a day: hours; under a month: days; under a year: months and
    days; then years and months. Each is rounded to the nearest whole unit first, so 23 h 40 min
    reads "1 day" and 29.6 days "1 month". Never "0 minutes": under one, "less than a minute".
    """
    seconds = delta.total_seconds()
    if round(seconds / 60) < 1:
        return _("less than a minute")
    if (minutes := round(seconds / 60)) < 60:
        return _unit("minute", minutes)
    if (hours := round(seconds / 3600)) < 24:
        return _unit("hour", hours)
    days = round(seconds / 86400)
    if days < DAYS_IN_MONTH:
        return _unit("day", days)
    if days < DAYS_IN_YEAR:
        months, rest = divmod(days, DAYS_IN_MONTH)
        return _units(("month", months), ("day", rest))
    years, rest = divmod(days, DAYS_IN_YEAR)
    return _units(("year", years), ("month", min(rest // DAYS_IN_MONTH, 11)))


def _unit(name: str, number: int) -> str:
    # Our own plural forms, not Django's timesince ones: Arabic's six forms read "يوم واحد",
    # "يومين", "3 أيام", "11 يومًا", "100 يوم" (Django's give "2 يومين" and "100 أيام").
    # Kept on one line, as timesince keeps them.
    return avoid_wrapping(_UNITS[name](number) % {"num": number})


_UNITS = {
    "year": lambda n: npgettext("interval", "%(num)d year", "%(num)d years", n),
    "month": lambda n: npgettext("interval", "%(num)d month", "%(num)d months", n),
    "day": lambda n: npgettext("interval", "%(num)d day", "%(num)d days", n),
    "hour": lambda n: npgettext("interval", "%(num)d hour", "%(num)d hours", n),
    "minute": lambda n: npgettext("interval", "%(num)d minute", "%(num)d minutes", n),
}


def _units(*parts: tuple[str, int]) -> str:
    comma = values.CITATION_SEPARATOR[content_language()]
    return comma.join(_unit(name, number) for name, number in parts if number)


@register.filter
def when(value: dt.datetime | None) -> str:
    """A moment in the active time zone, as the app writes dates: '3 December 2026, 09:15' /
    '3 كانون الأول/ديسمبر 2026، 09:15' (Arabic month names, and the Arabic comma)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    lang = content_language()
    comma = values.CITATION_SEPARATOR[lang]
    return f"{values.format_date(local.date(), None, Precision.DAY, lang)}{comma}{local:%H:%M}"


@register.filter
def day(value: dt.datetime | None) -> str:
    """The day of a moment in the active time zone: '3 December 2026' / in Arabic month names."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return values.format_date(local.date(), None, Precision.DAY, content_language())


@register.filter
def zone_label(name: str) -> str:
    """A learner's time zone as Settings lists it, in the page's language: 'Asia/Riyadh' reads
    'Riyadh, Saudi Arabia (GMT+03:00)' / «الرياض، المملكة العربية السعودية (غرينتش+03:00)».
    A zone the list does not show (an old alias, Etc/GMT-3) is named by its id."""
    listed = zonenames.listed_id(name)
    if listed not in zonenames.listed_ids():
        return name
    return zonenames.label(listed, language=content_language(), now=timezone.now())
