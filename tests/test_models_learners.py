"""Learners (learning/models/learners.py): their study day and their time zone."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from learning.models import Learner
from learning.models.learners import validate_time_zone


@pytest.mark.parametrize(
    ("zone", "now", "start", "end"),
    [
        # Riyadh is UTC+3: its study day runs from 01:00 to 01:00 UTC.
        ("Asia/Riyadh", (2026, 11, 23, 0, 30), (2026, 11, 22, 1, 0), (2026, 11, 23, 1, 0)),
        ("Asia/Riyadh", (2026, 11, 23, 1, 30), (2026, 11, 23, 1, 0), (2026, 11, 24, 1, 0)),
        # New York on the night the clocks go back: a day of 25 hours, from 4 a.m. to 4 a.m.
        ("America/New_York", (2026, 11, 1, 6, 0), (2026, 10, 31, 8, 0), (2026, 11, 1, 9, 0)),
        ("UTC", (2026, 11, 23, 3, 59), (2026, 11, 22, 4, 0), (2026, 11, 23, 4, 0)),
    ],
)
def test_a_study_day_starts_at_4_am_in_the_learners_time_zone(zone, now, start, end):
    learner = Learner(time_zone=zone)
    day = learner.study_day(now=dt.datetime(*now, tzinfo=dt.UTC))
    assert day == (dt.datetime(*start, tzinfo=dt.UTC), dt.datetime(*end, tzinfo=dt.UTC))


@pytest.mark.parametrize("zone", ["Asia/Riyadh", "Europe/Paris", "UTC"])
def test_a_time_zone_of_the_tz_database_is_accepted(zone):
    validate_time_zone(zone)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "riyadh", "UTC+3"])
def test_a_time_zone_outside_the_tz_database_is_refused(zone):
    with pytest.raises(ValidationError) as refused:
        validate_time_zone(zone)
    assert refused.value.code == "time_zone"


@pytest.mark.django_db
def test_the_learner_model_refuses_an_unknown_time_zone(learner):
    learner.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as refused:
        learner.full_clean()
    assert "time_zone" in refused.value.message_dict


def test_guests_get_different_usernames():
    names = {Learner.guest_username() for _ in range(20)}
    assert len(names) == 20
    assert all(name.startswith("guest-") for name in names)
