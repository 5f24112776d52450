"""A whole study session in a real browser: as a guest, every question kind, then sign up.

Ordering questions are solved with the Earlier/Later buttons only, driven from the keyboard.
The test reads the stored question to know the right order, as only the server can.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from learning.models import AskedQuestion, Card, Learner

PASSWORD = "a-long-enough-passphrase-42"
TEXT = {
    "ar": {
        "start": "ابدأ المذاكرة",
        "next": "التالي",
        "reveal": "اعرض الإجابة",
        "good": "جيد",
        "check": "تحقّق من الترتيب",
        "all_in_place": "أحسنت: كل حدث في مكانه.",
        "complete": "اكتملت الجلسة",
        "met_today": "حقائق جديدة تعرّفت إليها اليوم",
        "save": "احفظ تقدّمك",
        "save_button": "احفظ تقدّمي",
        "username": "اسم المستخدم",
        "true": "صحيح",
    },
    "en": {
        "start": "Start studying",
        "next": "Next",
        "reveal": "Show the answer",
        "good": "Good",
        "check": "Check the order",
        "all_in_place": "Right: every event is in its place.",
        "complete": "Session complete",
        "met_today": "New facts met today",
        "save": "Save your progress",
        "save_button": "Save my progress",
        "username": "Username",
        "true": "True",
    },
}


def current_question(page: Page) -> AskedQuestion:
    form = page.locator(".study-body form").first
    action = form.get_attribute("action")
    pk = int(re.search(r"/questions/(\d+)/", action).group(1))
    return AskedQuestion.objects.get(pk=pk)


def arrange_with_keyboard(page: Page, answer: list[int], *, js: bool) -> None:
    """Move events into `answer` order (indices of the shown options) with the buttons only."""
    items = page.locator(".ordering-item")
    for target, wanted in enumerate(answer):
        while True:
            ids = [items.nth(i).get_attribute("id") for i in range(items.count())]
            at = ids.index(f"event-{wanted}")
            if at == target:
                break
            button = page.locator(f"#event-{wanted} [data-move='up']")
            button.focus()
            page.keyboard.press("Enter")
            # Focus stays with the moved event: on the button pressed, or at the top of the
            # list on the one that can still move it.
            pressed = "up" if at - 1 > 0 else "down"
            # Its new position first: without JavaScript the server moved it and sent a new
            # page, and the old one had that button focused already (pressed just now).
            position = page.locator(f"#event-{wanted}-position")
            expect(position).to_have_text(re.compile(rf"^\D*{at}\D+{len(ids)}\.$"))
            if js:
                expect(page.locator("[data-announcer]")).not_to_have_text("")
            else:
                page.wait_for_load_state()  # the whole list, before it is read again
            expect(page.locator(f"#event-{wanted} [data-move='{pressed}']")).to_be_focused()


def answer_current(page: Page, texts: dict[str, str], seen: set[str], *, js: bool = True) -> None:
    body = page.locator(".study-body")
    kind = body.get_attribute("data-kind")
    asked = current_question(page)
    payload = asked.payload
    if kind == "flashcard":
        page.get_by_role("button", name=texts["reveal"]).click()
        page.get_by_role("button", name=re.compile(texts["good"])).click()
    elif kind == "ordering":
        arrange_with_keyboard(page, payload["answer"], js=js)
        page.get_by_role("button", name=texts["check"]).click()
        expect(page.locator(".verdict")).to_have_text(texts["all_in_place"])
    elif kind == "truefalse":
        page.locator("button.choice").nth(payload["answer"]).click()
    else:
        page.locator("button.choice").nth(payload["answer"]).click()
    expect(page.locator(".study-body")).to_have_attribute("data-state", "answered")
    seen.add(kind)


def run_session(page: Page, base: str, lang: str, *, js: bool = True) -> set[str]:
    texts = TEXT[lang]
    page.goto(f"{base}/{lang}/")
    page.get_by_role("button", name=texts["start"]).first.click()
    seen: set[str] = set()
    done = page.get_by_role("heading", name=texts["complete"])
    for _ in range(40):
        expect(page.locator(".study-body[data-state='asking']").or_(done)).to_be_visible()
        if done.is_visible():
            break
        answer_current(page, texts, seen, js=js)
        page.get_by_role("link", name=texts["next"]).click()
    expect(page.get_by_role("heading", name=texts["complete"])).to_be_visible()
    return seen


def sign_up_and_check_progress(page: Page, base: str, lang: str) -> None:
    texts = TEXT[lang]
    guest = Learner.objects.get()
    cards = Card.objects.filter(learner=guest).count()
    assert cards > 0
    page.get_by_role("link", name=texts["save"]).first.click()
    page.get_by_label(texts["username"]).fill("nour")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name=texts["save_button"]).click()
    expect(page.locator(".messages")).to_be_visible()  # the account is made
    learner = Learner.objects.get(user__username="nour")
    assert learner.pk == guest.pk and not learner.is_guest
    assert Card.objects.filter(learner=learner).count() == cards
    page.goto(f"{base}/{lang}/study/")
    stat = page.locator(".stat", has_text=texts["met_today"]).locator("dd")
    expect(stat).not_to_have_text("0")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_whole_session_as_a_guest_then_sign_up(
    live_server, page: Page, study_facts, assert_accessible, lang
):
    seen = run_session(page, live_server.url, lang)
    assert seen == {"mcq", "truefalse", "ordering", "flashcard"}
    assert_accessible(page)  # the summary
    sign_up_and_check_progress(page, live_server.url, lang)
    assert_accessible(page)  # the study page of a signed-in learner


def test_the_same_session_with_javascript_off(live_server, browser: Browser, study_facts):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    seen = run_session(page, live_server.url, "en", js=False)
    assert seen == {"mcq", "truefalse", "ordering", "flashcard"}
    sign_up_and_check_progress(page, live_server.url, "en")
    context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_study_pages_pass_axe(live_server, page: Page, study_facts, assert_accessible, lang):
    texts = TEXT[lang]
    page.goto(f"{live_server.url}/{lang}/study/")
    assert_accessible(page)
    page.get_by_role("button", name=texts["start"]).first.click()
    kinds: set[str] = set()
    done = page.get_by_role("heading", name=texts["complete"])
    for _ in range(12):
        expect(page.locator(".study-body[data-state='asking']").or_(done)).to_be_visible()
        if done.is_visible():
            break
        kind = page.locator(".study-body").get_attribute("data-kind")
        if kind not in kinds:
            assert_accessible(page)
        answer_current(page, texts, set())
        if kind not in kinds:
            assert_accessible(page)
            kinds.add(kind)
        page.get_by_role("link", name=texts["next"]).click()
        if kinds == {"mcq", "truefalse", "ordering", "flashcard"}:
            break
    # Let the last request finish before the test database is flushed.
    expect(page.locator(".study-body[data-state='asking']").or_(done)).to_be_visible()
    assert kinds == {"mcq", "truefalse", "ordering", "flashcard"}
