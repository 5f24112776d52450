"""A teacher and a learner in a real browser, in Arabic and English, and with JavaScript off.

The teacher signs up saying they teach, creates a class and sets an assignment; the learner
joins with the code shown on the class page, takes the assignment in the study interface
(getting one fact wrong) and submits it; the teacher reads the results, where that fact comes
first, sorts the learners with the keyboard and downloads both CSV files. Every page on the way
passes axe-core.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from learning.models import Assignment, Classroom, Fact, Learner, Membership, StudySession
from tests.browser.test_study_browser import PASSWORD, TEXT, answer_current, current_question

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
        "your_name": "اسمك لدى معلميك",
        "join_this": "انضم إلى هذا الصف",
        "start": "ابدأ الواجب",
        "submit": "سلّم الواجب",
        "submitted": "سُلّم",
        "class_link": "الصف العاشر ب",
        "results": "اطّلع على النتائج",
        "learners_csv": "جدول المتعلمين (CSV)",
        "facts_csv": "جدول الحقائق (CSV)",
        "learner": "المتعلّم",
        "question": "السؤال",
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
        "your_name": "Your name for your teachers",
        "join_this": "Join this class",
        "start": "Start the assignment",
        "submit": "Submit the assignment",
        "submitted": "Submitted",
        "class_link": "الصف العاشر ب",
        "results": "See the results",
        "learners_csv": "the learners table (CSV)",
        "facts_csv": "the per-fact table (CSV)",
        "learner": "Learner",
        "question": "Question",
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
    expect(page.locator("h1")).to_have_text(words["teach"])
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
    # Ordering questions ask several facts at once: without them, one wrong answer is one fact.
    page.locator("input[name=kinds][value=ordering]").uncheck()
    box = page.locator("input[name=kinds]").first.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, box  # they were 13 px
    page.locator("#id_title").fill("Week 1 · الأسبوع الأول")
    page.get_by_label(words["count"]).fill("4")
    page.get_by_role("button", name=words["save_assignment"]).click()
    expect(page.locator("h1")).to_have_text("Week 1 · الأسبوع الأول")
    check(page)
    return code


def answer_wrong(page: Page) -> None:
    """Choose a wrong option of the multiple-choice or true/false question shown."""
    asked = current_question(page)
    wrong = (asked.payload["answer"] + 1) % (2 if asked.kind == "truefalse" else 4)
    page.locator("button.choice").nth(wrong).click()
    expect(page.locator(".study-body")).to_have_attribute("data-state", "answered")


def learner_completes_it(
    page: Page, base: str, lang: str, code: str, *, js: bool, check
) -> str | None:
    """Join, take the assignment and submit it, answering the first multiple-choice or
    true/false question wrong and the others right; the slug of the fact got wrong."""
    words, texts = TEACH[lang], TEXT[lang]
    page.goto(f"{base}/{lang}/study/")
    # Typed as a person might: lower case, with the dash.
    page.get_by_label(words["join_label"]).fill(code.lower())
    page.get_by_role("button", name=words["join"], exact=True).click()
    # A guest is asked the name their teacher will see, on the page that names the class.
    expect(page.locator("h1")).to_contain_text("الصف العاشر ب")
    check(page)
    page.get_by_label(words["your_name"]).fill("Layla ليلى")
    page.get_by_role("button", name=words["join_this"]).click()
    link = page.get_by_role("link", name="Week 1 · الأسبوع الأول")
    expect(link).to_be_visible()
    check(page)
    link.click()
    start = page.get_by_role("button", name=words["start"])
    expect(start).to_be_visible()
    check(page)
    start.click()
    seen: set[str] = set()
    wrong: str | None = None
    for _ in range(4):
        expect(page.locator(".study-body[data-state='asking']")).to_be_visible()
        kind = page.locator(".study-body").get_attribute("data-kind")
        if wrong is None and kind in ("mcq", "truefalse"):
            wrong = current_question(page).payload["facts"][0]
            answer_wrong(page)
        else:
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
    return wrong


def teacher_reads_the_results(page: Page, base: str, lang: str, wrong: str, check) -> None:
    """The fact the learner got wrong comes first; the table sorts by keyboard; both CSV files
    download as UTF-8 with a BOM, headed in the teacher's language."""
    words = TEACH[lang]
    page.goto(f"{base}/{lang}/teach/")
    page.get_by_role("link", name=words["class_link"]).click()
    page.get_by_role("link", name="Week 1 · الأسبوع الأول").click()
    page.get_by_role("link", name=re.compile(words["results"])).click()
    expect(page.locator("#learners-table")).to_contain_text("Layla ليلى")
    first = page.locator(".result-fact").first
    expect(first.locator("h3")).to_have_text(Fact.objects.get(slug=wrong).sentence(lang))
    expect(first.locator(".distractors li")).to_have_count(1)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    check(page)

    # The score header, pressed with the keyboard (htmx swaps the table), sorts by score.
    page.locator("#learners-table th").nth(1).get_by_role("link").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#learners-table th").nth(1)).to_have_attribute("aria-sort", "ascending")
    page.locator("#learners-table th").nth(1).get_by_role("link").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#learners-table th").nth(1)).to_have_attribute("aria-sort", "descending")

    for link, header, rows in [
        (words["learners_csv"], words["learner"], 2),
        (words["facts_csv"], words["question"], 5),
    ]:
        with page.expect_download() as info:
            page.get_by_role("link", name=link).click()
        raw = Path(info.value.path()).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
        table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert table[0][0] == header and len(table) == rows
        if header == words["question"]:
            assert table[1][1] == Fact.objects.get(slug=wrong).sentence(lang)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_teacher_runs_an_assignment_from_sign_up_to_the_csv(
    live_server, browser: Browser, study_facts, assert_accessible, lang
):
    teacher = browser.new_context(accept_downloads=True)
    teacher_page = teacher.new_page()
    code = teacher_sets_an_assignment(teacher_page, live_server.url, lang, assert_accessible)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert Classroom.objects.get().teacher.user.username == "ms-huda"
    pupil = browser.new_context()
    wrong = learner_completes_it(
        pupil.new_page(), live_server.url, lang, code, js=True, check=assert_accessible
    )
    pupil.close()
    assert wrong is not None, "the assignment asked no multiple-choice or true/false question"
    teacher_reads_the_results(teacher_page, live_server.url, lang, wrong, assert_accessible)
    teacher.close()


def test_the_learner_flow_with_javascript_off(live_server, browser: Browser, study_facts):
    teacher = browser.new_context()
    code = teacher_sets_an_assignment(teacher.new_page(), live_server.url, "en", lambda page: None)
    teacher.close()
    pupil = browser.new_context(java_script_enabled=False)
    page = pupil.new_page()
    learner_completes_it(page, live_server.url, "en", code, js=False, check=lambda page: None)
    # Leaving asks first, and the confirmation is a plain form too.
    page.goto(f"{live_server.url}/en/study/")
    page.get_by_role("button", name="Leave الصف العاشر ب").click()
    expect(page.locator("h1")).to_contain_text("Leave")
    assert Membership.objects.exists()
    page.get_by_role("button", name="Leave the class").click()
    expect(page.locator(".messages")).to_contain_text("You have left")
    assert not Membership.objects.exists()
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
    expect(page.locator(f"form[action='/{lang}/accounts/logout/'] button")).to_be_visible()
    page.goto(f"{live_server.url}/{lang}/teach/classes/{classroom.pk}/")
    expect(page.locator("table.roster")).to_be_visible()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_results_page_reads_on_a_390_pixel_screen(
    live_server, page: Page, teacher, make_assignment, lang
):
    """Found on the screenshot walk: at 390 px the learners table broke its dates letter by
    letter. Its cells now stay on one line and the table scrolls in its own box."""
    from tests.classbuild import submit_class

    assignment = make_assignment(question_count=4)
    submit_class(assignment, [{"fighters": 0, "accounts": 1, "palmyra": 0, "origin": 0}] * 6)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.locator("#id_username").fill(teacher.user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(f"form[action='/{lang}/accounts/logout/'] button")).to_be_visible()
    page.goto(f"{live_server.url}/{lang}/teach/assignments/{assignment.pk}/results/")
    lines = page.evaluate(
        """[...document.querySelectorAll('#learners-table tbody tr:first-child td')].map(td => {
            // The lines of text: a padded link's own box has a top of its own, not a line.
            const tops = new Set();
            const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const range = document.createRange();
                range.selectNodeContents(walker.currentNode);
                for (const r of range.getClientRects()) {
                    if (r.width > 0) tops.add(Math.round(r.top));
                }
            }
            return tops.size;
        })"""
    )
    del lines[3]  # the status badge: a padded box, its own top
    assert lines == [1] * 4, lines
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


def open_the_assignment_form(page: Page, base: str, classroom: Classroom) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.locator("#id_username").fill(classroom.teacher.user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator("form[action='/en/accounts/logout/'] button")).to_be_visible()
    page.goto(f"{base}/en/teach/classes/{classroom.pk}/assignments/new/")


def test_picking_a_topic_keeps_what_the_teacher_unticked(
    live_server, page: Page, classroom, study_facts, topic, make_fact
):
    """Found on a new-user walk: an unticked fact was ticked again by picking another topic,
    and each topic's "N of M ticked" stayed as the page was loaded."""
    from learning.models import Topic

    other = Topic.objects.create(slug="finance", name_ar="المالي", name_en="Finance", position=2)
    finance = [make_fact(slug=f"finance-{n}", topic=other) for n in range(2)]
    total = len(study_facts)
    open_the_assignment_form(page, live_server.url, classroom)
    page.get_by_label("Military", exact=True).check()
    page.get_by_role("button", name="Tick their facts").click()
    fighters = page.locator(f"input[name=facts][value='{study_facts['fighters'].pk}']")
    expect(fighters).to_be_checked()
    expect(page.get_by_label("Number of questions")).to_have_value(str(min(10, total)))
    fighters.uncheck()
    military = page.locator(".fact-group").first.locator("summary .meta")
    expect(military).to_have_text(f"{total - 1} of {total} ticked")
    expect(page.get_by_label("Number of questions")).to_have_value(str(min(10, total - 1)))
    page.get_by_label("Finance", exact=True).check()
    page.evaluate("window.sameDocument = true")
    with page.expect_request(lambda request: "/assignments/new/?" in request.url) as sent:
        page.get_by_role("button", name="Tick their facts").click()
    # The htmx request carries the whole form but not its CSRF token.
    assert "title=" in sent.value.url and "csrfmiddlewaretoken" not in sent.value.url
    expect(page.locator(f"input[name=facts][value='{finance[0].pk}']")).to_be_checked()
    assert page.evaluate("window.sameDocument"), "htmx swapped the list in; no page load"
    expect(fighters).not_to_be_checked()
    expect(military).to_have_text(f"{total - 1} of {total} ticked")
    expect(page.locator(".fact-group").nth(1).locator("summary .meta")).to_have_text(
        "2 of 2 ticked"
    )
    expect(page.get_by_label("Number of questions")).to_have_value(str(min(10, total + 1)))


def test_without_javascript_picking_a_topic_keeps_the_title(
    live_server, browser: Browser, classroom, study_facts, topic
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_the_assignment_form(page, live_server.url, classroom)
    page.locator("#id_title").fill("Week 1 · الأسبوع الأول")
    page.get_by_label("Military", exact=True).check()
    page.get_by_role("button", name="Tick their facts").click()
    expect(page.locator("input[name=facts]:checked")).to_have_count(len(study_facts))
    expect(page.locator("#id_title")).to_have_value("Week 1 · الأسبوع الأول")
    expect(page.get_by_label("Military", exact=True)).to_be_checked()
    assert "csrfmiddlewaretoken" not in page.url
    page.get_by_role("button", name="Set the assignment").click()
    expect(page.locator("h1")).to_have_text("Week 1 · الأسبوع الأول")
    assert Assignment.objects.get().question_count == min(10, len(study_facts))
    context.close()
