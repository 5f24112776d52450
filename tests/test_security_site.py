"""Safe by default: private pages stay out of caches; a database outage answers 503; /healthz."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from learning import learners


def database_down(error=OperationalError):
    return mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=error("server closed"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/study/", "/en/settings/", "/en/accounts/login/"])
def test_every_response_to_a_signed_in_learner_is_private_and_not_stored(client, learner, path):
    client.force_login(learner.user)
    response = client.get(path)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_guests_pages_are_private_too(client):
    client.force_login(learners.create_guest(now=timezone.now()).user)
    assert "no-store" in client.get("/en/study/")["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/study/", "/en/facts/nowhere/"])
def test_public_pages_for_visitors_are_not_marked_private(client, path):
    assert "private" not in client.get(path).get("Cache-Control", "")


def is_private(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control and "no-store" in cache_control


@pytest.mark.django_db
def test_the_response_that_signs_a_learner_in_is_private(client, make_learner):
    """Sent before the browser had a session cookie: told private by the changed session."""
    make_learner("lina")
    response = client.post(
        "/en/accounts/login/", {"username": "lina", "password": "a-long-enough-passphrase-42"}
    )
    assert response.status_code == 302
    assert is_private(response)


@pytest.mark.django_db
def test_the_response_that_makes_a_guest_is_private(client):
    response = client.post("/en/study/start/")
    assert response.status_code == 302
    assert is_private(response)


@pytest.mark.django_db
def test_the_response_that_signs_a_learner_out_is_private(client, learner):
    client.force_login(learner.user)
    assert is_private(client.post("/en/accounts/logout/"))


@pytest.mark.django_db
def test_private_is_told_without_reading_the_session_or_the_user(client, learner):
    """A response that never needs the learner (/healthz here) costs no session or user query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(learner.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert is_private(response)
    assert not [q for q in queries if "session" in q["sql"] or "auth_user" in q["sql"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Temporarily unavailable"), ("ar", "الخدمة غير متاحة مؤقتًا")]
)
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_outage_answers_503_with_the_site_page(client, lang, title, error):
    with database_down(error):
        response = client.get(f"/{lang}/")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert f'<html lang="{lang}"' in page
    assert title in page
    assert 'class="site-header"' in page


@pytest.mark.django_db
def test_a_signed_in_learner_meets_the_outage_page_too_not_a_500(client, learner):
    client.force_login(learner.user)
    with database_down():
        response = client.post("/en/study/start/")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_the_database_is_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_not(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable"}
