"""Sign-ups and guests are bounded per client address (django-ratelimit, shared cache)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from learning import learners
from learning.models import Learner

PASSWORD = "a-long-enough-passphrase-42"
User = get_user_model()


@pytest.fixture
def low_rates(settings, one_rate_window):
    settings.SIGNUP_RATE = "3/h"
    settings.GUEST_RATE = "3/h"


def sign_up(username, *, ip="127.0.0.1", lang="en", next_url=""):
    data = {"username": username, "password1": PASSWORD, "password2": PASSWORD, "next": next_url}
    return Client().post(f"/{lang}/accounts/signup/", data, REMOTE_ADDR=ip)


def start_as_visitor(*, ip="127.0.0.1", lang="en"):
    return Client().post(f"/{lang}/study/start/", REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_sign_ups_past_the_rate_are_refused_with_429_and_create_nothing(low_rates):
    for n in range(3):
        assert sign_up(f"pupil{n}").status_code == 302
    response = sign_up("pupil3")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert not User.objects.filter(username="pupil3").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Too many accounts have been created from your connection"),
        ("ar", "أُنشئت حسابات كثيرة من اتصالك في وقت قصير"),
    ],
)
def test_a_limited_sign_up_says_why_and_keeps_what_was_typed(low_rates, lang, message):
    for n in range(3):
        sign_up(f"pupil{n}", lang=lang)
    page = sign_up("amina", lang=lang, next_url="/en/study/").content.decode()
    assert message in page
    assert 'value="amina"' in page
    assert 'value="/en/study/"' in page


@pytest.mark.django_db
def test_another_client_can_still_sign_up(low_rates):
    for n in range(3):
        sign_up(f"pupil{n}", ip="203.0.113.7")
    assert sign_up("pupil3", ip="203.0.113.7").status_code == 429
    assert sign_up("amina", ip="198.51.100.4").status_code == 302


@pytest.mark.django_db
def test_a_refused_form_does_not_count_against_the_rate(low_rates):
    bad = {"username": "x", "password1": PASSWORD, "password2": "different"}
    for _ in range(5):
        assert Client().post("/en/accounts/signup/", bad).status_code == 400
    assert sign_up("amina").status_code == 302


@pytest.mark.django_db
def test_new_guests_past_the_rate_are_refused_with_429_and_create_nothing(low_rates, study_facts):
    for _ in range(3):
        assert start_as_visitor().status_code == 302
    response = start_as_visitor()
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Learner.objects.filter(is_guest=True).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Too many new learners have started from your connection"),
        ("ar", "بدأ متعلّمون جدد كثيرون من اتصالك في وقت قصير"),
    ],
)
def test_the_guest_limit_page_is_in_each_language(low_rates, study_facts, lang, message):
    for _ in range(3):
        start_as_visitor(lang=lang)
    response = start_as_visitor(lang=lang)
    page = response.content.decode()
    assert response.status_code == 429
    assert f'<html lang="{lang}"' in page
    assert message in page


@pytest.mark.django_db
def test_learners_already_signed_in_are_not_counted(low_rates, study_facts):
    for _ in range(3):
        start_as_visitor()
    guest = learners.create_guest(now=timezone.now())
    client = Client()
    client.force_login(guest.user)
    assert client.post("/en/study/start/").status_code == 302
    data = {"username": "amina", "password1": PASSWORD, "password2": PASSWORD}
    for n in range(3):
        sign_up(f"pupil{n}")
    assert client.post("/en/accounts/signup/", data).status_code == 302  # keeps its progress
    guest.refresh_from_db()
    assert not guest.is_guest


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_make_a_new_client(low_rates):
    """By default the connection's address counts: any header can be written by the sender."""
    for n in range(3):
        Client().post(
            "/en/accounts/signup/",
            {"username": f"pupil{n}", "password1": PASSWORD, "password2": PASSWORD},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    forged = Client().post(
        "/en/accounts/signup/",
        {"username": "pupil3", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert forged.status_code == 429


@pytest.mark.django_db
def test_behind_a_proxy_the_configured_header_names_the_client(low_rates, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for n in range(3):
        sign_up(f"pupil{n}", ip="10.0.0.1")  # the proxy's own address, for everyone
    data = {"username": "amina", "password1": PASSWORD, "password2": PASSWORD}
    # The right-most address is the one our proxy appended; the rest came with the request.
    other = Client().post(
        "/en/accounts/signup/",
        data,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4",
    )
    assert other.status_code == 302
