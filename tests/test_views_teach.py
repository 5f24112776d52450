"""The Teach area and the learner's side of classes, through the test client.

Who may see what (one test per rule), joining by code and link, and an assignment taken
through the study pages with the teacher's feedback setting honoured.
"""

import datetime as dt
import re

import pytest
from django.test import Client

from learning import study, teaching
from learning.core import joincodes
from learning.models import AskedQuestion, Assignment, Classroom, Learner, Membership
from learning.views import teach

NOW = dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC)
PASSWORD = "a-long-enough-passphrase-42"
CONFIRMED = {"confirmed": "yes"}  # the confirmation page's button


def signed_in(learner):
    client = Client()
    client.force_login(learner.user)
    return client


@pytest.fixture
def member(classroom, learner):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    return learner


# --- becoming a teacher, and the Teach area's door -------------------------------------------


@pytest.mark.django_db
def test_a_person_who_says_they_teach_at_sign_up_is_a_teacher():
    data = {"username": "huda", "password1": PASSWORD, "password2": PASSWORD, "is_teacher": "on"}
    assert Client().post("/en/accounts/signup/", data).status_code == 302
    assert Learner.objects.get(user__username="huda").is_teacher


@pytest.mark.django_db
def test_a_person_who_does_not_say_so_is_not_a_teacher():
    data = {"username": "ali", "password1": PASSWORD, "password2": PASSWORD}
    Client().post("/en/accounts/signup/", data)
    assert not Learner.objects.get(user__username="ali").is_teacher


@pytest.mark.django_db
def test_a_stranger_is_sent_to_log_in():
    response = Client().get("/en/teach/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/teach/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"), [("en", "How to become a teacher"), ("ar", "كيف تصبح معلّمًا")]
)
def test_a_learner_who_does_not_teach_gets_403_saying_how_to_become_one(learner, lang, text):
    response = signed_in(learner).get(f"/{lang}/teach/")
    assert response.status_code == 403
    assert text in response.content.decode()


@pytest.mark.django_db
def test_the_navigation_shows_teach_to_a_teacher_only(teacher, learner):
    assert 'href="/en/teach/"' in signed_in(teacher).get("/en/study/").content.decode()
    assert 'href="/en/teach/"' not in signed_in(learner).get("/en/study/").content.decode()


# --- a teacher's own classes and assignments only --------------------------------------------


@pytest.mark.django_db
def test_a_teacher_creates_a_class_named_in_any_language(teacher):
    client = signed_in(teacher)
    response = client.post("/ar/teach/classes/new/", {"name": "الصف العاشر ب"})
    classroom = Classroom.objects.get()
    assert response["Location"] == f"/ar/teach/classes/{classroom.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "الصف العاشر ب" in page
    assert joincodes.display(classroom.code) in page
    # The shared link carries no language: each learner gets the join page in their own.
    link = f"http://testserver/join/{classroom.code}/"
    assert f'href="{link}"' in page and "/ar/join/" not in page
    assert f'src="{teach.qr_svg(link)}"' in page  # the QR code of that link, drawn on the server


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cookie", "accept", "lang"),
    [(None, "en-GB,en;q=0.9", "en"), (None, "ar-SA,ar;q=0.9", "ar"), ("en", "ar", "en")],
)
def test_the_shared_join_link_opens_in_the_learners_language(classroom, cookie, accept, lang):
    """/ar/join/CODE/ gave every learner the teacher's language."""
    client = Client(headers={"accept-language": accept})
    if cookie:
        client.cookies["django_language"] = cookie
    response = client.get(f"/join/{classroom.code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/join/{classroom.code}/"
    assert "Accept-Language" in response["Vary"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and classroom.name in page.content.decode()


@pytest.mark.django_db
def test_an_empty_class_name_is_refused_with_400(teacher):
    response = signed_in(teacher).post("/en/teach/classes/new/", {"name": "  "})
    assert response.status_code == 400
    assert not Classroom.objects.exists()


@pytest.mark.django_db
def test_a_teacher_cannot_see_another_teachers_class(classroom, make_learner):
    other = make_learner("mr-karim", is_teacher=True)
    assert signed_in(other).get(f"/en/teach/classes/{classroom.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_teacher_cannot_change_another_teachers_class(classroom, member, make_learner):
    other = signed_in(make_learner("mr-karim", is_teacher=True))
    code = classroom.code
    membership = Membership.objects.get()
    for confirm in ({}, CONFIRMED):
        assert other.post(f"/en/teach/classes/{classroom.pk}/code/", confirm).status_code == 404
        url = f"/en/teach/classes/{classroom.pk}/members/{membership.pk}/remove/"
        assert other.post(url, confirm).status_code == 404
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    assert other.get(url).status_code == 404
    classroom.refresh_from_db()
    assert classroom.code == code
    assert Membership.objects.exists()


@pytest.mark.django_db
def test_a_teacher_cannot_see_another_teachers_assignment(make_assignment, make_learner):
    assignment = make_assignment()
    other = make_learner("mr-karim", is_teacher=True)
    assert signed_in(other).get(f"/en/teach/assignments/{assignment.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_guessed_class_id_is_404(teacher):
    assert signed_in(teacher).get("/en/teach/classes/999999/").status_code == 404


@pytest.mark.django_db
def test_the_teacher_removes_a_learner_and_regenerates_the_code(teacher, classroom, member):
    client = signed_in(teacher)
    membership = Membership.objects.get()
    page = client.get(f"/en/teach/classes/{classroom.pk}/").content.decode()
    assert member.user.username in page
    client.post(f"/en/teach/classes/{classroom.pk}/members/{membership.pk}/remove/", CONFIRMED)
    assert not Membership.objects.exists()
    old = classroom.code
    client.post(f"/en/teach/classes/{classroom.pk}/code/", CONFIRMED)
    classroom.refresh_from_db()
    assert classroom.code != old


@pytest.mark.django_db
def test_the_roster_lists_learners_by_the_name_the_teacher_sees(teacher, classroom, make_learner):
    # Usernames in one order, shown names in the other: the roster follows the shown names,
    # as the results and the class view do.
    for username, name in (("a-user", "Zaid"), ("b-user", "huda"), ("c-user", "")):
        learner = make_learner(username)
        learner.user.first_name = name
        learner.user.save()
        teaching.join(learner=learner, classroom=classroom, now=NOW)
    page = signed_in(teacher).get(f"/en/teach/classes/{classroom.pk}/").content.decode()
    shown = [page.index(f"<bdi>{name}</bdi>") for name in ("c-user", "huda", "Zaid")]
    assert shown == sorted(shown)


def _asks_first(response, says: str, cancel: str) -> None:
    """The confirmation page: what will happen, a CSRF-protected form that confirms (a plain
    POST to the same address), and a way back."""
    assert response.status_code == 200
    page = response.content.decode()
    form = page[page.index('<form method="post" action="' + response.request["PATH_INFO"]) :]
    form = form[: form.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="confirmed" value="yes"' in form
    assert f'href="{cancel}"' in form
    assert says in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "will stop working"), ("ar", "لن يعمل")],
)
def test_a_new_code_is_made_only_once_the_teacher_confirms(teacher, classroom, lang, says):
    client = signed_in(teacher)
    old = classroom.code
    url = f"/{lang}/teach/classes/{classroom.pk}/code/"
    _asks_first(client.post(url), says, f"/{lang}/teach/classes/{classroom.pk}/")
    classroom.refresh_from_db()
    assert classroom.code == old
    assert client.post(url, CONFIRMED).status_code == 302
    classroom.refresh_from_db()
    assert classroom.code != old


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "says"), [("en", "will no longer see"), ("ar", "لن يرى")])
def test_a_learner_is_removed_only_once_the_teacher_confirms(
    teacher, classroom, member, lang, says
):
    client = signed_in(teacher)
    membership = Membership.objects.get()
    url = f"/{lang}/teach/classes/{classroom.pk}/members/{membership.pk}/remove/"
    response = client.post(url)
    _asks_first(response, says, f"/{lang}/teach/classes/{classroom.pk}/")
    assert member.user.username in response.content.decode()
    assert Membership.objects.exists()
    assert client.post(url, CONFIRMED).status_code == 302
    assert not Membership.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "says"), [("en", "will no longer see"), ("ar", "لن ترى")])
def test_a_learner_leaves_a_class_only_once_they_confirm(classroom, member, lang, says):
    client = signed_in(member)
    url = f"/{lang}/classes/{classroom.pk}/leave/"
    _asks_first(client.post(url), says, f"/{lang}/classes/{classroom.pk}/")
    assert Membership.objects.exists()
    assert client.post(url, CONFIRMED).status_code == 302
    assert not Membership.objects.exists()


# --- setting an assignment ---------------------------------------------------------------


def assignment_form(study_facts, **overrides):
    data = {
        "title": "Week 1",
        "facts": [study_facts[s].pk for s in ("fighters", "accounts", "origin")],
        "kinds": ["mcq", "truefalse"],
        "question_count": "2",
        "opens_at": "2026-03-01T08:00",
        "due_at": "2026-03-08T17:30",
        "feedback": "submitted",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_dates_are_typed_in_the_teachers_time_zone_and_stored_in_utc(
    teacher, classroom, study_facts
):
    teacher.time_zone = "Asia/Baghdad"  # UTC+3, no daylight saving
    teacher.save()
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    response = signed_in(teacher).post(url, assignment_form(study_facts))
    assignment = Assignment.objects.get()
    assert response["Location"] == f"/en/teach/assignments/{assignment.pk}/"
    assert assignment.opens_at == dt.datetime(2026, 3, 1, 5, 0, tzinfo=dt.UTC)
    assert assignment.due_at == dt.datetime(2026, 3, 8, 14, 30, tzinfo=dt.UTC)
    assert assignment.items.count() == 2
    assert set(assignment.items.values_list("fact__slug", flat=True)) <= {
        "fighters",
        "accounts",
        "origin",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"facts": []},
        {"kinds": []},
        {"question_count": "4"},
        {"due_at": "2026-02-01T08:00"},
        {"kinds": ["flashcard"], "feedback": "due"},
        {"opens_at": "not a date"},
    ],
)
def test_a_bad_assignment_is_refused_with_400_keeping_what_was_typed(
    teacher, classroom, study_facts, overrides
):
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    response = signed_in(teacher).post(url, assignment_form(study_facts, **overrides))
    assert response.status_code == 400
    assert 'value="Week 1"' in response.content.decode()
    assert not Assignment.objects.exists()


def make_flashcard_only_fact(make_fact):
    """A statement with no false version: no multiple choice, true/false or ordering asks it."""
    return make_fact(
        slug="alone",
        kind="statement",
        number=None,
        unit="",
        qualifier="",
        statement_ar="عبارة لا نقيض لها.",
        statement_en="A statement without a false version.",
        stem_ar="ما العبارة؟",
        stem_en="What is the statement?",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("feedback", ["submitted", "due"])
def test_a_fact_only_a_flashcard_can_ask_is_refused_when_answers_wait(
    teacher, classroom, study_facts, make_fact, feedback
):
    """Such a fact was asked as a flashcard anyway, whose back showed the answer too early."""
    alone = make_flashcard_only_fact(make_fact)
    data = assignment_form(study_facts, feedback=feedback)
    data["facts"] = [*data["facts"], str(alone.pk)]
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    response = signed_in(teacher).post(url, data)
    assert response.status_code == 400
    assert "A statement without a false version." in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_a_fact_only_a_flashcard_can_ask_is_accepted_when_answers_show_at_once(
    teacher, classroom, study_facts, make_fact
):
    alone = make_flashcard_only_fact(make_fact)
    data = assignment_form(study_facts, feedback="immediate")
    data["facts"] = [*data["facts"], str(alone.pk)]
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    assert signed_in(teacher).post(url, data).status_code == 302
    assert Assignment.objects.exists()


@pytest.mark.django_db
def test_picking_a_topic_ticks_its_facts(teacher, classroom, study_facts, topic):
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/?topics={topic.slug}"
    page = signed_in(teacher).get(url).content.decode()
    ticked = re.findall(r'name="facts" value="(\d+)" checked', page)
    assert len(ticked) == len(study_facts)
    # The picked topic's facts are shown, open, with their count.
    assert re.search(
        r'<details class="fact-group" open>\s*<summary>[^<]*<span class="meta"[^>]*>'
        rf"{len(study_facts)} of {len(study_facts)} ticked",
        page,
    )


@pytest.mark.django_db
def test_the_fact_lists_stay_folded_until_a_topic_is_picked(teacher, classroom, study_facts):
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    page = signed_in(teacher).get(url).content.decode()
    assert page.count('<details class="fact-group">') >= 1
    assert '<details class="fact-group" open>' not in page
    assert "0 of " in page


@pytest.mark.django_db
def test_with_htmx_picking_a_topic_returns_the_fact_list_only(
    teacher, classroom, study_facts, topic
):
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/?topics={topic.slug}"
    page = signed_in(teacher).get(url, headers={"HX-Request": "true"}).content.decode()
    assert page.lstrip().startswith('<div id="fact-picker">')
    assert "<html" not in page


def ticked_facts(page):
    return {int(pk) for pk in re.findall(r'name="facts" value="(\d+)" checked', page)}


def count_field(page):
    return re.search(r'<input type="number" name="question_count" value="([^"]*)"', page)[1]


@pytest.fixture
def second_topic(make_fact):
    from learning.models import Topic

    other = Topic.objects.create(
        slug="finance", name_ar="الصعيد المالي", name_en="Finance", position=2
    )
    return other, [make_fact(slug=f"finance-{n}", topic=other) for n in range(2)]


@pytest.mark.django_db
def test_picking_another_topic_keeps_a_fact_the_teacher_unticked(
    teacher, classroom, study_facts, topic, second_topic
):
    """The server rebuilt the ticks from the topics alone: an unticked fact came back."""
    other, finance = second_topic
    unticked = study_facts["fighters"]
    kept = [f.pk for f in study_facts.values() if f != unticked]
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    query = {"topics": [topic.slug, other.slug], "applied": [topic.slug], "facts": kept}
    page = signed_in(teacher).get(url, query).content.decode()
    assert ticked_facts(page) == {*kept, *(f.pk for f in finance)}
    assert f"{len(kept)} of {len(study_facts)} ticked" in page


@pytest.mark.django_db
def test_a_topic_whose_facts_were_all_unticked_is_not_ticked_again(
    teacher, classroom, study_facts, topic, second_topic
):
    other, finance = second_topic
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    query = {"topics": [topic.slug, other.slug], "applied": [topic.slug]}
    page = signed_in(teacher).get(url, query).content.decode()
    assert ticked_facts(page) == {f.pk for f in finance}


@pytest.mark.django_db
def test_a_topic_with_a_fact_ticked_by_hand_keeps_the_teachers_choice(
    teacher, classroom, study_facts, topic
):
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    query = {"topics": [topic.slug], "facts": [study_facts["origin"].pk]}
    page = signed_in(teacher).get(url, query).content.decode()
    assert ticked_facts(page) == {study_facts["origin"].pk}


@pytest.mark.django_db
def test_picking_topics_keeps_what_was_typed(teacher, classroom, study_facts, topic):
    """Without JavaScript, "Tick their facts" reloaded the page with the topics only."""
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    query = {
        "title": "Week 1",
        "topics": [topic.slug],
        "kinds": ["mcq"],
        "question_count": "3",
        "suggested_count": "10",
        "opens_at": "2026-03-01T08:00",
        "due_at": "",
        "feedback": "due",
    }
    response = signed_in(teacher).get(url, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Week 1"' in page
    assert count_field(page) == "3"
    assert re.findall(r'name="kinds" value="(\w+)"[^>]* checked', page) == ["mcq"]
    assert re.findall(r'name="feedback" value="(\w+)"[^>]* checked', page) == ["due"]
    assert 'value="2026-03-01T08:00"' in page
    assert len(ticked_facts(page)) == len(study_facts)
    # A half-filled form is shown as it is, not refused.
    assert "errorlist" not in page


@pytest.mark.django_db
def test_picking_topics_keeps_the_csrf_token_out_of_the_address(teacher, classroom, topic):
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    query = {"csrfmiddlewaretoken": "secret", "title": "Week 1", "topics": [topic.slug]}
    response = signed_in(teacher).get(url, query)
    assert response.status_code == 302
    assert response["Location"] == f"{url}?title=Week+1&topics={topic.slug}"


@pytest.mark.django_db
def test_the_number_of_questions_follows_the_facts_ticked_until_typed(
    teacher, classroom, make_fact, topic
):
    """It stayed at 10 with five facts ticked, and the first submit was refused."""
    facts = [make_fact(slug=f"f{n}") for n in range(4)]
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    client = signed_in(teacher)
    assert count_field(client.get(url).content.decode()) == "10"
    picked = {"title": "", "topics": [topic.slug], "question_count": "10", "suggested_count": "10"}
    assert count_field(client.get(url, picked).content.decode()) == "4"
    two = {**picked, "facts": [facts[0].pk, facts[1].pk], "question_count": "4"}
    two["suggested_count"] = "4"
    assert count_field(client.get(url, two).content.decode()) == "2"
    typed = {**picked, "question_count": "7"}
    assert count_field(client.get(url, typed).content.decode()) == "7"


@pytest.mark.django_db
def test_a_count_the_page_suggested_shrinks_to_the_facts_posted(teacher, classroom, study_facts):
    """Ticking facts by hand without JavaScript left the suggested 10 above them."""
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    data = assignment_form(study_facts, question_count="10", suggested_count="10")
    assert signed_in(teacher).post(url, data).status_code == 302
    assert Assignment.objects.get().question_count == 3


@pytest.mark.django_db
def test_a_count_typed_above_the_facts_chosen_is_refused(teacher, classroom, study_facts):
    url = f"/en/teach/classes/{classroom.pk}/assignments/new/"
    data = assignment_form(study_facts, question_count="7", suggested_count="3")
    response = signed_in(teacher).post(url, data)
    assert response.status_code == 400
    assert "There are only 3 facts chosen" in response.content.decode()


# --- joining and leaving ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_learner_joins_with_the_code_typed_in_lower_case(classroom, learner):
    typed = joincodes.display(classroom.code).lower()
    response = signed_in(learner).post("/en/classes/join/", {"code": typed})
    assert response.status_code == 302
    assert Membership.objects.filter(classroom=classroom, learner=learner).exists()


@pytest.mark.django_db
def test_joining_twice_changes_nothing(classroom, learner):
    client = signed_in(learner)
    for _ in range(2):
        client.post("/en/classes/join/", {"code": classroom.code})
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_a_visitor_joins_by_link_as_a_guest(classroom):
    client = Client()
    page = client.get(f"/en/join/{classroom.code.lower()}/")
    assert page.status_code == 200
    assert classroom.name in page.content.decode()
    asked = client.post("/en/classes/join/", {"code": classroom.code})
    # Not yet: a guest would show as "guest-a72d…" to the teacher, so the page asks a name.
    assert asked.status_code == 200 and 'name="name"' in asked.content.decode()
    assert not Membership.objects.exists() and not Learner.objects.filter(is_guest=True).exists()
    client.post("/en/classes/join/", {"code": classroom.code, "name": "  Layla   ليلى "})
    learner = Membership.objects.get().learner
    assert learner.is_guest
    assert learner.display_name == "Layla ليلى"
    roster = signed_in(classroom.teacher).get(f"/en/teach/classes/{classroom.pk}/")
    assert "Layla ليلى" in roster.content.decode()


@pytest.mark.django_db
def test_a_full_account_joins_without_being_asked_a_name(classroom, learner):
    signed_in(learner).post("/en/classes/join/", {"code": classroom.code})
    assert Membership.objects.get().learner == learner
    assert learner.display_name == learner.user.username


@pytest.mark.django_db
def test_a_named_guest_joins_another_class_in_one_step(classroom):
    client = Client()
    client.post("/en/classes/join/", {"code": classroom.code, "name": "Omar"})
    other = teaching.create_class(teacher=classroom.teacher, name="Other", now=classroom.created_at)
    client.post("/en/classes/join/", {"code": other.code})
    assert Membership.objects.filter(learner__user__first_name="Omar").count() == 2


@pytest.mark.django_db
def test_a_learner_changes_the_name_teachers_see_in_settings(learner):
    client = signed_in(learner)
    page = client.get("/en/settings/")
    assert 'name="name"' in page.content.decode()
    data = {
        "name": "Sara",
        "desired_retention": "90",
        "new_per_day": "20",
        "language": "en",
        "time_zone": "UTC",
    }
    assert client.post("/en/settings/", data).status_code == 302
    learner.user.refresh_from_db()
    assert learner.display_name == "Sara"


@pytest.mark.django_db
def test_a_wrong_code_says_so_without_telling_whether_a_class_exists(classroom, learner):
    client = signed_in(learner)
    wrong = client.post("/en/classes/join/", {"code": "ZZZZ-ZZZZ"})
    malformed = client.post("/en/classes/join/", {"code": "00"})
    assert wrong.status_code == malformed.status_code == 400
    message = teaching.wrong_code_message()
    assert message in wrong.content.decode() and message in malformed.content.decode()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_wrong_code_makes_no_guest(classroom):
    Client().post("/en/classes/join/", {"code": "ZZZZ-ZZZZ"})
    assert not Learner.objects.filter(is_guest=True).exists()


@pytest.mark.django_db
def test_joining_is_limited_per_learner(classroom, learner, settings, one_rate_window):
    settings.JOIN_LEARNER_RATE = "3/h"
    for n in range(3):
        client = signed_in(learner)  # another client address would not help either
        response = client.post(
            "/en/classes/join/", {"code": "ZZZZ-ZZZZ"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
        assert response.status_code == 400
    response = signed_in(learner).post(
        "/en/classes/join/", {"code": classroom.code}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_joining_is_limited_per_client(classroom, make_learner, settings, one_rate_window):
    settings.JOIN_RATE = "3/h"
    for n in range(3):
        signed_in(make_learner(f"pupil{n}")).post("/en/classes/join/", {"code": "ZZZZ-ZZZZ"})
    response = signed_in(make_learner("pupil9")).post("/en/classes/join/", {"code": classroom.code})
    assert response.status_code == 429
    assert not Membership.objects.exists()


# --- taking an assignment --------------------------------------------------------------------


def take(client, assignment):
    """Start the assignment and answer every question with the first option."""
    response = client.post(f"/en/assignments/{assignment.pk}/start/")
    url = response["Location"]
    while "/study/sessions/" in url:
        page = client.get(url)
        if page.status_code == 302:
            url = page["Location"]
            continue
        asked = AskedQuestion.objects.filter(answered_at__isnull=True).latest("pk")
        client.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": "0"})
        url = f"/en/study/sessions/{asked.session_id}/"
    return url


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_member_sees_the_assignment_on_the_home_and_study_pages(make_assignment, member, lang):
    assignment = make_assignment(title="Mosul week")
    client = signed_in(member)
    for path in ("", "study/"):
        page = client.get(f"/{lang}/{path}").content.decode()
        assert "Mosul week" in page
        assert f"/{lang}/assignments/{assignment.pk}/" in page


@pytest.mark.django_db
def test_a_learner_takes_and_submits_an_assignment(make_assignment, member):
    assignment = make_assignment()
    client = signed_in(member)
    assert take(client, assignment) == f"/en/assignments/{assignment.pk}/"
    assert AskedQuestion.objects.filter(answered_at__isnull=False).count() == 3
    client.post(f"/en/assignments/{assignment.pk}/submit/")
    page = client.get(f"/en/assignments/{assignment.pk}/").content.decode()
    assert "Submitted" in page
    # After submitting nothing changes: an answer sent again is refused.
    asked = AskedQuestion.objects.first()
    client.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": "1"})
    asked.refresh_from_db()
    assert asked.response == 0


@pytest.mark.django_db
def test_a_learner_cannot_answer_before_the_assignment_opens(make_assignment, member):
    opens = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    assignment = make_assignment(opens_at=opens, due_at=opens + dt.timedelta(days=1))
    client = signed_in(member)
    response = client.post(f"/en/assignments/{assignment.pk}/start/")
    assert response["Location"] == f"/en/assignments/{assignment.pk}/"
    assert not AskedQuestion.objects.exists()


@pytest.mark.django_db
def test_a_learner_cannot_answer_after_submitting(make_assignment, member):
    assignment = make_assignment()
    client = signed_in(member)
    client.post(f"/en/assignments/{assignment.pk}/start/")
    session = member.sessions.get()
    asked = study.current_question(session, now=NOW)
    client.post(f"/en/assignments/{assignment.pk}/submit/")
    response = client.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": "0"})
    assert response.status_code == 400
    asked.refresh_from_db()
    assert not asked.is_answered


@pytest.mark.django_db
def test_a_learner_cannot_answer_for_a_class_they_are_not_in(make_assignment, member, classroom):
    assignment = make_assignment()
    client = signed_in(member)
    client.post(f"/en/assignments/{assignment.pk}/start/")
    asked = study.current_question(member.sessions.get(), now=NOW)
    teaching.leave(learner=member, classroom=classroom)
    response = client.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": "0"})
    assert response.status_code == 400
    asked.refresh_from_db()
    assert not asked.is_answered
    assert client.get(f"/en/study/sessions/{asked.session_id}/").status_code == 403


@pytest.mark.django_db
def test_a_learner_not_in_the_class_gets_404_for_its_assignment(make_assignment, learner):
    assignment = make_assignment()
    client = signed_in(learner)
    assert client.get(f"/en/assignments/{assignment.pk}/").status_code == 404
    assert client.post(f"/en/assignments/{assignment.pk}/start/").status_code == 404
    assert client.post(f"/en/assignments/{assignment.pk}/submit/").status_code == 404


@pytest.mark.django_db
def test_a_learner_cannot_open_the_teachers_pages_of_their_class(
    make_assignment, member, classroom
):
    assignment = make_assignment()
    client = signed_in(member)
    assert client.get(f"/en/teach/classes/{classroom.pk}/").status_code == 403
    assert client.get(f"/en/teach/assignments/{assignment.pk}/").status_code == 403


def answer_page(client, make_assignment, feedback):
    assignment = make_assignment(feedback=feedback, kinds=["mcq"])
    client.post(f"/en/assignments/{assignment.pk}/start/")
    session = Learner.objects.get(user__username="layla").sessions.get()
    asked = study.current_question(session, now=NOW)
    response = client.post(
        f"/en/study/questions/{asked.pk}/answer/", {"choice": "0"}, headers={"HX-Request": "true"}
    )
    full = client.get(f"/en/study/questions/{asked.pk}/")
    return assignment, asked, response.content.decode() + full.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("feedback", ["submitted", "due"])
def test_the_correct_answer_is_not_shown_when_the_teacher_said_later(
    make_assignment, member, feedback
):
    client = signed_in(member)
    _assignment, asked, html = answer_page(client, make_assignment, feedback)
    assert "Your answer is saved." in html
    assert ">correct answer<" not in html
    assert "is-right" not in html
    assert "Right!" not in html and "Not quite." not in html
    assert asked.fact.explanation_en not in html


@pytest.mark.django_db
def test_the_correct_answer_is_shown_right_away_when_the_teacher_said_so(make_assignment, member):
    client = signed_in(member)
    _assignment, _asked, html = answer_page(client, make_assignment, "immediate")
    assert ">correct answer<" in html


@pytest.mark.django_db
def test_after_submitting_the_answers_show_when_the_setting_is_after_submitting(
    make_assignment, member
):
    client = signed_in(member)
    assignment, asked, _html = answer_page(client, make_assignment, "submitted")
    client.post(f"/en/assignments/{assignment.pk}/submit/")
    html = client.get(f"/en/study/questions/{asked.pk}/").content.decode()
    assert ">correct answer<" in html


@pytest.mark.django_db
def test_a_learner_cannot_see_another_learners_attempt(
    make_assignment, member, classroom, make_learner
):
    assignment = make_assignment()
    signed_in(member).post(f"/en/assignments/{assignment.pk}/start/")
    asked = study.current_question(member.sessions.get(), now=NOW)
    other = make_learner("omar")
    teaching.join(learner=other, classroom=classroom, now=NOW)
    client = signed_in(other)
    assert client.get(f"/en/study/questions/{asked.pk}/").status_code == 404
    assert client.get(f"/en/study/sessions/{asked.session_id}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "study/"])
def test_a_visitor_finds_the_join_form_on_the_home_and_study_pages(path):
    page = Client().get(f"/en/{path}").content.decode()
    assert 'action="/en/classes/join/"' in page


@pytest.mark.django_db
def test_a_guest_who_saves_their_progress_saying_they_teach_becomes_a_teacher(classroom):
    client = Client()
    client.post("/en/classes/join/", {"code": classroom.code})  # now a guest
    data = {"username": "nour", "password1": PASSWORD, "password2": PASSWORD, "is_teacher": "on"}
    client.post("/en/accounts/signup/", data)
    learner = Learner.objects.get(user__username="nour")
    assert learner.is_teacher and not learner.is_guest
    assert client.get("/en/teach/").status_code == 200


@pytest.mark.django_db
def test_an_admin_grants_the_teacher_role(admin_client, learner):
    url = f"/en/admin/learning/learner/{learner.pk}/change/"
    page = admin_client.get(url)
    assert 'name="is_teacher"' in page.content.decode()


@pytest.mark.django_db
def test_the_roster_dates_a_join_in_the_teachers_time_zone(teacher, classroom, learner):
    """Bug: the roster's date was UTC's: a join at 22:30 UTC on 1 March is 2 March in Riyadh."""
    teacher.time_zone = "Asia/Riyadh"
    teacher.save()
    late = dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.UTC)
    teaching.join(learner=learner, classroom=classroom, now=late)
    page = signed_in(teacher).get(f"/en/teach/classes/{classroom.pk}/").content.decode()
    roster = page[page.index('class="roster"') :]
    assert "2 March 2026" in roster and "1 March 2026" not in roster


# --- how the pages say it ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading", "kinds"),
    [
        ("ar", "أنواع الأسئلة:", "اختيار من متعدد، صح أم خطأ"),
        ("en", "Question kinds:", "multiple choice, true or false"),
    ],
)
def test_the_question_kinds_are_listed_with_the_comma_of_the_pages_language(
    teacher, make_assignment, lang, heading, kinds
):
    """Found on the browser walk: the Arabic page joined them with a Latin comma."""
    assignment = make_assignment()
    page = signed_in(teacher).get(f"/{lang}/teach/assignments/{assignment.pk}/").content.decode()
    line = page[page.index(heading) :]
    line = line[: line.index("</p>")]
    assert line.endswith(kinds)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_learner_reads_due_dates_with_their_time_zone(classroom, member, make_assignment, lang):
    """Found on the browser walk: the learner's dates did not say which zone they were in."""
    member.time_zone = "Asia/Riyadh"
    member.save()
    assignment = make_assignment(due_at=dt.datetime(2099, 1, 1, 12, tzinfo=dt.UTC))
    client = signed_in(member)
    # Named as Settings lists it, in the page's language (it read "Asia/Riyadh" in Arabic).
    zone = {
        "ar": "<bdi>الرياض، المملكة العربية السعودية (غرينتش+03:00)</bdi>",
        "en": "<bdi>Riyadh, Saudi Arabia (GMT+03:00)</bdi>",
    }[lang]
    for url in (f"/{lang}/study/", f"/{lang}/"):
        page = client.get(url).content.decode()
        listed = page[page.index('class="assignment-list"') :]
        assert "15:00" in listed[: listed.index("</ul>")]  # 12:00 UTC, in Riyadh
        assert zone in listed[listed.index("</ul>") :][:200]
    page = client.get(f"/{lang}/assignments/{assignment.pk}/").content.decode()
    due = page[page.index("2099") :]
    assert zone in due[: due.index("</p>")]
