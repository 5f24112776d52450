"""Undoing a flashcard rating (learning/study/undoing.py): the card exactly as it was, the
review gone, the question waiting again; once per answer, only the latest, only while open."""

import datetime as dt
import random

import pytest
from django.utils import translation

from learning import study, teaching
from learning.core import questions
from learning.core.scheduling import Rating
from learning.models import AskedQuestion, Card, Review, StudySession

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=3)


def every_field(card):
    card = Card.objects.get(pk=card.pk)
    return {field.attname: getattr(card, field.attname) for field in Card._meta.concrete_fields}


def rate(asked, rating, now):
    study.reveal(asked, now=now)
    return study.answer(asked, response=int(rating), now=now)


@pytest.fixture
def flashcard(learner, study_facts):
    """A flashcard of a fact the learner has reviewed twice before, in an open study session."""
    pool = study.fact_pool()
    card = Card.objects.create(
        learner=learner, fact=study_facts["palmyra"], due=NOW, created_at=NOW
    )
    card.learner = learner
    for days, rating in ((0, Rating.GOOD), (1, Rating.AGAIN)):
        card.record_review(
            rating=rating,
            now=NOW + dt.timedelta(days=days, minutes=5),
            kind="mcq",
            correct=rating != Rating.AGAIN,
            duration_ms=3000,
        )
    session = StudySession.objects.create(learner=learner, size=20, seed=1, started_at=LATER)
    return AskedQuestion.objects.create(
        session=session,
        learner=learner,
        position=0,
        kind="flashcard",
        fact=card.fact,
        card=card,
        payload=questions.make_flashcard(pool["palmyra"]).to_json(),
        created_at=LATER,
    )


@pytest.mark.django_db
def test_undo_puts_every_field_of_the_card_back_and_removes_the_review(flashcard):
    before = every_field(flashcard.card)
    reviews_before = list(Review.objects.order_by("pk").values_list("pk", flat=True))
    rate(flashcard, Rating.EASY, LATER + dt.timedelta(seconds=20))
    assert every_field(flashcard.card) != before, "the rating moved the card"

    undone = study.undo(flashcard, token=study.undo_token(flashcard), now=LATER)

    assert undone
    assert every_field(flashcard.card) == before
    assert list(Review.objects.order_by("pk").values_list("pk", flat=True)) == reviews_before
    flashcard.refresh_from_db()
    assert (flashcard.answered_at, flashcard.response, flashcard.correct, flashcard.score) == (
        None,
        None,
        None,
        None,
    )
    assert flashcard.revealed_at is not None, "shown turned over, to be rated again"


@pytest.mark.django_db
def test_a_new_cards_first_rating_undone_leaves_it_never_reviewed(learner, study_facts):
    session = study.start_session(learner=learner, now=NOW)
    while (asked := study.current_question(session, now=NOW)).kind != "flashcard":
        order = list(range(len(asked.payload["facts"])))
        study.answer(asked, response=order if asked.kind == "ordering" else 0, now=NOW)
    card_before = every_field(asked.card)
    rate(asked, Rating.AGAIN, NOW)
    study.undo(asked, token=study.undo_token(asked), now=NOW)
    assert every_field(asked.card) == card_before
    assert not Review.objects.filter(question=asked).exists()


@pytest.mark.django_db
def test_the_flashcard_is_asked_again_and_its_second_rating_counts(flashcard):
    rate(flashcard, Rating.AGAIN, LATER)
    study.undo(flashcard, token=study.undo_token(flashcard), now=LATER)
    session = flashcard.session
    assert study.current_question(session, now=LATER) == flashcard
    outcome = study.answer(flashcard, response=int(Rating.GOOD), now=LATER)
    assert outcome.recorded
    assert list(Review.objects.filter(question=flashcard).values_list("rating", flat=True)) == [
        Rating.GOOD
    ]
    summary = study.summary(session, now=LATER, lang="en")
    assert summary.answered == 1 and summary.right == 1
    assert summary.to_review == [], "the undone Again is not a fact to look at again"


@pytest.mark.django_db
def test_an_undone_question_is_not_counted_in_the_summary(flashcard):
    rate(flashcard, Rating.AGAIN, LATER)
    study.undo(flashcard, token=study.undo_token(flashcard), now=LATER)
    summary = study.summary(flashcard.session, now=LATER, lang="en")
    assert (summary.answered, summary.questions) == (0, [])


@pytest.mark.django_db
def test_a_second_copy_of_the_undo_changes_nothing(flashcard):
    rate(flashcard, Rating.HARD, LATER)
    token = study.undo_token(flashcard)
    assert study.undo(AskedQuestion.objects.get(pk=flashcard.pk), token=token, now=LATER)
    after_first = every_field(flashcard.card)
    reviews = Review.objects.count()
    assert not study.undo(AskedQuestion.objects.get(pk=flashcard.pk), token=token, now=LATER)
    assert every_field(flashcard.card) == after_first
    assert Review.objects.count() == reviews


@pytest.mark.django_db
def test_an_old_undo_arriving_after_the_card_was_rated_again_is_refused(flashcard):
    rate(flashcard, Rating.AGAIN, LATER)
    old_token = study.undo_token(flashcard)
    study.undo(flashcard, token=old_token, now=LATER)
    later = LATER + dt.timedelta(seconds=30)
    study.answer(flashcard, response=int(Rating.GOOD), now=later)
    card = every_field(flashcard.card)
    with pytest.raises(study.StudyError):
        study.undo(AskedQuestion.objects.get(pk=flashcard.pk), token=old_token, now=later)
    assert every_field(flashcard.card) == card
    assert AskedQuestion.objects.get(pk=flashcard.pk).response == Rating.GOOD


@pytest.mark.django_db
def test_only_the_latest_answer_can_be_undone(flashcard, study_facts):
    rate(flashcard, Rating.GOOD, LATER)
    pool = study.fact_pool()
    after = AskedQuestion.objects.create(
        session=flashcard.session,
        learner=flashcard.learner,
        position=1,
        kind="mcq",
        fact=study_facts["fighters"],
        payload=questions.make_mcq(pool["fighters"], pool, random.Random(1)).to_json(),
        created_at=LATER,
    )
    study.answer(after, response=0, now=LATER + dt.timedelta(seconds=5))
    assert study.undoable(flashcard.session, now=LATER) is None
    with pytest.raises(study.StudyError):
        study.undo(flashcard, token=study.undo_token(flashcard), now=LATER)
    assert AskedQuestion.objects.get(pk=flashcard.pk).is_answered


@pytest.mark.django_db
def test_a_multiple_choice_answer_cannot_be_undone(learner, study_facts, ask):
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = ask(question, now=NOW)
    study.answer(asked, response=question.answer, now=NOW)
    assert study.undoable(asked.session, now=NOW) is None
    with pytest.raises(study.StudyError):
        study.undo(asked, token=study.undo_token(asked), now=NOW)
    assert Review.objects.count() == 1


@pytest.mark.django_db
def test_a_rating_in_a_session_that_has_ended_cannot_be_undone(flashcard, learner):
    rate(flashcard, Rating.GOOD, LATER)
    study.start_session(learner=learner, now=LATER)
    flashcard.session.refresh_from_db()
    assert study.undoable(flashcard.session, now=LATER) is None
    with pytest.raises(study.StudyError):
        study.undo(flashcard, token=study.undo_token(flashcard), now=LATER)
    assert Review.objects.filter(question=flashcard).count() == 1


@pytest.mark.django_db
def test_a_card_reviewed_since_elsewhere_is_not_undone_on_a_guess(flashcard):
    rate(flashcard, Rating.GOOD, LATER)
    card = Card.objects.get(pk=flashcard.card_id)
    card.record_review(
        rating=Rating.EASY,
        now=LATER + dt.timedelta(minutes=1),
        kind="mcq",
        correct=True,
        duration_ms=1000,
    )
    fields = every_field(card)
    with pytest.raises(study.StudyError):
        study.undo(flashcard, token=study.undo_token(flashcard), now=LATER)
    assert every_field(card) == fields


@pytest.mark.django_db
def test_practice_undoes_the_answer_alone(learner, study_facts, topic):
    session = study.start_session(learner=learner, now=NOW, topic=topic, practice=True)
    pool = study.fact_pool()
    asked = AskedQuestion.objects.create(
        session=session,
        learner=learner,
        position=0,
        kind="flashcard",
        fact=study_facts["palmyra"],
        payload=questions.make_flashcard(pool["palmyra"]).to_json(),
        created_at=NOW,
    )
    rate(asked, Rating.AGAIN, NOW)
    assert study.undo(asked, token=study.undo_token(asked), now=NOW)
    assert not AskedQuestion.objects.get(pk=asked.pk).is_answered
    assert not Card.objects.exists() and not Review.objects.exists()


@pytest.mark.django_db
def test_an_assignment_rating_cannot_be_undone_after_submitting(
    learner, classroom, make_assignment
):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    assignment = make_assignment(kinds=["flashcard"], question_count=1)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    asked = study.current_question(session, now=NOW)
    rate(asked, Rating.GOOD, NOW)
    assert study.undoable(session, now=NOW) == asked
    teaching.submit(learner=learner, assignment=assignment, now=NOW)
    session.refresh_from_db()
    assert study.undoable(session, now=NOW) is None
    with pytest.raises(study.StudyError):
        study.undo(asked, token=study.undo_token(asked), now=NOW)
    assert AskedQuestion.objects.get(pk=asked.pk).is_answered


@pytest.mark.django_db
def test_an_assignment_rating_cannot_be_undone_once_the_learner_has_left_the_class(
    learner, classroom, make_assignment
):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    assignment = make_assignment(kinds=["flashcard"], question_count=1)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    asked = study.current_question(session, now=NOW)
    rate(asked, Rating.GOOD, NOW)
    teaching.leave(learner=learner, classroom=classroom)
    with (
        translation.override("en"),
        pytest.raises(study.StudyError, match="not in this assignment's class"),
    ):
        study.undo(asked, token=study.undo_token(asked), now=NOW)
    assert AskedQuestion.objects.get(pk=asked.pk).is_answered
