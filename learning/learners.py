"""Writes about who studies: guests, sign-up, a guest keeping their progress, preferences."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from learning.models import Learner
from learning.models.learners import NAME_MAX_LENGTH, time_zone_names

# The browser's time zone, set by static/js/timezone.js: a new learner's study day then starts
# at their own 4 a.m. without asking them (Settings can change it).
TIME_ZONE_COOKIE = "tz"


def known_time_zone(name: str | None) -> str:
    """`name` if it is a time zone of the tz database, else UTC."""
    return name if name and name in time_zone_names() else "UTC"


@transaction.atomic
def create_guest(*, now: dt.datetime, time_zone: str = "UTC") -> Learner:
    """A learner with no username or password yet; their progress is kept like anyone's."""
    user = get_user_model()(username=Learner.guest_username())
    user.set_unusable_password()
    user.save()
    return Learner.objects.create(
        user=user, is_guest=True, created_at=now, time_zone=known_time_zone(time_zone)
    )


def learner_for(user: User, *, now: dt.datetime) -> Learner:
    """The user's learner profile, created on first need (e.g. for an admin account)."""
    learner, _ = Learner.objects.get_or_create(user=user, defaults={"created_at": now})
    return learner


def set_display_name(learner: Learner, name: str) -> None:
    """The name the learner's teachers see them by (kept in the user's first name); an empty
    one shows their username instead."""
    user = learner.user
    user.first_name = " ".join(name.split())[:NAME_MAX_LENGTH]
    user.save(update_fields=["first_name"])


@transaction.atomic
def register(
    *, user: User, now: dt.datetime, time_zone: str = "UTC", is_teacher: bool = False
) -> Learner:
    """A newly signed-up user, or a guest who chose a username and password: a full account
    (a teacher's, if they said they teach)."""
    learner, _ = Learner.objects.get_or_create(
        user=user, defaults={"created_at": now, "time_zone": known_time_zone(time_zone)}
    )
    learner.is_guest = False
    learner.is_teacher = learner.is_teacher or is_teacher
    learner.save(update_fields=["is_guest", "is_teacher"])
    return learner
