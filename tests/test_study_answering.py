"""Recording an answer (learning/study/answering.py) when the rows it read change before it
writes: it reads and works out everything first, then writes in a short transaction whose
writes are guarded, so a card moved, a session ended or a copy answered in between is found
there, not overwritten."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import study
from learning.core import questions
from learning.core.scheduling import Rating
from learning.models import AskedQuestion, Card, Review, StudySession
from learning.study.undoing import columns, replayed

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def read(asked):
    """The question as a request reads it: with its session, learner, card and fact."""
    asked = AskedQuestion.objects.select_related("session", "learner", "card", "fact").get(
        pk=asked.pk
    )
    asked.session.learner = asked.learner
    return asked


@pytest.mark.django_db
def test_a_card_moved_after_the_answer_read_it_is_moved_again_from_where_it_now_is(
    learner, study_facts, ask
):
    """Bug it guards against: the answer wrote the card's next state worked out from the card as
    read before the transaction, undoing the review another tab had recorded in between."""
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = read(ask(question, now=NOW))
    elsewhere = Card.objects.select_related("learner").get(pk=asked.card_id)
    elsewhere.record_review(
        rating=Rating.GOOD, now=NOW, kind="mcq", correct=True, duration_ms=1000
    )  # another tab, after this request read the card
    later = NOW + dt.timedelta(minutes=30)
    outcome = study.answer(asked, response=question.answer, now=later)
    assert outcome.recorded
    card = Card.objects.get(pk=asked.card_id)
    history = list(card.reviews.order_by("reviewed_at", "pk"))
    assert [r.reviewed_at for r in history] == [NOW, later]
    assert card.reps == 2
    assert columns(card) == replayed(card, history), "the card is where both reviews put it"
    assert outcome.asked.card.due == card.due, "the feedback shows the card as stored"


@pytest.mark.django_db
def test_an_answer_to_a_session_ended_after_it_was_read_is_refused_and_records_nothing(
    learner, study_facts, ask
):
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = read(ask(question, now=NOW))
    StudySession.objects.filter(pk=asked.session_id).update(finished_at=NOW)  # a new session
    with pytest.raises(study.StudyError):
        study.answer(asked, response=question.answer, now=NOW)
    assert not Review.objects.exists()
    stored = AskedQuestion.objects.get(pk=asked.pk)
    assert stored.answered_at is None
    assert Card.objects.get(pk=asked.card_id).reps == 0


@pytest.mark.django_db
def test_two_copies_read_before_either_answered_record_one_answer(learner, study_facts, ask):
    """A double click: both requests read the question unanswered; the second to write finds it
    answered and shows the first's result."""
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = ask(question, now=NOW)
    first, second = read(asked), read(asked)
    wrong = (question.answer + 1) % 4
    recorded = study.answer(first, response=wrong, now=NOW)
    replay = study.answer(second, response=question.answer, now=NOW + dt.timedelta(seconds=1))
    assert recorded.recorded and not replay.recorded
    assert replay.grade.correct is False, "the replay shows the first result"
    assert Review.objects.count() == 1
    assert Card.objects.get(pk=asked.card_id).reps == 1


@pytest.mark.django_db
def test_an_ordering_answer_records_one_review_a_card_in_one_insert(learner, study_facts, ask):
    pool = study.fact_pool()
    question = questions.make_ordering(pool, random.Random(5), size=5)
    for slug in question.facts:
        Card.objects.get_or_create(
            learner=learner, fact=study_facts[slug], defaults={"due": NOW, "created_at": NOW}
        )
    asked = read(ask(question, now=NOW))
    with CaptureQueriesContext(connection) as captured:
        outcome = study.answer(asked, response=list(question.answer), now=NOW)
    inserts = [q for q in captured if q["sql"].startswith('INSERT INTO "learning_review"')]
    assert len(inserts) == 1
    assert outcome.recorded and len(outcome.ratings) == 5
    assert Review.objects.filter(question=asked).count() == 5
    for card in Card.objects.all():
        assert columns(card) == replayed(card, list(card.reviews.all()))
