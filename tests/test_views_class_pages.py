"""Where people land: a teacher after signing up, a pupil after joining (their class's page);
the projector page of a class's join code; true/false's key hints."""

import datetime as dt

import pytest
from django.test import Client

from learning import teaching
from learning.core.questions import Question, QuestionKind
from learning.core.questions.question import TRUE
from learning.models import Learner

NOW = dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC)
PASSWORD = "a-long-enough-passphrase-42"


def signed_in(learner):
    client = Client()
    client.force_login(learner.user)
    return client


# --- landing after sign-up and after joining ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("teaches", "lands"), [(True, "/en/teach/"), (False, "/en/study/")])
def test_sign_up_lands_a_teacher_on_teach_and_a_learner_on_study(teaches, lands):
    data = {"username": "huda", "password1": PASSWORD, "password2": PASSWORD}
    if teaches:
        data["is_teacher"] = "on"
    response = Client().post("/en/accounts/signup/", data)
    assert response.status_code == 302
    assert response["Location"] == lands


@pytest.mark.django_db
def test_sign_up_with_a_page_to_return_to_still_returns_there():
    data = {"username": "huda", "password1": PASSWORD, "password2": PASSWORD}
    data |= {"is_teacher": "on", "next": "/en/progress/"}
    assert Client().post("/en/accounts/signup/", data)["Location"] == "/en/progress/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "You have joined الصف العاشر."), ("ar", "انضممت إلى الصف العاشر.")],
)
def test_joining_by_code_lands_on_the_class_naming_it(
    classroom, learner, make_assignment, lang, says
):
    make_assignment(title="Mosul week")
    client = signed_in(learner)
    response = client.post(f"/{lang}/classes/join/", {"code": classroom.code.lower()})
    assert response["Location"] == f"/{lang}/classes/{classroom.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert says in page
    assert "Mosul week" in page
    assert f"/{lang}/assignments/" in page


@pytest.mark.django_db
def test_a_guest_joining_by_link_lands_on_the_class(classroom):
    client = Client()
    response = client.post("/en/classes/join/", {"code": classroom.code, "name": "Layla"})
    assert response["Location"] == f"/en/classes/{classroom.pk}/"
    assert "You have joined" in client.get(response["Location"]).content.decode()
    assert Learner.objects.get(is_guest=True).memberships.count() == 1


@pytest.mark.django_db
def test_joining_again_lands_on_the_class_too(classroom, learner):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    client = signed_in(learner)
    response = client.post("/en/classes/join/", {"code": classroom.code})
    assert response["Location"] == f"/en/classes/{classroom.pk}/"
    assert "You are already in" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_a_class_page_lists_only_that_classs_assignments(
    classroom, learner, make_assignment, teacher
):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    make_assignment(title="Mosul week")
    other = teaching.create_class(teacher=teacher, name="Other class", now=NOW)
    teaching.join(learner=learner, classroom=other, now=NOW)
    make_assignment(classroom=other, title="Raqqa week")
    page = signed_in(learner).get(f"/en/classes/{classroom.pk}/").content.decode()
    assert "Mosul week" in page and "Raqqa week" not in page


@pytest.mark.django_db
def test_a_class_page_is_for_its_members_only(classroom, learner):
    assert signed_in(learner).get(f"/en/classes/{classroom.pk}/").status_code == 404
    assert Client().get(f"/en/classes/{classroom.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_study_pages_class_list_links_each_class(classroom, learner):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    page = signed_in(learner).get("/en/study/").content.decode()
    assert f'href="/en/classes/{classroom.pk}/"' in page


# --- the projector page -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "other", "steps", "other_steps"),
    [("en", "ar", "How to join", "كيف تنضم"), ("ar", "en", "كيف تنضم", "How to join")],
)
def test_the_projector_page_shows_code_link_and_qr_in_both_languages(
    teacher, classroom, lang, other, steps, other_steps
):
    client = signed_in(teacher)
    class_page = client.get(f"/{lang}/teach/classes/{classroom.pk}/").content.decode()
    url = f"/{lang}/teach/classes/{classroom.pk}/projector/"
    assert f'href="{url}"' in class_page
    page = client.get(url).content.decode()
    assert classroom.display_code in page
    assert f"http://testserver/join/{classroom.code}/" in page
    assert 'src="data:image/svg+xml' in page
    assert steps in page
    section = page[page.index(f'<section class="projector-language" lang="{other}"') :]
    assert other_steps in section[: section.index("</section>")]
    assert f'<html lang="{lang}"' in page  # the page stays in its own language around it


@pytest.mark.django_db
def test_the_projector_page_is_the_teachers_own(classroom, make_learner, learner):
    other = make_learner("mr-omar", is_teacher=True)
    url = f"/en/teach/classes/{classroom.pk}/projector/"
    assert signed_in(other).get(url).status_code == 404
    assert signed_in(learner).get(url).status_code == 403
    assert Client().get(url).status_code == 302


# --- true/false's key hints -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "true", "false"), [("en", "True", "False"), ("ar", "صحيح", "خطأ")]
)
def test_true_false_shows_the_keys_1_and_2(study_facts, ask, lang, true, false):
    asked = ask(Question(QuestionKind.TRUEFALSE, ("origin",), (True,), TRUE, 0.5))
    page = signed_in(asked.learner).get(f"/{lang}/study/questions/{asked.pk}/").content.decode()
    buttons = page[page.index('class="truefalse"') :]
    buttons = buttons[: buttons.index("</div>")]
    assert f'<span class="choice-key" aria-hidden="true">1</span> {true}' in buttons
    assert f'<span class="choice-key" aria-hidden="true">2</span> {false}' in buttons
