"""A teacher and a learner in a real browser, in Arabic and English, and with JavaScript off.

The teacher signs up saying they teach, creates a class and sets an assignment; the learner
joins with the code shown on the class page, takes the assignment in the study interface and
submits it. Every page on the way passes axe-core.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from learning.models import Assignment, Classroom, Learner, StudySession
from tests.browser.test_study_browser import PASSWORD, TEXT, answer_current

TEACH = {
    "ar": {
        "sign_up": "أنشئ حسابي",
        "i_teach": "أنا معلّم",
        "username": "اسم المستخدم",
        "teach": "التدريس",
        "class_name": "اسم الصف",
        "create_class": "أنشئ الصف",
        "set_assignment": "حدّد واجبًا",
        "tick": "اختر حقائقها",
        "title": "العنوان",
        "count": "عدد الأسئلة",
        "save_assignment": "حدّد الواجب",
        "join_label": "انضم إلى صف برمزه",
        "join": "انضم",
        "start": "ابدأ الواجب",
        "submit": "سلّم الواجب",
        "submitted": "سُلّم",
    },
    "en": {
        "sign_up": "Create my account",
        "i_teach": "I teach",
        "username": "Username",
        "teach": "Teach",
        "class_name": "Name of the class",
        "create_class": "Create the class",
        "set_assignment": "Set an assignment",
        "tick": "Tick their facts",
        "title": "Title",
        "count": "Number of questions",
        "save_assignment": "Set the assignment",
        "join_label": "Join a class with its code",
        "join": "Join",
        "start": "Start the assignment",
        "submit": "Submit the assignment",
        "submitted": "Submitted",
    },
}


def teacher_sets_an_assignment(page: Page, base: str, lang: str, check: object) -> str:
    """Sign up as a teacher, create a class, set an assignment; the class's code, as shown."""
    words = TEACH[lang]
    page.goto(f"{base}/{lang}/accounts/signup/")
    page.get_by_label(words["username"]).fill("ms-huda")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label(words["i_teach"]).check()
    page.get_by_role("button", name=words["sign_up"]).click()
    page.get_by_role("navigation").get_by_role("link", name=words["teach"]).click()
    check(page)
    page.get_by_label(words["class_name"]).fill("الصف العاشر ب")
    page.get_by_role("button", name=words["create_class"]).click()
    code = page.locator("[data-join-code]").inner_text()
    check(page)
    page.get_by_role("link", name=words["set_assignment"]).click()
    page.locator(".topic-picker input[type=checkbox]").first.check()
    page.get_by_role("button", name=words["tick"]).click()
    expect(page.locator("input[name=facts]:checked").first).to_be_checked()
    check(page)
    page.locator("#id_title").fill("Week 1 · الأسبوع الأول")
    page.get_by_label(words["count"]).fill("4")
    page.get_by_role("button", name=words["save_assignment"]).click()
    expect(page.locator("h1")).to_have_text("Week 1 · الأسبوع الأول")
    check(page)
    return code


def learner_completes_it(page: Page, base: str, lang: str, code: str, *, js: bool, check) -> None:
    words, texts = TEACH[lang], TEXT[lang]
    page.goto(f"{base}/{lang}/study/")
    # Typed as a person might: lower case, with the dash.
    page.get_by_label(words["join_label"]).fill(code.lower())
    page.get_by_role("button", name=words["join"], exact=True).click()
    link = page.get_by_role("link", name="Week 1 · الأسبوع الأول")
    expect(link).to_be_visible()
    check(page)
    link.click()
    check(page)
    page.get_by_role("button", name=words["start"]).click()
    seen: set[str] = set()
    for _ in range(4):
        expect(page.locator(".study-body[data-state='asking']")).to_be_visible()
        answer_current(page, texts, seen, js=js)
        page.get_by_role("link", name=texts["next"]).click()
    page.get_by_role("button", name=words["submit"]).click()
    expect(page.locator("p.message")).to_contain_text(words["submitted"])
    check(page)
    learner = Learner.objects.get(is_guest=True)
    attempt = StudySession.objects.get(learner=learner, assignment=Assignment.objects.get())
    assert attempt.finished_at is not None
    assert attempt.questions.filter(answered_at__isnull=False).count() == 4
    assert learner.cards.filter(reps__gt=0).count() >= 4


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_teacher_sets_an_assignment_and_a_learner_completes_it(
    live_server, browser: Browser, study_facts, assert_accessible, lang
):
    teacher = browser.new_context()
    code = teacher_sets_an_assignment(teacher.new_page(), live_server.url, lang, assert_accessible)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert Classroom.objects.get().teacher.user.username == "ms-huda"
    teacher.close()
    pupil = browser.new_context()
    learner_completes_it(
        pupil.new_page(), live_server.url, lang, code, js=True, check=assert_accessible
    )
    pupil.close()


def test_the_learner_flow_with_javascript_off(live_server, browser: Browser, study_facts):
    teacher = browser.new_context()
    code = teacher_sets_an_assignment(teacher.new_page(), live_server.url, "en", lambda page: None)
    teacher.close()
    pupil = browser.new_context(java_script_enabled=False)
    learner_completes_it(
        pupil.new_page(), live_server.url, "en", code, js=False, check=lambda page: None
    )
    pupil.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_class_page_fits_a_320_pixel_screen(live_server, page: Page, classroom, learner, lang):
    """At 320 px the join link and the roster's Remove button made the page scroll sideways."""
    from learning import teaching

    teaching.join(learner=learner, classroom=classroom, now=classroom.created_at)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.locator("#id_username").fill(classroom.teacher.user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    page.goto(f"{live_server.url}/{lang}/teach/classes/{classroom.pk}/")
    expect(page.locator("table.roster")).to_be_visible()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
