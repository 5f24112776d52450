"""Asking the next question (learning/study/asking.py) when the session changes between choosing
the question and storing it: it is chosen reading only, then stored by one guarded statement
that stores it only if the session is still open with no question waiting; and the choice made
from the learner's cards read once agrees with the database's own due order and counts."""

import datetime as dt

import pytest

from learning import study
from learning.core.scheduling import State
from learning.models import AskedQuestion, Card, StudySession
from learning.study import asking, picking, waiting

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def meanwhile(monkeypatch):
    """Run `change` once, right after the next question is chosen and before it is stored: what
    another request does in between."""

    def between(change):
        plan_next = asking._plan_next
        done = []

        def plan_then_change(*args, **kwargs):
            plan = plan_next(*args, **kwargs)
            if not done:
                done.append(True)
                change()
            return plan

        monkeypatch.setattr(asking, "_plan_next", plan_then_change)

    return between


def answer_first(learner, study_facts):
    session = study.start_session(learner=learner, now=NOW)
    first = study.current_question(session, now=NOW)
    if first.kind == "flashcard":
        study.reveal(first, now=NOW)
        study.answer(first, response=3, now=NOW)
    else:
        question = study.stored_question(first)
        response = list(question.answer) if first.kind == "ordering" else question.answer
        study.answer(first, response=response, now=NOW)
    return session, first


@pytest.mark.django_db
def test_a_question_stored_by_another_tab_meanwhile_is_the_one_shown(
    learner, study_facts, meanwhile
):
    session, _first = answer_first(learner, study_facts)
    other_tab = StudySession.objects.select_related("learner", "assignment").get(pk=session.pk)
    shown = []
    meanwhile(lambda: shown.append(study.current_question(other_tab, now=NOW)))
    asked = study.current_question(session, now=NOW)
    assert asked == shown[0]
    assert AskedQuestion.objects.filter(session=session, answered_at=None).count() == 1


@pytest.mark.django_db
def test_a_rating_undone_meanwhile_is_asked_again_instead_of_a_new_question(
    learner, study_facts, meanwhile
):
    session, first = answer_first(learner, study_facts)
    if first.kind != "flashcard":
        # Only a flashcard's rating can be undone: take the answer back as an undo leaves it.
        undone = lambda: AskedQuestion.objects.filter(pk=first.pk).update(  # noqa: E731
            answered_at=None, response=None, correct=None, score=None
        )
    else:
        token = study.undo_token(first)
        undone = lambda: study.undo(first, token=token, now=NOW)  # noqa: E731
    meanwhile(undone)
    asked = study.current_question(session, now=NOW)
    assert asked.pk == first.pk
    assert AskedQuestion.objects.filter(session=session).count() == 1


@pytest.mark.django_db
def test_no_question_is_stored_in_a_session_ended_meanwhile(learner, study_facts, meanwhile):
    session, _first = answer_first(learner, study_facts)
    meanwhile(lambda: study.start_session(learner=learner, now=NOW))
    assert study.current_question(session, now=NOW) is None
    assert AskedQuestion.objects.filter(session=session).count() == 1


@pytest.mark.django_db
def test_the_due_card_picked_from_the_cards_read_is_the_first_of_the_due_order(
    learner, study_facts
):
    """The pick orders the cards it read as Card.objects.due orders them in the database:
    learning steps first, then the most overdue, then by id."""
    specs = [
        ("fighters", State.REVIEW, None, -3),
        ("accounts", State.LEARNING, 0, -1),  # learning steps first, though less overdue
        ("event-0", State.RELEARNING, 0, -2),
        ("event-1", State.REVIEW, None, -5),
        ("event-2", State.REVIEW, None, 2),  # not due yet
    ]
    for slug, state, step, days in specs:
        Card.objects.create(
            learner=learner,
            fact=study_facts[slug],
            due=NOW + dt.timedelta(days=days),
            created_at=NOW - dt.timedelta(days=30),
            state=state,
            step=step,
            stability=2.0,
            difficulty=5.0,
            last_review=NOW - dt.timedelta(days=10),
        )
    session = StudySession.objects.create(learner=learner, size=20, seed=1, started_at=NOW)
    expected = list(Card.objects.due(learner, now=NOW))
    picked = []
    cards = picking.learners_cards(learner)
    for _ in expected:
        pick = picking._pick_study(session, [], now=NOW, cards=cards)
        picked.append(pick.card)
        cards = [c for c in cards if c.pk != pick.card.pk]
    assert [c.pk for c in picked] == [c.pk for c in expected]
    assert [c.fact.slug for c in picked[:3]] == ["event-0", "accounts", "event-1"]


@pytest.mark.django_db
def test_the_workload_counts_due_cards_steps_ahead_and_new_facts_of_today(learner, study_facts):
    # Days from now: two due, two learning steps coming due within LEARN_AHEAD (20 minutes),
    # a learning step due later, a review tomorrow.
    dues = [-2, -0.01, 0.005, 0.01, 0.5, 1]
    for (slug, _fact), days in zip(study_facts.items(), dues, strict=False):
        Card.objects.create(
            learner=learner,
            fact=study_facts[slug],
            due=NOW + dt.timedelta(days=days),
            created_at=NOW - dt.timedelta(hours=1 if days < 0 else 30),  # met today, or not
            state=State.REVIEW if days == 1 else State.LEARNING,
            step=None if days == 1 else 0,
        )
    learner.new_per_day = 5
    counted = waiting.workload(learner, now=NOW)
    assert (counted.due, counted.ahead, counted.new_today) == (2, 2, 2)
    assert counted.next_due == NOW + dt.timedelta(days=0.005)
    assert counted.new_available == 3, "five a day, two met today"
    read = waiting.workload_of(learner, picking.learners_cards(learner), now=NOW)
    assert read == counted


@pytest.mark.django_db
def test_the_workload_counts_what_comes_due_before_the_study_day_ends(learner, study_facts):
    # NOW is 09:00 UTC; a learner in Riyadh (UTC+3) ends the study day at 4 a.m. there, 01:00
    # UTC tomorrow: 16 hours from now. Due in 1 hour and in 15 hours: later today; in 17 hours:
    # tomorrow; an hour ago: due now, not later.
    learner.time_zone = "Asia/Riyadh"
    for (_slug, fact), hours in zip(study_facts.items(), [-1, 1, 15, 17], strict=False):
        Card.objects.create(
            learner=learner,
            fact=fact,
            due=NOW + dt.timedelta(hours=hours),
            created_at=NOW - dt.timedelta(days=3),
            state=State.REVIEW,
            step=None,
        )
    counted = waiting.workload(learner, now=NOW)
    assert (counted.due, counted.later_today) == (1, 2)
