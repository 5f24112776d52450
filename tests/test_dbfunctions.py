"""learning.dbfunctions against the database (SQLite, and PostgreSQL under tests/pg.py): the
database counts the days since a review as scheduling.days_since counts them, float for float."""

import datetime as dt

import pytest

from learning.core import scheduling
from learning.core.scheduling import State
from learning.dbfunctions import DaysSince, DaysSinceNear
from learning.models import Card

NOW = dt.datetime(2026, 3, 2, 9, 30, 0, 250_000, tzinfo=dt.UTC)
AGO = {
    "no time": dt.timedelta(0),
    "a microsecond": dt.timedelta(microseconds=1),
    "an hour": dt.timedelta(hours=1),
    "six hours": dt.timedelta(hours=6),
    "a second short of a day": dt.timedelta(days=1, seconds=-1),
    "a day": dt.timedelta(days=1),
    "odd microseconds": dt.timedelta(days=9, hours=23, microseconds=123_457),
    "on a whole second": dt.timedelta(days=3, microseconds=250_000),  # no fraction stored
    "years": dt.timedelta(days=3 * 365, seconds=17),
    "in the future": -dt.timedelta(hours=2),
}


@pytest.fixture
def cards(learner, make_fact):
    """A reviewed card for each of AGO's times before NOW, by name."""
    return {
        name: Card.objects.create(
            learner=learner,
            fact=make_fact(),
            due=NOW,
            stability=1.0,
            difficulty=5.0,
            state=State.REVIEW,
            step=None,
            last_review=NOW - ago,
            reps=1,
            created_at=NOW - dt.timedelta(days=4000),
        ).pk
        for name, ago in AGO.items()
    }


@pytest.mark.django_db
def test_days_since_is_the_fractional_days_of_scheduling_to_the_bit(cards):
    got = dict(
        Card.objects.filter(pk__in=cards.values()).values_list(
            "pk", DaysSince("last_review", now=NOW)
        )
    )
    for name, ago in AGO.items():
        expected = scheduling.days_since(NOW - ago, now=NOW)
        assert got[cards[name]] == expected, name
    assert got[cards["six hours"]] == 0.25
    assert got[cards["in the future"]] == 0.0
    assert got[cards["a second short of a day"]] == (86_400 - 1) / 86_400


@pytest.mark.django_db
def test_days_since_near_is_within_a_millisecond_and_never_negative(cards):
    got = dict(
        Card.objects.filter(pk__in=cards.values()).values_list(
            "pk", DaysSinceNear("last_review", now=NOW)
        )
    )
    millisecond = 1 / 86_400_000
    for name, ago in AGO.items():
        expected = scheduling.days_since(NOW - ago, now=NOW)
        assert abs(got[cards[name]] - expected) <= millisecond, name
    assert got[cards["in the future"]] == 0.0
