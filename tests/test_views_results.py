"""An assignment's results page, a learner's answers and the two CSV files, through the client.

Only the assignment's teacher gets in; the query count does not grow with the class; the
struggling fact comes first; below five submissions the page says the figures are not reliable.
"""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learning import learners, teaching
from tests.classbuild import submit_class

ALL_RIGHT = {"fighters": 0, "accounts": 0, "palmyra": 0, "origin": 0}


@pytest.fixture
def make_assignment(make_assignment):
    """Every one of the four facts asked, so each test knows which facts the results show."""

    def build(**overrides):
        return make_assignment(**{"question_count": 4, **overrides})

    return build


def signed_in(learner):
    client = Client()
    client.force_login(learner.user)
    return client


def struggling_class(assignment, size=6):
    """`accounts` is answered wrong by all but one, and they all chose 29%."""
    responses = [dict(ALL_RIGHT, accounts=1) for _ in range(size - 1)] + [dict(ALL_RIGHT)]
    responses[0]["palmyra"] = 1  # one learner confuses Palmyra with Mosul
    return submit_class(assignment, responses)


def results_url(assignment, lang="en"):
    return f"/{lang}/teach/assignments/{assignment.pk}/results/"


# --- who may see -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_teacher_reads_the_results_and_the_assignment_page_links_to_them(
    teacher, make_assignment
):
    assignment = make_assignment()
    client = signed_in(teacher)
    page = client.get(f"/en/teach/assignments/{assignment.pk}/").content.decode()
    assert results_url(assignment) in page
    assert client.get(results_url(assignment)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "suffix", ["", "learners.csv", "facts.csv", "learners/{learner}/"], ids=["page", "l", "f", "a"]
)
def test_another_teacher_gets_404_for_every_results_url(make_learner, make_assignment, suffix):
    assignment = make_assignment()
    [pupil] = submit_class(assignment, [ALL_RIGHT])
    other = make_learner("mr-omar", is_teacher=True)
    url = results_url(assignment) + suffix.format(learner=pupil.pk)
    assert signed_in(other).get(url).status_code == 404


@pytest.mark.django_db
def test_a_learner_of_the_class_cannot_read_its_results(make_assignment):
    assignment = make_assignment()
    [pupil] = submit_class(assignment, [ALL_RIGHT])
    client = signed_in(pupil)
    assert client.get(results_url(assignment)).status_code == 403
    assert client.get(results_url(assignment) + "learners.csv").status_code == 403


@pytest.mark.django_db
def test_a_guessed_assignment_or_learner_id_is_404(teacher, make_assignment, make_learner):
    assignment = make_assignment()
    client = signed_in(teacher)
    assert client.get(f"/en/teach/assignments/{assignment.pk + 999}/results/").status_code == 404
    stranger = make_learner("not-in-the-class")
    url = results_url(assignment) + f"learners/{stranger.pk}/"
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_stranger_is_sent_to_log_in(make_assignment):
    response = Client().get(results_url(make_assignment()))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- the queries -----------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "?sort=-score", "learners.csv", "facts.csv"])
def test_the_results_run_as_many_queries_for_30_learners_as_for_3(
    teacher, make_assignment, study_facts, suffix
):
    small = make_assignment(title="small")
    large_class = teaching.create_class(teacher=teacher, name="B", now=dt.datetime.now(dt.UTC))
    large = make_assignment(title="large", classroom=large_class)
    struggling_class(small, size=3)
    responses = [dict(ALL_RIGHT, accounts=n % 4, palmyra=(n * 3) % 4) for n in range(30)]
    submit_class(large, responses, prefix="big")
    client = signed_in(teacher)
    client.get(results_url(small))  # the first request of a session reads its own rows once
    counts = [_queries(client, results_url(a) + suffix) for a in (small, large)]
    assert counts[0] == counts[1]


# --- what the page says ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "chose"), [("en", "5 of 6 chose <bdi>29%</bdi>"), ("ar", "5 من 6 اختاروا")]
)
def test_the_fact_the_class_struggles_with_comes_first_with_its_confusion(
    teacher, make_assignment, lang, chose
):
    assignment = make_assignment()
    struggling_class(assignment)
    page = signed_in(teacher).get(results_url(assignment, lang)).content.decode()
    facts = page[page.index('id="facts-title"') :]
    accounts = "Pro-Daesh accounts" if lang == "en" else "الحسابات الموالية لداعش"
    fighters = "foreign fighters" if lang == "en" else "المقاتلين الأجانب"
    assert facts.index(accounts) < facts.index(fighters)
    assert chose in facts
    assert "not yet reliable" not in page and "غير موثوقة" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "sentence"), [("en", "not yet reliable"), ("ar", "غير موثوقة")])
def test_below_five_submissions_the_page_says_the_figures_are_not_yet_reliable(
    teacher, make_assignment, lang, sentence
):
    assignment = make_assignment()
    submit_class(assignment, [ALL_RIGHT] * 6, submitted=[True] * 4 + [False] * 2)
    page = signed_in(teacher).get(results_url(assignment, lang)).content.decode()
    assert sentence in page


@pytest.mark.django_db
def test_the_learners_table_sorts_by_score_with_plain_links_and_htmx(teacher, make_assignment):
    assignment = make_assignment()
    struggling_class(assignment)  # learner-005 is the only one with everything right
    client = signed_in(teacher)
    page = client.get(results_url(assignment) + "?sort=-score").content.decode()
    assert page.index("learner-005") < page.index("learner-000")
    assert 'href="?sort=score"' in page  # the header sorts the other way next
    fragment = client.get(results_url(assignment) + "?sort=score", headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert "<html" not in text and text.index("learner-000") < text.index("learner-005")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_row_of_the_learners_table_links_to_that_learners_answers(
    teacher, make_assignment, lang
):
    assignment = make_assignment()
    pupils = struggling_class(assignment, size=11)  # ids in one and two digits alike
    client = signed_in(teacher)
    page = client.get(results_url(assignment, lang)).content.decode()
    for pupil in pupils:
        link = results_url(assignment, lang) + f"learners/{pupil.pk}/"
        row = page[page.index(f'href="{link}"') :]
        assert row.index(pupil.user.username) < row.index("</tr>")
    assert client.get(link).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "chosen"),
    [
        ("en", '<bdi>Mosul</bdi> <span class="badge">chosen</span>'),
        ("ar", '<bdi>الموصل</bdi> <span class="badge">المختار</span>'),
    ],
)
def test_a_learners_answers_show_the_questions_as_they_saw_them(
    teacher, make_assignment, lang, chosen
):
    assignment = make_assignment()
    pupils = struggling_class(assignment)  # the first confused Palmyra with Mosul
    url = results_url(assignment, lang) + f"learners/{pupils[0].pk}/"
    page = signed_in(teacher).get(url).content.decode()
    stem = "In which city" if lang == "en" else "أي مدينة"
    palmyra = page[page.index(stem) :]
    assert chosen in palmyra[: palmyra.index("</ul>")]
    # The total on top, as the learners table counts it: 2 of the 4 facts right.
    score = {"en": "Score 50% · 4 of 4 answered", "ar": "الدرجة 50% · أُجيب عن 4 من 4"}[lang]
    assert score in page


# --- the CSV files ---------------------------------------------------------------------------


def _rows(response):
    text = response.content.decode("utf-8-sig")
    assert not text.startswith("\ufeff")  # exactly one BOM
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
def test_the_csv_files_are_arabic_safe_attachments_named_after_the_assignment(
    teacher, make_assignment, make_learner
):
    assignment = make_assignment(title='=HYPERLINK("http://x") واجب')
    struggling_class(assignment)
    client = signed_in(teacher)
    learners = client.get(results_url(assignment, "ar") + "learners.csv")
    assert learners["Content-Type"].startswith("text/csv")
    assert learners["Content-Disposition"].startswith("attachment;")
    assert "hyperlinkhttpx" in learners["Content-Disposition"]
    assert learners.content.startswith(b"\xef\xbb\xbf")
    rows = _rows(learners)
    assert rows[0][0] == "المتعلّم"
    assert len(rows) == 7
    facts = client.get(results_url(assignment, "ar") + "facts.csv")
    fact_rows = _rows(facts)
    assert "الحسابات الموالية لداعش" in fact_rows[1][1]  # the struggling fact first
    assert fact_rows[1][7] == "29%"  # the confusion, labelled as the learners saw it


@pytest.mark.django_db
def test_a_formula_looking_learner_name_is_not_run_by_a_spreadsheet(teacher, make_assignment):
    assignment = make_assignment()
    [pupil] = submit_class(assignment, [ALL_RIGHT])
    pupil.user.username = "=cmd|' /C calc'!A0"
    pupil.user.save()
    rows = _rows(signed_in(teacher).get(results_url(assignment) + "learners.csv"))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][1] == "100.0"  # a number stays a number


@pytest.mark.django_db
def test_the_results_name_learners_as_they_asked_their_teachers_to(teacher, make_assignment):
    assignment = make_assignment()
    first, second = struggling_class(assignment, size=2)
    learners.set_display_name(first, "Yusuf يوسف")
    client = signed_in(teacher)
    page = client.get(results_url(assignment)).content.decode()
    assert "Yusuf يوسف" in page and second.user.username in page
    assert first.user.username not in page
    csv_text = client.get(results_url(assignment) + "learners.csv").content.decode("utf-8-sig")
    assert "Yusuf يوسف" in csv_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [("ar", ["في هذه الصفحة", "لكل حقيقة"]), ("en", ["On this page", "Per fact"])],
)
def test_the_page_opens_with_links_to_its_two_tables(teacher, make_assignment, lang, words):
    """The learners' table sat far below the per-fact analysis on a phone, with no way to it."""
    page = signed_in(teacher).get(results_url(make_assignment(), lang)).content.decode()
    nav = page[page.index('<nav class="on-this-page"') :]
    nav = nav[: nav.index("</nav>")]
    for word in words:
        assert word in page
    assert 'href="#facts-title"' in nav and 'href="#learners-title"' in nav
    assert 'id="facts-title"' in page and 'id="learners-title"' in page
