"""The pupil's side of an assignment in a real browser, in Arabic and English: answers chosen
with the number keys (true/false's 1 and 2 included), the saved screen repeating each choice,
Submit as the main button once all is answered, the answers given back without the correct
ones before the due date; the class page, and the teacher's projector page on screen and on
paper. Every page on the way passes axe-core."""

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from learning import teaching
from learning.core.questions import Question, QuestionKind
from learning.core.questions.question import FALSE, TRUE
from learning.models import AskedQuestion, StudySession
from tests.browser.test_study_browser import PASSWORD, current_question

WORDS = {
    "ar": {"start": "ابدأ الواجب", "submit": "سلّم الواجب", "next": "التالي", "yours": "إجابتك"},
    "en": {
        "start": "Start the assignment",
        "submit": "Submit the assignment",
        "next": "Next",
        "yours": "your answer",
    },
}


def log_in(page: Page, base: str, lang: str, username: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".account-nav form button")).to_be_visible()  # the Log out button


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_pupil_answers_with_keys_submits_and_reads_their_answers(
    live_server, page: Page, classroom, learner, make_assignment, assert_accessible, lang
):
    words = WORDS[lang]
    teaching.join(learner=learner, classroom=classroom, now=classroom.created_at)
    assignment = make_assignment(feedback="due", kinds=["mcq", "truefalse"])
    log_in(page, live_server.url, lang, learner.user.username)
    page.goto(f"{live_server.url}/{lang}/classes/{classroom.pk}/")
    check_page = assert_accessible
    check_page(page)
    page.get_by_role("link", name=assignment.title).click()
    page.get_by_role("button", name=words["start"]).click()
    for number in range(assignment.question_count):
        body = page.locator(".study-body")
        expect(body).to_have_attribute("data-state", "asking")
        # The first question arrives as a whole page: its keys work once study.js has run
        # (a deferred script), which the load event proves; a swapped question is loaded.
        page.wait_for_load_state()
        asked = current_question(page)
        # The last option by its key: 2 on a true/false question, 4 on a multiple choice.
        last = 2 if asked.kind == QuestionKind.TRUEFALSE else 4
        button = page.locator("button.choice").nth(last - 1)
        expect(button.locator(".choice-key")).to_have_text(str(last))
        option = button.evaluate("b => b.lastChild.textContent.trim()")
        page.keyboard.press(str(last))
        expect(body).to_have_attribute("data-state", "answered")
        # The saved screen (answers wait for the due date) says which option was chosen.
        expect(page.locator(".your-answer bdi")).to_have_text(option)
        asked.refresh_from_db()
        assert asked.response == last - 1
        if number == 0:
            check_page(page)
        page.get_by_role("link", name=words["next"]).click()
    submit = page.locator("button.primary.big")
    expect(submit).to_have_text(words["submit"])
    check_page(page)
    submit.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-answers-later]")).to_be_visible()
    expect(page.locator(".review-item")).to_have_count(assignment.question_count)
    expect(page.locator(".review-item .tag")).to_have_count(assignment.question_count)
    expect(page.locator(".review-item .tag").first).to_have_text(words["yours"])
    assert StudySession.objects.get(assignment=assignment).finished_at is not None
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    check_page(page)


def test_true_false_answers_with_the_2_key(live_server, page: Page, learner, study_facts, ask):
    asked = ask(Question(QuestionKind.TRUEFALSE, ("origin",), (True,), TRUE, 0.5))
    log_in(page, live_server.url, "en", learner.user.username)
    page.goto(f"{live_server.url}/en/study/questions/{asked.pk}/")
    expect(page.locator(".truefalse .choice-key")).to_have_text(["1", "2"])
    page.keyboard.press("2")
    expect(page.locator(".study-body")).to_have_attribute("data-state", "answered")
    assert AskedQuestion.objects.get(pk=asked.pk).response == FALSE


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_projector_page_reads_large_and_prints_without_the_menus(
    live_server, browser: Browser, classroom, assert_accessible, lang
):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log_in(page, live_server.url, lang, classroom.teacher.user.username)
    page.goto(f"{live_server.url}/{lang}/teach/classes/{classroom.pk}/")
    page.locator(f"a[href$='/teach/classes/{classroom.pk}/projector/']").click()
    code = page.locator("[data-join-code]")
    expect(code).to_have_text(classroom.display_code)
    assert_accessible(page)
    # Readable from the back of a room: the code at least 48 px high, the QR code 300 px.
    assert float(code.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 48
    qr = page.locator("img.projector-qr").bounding_box()
    assert qr and qr["width"] >= 300, qr
    expect(page.locator(".site-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".no-print").first).to_be_hidden()
    expect(code).to_be_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 320, "height": 640})
    expect(page.locator(".site-header")).to_be_visible()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    context.close()


def test_a_past_due_answer_page_shows_the_right_answers_without_javascript(
    live_server, browser: Browser, classroom, learner, make_assignment
):
    """JavaScript off: the whole path is plain links and forms, Submit included."""
    teaching.join(learner=learner, classroom=classroom, now=classroom.created_at)
    now = dt.datetime.now(dt.UTC)
    assignment = make_assignment(
        feedback="due", kinds=["mcq"], opens_at=now - dt.timedelta(days=2), due_at=now
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "en", learner.user.username)
    page.goto(f"{live_server.url}/en/assignments/{assignment.pk}/")
    page.get_by_role("button", name="Start the assignment").click()
    for _ in range(assignment.question_count):
        expect(page.locator(".study-body")).to_have_attribute("data-state", "asking")
        page.locator("button.choice").first.click()
        expect(page.locator(".study-body")).to_have_attribute("data-state", "answered")
        page.get_by_role("link", name="Next").click()
    page.get_by_role("button", name="Submit the assignment").click()
    expect(page.locator(".review-item")).to_have_count(assignment.question_count)
    expect(page.get_by_text("correct answer", exact=True)).to_have_count(assignment.question_count)
    context.close()
