"""A session a learner can see through, in a real browser, in Arabic and English: the progress
bar (updated by the htmx swaps), undoing a flashcard rating from the keyboard, and the
shortcut help that "?" opens and Escape closes."""

import re

import pytest
from playwright.sync_api import Page, expect

from learning.models import AskedQuestion, Review
from tests.browser.test_study_browser import TEXT, answer_current

WORDS = {
    "ar": {
        "question": "السؤال",
        "of_about": "من نحو",
        "rated_good": "«جيد»",
        "help": "اختصارات لوحة المفاتيح",
        "undo": "تراجع عن آخر تقييم لبطاقة تعليمية",
    },
    "en": {
        "question": "Question",
        "of_about": "of about",
        "rated_good": "“Good”",
        "help": "Keyboard shortcuts",
        "undo": "Undo your last flashcard rating",
    },
}


def start(page: Page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/")
    page.get_by_role("button", name=TEXT[lang]["start"]).first.click()
    expect(page.locator(".study-body[data-state='asking']")).to_be_visible()
    page.wait_for_load_state()  # the shortcuts' scripts (deferred) have run


def to_a_flashcard(page: Page, lang: str) -> None:
    for _ in range(8):
        if page.locator(".study-body").get_attribute("data-kind") == "flashcard":
            return
        answer_current(page, TEXT[lang], set())
        page.get_by_role("link", name=TEXT[lang]["next"]).click()
        expect(page.locator(".study-body[data-state='asking']")).to_be_visible()
    raise AssertionError("no flashcard in the first eight questions")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_progress_bar_moves_with_each_question(
    live_server, page: Page, study_facts, assert_accessible, lang
):
    words = WORDS[lang]
    page.set_viewport_size({"width": 320, "height": 800})
    start(page, live_server.url, lang)
    bar = page.get_by_role("progressbar")
    widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], f"the bar pushes the page sideways: {widths}"
    label = re.compile(rf"^{words['question']} 1 {words['of_about']} \d+$")
    expect(bar).to_have_accessible_name(label)
    expect(bar).to_have_attribute("aria-valuetext", label)
    expect(bar).to_have_attribute("value", "1")
    total = int(bar.get_attribute("max"))
    assert total > 1
    assert bar.evaluate("e => getComputedStyle(e).direction") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(page)
    answer_current(page, TEXT[lang], set())
    page.get_by_role("link", name=TEXT[lang]["next"]).click()  # an htmx swap
    expect(page.locator(".study-body[data-state='asking']")).to_be_visible()
    expect(bar).to_have_attribute("value", "2")
    expect(bar).to_have_attribute(
        "aria-valuetext", re.compile(rf"^{words['question']} 2 {words['of_about']} \d+$")
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_ctrl_z_undoes_a_flashcard_rating_and_shows_it_again(
    live_server, page: Page, study_facts, lang
):
    start(page, live_server.url, lang)
    to_a_flashcard(page, lang)
    page.keyboard.press("Space")
    expect(page.locator(".study-body[data-state='revealed']")).to_be_visible()
    page.keyboard.press("1")  # Again, by mistake
    expect(page.locator(".study-body[data-state='answered']")).to_be_visible()
    asked = AskedQuestion.objects.get(
        session__finished_at__isnull=True, answered_at__isnull=False, kind="flashcard"
    )
    assert Review.objects.filter(question=asked).count() == 1

    page.keyboard.press("Control+z")
    expect(page.locator(".study-body[data-state='revealed']")).to_be_visible()
    expect(page.locator("#back-title")).to_be_focused()
    assert not Review.objects.filter(question=asked).exists()
    assert page.url.endswith(f"/study/questions/{asked.pk}/")

    page.keyboard.press("3")
    expect(page.locator(".verdict")).to_contain_text(WORDS[lang]["rated_good"])
    assert list(Review.objects.filter(question=asked).values_list("rating", flat=True)) == [3]
    # The next question offers the undo too: "u" takes the Good back as well.
    page.get_by_role("link", name=TEXT[lang]["next"]).click()
    expect(page.locator(".study-body[data-state='asking']")).to_be_visible()
    page.keyboard.press("u")
    expect(
        page.locator(".study-body[data-state='revealed'][data-kind='flashcard']")
    ).to_be_visible()
    assert not Review.objects.filter(question=asked).exists()


def test_a_shortcut_pressed_the_moment_a_card_arrives_stays_in_the_page(
    live_server, page: Page, study_facts
):
    """htmx wires the new card's forms when the swap settles; a key handled before that used
    to post the form natively and reload the whole page (losing focus). The first moment a key
    can be handled is right after the task that swapped the card: undo is pressed then."""
    start(page, live_server.url, "en")
    to_a_flashcard(page, "en")
    page.keyboard.press("Space")
    expect(page.locator(".study-body[data-state='revealed']")).to_be_visible()
    page.evaluate(
        """() => {
          window.stayedInPage = true;
          window.swaps = 0;
          window.addEventListener("pagehide", () => { window.stayedInPage = false; });
          document.addEventListener("htmx:afterSettle", () => { window.swaps += 1; });
          document.addEventListener("htmx:afterSwap", () => queueMicrotask(() => {
            document.body.dispatchEvent(new KeyboardEvent("keydown", {
              key: "z", code: "KeyZ", ctrlKey: true, bubbles: true, cancelable: true}));
          }), {once: true});
        }"""
    )
    page.keyboard.press("1")
    # Rated, then undone: two swaps in this page, or none if the undo reloaded it.
    page.wait_for_function("() => window.swaps >= 2 || window.stayedInPage !== true")
    assert page.evaluate("window.stayedInPage") is True
    expect(page.locator(".study-body[data-state='revealed']")).to_be_visible()
    expect(page.locator("#back-title")).to_be_focused()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_question_mark_opens_the_shortcut_help_and_escape_closes_it(
    live_server, page: Page, study_facts, assert_accessible, lang
):
    words = WORDS[lang]
    start(page, live_server.url, lang)
    page.locator(".study-body button").first.focus()  # somewhere to come back to
    before = page.evaluate("document.activeElement.outerHTML")
    page.keyboard.press("Shift+Slash")  # "?"
    dialog = page.get_by_role("dialog", name=words["help"])
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(words["undo"])
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    assert_accessible(page)
    page.keyboard.press("1")  # answers nothing while the help is open
    expect(page.locator(".study-body[data-state='asking']")).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.outerHTML") == before
