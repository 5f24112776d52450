"""Who studies: a learner's scheduling preferences, time zone and study day."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learning.core import scheduling

# A study day begins at 4 a.m. in the learner's time zone, as Anki's does: a session after
# midnight still belongs to the evening's day.
DAY_STARTS_AT = dt.timedelta(hours=4)


@functools.cache
def time_zone_names() -> frozenset[str]:
    """Every IANA time zone this machine knows (the tz database; read from disk once)."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(name: str) -> None:
    if name not in time_zone_names():
        raise ValidationError(_("Choose a time zone from the list."), code="time_zone")


# The longest name a learner gives their teachers (kept in the user's first name, 150 at most).
NAME_MAX_LENGTH = 60


class Learner(models.Model):
    """A person who studies: their scheduling preferences, and whether they are still a guest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner"
    )
    is_guest = models.BooleanField(default=False)
    is_teacher = models.BooleanField(
        _("teacher"),
        default=False,
        help_text=_("Can create classes and set assignments. A guest cannot be a teacher."),
    )
    desired_retention = models.FloatField(
        _("desired retention"),
        default=scheduling.DEFAULT_RETENTION,
        validators=[
            MinValueValidator(scheduling.MIN_RETENTION),
            MaxValueValidator(scheduling.MAX_RETENTION),
        ],
        help_text=_(
            "The share of reviews you want to get right, from 0.70 to 0.97. Higher means "
            "more frequent reviews."
        ),
    )
    new_per_day = models.PositiveSmallIntegerField(
        _("new facts per day"),
        default=20,
        validators=[MaxValueValidator(200)],
        help_text=_("How many facts you have not seen before a study day may bring, up to 200."),
    )
    language = models.CharField(
        _("interface language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_(
            "Your study day starts at 4 a.m. here: it decides when the new facts of a day "
            "are counted."
        ),
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_retention__gte=scheduling.MIN_RETENTION)
                & Q(desired_retention__lte=scheduling.MAX_RETENTION),
                name="learner_retention_in_range",
            ),
            models.CheckConstraint(
                condition=Q(new_per_day__lte=200), name="learner_new_per_day_at_most_200"
            ),
            models.CheckConstraint(
                condition=~(Q(is_guest=True) & Q(is_teacher=True)),
                name="learner_guest_not_teacher",
                violation_error_message=_("A guest cannot be a teacher."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def guest_username() -> str:
        return f"guest-{secrets.token_hex(6)}"

    @property
    def display_name(self) -> str:
        """How the learner's teachers see them: the name they gave (at joining a class, or in
        their settings), else their username (a guest's is generated: "guest-a72d…")."""
        return self.name_shown(first_name=self.user.first_name, username=self.user.username)

    @staticmethod
    def name_shown(*, first_name: str, username: str) -> str:
        """display_name from the user's two columns, for pages that read them as plain values."""
        return first_name.strip() or username

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The learner's time zone: their study days, and the dates their pages show."""
        return zoneinfo.ZoneInfo(self.time_zone)

    def study_day(self, *, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """The learner's study day that `now` falls in, as [start, end) in UTC."""
        zone = self.zone
        shifted = now.astimezone(zone) - DAY_STARTS_AT
        # Midnight of that calendar day, then 4 a.m., as wall-clock times: on a day the clocks
        # change the day is 23 or 25 hours long, and it still starts at 4 a.m.
        day = shifted.date()
        start = dt.datetime.combine(day, dt.time(), zone) + DAY_STARTS_AT
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone) + DAY_STARTS_AT
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
