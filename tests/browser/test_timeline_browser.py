"""The event timeline in a real browser: time runs right to left in Arabic (by the marks' boxes),
a mark taken with the keyboard shows its row without JavaScript, the dashboard stays axe-clean,
and a 320 px phone scrolls the figure, not the page."""

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from learning.core.scheduling import Rating
from learning.models import Card

PASSWORD = "a-long-enough-passphrase-42"
FOCUS_BLUE = "rgb(26, 86, 219)"  # --focus in site.css


@pytest.fixture
def history(learner, study_facts, make_fact):
    """A 2006 event answered wrong and the September 2014 one right, the others unseen."""
    flourish = make_fact(
        slug="flourish",
        kind="date",
        number=None,
        unit="",
        qualifier="",
        date_start=dt.date(2006, 1, 1),
        precision="year",
        label_ar="داعش يبدأ بالازدهار في العراق",
        label_en="Daesh begins to flourish in Iraq",
    )
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    for fact, rating in ((flourish, Rating.AGAIN), (study_facts["event-0"], Rating.GOOD)):
        card = Card.new(learner=learner, fact=fact, now=at)
        card.save()
        card.record_review(rating=rating, now=at, kind="mcq", correct=rating > 1, duration_ms=2000)
    return learner


def open_dashboard(page: Page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.locator("#id_username").fill("layla")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    # Signed in: the page after the form has the log-out button.
    expect(page.locator(f"form[action='/{lang}/accounts/logout/'] button")).to_be_visible()
    page.goto(f"{base}/{lang}/progress/")


def centre(page: Page, slug: str) -> float:
    box = page.locator(f'a.tl-mark[data-slug="{slug}"]').bounding_box()
    assert box is not None, slug
    return box["x"] + box["width"] / 2


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_time_runs_right_to_left_in_arabic(live_server, page: Page, history, lang):
    open_dashboard(page, live_server.url, lang)
    earliest, later = centre(page, "flourish"), centre(page, "event-4")  # 2006, March 2019
    assert (earliest > later) == (lang == "ar"), (earliest, later)
    # The 2014 event lies between them.
    assert min(earliest, later) < centre(page, "event-0") < max(earliest, later)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_dashboard_with_its_timeline_passes_axe(
    live_server, page: Page, history, assert_accessible, lang
):
    open_dashboard(page, live_server.url, lang)
    expect(page.locator("figure.event-timeline")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_on_a_phone_without_javascript_a_mark_taken_by_keyboard_shows_its_row(
    live_server, browser: Browser, history, lang
):
    context = browser.new_context(viewport={"width": 320, "height": 700}, java_script_enabled=False)
    page = context.new_page()
    open_dashboard(page, live_server.url, lang)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths  # the page does not scroll sideways
    region = page.locator(".event-timeline-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # the figure does, in its region
    table = page.locator(".event-timeline-table").locator("xpath=..")
    assert table.evaluate("r => r.scrollWidth <= r.clientWidth")  # the table fits: value in view

    # The region opens on the latest years, where most events are: March 2019 in view at once
    # (at the left in Arabic, where time runs right to left), 2006 scrolled out of it.
    def in_view(slug: str) -> bool:
        box = page.locator(f'a.tl-mark[data-slug="{slug}"]').bounding_box()
        assert box is not None, slug
        return box["x"] >= 0 and box["x"] + box["width"] <= 320

    latest = page.locator('a.tl-mark[data-slug="event-4"]').bounding_box()
    assert latest is not None and in_view("event-4")
    assert (latest["x"] < 160) == (lang == "ar")
    assert not in_view("flourish")

    mark = page.locator('a.tl-mark[data-slug="flourish"]')
    mark.focus()  # taken by keyboard, the mark scrolls into view
    expect(mark).to_be_in_viewport()
    ring = mark.locator(".tl-ring")
    assert ring.evaluate("r => getComputedStyle(r).stroke") == FOCUS_BLUE  # focus is visible
    page.keyboard.press("Enter")
    row = page.locator("tr:target")
    expect(row).to_be_in_viewport()
    label = {"ar": "داعش يبدأ بالازدهار في العراق", "en": "Daesh begins to flourish in Iraq"}
    expect(row.get_by_role("link")).to_have_text(label[lang])
    expect(row).to_contain_text("2006")
    row.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/facts/flourish/")
    context.close()
