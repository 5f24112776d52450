"""A teacher reads an assignment's results in a real browser, in Arabic and English: the fact
the class struggles with comes first, the page passes axe-core, the table sorts by keyboard,
and the CSV downloads with Arabic intact."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.classbuild import submit_class

PASSWORD = "a-long-enough-passphrase-42"
ALL_RIGHT = {"fighters": 0, "accounts": 0, "palmyra": 0, "origin": 0}
WORDS = {
    "ar": {
        "log_out": "تسجيل الخروج",
        "results": "اطّلع على النتائج",
        "accounts": "الحسابات الموالية لداعش",
        "confusion": "5 من 6 اختاروا",
        "csv": "جدول المتعلمين (CSV)",
        "learner": "المتعلّم",
        "score": "الدرجة",
    },
    "en": {
        "log_out": "Log out",
        "results": "See the results",
        "accounts": "Pro-Daesh accounts",
        "confusion": "5 of 6 chose",
        "csv": "the learners table (CSV)",
        "learner": "Learner",
        "score": "Score",
    },
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_teacher_reads_the_results_and_downloads_the_csv(
    live_server, page: Page, teacher, make_assignment, assert_accessible, lang
):
    words = WORDS[lang]
    assignment = make_assignment(question_count=4, title="الأسبوع الأول")
    responses = [dict(ALL_RIGHT, accounts=1) for _ in range(5)] + [dict(ALL_RIGHT)]
    submit_class(assignment, responses)
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.locator("#id_username").fill(teacher.user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    page.goto(f"{live_server.url}/{lang}/teach/assignments/{assignment.pk}/")
    page.get_by_role("link", name=words["results"]).click()
    first = page.locator(".result-fact").first
    expect(first.locator("h3")).to_contain_text(words["accounts"])
    expect(first.locator(".distractors")).to_contain_text(words["confusion"])
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(page)

    # Sorting by score with the keyboard (htmx swaps the table): the full marks come first
    # the second time the header is pressed.
    score = page.locator("#learners-table th").nth(1).get_by_role("link")
    score.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#learners-table th").nth(1)).to_have_attribute("aria-sort", "ascending")
    page.locator("#learners-table th").nth(1).get_by_role("link").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#learners-table th").nth(1)).to_have_attribute("aria-sort", "descending")
    expect(page.locator("#learners-table tbody tr").first).to_contain_text("learner-005")

    with page.expect_download() as info:
        page.get_by_role("link", name=words["csv"]).click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    raw = Path(download.path()).read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert raw.startswith(b"\xef\xbb\xbf") and rows[0][0] == words["learner"]
    assert rows[1][0] == "learner-005"  # in the order the page showed
    assert len(rows) == 7
