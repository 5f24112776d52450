"""The class progress view in a real browser: reached from the class page, axe-clean in both
languages (the grid and a learner's topic), and no sideways scroll on a 320 px phone."""

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from learning import teaching
from learning.core.scheduling import State
from learning.models import Card

PASSWORD = "a-long-enough-passphrase-42"
TITLE = {"ar": "التقدّم: الصف العاشر", "en": "Progress: الصف العاشر"}
LINK = {"ar": "تقدّم الصف: ما يعرفه كل متعلّم", "en": "The class's progress: what each learner knows"}


@pytest.fixture
def busy_class(classroom, make_learner, study_facts, make_assignment):
    """Three members: one mastering, one forgetting, one who has not started; one late
    assignment and one to do."""
    now = dt.datetime.now(dt.UTC)
    for n, name in enumerate(["amal", "badr", "<b>camil</b>"]):
        learner = make_learner(name)
        teaching.join(learner=learner, classroom=classroom, now=now)
        for m, fact in enumerate(list(study_facts.values())[: 8 - 4 * n]):
            Card.objects.create(
                learner=learner,
                fact=fact,
                due=now + dt.timedelta(days=m - 3),
                stability=60.0 if n == 0 else 3.0,
                difficulty=5.0,
                state=State.REVIEW,
                step=None,
                last_review=now - dt.timedelta(days=2 + 5 * n),
                reps=2,
                created_at=now - dt.timedelta(days=30),
            )
    make_assignment(opens_at=now - dt.timedelta(days=5), due_at=now - dt.timedelta(days=1))
    make_assignment(opens_at=now - dt.timedelta(days=1), due_at=now + dt.timedelta(days=5))
    return classroom


def log_in(page: Page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.locator("#id_username").fill("ms-huda")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    # Signed in: the page after the form has the log-out button.
    expect(page.locator(f"form[action='/{lang}/accounts/logout/'] button")).to_be_visible()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_class_view_and_a_learners_topic_pass_axe(
    live_server, page: Page, busy_class, assert_accessible, lang
):
    log_in(page, live_server.url, lang)
    page.goto(f"{live_server.url}/{lang}/teach/classes/{busy_class.pk}/")
    page.get_by_role("link", name=LINK[lang]).click()
    expect(page.locator("h1")).to_have_text(TITLE[lang])
    # The escaped name reads as typed, and the grid has a row per learner.
    expect(page.get_by_role("rowheader", name="<b>camil</b>")).to_be_visible()
    assert page.locator(".mastery-grid tbody tr").count() == 3
    assert_accessible(page)
    page.locator(".mastery-grid tbody tr", has_text="amal").locator("a.mastery-cell").click()
    expect(page.locator("h1")).to_contain_text("amal")
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_phone_without_javascript_scrolls_the_grid_not_the_page(
    live_server, browser: Browser, busy_class, lang
):
    context = browser.new_context(viewport={"width": 320, "height": 700}, java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, lang)
    page.goto(f"{live_server.url}/{lang}/teach/classes/{busy_class.pk}/progress/")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    # The first cell's bar fills from where reading starts: left in English, right in Arabic.
    bar = page.locator(".mastery-grid tbody tr", has_text="amal").locator(".mastery-bar")
    track = bar.bounding_box()
    mastered = bar.locator("rect.mastered").bounding_box()
    if lang == "ar":
        assert mastered["x"] + mastered["width"] == pytest.approx(
            track["x"] + track["width"], abs=1
        )
    else:
        assert mastered["x"] == pytest.approx(track["x"], abs=1)
    context.close()
