"""The scale bench's generator writes rows the app accepts: every constraint holds, the
sequences follow on, and a generated learner studies and sees their dashboard."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import scaledb
from learning.models import AskedQuestion, Card, Learner, Review, StudySession

LEARNERS, FACTS = 4, 10


@pytest.fixture
def generated(study_facts: dict[str, Any]) -> scaledb.Filled:
    # Foreign keys checked as rows go in (PostgreSQL), then all of them (SQLite checks at
    # commit, which a test's transaction never reaches).
    filled = scaledb.fill(LEARNERS, facts=FACTS, checked=True)
    connection.check_constraints()
    return filled


def test_writes_the_sizes_asked_for(generated: scaledb.Filled) -> None:
    assert generated.rows["learning_learner"] == LEARNERS
    assert Card.objects.count() == LEARNERS * FACTS
    assert Review.objects.count() == generated.rows["learning_review"] > LEARNERS * FACTS
    # No session is left open: the one_open_session_per_learner constraint stays free.
    assert not StudySession.objects.filter(finished_at__isnull=True).exists()


def test_every_row_passes_the_models_validation(generated: scaledb.Filled) -> None:
    for model in (Learner, Card, Review, StudySession, AskedQuestion):
        for row in model.objects.all()[:60]:
            # `correct` is NULL for a flashcard, as the app writes it, though not blank=True.
            row.full_clean(exclude=["correct"])


def test_a_card_has_as_many_reviews_as_reps(generated: scaledb.Filled) -> None:
    for card in Card.objects.all()[:40]:
        reviews = list(card.reviews.order_by("reviewed_at"))
        assert len(reviews) == card.reps
        assert reviews[-1].reviewed_at == card.last_review
        assert reviews[0].state_before == 1  # a new card is learning
        assert card.created_at <= reviews[0].reviewed_at


def test_the_latest_session_questions_are_the_latest_reviews(generated: scaledb.Filled) -> None:
    asked = AskedQuestion.objects.select_related("card").all()
    assert asked.count() == LEARNERS * scaledb.scalegen.SESSION_SIZE // 2  # 10 cards a learner
    for question in asked:
        review = Review.objects.get(question=question)
        assert review.card == question.card
        assert review.reviewed_at == question.answered_at == question.card.last_review
        assert review.kind == question.kind


def test_a_generated_learner_studies_and_sees_the_dashboard(generated: scaledb.Filled) -> None:
    learner, due = scaledb.typical_learner(due=1)
    due_cards = set(Card.objects.due(learner, now=timezone.now()).values_list("pk", flat=True))
    assert len(due_cards) == due >= 1
    client = Client()
    client.force_login(learner.user)
    session_url = client.post("/en/study/start/")["Location"]
    page = client.get(session_url)
    assert page.status_code == 200
    pk = scaledb.question_on(page.content.decode())
    # A due card comes first: the question is about one of the learner's due cards.
    question = AskedQuestion.objects.get(pk=pk)
    assert question.card_id in due_cards
    answered = client.post(f"/en/study/questions/{pk}/answer/", scaledb.right_answer(client, pk))
    assert answered.status_code == 302  # to the question, now answered
    assert Review.objects.filter(question=question).count() == 1  # ids follow the generated
    assert client.get("/en/progress/").status_code == 200
