"""Settings a learner understands, and a guest who can leave, in a real browser."""

import pytest
from playwright.sync_api import Browser, Page, expect

from learning.models import Learner

PASSWORD = "a-long-enough-passphrase-42"


def log_in(page: Page, base: str, lang: str, username: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    # Signed in: the page after the form has the log-out button (the form had an h1 too).
    expect(page.locator(f"form[action='/{lang}/accounts/logout/'] button")).to_be_visible()


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_zone_never_chosen_becomes_the_browsers_once_saved(
    live_server, browser: Browser, make_learner, assert_accessible, lang
):
    """Chromium reports India as Asia/Calcutta, an alias the list shows as Asia/Kolkata."""
    learner = make_learner("amina")
    assert learner.time_zone == "UTC"
    context = browser.new_context(
        timezone_id="Asia/Calcutta", viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    log_in(page, live_server.url, lang, "amina")
    page.goto(f"{live_server.url}/{lang}/settings/")
    zone = page.locator("#id_time_zone")
    expect(zone).to_have_value("Asia/Kolkata")
    expect(page.locator("#zone-preselected")).to_be_visible()
    expect(page.locator("#id_desired_retention")).to_have_value("90")
    no_sideways_scroll(page)
    assert_accessible(page)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    learner.refresh_from_db()
    assert (learner.time_zone, learner.desired_retention) == ("Asia/Kolkata", 0.9)
    expect(page.locator("#zone-preselected")).to_be_hidden()
    context.close()


def test_a_zone_the_learner_chose_is_left_alone(live_server, browser: Browser, make_learner):
    make_learner("samir", time_zone="Europe/Paris")
    context = browser.new_context(timezone_id="Asia/Riyadh")
    page = context.new_page()
    log_in(page, live_server.url, "en", "samir")
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#id_time_zone")).to_have_value("Europe/Paris")
    expect(page.locator("#zone-preselected")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_a_guest_ends_their_profile_from_the_navigation(
    live_server, browser: Browser, study_facts, assert_accessible, lang, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/{lang}/study/")
    page.locator("form[action$='/study/start/'] button[type=submit]").first.click()
    expect(page.locator(".study-body")).to_be_visible()
    assert Learner.objects.filter(is_guest=True).count() == 1
    no_sideways_scroll(page)
    end = page.locator(f".account-nav a[href='/{lang}/accounts/guest/end/']")
    expect(end).to_be_visible()
    end.click()
    # The page that asks first (the study page before it had an h1 as well).
    confirm = page.locator(f"form[action='/{lang}/accounts/guest/end/'] button[type=submit]")
    expect(confirm).to_be_visible()
    no_sideways_scroll(page)
    assert_accessible(page)
    assert Learner.objects.filter(is_guest=True).count() == 1, "a page that asks first"
    confirm.click()
    expect(page.locator(".messages")).to_be_visible()
    assert not Learner.objects.exists()
    expect(page.locator(f".account-nav a[href='/{lang}/accounts/login/']")).to_be_visible()
    assert_accessible(page)
    context.close()
