"""The learner's assignment page: Submit once all is answered, their answers given back after
submitting, and the correct answers only when the teacher's setting allows."""

import datetime as dt

import pytest
from django.test import Client

from learning import study, teaching
from learning.core import questions
from learning.models import AskedQuestion

NOW = dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC)
PAST_DUE = {"opens_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "due_at": NOW}


def signed_in(learner):
    client = Client()
    client.force_login(learner.user)
    return client


@pytest.fixture
def member(classroom, learner):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    return learner


def rendered(asked, lang="en"):
    return questions.render(study.stored_question(asked), study.facts_of([asked]), lang)


def answer_all(client, learner, assignment, *, leave=0):
    """Start the assignment and answer its questions (all but `leave` of them): the first
    option, or an ordering's events in reverse; the questions asked, in order."""
    client.post(f"/en/assignments/{assignment.pk}/start/")
    session = learner.sessions.get(assignment=assignment)
    for _ in range(assignment.question_count - leave):
        asked = study.current_question(session, now=NOW)
        if asked.kind == "ordering":
            data = {"order": list(reversed(range(len(asked.payload["facts"]))))}
        else:
            data = {"choice": "0"}
        assert client.post(f"/en/study/questions/{asked.pk}/answer/", data).status_code == 302
    return list(AskedQuestion.objects.filter(session=session).order_by("position"))


def main_button(page: str) -> str:
    """The text of the page's `primary big` button."""
    start = page.index('class="primary big"')
    return page[page.index(">", start) + 1 : page.index("</button>", start)]


# --- before submitting ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "submit", "means"),
    [
        ("en", "Submit the assignment", "Submitting hands your answers to your teacher"),
        ("ar", "سلّم الواجب", "التسليم يُرسل إجاباتك إلى معلّمك"),
    ],
)
def test_once_every_question_is_answered_the_main_button_submits(
    make_assignment, member, lang, submit, means
):
    assignment = make_assignment()
    client = signed_in(member)
    answer_all(client, member, assignment)
    page = client.get(f"/{lang}/assignments/{assignment.pk}/").content.decode()
    assert main_button(page) == submit
    assert f'action="/{lang}/assignments/{assignment.pk}/submit/"' in page
    assert means in page
    assert f"/{lang}/assignments/{assignment.pk}/start/" not in page  # no Continue left


@pytest.mark.django_db
def test_with_questions_left_the_main_button_continues(make_assignment, member):
    assignment = make_assignment()
    client = signed_in(member)
    answer_all(client, member, assignment, leave=1)
    page = client.get(f"/en/assignments/{assignment.pk}/").content.decode()
    assert main_button(page) == "Continue the assignment"
    assert "You have answered 2 of 3 questions." in page


@pytest.mark.django_db
def test_what_submitting_means_names_the_due_date_when_answers_wait_for_it(make_assignment, member):
    member.time_zone = "Asia/Baghdad"
    member.save()
    assignment = make_assignment(feedback="due")
    client = signed_in(member)
    answer_all(client, member, assignment)
    page = client.get(f"/en/assignments/{assignment.pk}/").content.decode()
    assert "the correct answers after the due date, 1 January 2099" in page


# --- after submitting -----------------------------------------------------------------------


def submitted_page(client, learner, assignment, lang="en"):
    asked = answer_all(client, learner, assignment)
    client.post(f"/en/assignments/{assignment.pk}/submit/")
    return asked, client.get(f"/{lang}/assignments/{assignment.pk}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_after_submitting_each_answer_is_listed_with_the_correct_one(make_assignment, member, lang):
    assignment = make_assignment(feedback="submitted", kinds=["mcq"])
    asked, page = submitted_page(signed_in(member), member, assignment, lang)
    yours, correct = {"en": ("your answer", "correct answer"), "ar": ("إجابتك", "الإجابة الصحيحة")}[
        lang
    ]
    for one in asked:
        shown = rendered(one, lang)
        assert shown.prompt in page
        assert shown.back.explanation in page
    assert page.count(f">{yours}<") == 3
    assert page.count(f">{correct}<") == 3
    right = sum(1 for one in asked if one.score == 1.0)
    assert page.count("review-item is-right") == right
    assert page.count("review-item is-wrong") == 3 - right


@pytest.mark.django_db
def test_before_the_due_date_the_answers_are_listed_without_the_correct_ones(
    make_assignment, member
):
    member.time_zone = "Asia/Baghdad"
    member.save()
    assignment = make_assignment(feedback="due", kinds=["mcq", "truefalse"])
    asked, page = submitted_page(signed_in(member), member, assignment)
    for one in asked:
        shown = rendered(one)
        assert shown.prompt in page
        assert shown.back.explanation not in page
    assert page.count(">your answer<") == 3
    assert ">correct answer<" not in page
    assert "is-right" not in page and "is-wrong" not in page and "✓" not in page
    assert "after the due date: 1 January 2099" in page
    assert "Baghdad" in page


@pytest.mark.django_db
def test_after_the_due_date_the_correct_answers_show(make_assignment, member):
    assignment = make_assignment(feedback="due", kinds=["mcq"], **PAST_DUE)
    asked, page = submitted_page(signed_in(member), member, assignment)
    assert page.count(">correct answer<") == 3
    assert rendered(asked[0]).back.explanation in page


@pytest.fixture
def ordering_assignment(make_assignment, study_facts):
    def build(**fields):
        events = [study_facts[f"event-{n}"] for n in range(5)]
        return make_assignment(facts=events, kinds=["ordering"], question_count=2, **fields)

    return build


@pytest.mark.django_db
def test_an_orderings_dates_stay_out_of_the_page_until_the_due_date(ordering_assignment, member):
    asked, page = submitted_page(signed_in(member), member, ordering_assignment(feedback="due"))
    for one in asked:
        shown = rendered(one)
        assert all(label in page for label in shown.options)
        assert not any(date in page for date in shown.notes), shown.notes


@pytest.mark.django_db
def test_an_orderings_dates_show_once_the_rule_allows(ordering_assignment, member):
    assignment = ordering_assignment(feedback="due", **PAST_DUE)
    asked, page = submitted_page(signed_in(member), member, assignment)
    for one in asked:
        assert all(date in page for date in rendered(one).notes)


@pytest.mark.django_db
def test_a_question_left_unanswered_is_counted(make_assignment, member):
    assignment = make_assignment(feedback="submitted")
    client = signed_in(member)
    answer_all(client, member, assignment, leave=2)
    client.post(f"/en/assignments/{assignment.pk}/submit/")
    page = client.get(f"/en/assignments/{assignment.pk}/").content.decode()
    assert "2 questions were not answered." in page


@pytest.mark.django_db
def test_another_learner_gets_404_for_the_page(make_assignment, member, make_learner, classroom):
    assignment = make_assignment(feedback="submitted")
    submitted_page(signed_in(member), member, assignment)
    stranger = make_learner("omar")
    assert signed_in(stranger).get(f"/en/assignments/{assignment.pk}/").status_code == 404


# --- the saved screen -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_saved_screen_repeats_the_option_chosen(make_assignment, member, lang):
    assignment = make_assignment(feedback="submitted", kinds=["mcq"])
    client = signed_in(member)
    client.post(f"/en/assignments/{assignment.pk}/start/")
    asked = study.current_question(member.sessions.get(), now=NOW)
    client.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": "1"})
    page = client.get(f"/{lang}/study/questions/{asked.pk}/").content.decode()
    said = {"en": "Your answer:", "ar": "إجابتك:"}[lang]
    assert f"{said} <bdi>{rendered(asked, lang).options[1]}</bdi>" in page
    assert "is-right" not in page


@pytest.mark.django_db
def test_the_saved_screen_repeats_an_order_without_its_dates(ordering_assignment, member):
    assignment = ordering_assignment(feedback="submitted")
    client = signed_in(member)
    client.post(f"/en/assignments/{assignment.pk}/start/")
    asked = study.current_question(member.sessions.get(), now=NOW)
    order = [2, 0, 1, *range(3, len(asked.payload["facts"]))]
    client.post(f"/en/study/questions/{asked.pk}/answer/", {"order": order})
    page = client.get(f"/en/study/questions/{asked.pk}/").content.decode()
    shown = rendered(asked)
    listed = page[page.index('class="your-answer"') :]
    listed = listed[: listed.index("</ol>")]
    positions = [listed.index(shown.options[i]) for i in order]
    assert positions == sorted(positions)
    assert not any(date in page for date in shown.notes)
