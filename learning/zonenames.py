"""Time zones as a learner reads them: localised city and country names from the Unicode CLDR
(through Babel), grouped by region, with the offset from UTC. The value stays the IANA id.

Babel: https://babel.pocoo.org/en/latest/api/dates.html#timezone-functionality
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_gmt, get_timezone_location
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from learning.models.learners import time_zone_names

UTC = "UTC"

# The regions of the tz database that people live in (and Antarctica's stations), by the first
# part of the id. The rest (Etc/GMT+3, EST5EDT, aliases kept for old systems) is still accepted
# when posted, but not listed: each place is listed once, under its current name.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}

type Choice = tuple[str, str]
type Group = tuple[str, list[Choice]]


@functools.cache
def listed_ids() -> frozenset[str]:
    """The zones the list shows: one id per place, the tz database's current name."""
    aliases = get_global("zone_aliases")  # old name -> current name (Asia/Calcutta -> Kolkata)
    return frozenset(
        name
        for name in time_zone_names()
        if name.split("/", 1)[0] in REGIONS and name not in aliases
    ) | {UTC}


def listed_id(name: str) -> str:
    """The id under which `name` is listed: itself, or the current name of an old alias."""
    if name in listed_ids():
        return name
    current = get_global("zone_aliases").get(name, name)
    return current if current in listed_ids() else name


def label(name: str, *, language: str, now: dt.datetime) -> str:
    """'Riyadh, Saudi Arabia (GMT+03:00)' in the language; the offset is the one at `now`."""
    locale = Locale.parse(language)
    city = get_timezone_location(name, locale=locale, return_city=True)
    territory = get_global("zone_territories").get(name, "")
    country = locale.territories.get(territory, "") if territory not in ("", "001") else ""
    place = city if not country or country == city else f"{city}{_comma(language)} {country}"
    offset = get_timezone_gmt(now.astimezone(zoneinfo.ZoneInfo(name)), locale=locale)
    return f"{place} ({offset})"


def _comma(language: str) -> str:
    return "،" if language == "ar" else ","


def choices(*, language: str, now: dt.datetime, keep: str = "") -> list[Choice | Group]:
    """UTC, then the regions by their localised names, each sorted by place name.

    `keep`: a stored id that the list does not show (an alias, Etc/GMT-3), added as it is so
    that a form showing it does not change it behind the learner's back.
    """
    listed = list(_choices(language, now.astimezone(dt.UTC).date()))
    if keep and keep not in listed_ids() and keep in time_zone_names():
        with override(language):
            listed.append((str(_("Other")), [(keep, keep)]))
    return listed


@functools.lru_cache(maxsize=4)
def _choices(language: str, day: dt.date) -> tuple[Choice | Group, ...]:
    # Offsets change at most twice a year: one list per language and day is exact enough.
    now = dt.datetime.combine(day, dt.time(12), dt.UTC)
    groups: dict[str, list[Choice]] = {}
    for name in listed_ids() - {UTC}:
        entry = (name, label(name, language=language, now=now))
        groups.setdefault(name.split("/", 1)[0], []).append(entry)
    with override(language):
        utc = str(_("Coordinated Universal Time (UTC)"))
        named = sorted((str(REGIONS[region]), entries) for region, entries in groups.items())
    listed: list[Choice | Group] = [(UTC, utc)]
    for region, entries in named:
        listed.append((region, sorted(entries, key=lambda entry: entry[1].casefold())))
    return tuple(listed)
