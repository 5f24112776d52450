"""The study widgets one by one: keyboard shortcuts, drag and drop, the ordering buttons, the
key labels, the start button."""

import datetime as dt
import random
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from learning import study
from learning.core import questions
from learning.models import AskedQuestion, Review, StudySession

PASSWORD = "a-long-enough-passphrase-42"


def sign_in(page: Page, base: str, learner) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.locator("#id_username").fill(learner.user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


@pytest.fixture
def signed_in_page(live_server, page: Page, learner) -> Page:
    sign_in(page, live_server.url, learner)
    return page


def open_question(page: Page, base: str, asked: AskedQuestion, lang: str = "en") -> None:
    page.goto(f"{base}/{lang}/study/questions/{asked.pk}/")
    expect(page.locator(".study-body")).to_be_visible()


def test_space_turns_a_flashcard_and_number_keys_rate_it(
    live_server, signed_in_page, study_facts, ask
):
    page = signed_in_page
    pool = study.fact_pool()
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    open_question(page, live_server.url, asked)
    expect(page.locator(".flashcard-back")).to_have_count(0)
    page.keyboard.press("Space")
    expect(page.locator(".flashcard-back")).to_contain_text("Palmyra")
    expect(page.locator("#back-title")).to_be_focused()
    page.keyboard.press("2")
    expect(page.locator(".verdict")).to_contain_text("Hard")
    assert Review.objects.get().rating == 2


def answer_a_multiple_choice_question_by_key(page: Page, base: str, ask) -> AskedQuestion:
    """Open a stored multiple-choice question and press the number of its right answer."""
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    open_question(page, base, asked)
    page.keyboard.press(str(question.answer + 1))
    return asked


def test_number_keys_answer_a_multiple_choice_question(
    live_server, signed_in_page, study_facts, ask
):
    answer_a_multiple_choice_question_by_key(signed_in_page, live_server.url, ask)
    expect(signed_in_page.locator(".verdict")).to_have_text("Right!")
    expect(signed_in_page.locator(".verdict")).to_be_focused()


def test_ordering_by_drag_and_drop(live_server, signed_in_page, study_facts, ask):
    page = signed_in_page
    pool = study.fact_pool()
    question = questions.make_ordering(pool, random.Random(2), size=4)
    asked = ask(question)
    open_question(page, live_server.url, asked)
    items = page.locator(".ordering-item")
    first_id = items.nth(0).get_attribute("id")
    items.nth(0).locator(".ordering-label").drag_to(items.nth(3).locator(".ordering-label"))
    expect(items.nth(0)).not_to_have_attribute("id", first_id)
    expect(page.locator(f"#{first_id} .ordering-position")).not_to_have_text("1")
    expect(page.locator("[data-announcer]")).to_contain_text("is now at position")
    order = [items.nth(i).get_attribute("id").removeprefix("event-") for i in range(4)]
    page.get_by_role("button", name="Check the order").click()
    expect(page.locator(".study-body")).to_have_attribute("data-state", "answered")
    asked.refresh_from_db()
    assert asked.response == [int(i) for i in order]


@pytest.mark.parametrize(
    ("lang", "earlier", "later"), [("ar", "↑ أبكر", "↓ أحدث"), ("en", "↑ Earlier", "↓ Later")]
)
def test_the_ordering_buttons_point_up_and_down_and_say_earlier_and_later(
    live_server, signed_in_page, study_facts, ask, lang, earlier, later
):
    """They moved events up and down a vertical list with sideways arrows and no words, while
    the hint named "Earlier" and "Later"."""
    page = signed_in_page
    pool = study.fact_pool()
    asked = ask(questions.make_ordering(pool, random.Random(2), size=3))
    open_question(page, live_server.url, asked, lang)
    item = page.locator(".ordering-item").nth(1)
    up, down = item.locator("[data-move='up']"), item.locator("[data-move='down']")
    expect(up).to_have_text(re.compile(rf"^\s*{earlier}"))
    expect(down).to_have_text(re.compile(rf"^\s*{later}"))
    # The word seen is in the name heard (WCAG 2.5.3, label in name).
    expect(up).to_have_accessible_name(re.compile(re.escape(earlier.split()[1]), re.I))
    expect(down).to_have_accessible_name(re.compile(re.escape(later.split()[1]), re.I))
    expect(page.locator("#ordering-hint")).to_contain_text(earlier.split()[1])


@pytest.mark.parametrize("javascript", [True, False])
def test_the_ordering_hint_offers_dragging_only_where_it_works(
    live_server, browser: Browser, learner, study_facts, ask, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, live_server.url, learner)
    asked = ask(questions.make_ordering(study.fact_pool(), random.Random(2), size=3))
    open_question(page, live_server.url, asked, "en")
    hint = page.locator("#ordering-hint")
    expect(hint).to_contain_text("Earlier and Later buttons")
    if javascript:
        expect(hint).to_contain_text("Drag the events")
    else:
        expect(hint).not_to_contain_text("Drag")
    context.close()


def test_a_question_opened_as_a_page_starts_on_its_heading(
    live_server, signed_in_page, study_facts, ask
):
    page = signed_in_page
    asked = ask(questions.make_ordering(study.fact_pool(), random.Random(2), size=3))
    open_question(page, live_server.url, asked, "en")
    expect(page.locator("#prompt")).to_be_focused()
    page.keyboard.press("Tab")  # on to the first event's buttons
    expect(page.locator(".ordering-item").first.locator("button").first).to_be_focused()


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_enter_or_space_goes_on_to_the_next_question(
    live_server, signed_in_page, study_facts, ask, key
):
    """The feedback's Next had a shortcut attribute but no key: after answering with 1-4 the
    learner had to reach for the mouse or tab to the link."""
    page = signed_in_page
    asked = answer_a_multiple_choice_question_by_key(page, live_server.url, ask)
    expect(page.locator(".verdict")).to_be_focused()
    # htmx enables the new Next link once the swap has settled; a key pressed sooner
    # follows it as a plain link, which also works but reloads the page.
    page.wait_for_function("!document.querySelector('.htmx-settling, .htmx-swapping')")
    page.keyboard.press(key)
    expect(page.locator(".study-body")).to_have_attribute("data-state", "asking")
    expect(page.locator("[data-focus]")).to_be_focused()
    following = AskedQuestion.objects.get(session=asked.session, position=1)
    assert following.answered_at is None


def test_a_request_that_fails_says_so_and_can_be_sent_again(
    live_server, signed_in_page, study_facts, ask
):
    """With the connection gone (or the session signed out elsewhere) a click did nothing at
    all: htmx does not swap an error, and nothing told the learner."""
    page = signed_in_page
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    open_question(page, live_server.url, asked)
    alert = page.locator("[data-request-error]")
    expect(alert).to_be_hidden()
    page.route("**/answer/", lambda route: route.abort())
    page.locator("button.choice").nth(question.answer).click()
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("did not go through")
    assert not Review.objects.exists()
    page.unroute("**/answer/")
    page.locator("button.choice").nth(question.answer).click()
    expect(page.locator(".verdict")).to_have_text("Right!")
    expect(alert).to_be_hidden()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_wrong_order_reads_clearly_in_both_directions(
    live_server, signed_in_page, study_facts, ask, assert_accessible, lang
):
    """The feedback of a wrong order was two cramped columns whose ✓ and ✗ were the only
    signal; each crossed event now says where it belongs, and the right order has its dates."""
    page = signed_in_page
    pool = study.fact_pool()
    question = questions.make_ordering(pool, random.Random(2), size=4)
    asked = ask(question)
    open_question(page, live_server.url, asked, lang)
    page.locator(".ordering-form button.primary").click()  # as shown: never already in order
    expect(page.locator(".study-body")).to_have_attribute("data-state", "answered")
    assert_accessible(page)
    items = page.locator(".result-item")
    expect(items).to_have_count(4)
    for i in range(4):
        item = items.nth(i)
        mark = item.locator(".result-mark")
        assert mark.get_attribute("aria-hidden") == "true"
        # Without the symbol, the text still tells a right event from a wrong one.
        status = item.locator(".result-status").text_content()
        assert status.strip(), "a status in words for every event"
        # The mark stands at the start of the line: right in Arabic, left in English.
        mark_x = mark.bounding_box()["x"]
        label_x = item.locator(".result-label").bounding_box()["x"]
        assert (mark_x > label_x) is (lang == "ar")
    timeline = page.locator(".timeline li")
    expect(timeline).to_have_count(4)
    # The dates form one column at the start of the lines, as wide as the longest.
    starts = set()
    for i in range(4):
        box = timeline.nth(i).locator(".timeline-date").bounding_box()
        starts.add(round(box["x"] + box["width"]) if lang == "ar" else round(box["x"]))
    assert len(starts) == 1, starts
    labels = {round(timeline.nth(i).locator(".result-label").bounding_box()["x"]) for i in range(4)}
    assert len(labels) == 1, labels


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_back_of_a_flashcard_starts_right_under_its_rule(
    live_server, signed_in_page, study_facts, ask, lang
):
    """There was a large gap above "Answer": the heading's top margin on top of the padding."""
    page = signed_in_page
    asked = ask(questions.make_flashcard(study.fact_pool()["palmyra"]))
    open_question(page, live_server.url, asked, lang)
    page.locator("[data-shortcut=reveal]").click()
    back = page.locator(".flashcard-back")
    expect(back).to_be_visible()
    gap = page.locator("#back-title").bounding_box()["y"] - back.bounding_box()["y"]
    assert gap <= 20, f"{gap}px between the rule and the heading"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_rating_buttons_fit_a_320_pixel_screen(
    live_server, signed_in_page, study_facts, ask, lang
):
    """At 320 px the four buttons, each with when the card comes back, ran off the screen."""
    page = signed_in_page
    page.set_viewport_size({"width": 320, "height": 800})
    asked = ask(questions.make_flashcard(study.fact_pool()["palmyra"]))
    open_question(page, live_server.url, asked, lang)
    page.locator("[data-shortcut=reveal]").click()
    expect(page.locator(".rating-buttons")).to_be_visible()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    for button in page.locator("button.rating").all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box


def fonts_drawing(page: Page, selector: str) -> set[str]:
    """The font families Chromium actually drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    cdp.send("CSS.enable")
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    drawn = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in drawn}


def test_the_arabic_space_key_reads_as_one_word_on_one_line(
    live_server, signed_in_page, study_facts, ask
):
    """Bug: «مسافة» read «مسا فة»: a monospace font gives each Arabic letter one width, and the
    word could break across lines in the button."""
    page = signed_in_page
    page.set_viewport_size({"width": 320, "height": 700})
    asked = ask(questions.make_flashcard(study.fact_pool()["palmyra"]))
    open_question(page, live_server.url, asked, "ar")
    key = page.locator("[data-shortcut=reveal] kbd")
    expect(key).to_have_text("مسافة")
    assert key.evaluate("k => k.getClientRects().length") == 1
    drawn = fonts_drawing(page, "[data-shortcut=reveal] kbd")
    assert drawn and drawn <= fonts_drawing(page, "#prompt"), drawn


def test_the_start_button_stands_apart_from_the_block_below(
    live_server, signed_in_page, study_facts, learner
):
    """Bug: the start button touched the link under it ("Go back to your unfinished session")."""
    StudySession.objects.create(
        learner=learner, mode="study", size=20, seed=1, started_at=dt.datetime.now(dt.UTC)
    )
    page = signed_in_page
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{live_server.url}/en/study/")
    button = page.get_by_role("button", name="Start a study session")
    below = page.get_by_role("link", name="Go back to your unfinished session")
    gap = below.bounding_box()["y"] - (button.bounding_box()["y"] + button.bounding_box()["height"])
    assert gap >= 16, gap
