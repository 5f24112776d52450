"""The progress dashboard in a real browser: axe-clean in both languages, no sideways scroll
on a 320 px phone (with JavaScript off), and the forecast running right to left in Arabic."""

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from learning.core.scheduling import Rating
from learning.models import Card

PASSWORD = "a-long-enough-passphrase-42"


@pytest.fixture
def history(learner, study_facts):
    """A fortnight of answers, some wrong, the last ones today; cards are due over the
    coming days (where exactly, the fuzz of each card decides)."""
    now = dt.datetime.now(dt.UTC)
    for n, slug in enumerate(["fighters", "accounts", "palmyra", "origin", "event-0"]):
        at = now - dt.timedelta(days=14 - 3 * n)
        card = Card.new(learner=learner, fact=study_facts[slug], now=at)
        card.save()
        for step in range(3):
            rating = Rating.AGAIN if (n + step) % 3 == 0 else Rating.GOOD
            card.record_review(
                rating=rating, now=at, kind="mcq", correct=rating > 1, duration_ms=2000
            )
            at += dt.timedelta(days=1)
    # Answered wrong just now: back in a minute, so today's bar of the forecast is never empty.
    card = Card.new(learner=learner, fact=study_facts["event-1"], now=now)
    card.save()
    card.record_review(rating=Rating.AGAIN, now=now, kind="mcq", correct=False, duration_ms=2000)
    return learner


def log_in(page: Page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.locator("#id_username").fill("layla")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    # Signed in: the page after the form has the log-out button.
    expect(page.locator(f"form[action='/{lang}/accounts/logout/'] button")).to_be_visible()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_dashboard_passes_axe(live_server, page: Page, history, assert_accessible, lang):
    log_in(page, live_server.url, lang)
    page.get_by_role("navigation").get_by_role(
        "link", name={"ar": "التقدّم", "en": "Progress"}[lang]
    ).click()
    expect(page.locator("h1")).to_have_text({"ar": "تقدّمك", "en": "Your progress"}[lang])
    assert_accessible(page)
    page.locator("details.chart-table summary").first.click()  # a table opened as well
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_empty_dashboard_passes_axe(live_server, page: Page, learner, assert_accessible, lang):
    log_in(page, live_server.url, lang)
    page.goto(f"{live_server.url}/{lang}/progress/")
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_phone_without_javascript_has_no_sideways_scroll(
    live_server, browser: Browser, history, lang
):
    context = browser.new_context(viewport={"width": 320, "height": 700}, java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, lang)
    page.goto(f"{live_server.url}/{lang}/progress/")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    # The forecast's first bar (today) sits where reading starts: left in English, right in
    # Arabic; the figures' table opens without JavaScript.
    chart = page.locator(".bar-chart").first.bounding_box()
    today = page.locator(".bar-chart").first.locator("rect.bar").first.bounding_box()
    middle = chart["x"] + chart["width"] / 2
    assert (today["x"] > middle) == (lang == "ar")
    page.locator("details.chart-table summary").first.click()
    expect(page.locator("details.chart-table table").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_one_click_practises_the_weakest_facts_without_javascript(
    live_server, browser: Browser, history, lang
):
    """The button under the weakest facts starts a practice of exactly those facts."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, lang)
    page.goto(f"{live_server.url}/{lang}/progress/")
    name = {"ar": "تدرّب على هذه الحقائق الـ5", "en": "Practise these 5 facts"}[lang]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()
    label = {"ar": "تدريب: أضعف 5 حقائق لديك", "en": "Practice: your 5 weakest facts"}[lang]
    expect(page.locator(".study-meta")).to_contain_text(label)
    context.close()
