"""Password guessing: django-axes locks a username on one client after a few wrong passwords,
for a short cool-off, on the site's log-in and the admin's alike."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model

PASSWORD = "a-long-enough-passphrase-42"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LOGIN = "/{lang}/accounts/login/"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def layla(db):
    return get_user_model().objects.create_user("layla", password=PASSWORD)


def log_in(client, password, *, username="layla", lang="en", ip="127.0.0.1", url=LOGIN):
    return client.post(
        url.format(lang=lang), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail_until_locked(client, **kwargs):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong", **kwargs).status_code in (200, 400)  # admin: 200
    return log_in(client, "wrong", **kwargs)


def test_the_limit_th_wrong_password_locks_the_account_on_this_client(client, layla, clock):
    response = fail_until_locked(client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Too many failed attempts", "Try again in 15 minutes, at", "Back to log in"]),
        ("ar", ["محاولات فاشلة كثيرة", "حاول مرة أخرى بعد 15 دقيقة، عند الساعة", "العودة"]),
    ],
)
def test_the_lockout_page_says_when_to_try_again_in_each_language(
    client, layla, clock, lang, expected
):
    response = fail_until_locked(client, lang=lang)
    page = response.content.decode()
    assert response.status_code == 429
    assert f'<html lang="{lang}"' in page
    for text in expected:
        assert text in page
    assert '<time datetime="' in page
    assert "layla" in page


def test_the_right_password_is_refused_while_locked(client, layla, clock):
    fail_until_locked(client)
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_tries_during_the_lock_do_not_extend_it(client, layla, clock):
    """Otherwise whoever keeps guessing keeps the owner out for as long as they like."""
    fail_until_locked(client)
    clock.shift(dt.timedelta(minutes=10))
    still = log_in(client, "wrong")
    assert still.status_code == 429
    assert "Try again in 5 minutes" in still.content.decode()


def test_the_account_unlocks_after_the_cool_off(client, layla, clock):
    fail_until_locked(client)
    clock.shift(settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1))
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(layla.pk)


def test_a_successful_log_in_forgets_earlier_failures(client, layla, clock):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "wrong").status_code == 400


def test_another_client_can_still_log_in_to_the_locked_account(client, layla, clock):
    """The lock holds the pair (account, client): a stranger cannot lock a learner out."""
    fail_until_locked(client, ip="203.0.113.7")
    assert log_in(client, PASSWORD, ip="203.0.113.7").status_code == 429
    assert log_in(client, PASSWORD, ip="198.51.100.4").status_code == 302


def test_another_account_from_the_locked_client_is_not_locked(client, layla, clock):
    get_user_model().objects.create_user("amina", password=PASSWORD)
    fail_until_locked(client)
    assert log_in(client, PASSWORD, username="amina").status_code == 302


def test_the_admin_log_in_is_locked_too(client, db, clock):
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    admin_login = "/{lang}/" + settings.ADMIN_URL + "login/"
    response = fail_until_locked(client, username="root", url=admin_login)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert log_in(client, PASSWORD, username="root", url=admin_login).status_code == 429


def test_guesses_at_one_account_from_many_addresses_pause_the_account(client, layla, clock):
    """Two wrong passwords from each of ten addresses stay under the per-client limit, but
    the account's own bound stops the eleventh address, for the same short cool-off."""
    tries = settings.LOGIN_ACCOUNT_FAILURE_LIMIT // 2
    for n in range(tries):
        for _ in range(2):
            assert log_in(client, "wrong", ip=f"198.51.100.{n + 1}").status_code == 400
    response = log_in(client, PASSWORD, ip="203.0.113.99")
    assert response.status_code == 429
    page = response.content.decode()
    assert "is paused from every connection" in page and "layla" in page
    clock.shift(settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1))
    assert log_in(client, PASSWORD, ip="203.0.113.99").status_code == 302


def test_one_address_trying_many_accounts_is_paused(client, db, clock):
    """Two tries at each of many accounts never lock one of them, but the address is stopped;
    the bound is high because a school's pupils share one address."""
    accounts = settings.LOGIN_CLIENT_FAILURE_LIMIT // 2
    for n in range(accounts):
        assert log_in(client, "wrong", username=f"pupil{n}").status_code == 400
        assert log_in(client, "wrong", username=f"pupil{n}").status_code == 400
    get_user_model().objects.create_user("amina", password=PASSWORD)
    response = log_in(client, PASSWORD, username="amina")
    assert response.status_code == 429
    assert "Logging in from this connection is paused" in response.content.decode()
    assert log_in(client, PASSWORD, username="amina", ip="198.51.100.4").status_code == 302


@pytest.mark.parametrize(
    ("lang", "account", "address"),
    [
        ("en", "is paused from every connection", "Logging in from this connection is paused"),
        ("ar", "مؤقتًا من جميع الاتصالات", "أُوقف تسجيل الدخول من هذا الاتصال مؤقتًا"),
    ],
)
def test_each_wider_pause_says_what_it_holds_in_each_language(
    client, layla, clock, lang, account, address
):
    for n in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT):
        log_in(client, "wrong", ip=f"198.51.100.{n + 1}", lang=lang)
    assert account in log_in(client, PASSWORD, ip="203.0.113.9", lang=lang).content.decode()
    for n in range(settings.LOGIN_CLIENT_FAILURE_LIMIT):
        log_in(client, "wrong", username=f"pupil{n}", ip="192.0.2.1", lang=lang)
    page = log_in(client, "wrong", username="someone", ip="192.0.2.1", lang=lang)
    assert address in page.content.decode()
