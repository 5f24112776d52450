"""A signed-in session lasts two weeks from the last day it was used, not from sign-in
(learning.sessionkeep): a guest who studies every day is never signed out."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
AGE = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)


@pytest.fixture
def guest(db):
    from learning import learners

    return learners.create_guest(now=START)


def signed_in(client) -> bool:
    return client.get("/en/study/").context["user"].is_authenticated


def expiry(client) -> dt.datetime:
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return Session.objects.get(session_key=key).expire_date


def test_a_guest_who_comes_back_every_few_days_stays_signed_in(client, guest):
    with time_machine.travel(START, tick=False):
        client.force_login(guest.user)
        assert expiry(client) == START + AGE
    day = START
    for _ in range(6):  # six visits, ten days apart: 60 days, well past the first expiry
        day += dt.timedelta(days=10)
        with time_machine.travel(day, tick=False):
            assert signed_in(client)
            assert expiry(client) == day + AGE


def test_a_session_not_used_for_two_weeks_still_ends(client, guest):
    with time_machine.travel(START, tick=False):
        client.force_login(guest.user)
    with time_machine.travel(START + AGE + dt.timedelta(minutes=1), tick=False):
        assert not signed_in(client)


def test_the_session_is_saved_once_a_day_not_on_every_request(client, guest):
    with time_machine.travel(START, tick=False):
        client.force_login(guest.user)
    with time_machine.travel(START + dt.timedelta(days=1), tick=False):
        first = client.get("/en/study/")
        again = client.get("/en/study/")
    assert settings.SESSION_COOKIE_NAME in first.cookies  # renewed: a fresh cookie age
    assert settings.SESSION_COOKIE_NAME not in again.cookies  # same day: nothing written


def test_an_anonymous_visit_gets_no_session(client, db):
    response = client.get("/en/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_the_request_after_signing_in_does_not_save_the_session_again(client, guest):
    with time_machine.travel(START, tick=False):
        client.force_login(guest.user)
        response = client.get("/en/study/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
