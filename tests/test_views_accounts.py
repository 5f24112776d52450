"""Accounts: guests who keep their progress, sign-up, log in/out, preferences."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from learning import learners
from learning.models import Learner

PASSWORD = "a-long-enough-passphrase-42"


def signup_data(username: str) -> dict[str, str]:
    return {"username": username, "password1": PASSWORD, "password2": PASSWORD}


@pytest.fixture
def guest(client):
    learner = learners.create_guest(now=timezone.now())
    client.force_login(learner.user)
    return learner


@pytest.mark.django_db
def test_a_guest_has_no_usable_password_and_is_flagged(guest):
    assert guest.is_guest
    assert not guest.user.has_usable_password()
    assert guest.user.username.startswith("guest-")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_signup_page_answers_in_both_languages(client, lang):
    response = client.get(f"/{lang}/accounts/signup/")
    assert response.status_code == 200
    assert ("إنشاء حساب" if lang == "ar" else "Create an account") in response.content.decode()


@pytest.mark.django_db
def test_signing_up_creates_a_full_account_and_logs_in(client):
    response = client.post(
        "/en/accounts/signup/",
        {"username": "amina", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    learner = Learner.objects.get(user__username="amina")
    assert not learner.is_guest
    assert client.get("/en/settings/").status_code == 200


@pytest.mark.django_db
def test_a_guest_who_signs_up_keeps_the_same_learner(client, guest):
    response = client.post(
        "/en/accounts/signup/",
        {"username": "amina", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.user.username == "amina"
    assert not guest.is_guest
    assert guest.user.check_password(PASSWORD)
    assert Learner.objects.count() == 1
    # still logged in after the password was set
    assert client.get("/en/settings/").status_code == 200


@pytest.mark.django_db
def test_a_guests_sign_up_form_leaves_the_username_empty(client, guest):
    """Bug: the form offered the generated "guest-a72d5979aa84" as the username to keep."""
    content = client.get("/en/accounts/signup/").content.decode()
    field = re.search(r'<input[^>]*name="username"[^>]*>', content).group(0)
    assert guest.user.username not in content
    assert 'value="' not in field


@pytest.mark.django_db
def test_a_guests_username_is_kept_when_the_form_comes_back_with_an_error(client, guest):
    data = {"username": "amina", "password1": PASSWORD, "password2": "something-else-42"}
    content = client.post("/en/accounts/signup/", data).content.decode()
    assert re.search(r'<input[^>]*name="username"[^>]*value="amina"', content)


@pytest.mark.django_db
def test_signup_errors_are_shown_not_raised(client):
    response = client.post(
        "/ar/accounts/signup/", {"username": "amina", "password1": "x", "password2": "y"}
    )
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_signup_does_not_redirect_off_site(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "username": "amina",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] != "https://evil.example/"


@pytest.mark.django_db
def test_login_and_logout(client):
    user = get_user_model().objects.create_user("amina", password=PASSWORD)
    response = client.post("/en/accounts/login/", {"username": "amina", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/en/settings/").status_code == 200
    assert client.post("/en/accounts/logout/").status_code == 302
    assert client.get("/en/settings/").status_code == 302
    assert user.pk


@pytest.mark.django_db
def test_password_change(client):
    user = get_user_model().objects.create_user("amina", password=PASSWORD)
    client.force_login(user)
    new = "another-long-passphrase-77"
    response = client.post(
        "/ar/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


@pytest.mark.django_db
def test_preferences_save_retention_limit_and_language(client, guest):
    response = client.post(
        "/en/settings/",
        {
            "desired_retention": "85",
            "new_per_day": "12",
            "language": "ar",
            "time_zone": "Asia/Riyadh",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar/settings/"
    assert response.cookies["django_language"].value == "ar"
    guest.refresh_from_db()
    assert (guest.desired_retention, guest.new_per_day, guest.language) == (0.85, 12, "ar")
    assert guest.time_zone == "Asia/Riyadh"


@pytest.mark.django_db
def test_a_time_zone_not_in_the_database_is_refused_in_the_pages_language(client, guest):
    data = {"desired_retention": "90", "new_per_day": "20", "language": "en"}
    for lang, text in (
        ("en", "Choose a time zone from the list."),
        ("ar", "اختر منطقة زمنية من القائمة."),
    ):
        response = client.post(f"/{lang}/settings/", {**data, "time_zone": "Mars/Olympus_Mons"})
        assert response.status_code == 400
        assert text in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"desired_retention": "50"},
        {"desired_retention": "99"},
        {"desired_retention": "0.9"},  # a share where a percentage is asked
        {"desired_retention": "90.5"},
        {"desired_retention": "abc"},
        {"new_per_day": "500"},
        {"language": "fr"},
        {"time_zone": "Mars/Olympus_Mons"},
        {"time_zone": ""},
        {"time_zone": "Asia"},
        {"time_zone": "../../etc/passwd"},
    ],
)
def test_preferences_out_of_range_are_refused_with_a_message(client, guest, data):
    valid = {"desired_retention": "90", "new_per_day": "20", "language": "en", "time_zone": "UTC"}
    response = client.post("/en/settings/", {**valid, **data})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    guest.refresh_from_db()
    assert (guest.desired_retention, guest.new_per_day, guest.time_zone) == (0.9, 20, "UTC")


@pytest.mark.django_db
def test_a_new_learner_takes_the_time_zone_the_browser_reported(client):
    client.cookies[learners.TIME_ZONE_COOKIE] = "Asia/Riyadh"
    client.post("/en/study/start/")
    assert Learner.objects.get().time_zone == "Asia/Riyadh"
    client.post("/en/accounts/logout/")
    client.cookies[learners.TIME_ZONE_COOKIE] = "America/New_York"
    client.post("/en/accounts/signup/", signup_data("sami"))
    assert Learner.objects.get(user__username="sami").time_zone == "America/New_York"


@pytest.mark.django_db
@pytest.mark.parametrize("reported", ["Nowhere/Land", "", "../../etc/passwd"])
def test_a_time_zone_the_browser_made_up_leaves_utc(client, reported):
    client.cookies[learners.TIME_ZONE_COOKIE] = reported
    client.post("/en/study/start/")
    assert Learner.objects.get().time_zone == "UTC"


@pytest.mark.django_db
def test_preferences_need_a_login(client):
    response = client.get("/en/settings/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_posts_without_csrf_are_refused(guest):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(guest.user)
    response = strict.post(
        "/en/settings/", {"desired_retention": "80", "new_per_day": "5", "language": "en"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_guest_asked_for_a_password_change_is_sent_to_sign_up(client, guest):
    """A guest has no password: the change form asked for the old one and could never succeed."""
    response = client.get("/en/accounts/password/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/signup/"
    page = client.get(response["Location"]).content.decode()
    assert "no password yet" in page


@pytest.mark.django_db
def test_a_signed_up_learner_still_reaches_the_password_change(client):
    user = get_user_model().objects.create_user("omar", password=PASSWORD)
    client.force_login(user)
    assert client.get("/en/accounts/password/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "text"), [("ar", "أعد تحميل الصفحة"), ("en", "reload the page")])
def test_a_refused_post_explains_itself_in_the_sites_language(guest, lang, text):
    """Django's bare CSRF failure page (English-only technical text, out of the site's layout)
    was what a learner saw after logging in or out in another tab."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(guest.user)
    response = strict.post(f"/{lang}/study/start/")
    assert response.status_code == 403
    page = response.content.decode()
    assert text in page
    assert f'<html lang="{lang}"' in page


@pytest.mark.django_db
def test_logging_in_brings_back_the_interface_language_the_learner_chose(client):
    """The language chosen in Settings lived in a cookie only: logging in on another device
    (or after clearing cookies) ignored it."""
    user = get_user_model().objects.create_user("amina", password=PASSWORD)
    Learner.objects.create(user=user, language="ar", created_at=timezone.now())
    response = client.post("/en/accounts/login/", {"username": "amina", "password": PASSWORD})
    assert response["Location"] == "/ar/"
    assert client.cookies["django_language"].value == "ar"
    client.post("/en/accounts/logout/")
    asked_for = client.post(
        "/en/accounts/login/",
        {"username": "amina", "password": PASSWORD, "next": "/en/study/"},
    )
    assert asked_for["Location"] == "/en/study/", "a page asked for is kept as asked"


@pytest.mark.django_db
def test_logging_in_without_a_chosen_language_keeps_the_pages_language(client):
    get_user_model().objects.create_user("amina", password=PASSWORD)
    response = client.post("/en/accounts/login/", {"username": "amina", "password": PASSWORD})
    assert response["Location"] == "/en/"
    assert "django_language" not in client.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_wrong_password_at_log_in_is_a_400_with_the_form_and_its_message(client, lang):
    get_user_model().objects.create_user("amina", password=PASSWORD)
    response = client.post(
        f"/{lang}/accounts/login/", {"username": "amina", "password": "not-the-password"}
    )
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert 'id="id_username"' in response.content.decode()


@pytest.mark.django_db
def test_a_refused_password_change_is_a_400_and_changes_nothing(client):
    user = get_user_model().objects.create_user("amina", password=PASSWORD)
    learners.register(user=user, now=timezone.now())
    client.force_login(user)
    response = client.post(
        "/en/accounts/password/",
        {"old_password": "wrong", "new_password1": "x1", "new_password2": "x2"},
    )
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_each_account_step_leads_to_its_own_page(client):
    """The URL names are namespaced (learning:…): settings, Django's auth views and their
    defaults must all still find the pages they send the learner to."""
    user = get_user_model().objects.create_user("amina", password=PASSWORD)
    assert client.get("/en/settings/")["Location"] == "/en/accounts/login/?next=/en/settings/"
    response = client.post("/en/accounts/login/", {"username": "amina", "password": PASSWORD})
    assert response["Location"] == "/en/"
    new = "another-long-passphrase-77"
    response = client.post(
        "/ar/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == "/ar/accounts/password/done/"
    assert client.get(response["Location"]).status_code == 200
    assert client.post("/en/accounts/logout/")["Location"] == "/en/"
    assert user.pk


# --- Settings a learner understands: time zones by place, retention as a percentage ---------


@pytest.mark.django_db
def test_the_time_zones_are_places_grouped_by_region_in_the_pages_language(client, guest):
    arabic = client.get("/ar/settings/").content.decode()
    assert '<optgroup label="آسيا">' in arabic
    riyadh = re.search(r'<option value="Asia/Riyadh"[^>]*>([^<]*)</option>', arabic)
    assert riyadh is not None and riyadh.group(1).startswith("الرياض، ")
    english = client.get("/en/settings/").content.decode()
    assert '<optgroup label="Asia">' in english
    assert re.search(r'<option value="Asia/Riyadh"[^>]*>Riyadh, Saudi Arabia \(', english)


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["Asia/Kolkata", "Asia/Calcutta", "Etc/GMT-3"])
def test_a_posted_time_zone_id_is_saved_listed_or_not(client, guest, zone):
    """An old alias a browser reports, or a technical zone, is a zone all the same."""
    data = {"desired_retention": "90", "new_per_day": "20", "language": "en", "time_zone": zone}
    response = client.post("/en/settings/", data)
    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.time_zone == zone


def selected_zone(page: str) -> str:
    field = re.search(r'<select name="time_zone".*?</select>', page, re.DOTALL)
    assert field is not None
    found = re.findall(r'<option value="([^"]+)"[^>]*\bselected\b', field.group())
    assert len(found) == 1
    return found[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored", "shown"),
    [("Asia/Riyadh", "Asia/Riyadh"), ("Asia/Calcutta", "Asia/Kolkata"), ("Etc/GMT-3", "Etc/GMT-3")],
)
def test_the_stored_zone_is_the_one_selected(client, guest, stored, shown):
    """A zone the list does not show must not fall back to the first option, which saving the
    other settings would then store."""
    guest.time_zone = stored
    guest.save()
    assert selected_zone(client.get("/ar/settings/").content.decode()) == shown


@pytest.mark.django_db
def test_only_a_zone_never_chosen_is_left_to_the_browser(client, guest):
    assert guest.time_zone == "UTC"
    marker = 'data-browser-zone="preselect"'
    assert marker in client.get("/en/settings/").content.decode()
    guest.time_zone = "Europe/Paris"
    guest.save()
    assert marker not in client.get("/en/settings/").content.decode()


@pytest.mark.django_db
def test_retention_is_shown_and_entered_as_a_percentage(client, guest):
    guest.desired_retention = 0.85
    guest.save()
    page = client.get("/en/settings/").content.decode()
    assert re.search(r'name="desired_retention" value="85"[^>]* min="70" max="97"', page)
    data = {"desired_retention": "93", "new_per_day": "20", "language": "en", "time_zone": "UTC"}
    assert client.post("/en/settings/", data).status_code == 302
    guest.refresh_from_db()
    assert guest.desired_retention == pytest.approx(0.93)
    assert 'name="desired_retention" value="93"' in client.get("/en/settings/").content.decode()


@pytest.mark.django_db
def test_a_refused_percentage_is_shown_back_as_typed(client, guest):
    data = {"desired_retention": "99", "new_per_day": "20", "language": "en", "time_zone": "UTC"}
    page = client.post("/en/settings/", data).content.decode()
    assert 'name="desired_retention" value="99"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "text"), [("en", "more reviews"), ("ar", "مراجعات أكثر")])
def test_the_retention_says_what_it_trades(client, guest, lang, text):
    assert text in client.get(f"/{lang}/settings/").content.decode()


# --- A guest on a shared computer can leave -------------------------------------------------


def studied(learner, when):
    """A question asked in a study session: a session, a question and a new card."""
    from learning import study

    session = study.start_session(learner=learner, now=when)
    assert study.current_question(session, now=when) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_offers_a_guest_the_way_out(client, guest, lang):
    page = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/accounts/guest/end/"' in page
    assert f'href="/{lang}/accounts/signup/"' in page


@pytest.mark.django_db
def test_ending_the_guest_profile_is_asked_first_and_a_get_ends_nothing(client, guest):
    response = client.get("/en/accounts/guest/end/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be undone" in page
    assert 'method="post" action="/en/accounts/guest/end/"' in page
    assert "csrfmiddlewaretoken" in page
    assert Learner.objects.filter(pk=guest.pk).exists()


@pytest.mark.django_db
def test_ending_the_guest_profile_deletes_it_and_all_it_studied_and_logs_out(
    client, guest, study_facts, make_learner
):
    from learning.models import AskedQuestion, Card, StudySession

    when = timezone.now()
    studied(guest, when)
    other = make_learner("huda")
    studied(other, when)
    assert Card.objects.filter(learner=guest).exists()
    response = client.post("/en/accounts/guest/end/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert not get_user_model().objects.filter(pk=guest.user_id).exists()
    assert not Learner.objects.filter(pk=guest.pk).exists()
    for model in (Card, StudySession, AskedQuestion):
        assert not model.objects.filter(learner_id=guest.pk).exists()
        assert model.objects.filter(learner=other).exists(), "another learner's work stays"
    assert "_auth_user_id" not in client.session
    home = client.get("/en/").content.decode()
    assert "deleted from this computer" in home
    assert 'href="/en/accounts/login/"' in home


@pytest.mark.django_db
def test_ending_needs_the_csrf_token(guest):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(guest.user)
    assert strict.post("/en/accounts/guest/end/").status_code == 403
    assert Learner.objects.filter(pk=guest.pk).exists()


@pytest.mark.django_db
def test_an_account_cannot_be_ended_as_a_guest(client, make_learner):
    learner = make_learner("amal")
    client.force_login(learner.user)
    response = client.post("/en/accounts/guest/end/")
    assert response.status_code == 302
    assert response["Location"] == "/en/settings/"
    assert Learner.objects.filter(pk=learner.pk).exists()
    assert 'href="/en/accounts/guest/end/"' not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_a_visitor_without_a_profile_has_nothing_to_end(client):
    assert client.post("/en/accounts/guest/end/")["Location"] == "/en/"
    assert client.get("/en/accounts/guest/end/")["Location"] == "/en/"
