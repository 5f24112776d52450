"""The teacher's class progress and a learner's topic, through the test client.

Only the class's teacher gets in, only for members of the class; the figures on the page come
from the members' cards and the class's assignments; the query count does not grow with the
class.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning import learners, teaching
from learning.core import classprogress as core
from learning.core.scheduling import State
from learning.models import Card, Topic
from learning.models.classes import Status
from tests.classbuild import learners as make_learners


def signed_in(learner):
    client = Client()
    client.force_login(learner.user)
    return client


def progress_url(classroom, lang="en"):
    return f"/{lang}/teach/classes/{classroom.pk}/progress/"


def topic_url(classroom, learner, slug="military", lang="en"):
    return f"/{lang}/teach/classes/{classroom.pk}/learners/{learner.pk}/topics/{slug}/"


def reviewed(learner, fact, *, days_ago, stability, due_in_days, reps=3, lapses=0):
    """A card last reviewed `days_ago` days before now, due `due_in_days` from now."""
    now = timezone.now()
    return Card.objects.create(
        learner=learner,
        fact=fact,
        due=now + dt.timedelta(days=due_in_days),
        stability=stability,
        difficulty=5.0,
        state=State.REVIEW,
        step=None,
        last_review=now - dt.timedelta(days=days_ago),
        reps=reps,
        lapses=lapses,
        created_at=now - dt.timedelta(days=60),
    )


@pytest.fixture
def member(classroom, make_learner):
    learner = make_learner("layla-m")
    teaching.join(learner=learner, classroom=classroom, now=timezone.now())
    return learner


@pytest.fixture
def studied(member, study_facts):
    """`fighters` mastered (a day ago, stable 60 days); `accounts` learning (forgotten after a
    month with 5 days' stability), overdue by ten days."""
    reviewed(member, study_facts["fighters"], days_ago=1, stability=60.0, due_in_days=50)
    reviewed(member, study_facts["accounts"], days_ago=30, stability=5.0, due_in_days=-10, lapses=2)
    return member


# --- who may see -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_class_page_links_to_its_progress(teacher, classroom):
    page = signed_in(teacher).get(f"/en/teach/classes/{classroom.pk}/").content.decode()
    assert f'href="{progress_url(classroom)}"' in page


@pytest.mark.django_db
def test_another_teacher_gets_404_for_the_class_view_and_a_learners_topic(
    make_learner, classroom, member, topic
):
    other = signed_in(make_learner("mr-omar", is_teacher=True))
    assert other.get(progress_url(classroom)).status_code == 404
    assert other.get(topic_url(classroom, member)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "text"), [("en", "How to become a teacher"), ("ar", "كيف تصبح")])
def test_a_learner_gets_the_403_page_that_says_how_to_become_a_teacher(
    classroom, member, topic, lang, text
):
    for url in (progress_url(classroom, lang), topic_url(classroom, member, lang=lang)):
        response = signed_in(member).get(url)
        assert response.status_code == 403
        assert text in response.content.decode()


@pytest.mark.django_db
def test_a_stranger_is_sent_to_log_in(classroom, member, topic):
    for url in (progress_url(classroom), topic_url(classroom, member)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/en/accounts/login/?next={url}")


@pytest.mark.django_db
def test_a_learner_not_in_the_class_is_404_even_in_the_teachers_other_class(
    teacher, classroom, make_learner, topic
):
    other_class = teaching.create_class(teacher=teacher, name="B", now=timezone.now())
    elsewhere = make_learner("sami")
    teaching.join(learner=elsewhere, classroom=other_class, now=timezone.now())
    client = signed_in(teacher)
    assert client.get(topic_url(classroom, elsewhere)).status_code == 404
    assert client.get(topic_url(other_class, elsewhere)).status_code == 200
    assert client.get(topic_url(classroom, make_learner("nobody"))).status_code == 404


@pytest.mark.django_db
def test_an_unknown_topic_or_class_is_404(teacher, classroom, member):
    client = signed_in(teacher)
    assert client.get(topic_url(classroom, member, slug="no-such-topic")).status_code == 404
    assert client.get(f"/en/teach/classes/{classroom.pk + 99}/progress/").status_code == 404


@pytest.mark.django_db
def test_the_pages_answer_no_post(teacher, classroom, member, topic):
    client = signed_in(teacher)
    assert client.post(progress_url(classroom)).status_code == 405
    assert client.post(topic_url(classroom, member)).status_code == 405


# --- what the class view says ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["What each learner knows, by topic", "Overdue reviews", "1 learning", "none"]),
        ("ar", ["ما يعرفه كل متعلّم، حسب الموضوع", "مراجعات متأخرة", "1 قيد التعلّم", "لا شيء"]),
    ],
)
def test_the_grid_shows_each_members_mastery_per_topic_in_both_languages(
    teacher, classroom, studied, study_facts, lang, words
):
    response = signed_in(teacher).get(progress_url(classroom, lang))
    assert response.status_code == 200
    page = response.content.decode()
    for word in words:
        assert word in page
    facts = len(study_facts)
    # One topic of `facts` facts: `fighters` mastered, `accounts` still learning.
    assert f'<span class="cell-figure">1/{facts}</span>' in page
    assert f'href="{topic_url(classroom, studied, lang=lang)}"' in page
    assert '<th scope="col">' in page and '<th scope="row"><bdi>layla-m</bdi>' in page
    assert "{# timeline" not in page  # the merger's mark is a template comment, never output


@pytest.mark.django_db
def test_the_bar_runs_from_the_right_in_arabic(teacher, classroom, studied, study_facts):
    client = signed_in(teacher)
    width = round(100 / len(study_facts), 2)
    english = client.get(progress_url(classroom, "en")).content.decode()
    arabic = client.get(progress_url(classroom, "ar")).content.decode()
    assert f'class="mastered" x="0.0" y="0" width="{width}"' in english
    assert f'class="mastered" x="{round(100 - width, 2)}" y="0" width="{width}"' in arabic


@pytest.mark.django_db
def test_overdue_reviews_and_assignments_behind_per_member(
    teacher, classroom, studied, make_learner, make_assignment, study_facts
):
    now = timezone.now()
    # Missed minutes ago, back at its learning step five minutes later: due, not overdue.
    reviewed(studied, study_facts["palmyra"], days_ago=0.01, stability=0.3, due_in_days=-5 / 1440)
    make_assignment(
        title="late", opens_at=now - dt.timedelta(days=9), due_at=now - dt.timedelta(days=2)
    )
    make_assignment(
        title="open", opens_at=now - dt.timedelta(days=1), due_at=now + dt.timedelta(days=5)
    )
    make_assignment(
        title="later", opens_at=now + dt.timedelta(days=1), due_at=now + dt.timedelta(days=5)
    )
    idle = make_learner("zaid")
    teaching.join(learner=idle, classroom=classroom, now=now)
    progress = signed_in(teacher).get(progress_url(classroom)).context["progress"]
    rows = {row.name: row for row in progress.rows}
    assert [r.name for r in progress.rows] == ["layla-m", "zaid"]
    assert rows["layla-m"].overdue == 1  # `accounts`, ten days overdue
    assert rows["zaid"].overdue == 0
    assert rows["layla-m"].behind == core.Behind(late=1, to_do=1)  # `later` is not open yet
    assert progress.assignments == 3


@pytest.mark.django_db
def test_a_submitted_assignment_is_not_behind(teacher, classroom, studied, make_assignment):
    now = timezone.now()
    assignment = make_assignment(
        opens_at=now - dt.timedelta(days=9), due_at=now - dt.timedelta(days=2)
    )
    teaching.start_attempt(learner=studied, assignment=assignment, now=now - dt.timedelta(days=3))
    teaching.submit(learner=studied, assignment=assignment, now=now - dt.timedelta(days=3))
    page = signed_in(teacher).get(progress_url(classroom)).content.decode()
    assert "1 late" not in page
    assert ">none<" in page


def test_the_core_speaks_the_models_status_values():
    """core/classprogress.py keeps Status values as strings: they must stay the same."""
    assert (Status.LATE.value, Status.TO_DO.value) == (core.LATE, core.TO_DO)


@pytest.mark.django_db
def test_the_page_passes_the_share_that_remembers_each_fact(
    teacher, classroom, studied, make_learner, study_facts
):
    other = make_learner("zaid")
    teaching.join(learner=other, classroom=classroom, now=timezone.now())
    shares = signed_in(teacher).get(progress_url(classroom)).context["shares"]
    assert set(shares) == set(study_facts)
    assert shares["fighters"] == 0.5  # recalled by layla-m; zaid has not seen it
    assert shares["accounts"] == 0.0  # seen by layla-m, and forgotten
    assert shares["origin"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading", "share", "unseen"),
    [
        ("en", "Share of the class that remembers it", "50%", "no one has studied it yet"),
        ("ar", "نسبة من يتذكره من الصف", "50", "لم يدرسه أحد بعد"),
    ],
)
def test_the_timeline_marks_each_event_by_the_share_of_the_class_that_remembers_it(
    teacher, classroom, member, make_learner, study_facts, lang, heading, share, unseen
):
    other = make_learner("zaid")
    teaching.join(learner=other, classroom=classroom, now=timezone.now())
    reviewed(member, study_facts["event-2"], days_ago=1, stability=60.0, due_in_days=50)
    html = signed_in(teacher).get(progress_url(classroom, lang)).content.decode()
    assert heading in html
    rows = {
        label: row
        for row in html.split("<tr")[1:]
        for label in ["Event number 2", "الحدث رقم 2", "Event number 0", "الحدث رقم 0"]
        if f">{label}</a>" in row
    }
    assert len(rows) == 2
    remembered = next(row for label, row in rows.items() if label.endswith("2"))
    unstudied = next(row for label, row in rows.items() if label.endswith("0"))
    assert share in remembered  # one of the two members remembers it
    assert unseen in unstudied and "%" not in unstudied  # no member has studied it


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"), [("en", "No learner has joined yet."), ("ar", "لم ينضم أي متعلّم بعد")]
)
def test_a_class_without_learners_says_so(teacher, classroom, topic, lang, text):
    page = signed_in(teacher).get(progress_url(classroom, lang)).content.decode()
    assert text in page
    assert "<table" not in page


# --- one learner, one topic ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Recall now", "Lapses", "mastered", "still learning", "not seen"]),
        ("ar", ["احتمال التذكّر الآن", "مرّات النسيان", "متقَنة", "قيد التعلّم", "لم تُعرض بعد"]),
    ],
)
def test_a_learners_topic_lists_every_fact_with_their_state(
    teacher, classroom, studied, study_facts, lang, words
):
    response = signed_in(teacher).get(topic_url(classroom, studied, lang=lang))
    assert response.status_code == 200
    page = response.content.decode()
    for word in words:
        assert word in page
    view = response.context["view"]
    rows = {row.fact.slug: row for row in view.rows}
    assert set(rows) == set(study_facts)
    assert rows["fighters"].level == "mastered"
    assert rows["accounts"].level == "learning"
    assert (rows["accounts"].reviews, rows["accounts"].lapses) == (3, 2)
    assert rows["accounts"].percent < 90
    assert rows["origin"].recall is None and rows["origin"].level == "not_seen"
    assert (view.counts.mastered, view.counts.learning) == (1, 1)
    assert f'href="/{lang}/facts/fighters/"' in page


@pytest.mark.django_db
def test_a_learners_topic_shows_only_that_topic(teacher, classroom, studied, study_facts):
    other = Topic.objects.create(slug="economy", name_en="Economy", name_ar="الاقتصاد", position=2)
    response = signed_in(teacher).get(topic_url(classroom, studied, slug="economy"))
    assert response.status_code == 200
    assert response.context["view"].rows == []
    assert response.context["view"].topic == other


# --- queries ---------------------------------------------------------------------------------


def _class_of(teacher, size, prefix, study_facts):
    classroom = teaching.create_class(teacher=teacher, name=prefix, now=timezone.now())
    for n, learner in enumerate(make_learners(size, prefix=prefix)):
        teaching.join(learner=learner, classroom=classroom, now=timezone.now())
        for m, fact in enumerate(study_facts.values()):
            if (n + m) % 3:
                reviewed(learner, fact, days_ago=m, stability=5.0 + n, due_in_days=m - 5)
    return classroom


@pytest.mark.django_db
def test_the_class_view_runs_as_many_queries_for_30_learners_as_for_3(
    teacher, study_facts, make_assignment, django_assert_num_queries
):
    small = _class_of(teacher, 3, "small", study_facts)
    large = _class_of(teacher, 30, "large", study_facts)
    for classroom in (small, large):
        make_assignment(classroom=classroom, title="one")
        make_assignment(classroom=classroom, title="two")
    client = signed_in(teacher)
    client.get(progress_url(small))  # the first request of a session reads its own rows once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(progress_url(small)).status_code == 200
    with django_assert_num_queries(len(captured)):
        response = client.get(progress_url(large))
    assert len(response.context["progress"].rows) == 30


@pytest.mark.django_db
def test_a_learners_name_is_escaped_in_the_grid(teacher, classroom, make_learner, topic):
    learner = make_learner('<img src=x onerror="alert(1)">')
    teaching.join(learner=learner, classroom=classroom, now=timezone.now())
    page = signed_in(teacher).get(progress_url(classroom)).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


@pytest.mark.django_db
def test_the_grid_names_learners_as_they_asked_to_be_named_in_that_order(
    teacher, classroom, member, make_learner, topic
):
    named = make_learner("guest-zz")
    teaching.join(learner=named, classroom=classroom, now=timezone.now())
    learners.set_display_name(named, "Amal")
    page = signed_in(teacher).get(progress_url(classroom)).content.decode()
    assert "Amal" in page and "guest-zz" not in page
    assert page.index("Amal") < page.index("layla-m")  # by the name shown, not the username
