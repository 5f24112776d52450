"""Practice of chosen facts (the dashboard's weakest): exactly those facts, each once, in a
seeded order, moving no schedule; the start refuses facts the learner has not seen."""

import datetime as dt
import re

import pytest
from django.test import Client

from learning import study
from learning.core.scheduling import Rating
from learning.models import AskedQuestion, Card, Review, StudySession

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def seen(learner, fact, *, rating=Rating.GOOD, at=NOW - dt.timedelta(days=3)):
    """A fact answered once through the real write."""
    card = Card.new(learner=learner, fact=fact, now=at)
    card.save()
    card.record_review(rating=rating, now=at, kind="mcq", correct=rating > 1, duration_ms=2000)
    return card


def asked_facts(session, now=NOW):
    """Every fact the session asks, answering each question (right) as it comes."""
    from tests.test_study import answer_right

    found = []
    while (asked := study.current_question(session, now=now)) is not None:
        found.append(asked.fact_id)
        answer_right(asked, now)
    return found


@pytest.fixture
def three_seen(learner, study_facts):
    names = ["fighters", "accounts", "origin"]
    return [seen(learner, study_facts[name]) for name in names]


@pytest.mark.django_db
def test_practice_asks_exactly_the_chosen_facts_each_once(learner, study_facts, three_seen):
    chosen = [card.fact_id for card in three_seen]
    session = study.start_fact_practice(learner=learner, fact_ids=chosen, now=NOW)
    asked = asked_facts(session)
    assert sorted(asked) == sorted(chosen)
    assert session.mode == StudySession.Mode.PRACTICE and session.size == 3


@pytest.mark.django_db
def test_fact_practice_moves_no_schedule(learner, study_facts, three_seen):
    before = {c.pk: (c.due, c.stability, c.reps) for c in Card.objects.all()}
    reviews = Review.objects.count()
    session = study.start_fact_practice(
        learner=learner, fact_ids=[c.fact_id for c in three_seen], now=NOW
    )
    asked_facts(session)
    assert Review.objects.count() == reviews
    assert {c.pk: (c.due, c.stability, c.reps) for c in Card.objects.all()} == before
    assert AskedQuestion.objects.filter(session=session, answered_at__isnull=False).count() == 3


@pytest.mark.django_db
def test_the_order_follows_the_session_seed(learner, study_facts, make_fact):
    cards = [seen(learner, make_fact()) for _ in range(8)]
    chosen = [c.fact_id for c in cards]
    orders = set()
    for _ in range(6):
        session = study.start_fact_practice(learner=learner, fact_ids=chosen, now=NOW)
        order = tuple(asked_facts(session))
        assert sorted(order) == sorted(chosen)
        orders.add(order)
    assert len(orders) > 1, "six sessions, six seeds: not all in one order"


@pytest.mark.django_db
def test_a_repeated_id_is_asked_once(learner, three_seen):
    fact = three_seen[0].fact_id
    session = study.start_fact_practice(learner=learner, fact_ids=[fact, fact], now=NOW)
    assert asked_facts(session) == [fact]


@pytest.mark.django_db
def test_facts_not_seen_are_refused(learner, make_learner, study_facts, three_seen):
    other = make_learner("omar")
    theirs = seen(other, study_facts["palmyra"])
    never = study_facts["event-1"].pk
    mine = three_seen[0].fact_id
    for ids in ([theirs.fact_id], [mine, never], [], [mine] * 1 + list(range(10**6, 10**6 + 20))):
        with pytest.raises(study.StudyError):
            study.start_fact_practice(learner=learner, fact_ids=ids, now=NOW)
    assert not StudySession.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_topic_practice_still_asks_its_topic(learner, study_facts, topic):
    session = study.start_session(learner=learner, now=NOW, topic=topic, practice=True)
    asked = asked_facts(session)
    assert len(asked) == study.PRACTICE_SIZE
    assert not session.facts.exists()


# --- through the pages ---------------------------------------------------------------------


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner.user)
    return client


def dashboard_form(page):
    """The weakest-facts practice form of the dashboard: its action and fact ids."""
    form = re.search(r'<form method="post" action="([^"]+/progress/practice/)"(.*?)</form>', page)
    assert form, "the dashboard has the practice form"
    return form.group(1), [int(i) for i in re.findall(r'name="fact" value="(\d+)"', form.group(2))]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "label", "summary_line"),
    [
        ("en", "Practice: your 3 weakest facts", "Practice: your 3 weakest facts."),
        ("ar", "تدريب: أضعف 3 حقائق لديك", "تدريب: أضعف 3 حقائق لديك."),
    ],
)
def test_the_dashboard_button_practises_the_weakest_facts_without_javascript(
    signed_in, learner, three_seen, lang, label, summary_line
):
    """The plain-HTML flow: the form posts, the session page and its summary say what is
    practised, and every question is one of the weakest facts."""
    page = signed_in.get(f"/{lang}/progress/").content.decode()
    action, ids = dashboard_form(page)
    assert action == f"/{lang}/progress/practice/"
    assert sorted(ids) == sorted(c.fact_id for c in three_seen)
    assert "csrfmiddlewaretoken" in page
    started = signed_in.post(action, {"fact": ids})
    assert started.status_code == 302
    session = StudySession.objects.get(learner=learner, finished_at__isnull=True)
    assert started["Location"] == f"/{lang}/study/sessions/{session.pk}/"
    question_page = signed_in.get(started["Location"]).content.decode()
    assert label in question_page
    assert 'max="3" value="1"' in question_page, "its progress bar counts the chosen facts"
    now = dt.datetime.now(dt.UTC)
    assert sorted(asked_facts(session, now=now)) == sorted(ids)
    summary = signed_in.get(f"/{lang}/study/sessions/{session.pk}/summary/").content.decode()
    assert summary_line in summary


@pytest.mark.django_db
@pytest.mark.parametrize(
    "posted",
    [
        {"fact": ["abc"]},
        {"fact": ["-3"]},
        {"fact": [str(2**70)]},
        {},
    ],
)
def test_tampered_ids_get_a_400_with_a_message(signed_in, learner, three_seen, posted):
    response = signed_in.post("/en/progress/practice/", posted)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not StudySession.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_another_learners_fact_gets_a_400(
    signed_in, learner, make_learner, study_facts, three_seen
):
    theirs = seen(make_learner("omar"), study_facts["palmyra"])
    response = signed_in.post(
        "/ar/progress/practice/", {"fact": [three_seen[0].fact_id, theirs.fact_id]}
    )
    assert response.status_code == 400
    assert "لا يسأل التدريب إلا عن حقائق أجبت عنها من قبل." in response.content.decode()
    assert not StudySession.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_a_visitor_gets_a_400_and_no_guest_is_made(client, study_facts):
    response = client.post("/en/progress/practice/", {"fact": [study_facts["fighters"].pk]})
    assert response.status_code == 400
    assert not StudySession.objects.exists()


@pytest.mark.django_db
def test_the_practice_start_needs_csrf(learner, three_seen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner.user)
    response = client.post("/en/progress/practice/", {"fact": [three_seen[0].fact_id]})
    assert response.status_code == 403
    assert not StudySession.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_the_practice_start_is_a_post(signed_in, three_seen):
    assert signed_in.get("/en/progress/practice/").status_code == 405
