"""The dashboard's queries on constructed rows: a learner in Riyadh (UTC+3) with known cards
and answers at fixed UTC times; every figure worked out by hand."""

import datetime as dt

import pytest

from learning import progress
from learning.core.scheduling import State
from learning.models import Card, Review, Topic

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)  # 15:00 in Riyadh: study day 10 March


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


@pytest.fixture
def riyadh(learner):
    learner.time_zone = "Asia/Riyadh"
    learner.save()
    return learner


def reviewed_card(learner, fact, *, stability, last_review, due, state=State.REVIEW):
    return Card.objects.create(
        learner=learner,
        fact=fact,
        due=due,
        stability=stability,
        difficulty=5.0,
        state=state,
        step=None if state == State.REVIEW else 0,
        last_review=last_review,
        reps=1,
        created_at=last_review,
    )


def answer(card, at, *, rating=3, correct=True, state_before=State.REVIEW, kind="mcq"):
    return Review.objects.create(
        card=card,
        rating=rating,
        reviewed_at=at,
        kind=kind,
        correct=correct,
        duration_ms=3000,
        state_before=state_before,
    )


@pytest.fixture
def history(riyadh, make_fact):
    """Four facts in one topic: three reviewed cards, one never seen."""
    facts = [make_fact() for _ in range(4)]
    # A fact's recall is 0.9 exactly when as many days have passed as its stability (FSRS);
    # 12 hours after a review at a stability of 40 days, (1 + F * 0.5 / 40) ** -w20 = 0.99812.
    mastered = reviewed_card(
        riyadh,
        facts[0],
        stability=30.0,
        last_review=NOW - dt.timedelta(days=30),
        due=utc(2026, 3, 11, 0, 30),  # 03:30 on the 11th in Riyadh: still today's study day
    )
    shaky = reviewed_card(
        riyadh,
        facts[1],
        stability=10.0,
        last_review=NOW - dt.timedelta(days=10),
        due=utc(2026, 3, 11, 1, 30),  # 04:30 on the 11th: tomorrow's study day
    )
    fresh = reviewed_card(
        riyadh,
        facts[2],
        stability=40.0,
        last_review=NOW - dt.timedelta(hours=12),
        due=utc(2026, 4, 19),  # 40 days ahead: beyond the forecast
    )
    # Answers: 23:00 on the 8th and 02:00 on the 10th (the 9th's study day), then today.
    answer(mastered, utc(2026, 3, 8, 20), state_before=State.LEARNING)
    answer(mastered, utc(2026, 3, 9, 23), correct=False, rating=1)
    answer(shaky, utc(2026, 3, 10, 9))
    answer(fresh, utc(2026, 3, 10, 10), kind="flashcard", correct=None, rating=2)
    answer(fresh, utc(2026, 3, 1, 10), kind="flashcard", correct=None, rating=1)
    return {"facts": facts, "mastered": mastered, "shaky": shaky, "fresh": fresh}


def test_mastery_per_topic_and_facts_known(history, riyadh):
    board = progress.dashboard(riyadh, now=NOW)
    (row,) = board.topics
    counts = row.counts
    assert (counts.facts, counts.not_seen, counts.learning, counts.mastered) == (4, 1, 1, 2)
    assert counts.known == pytest.approx(0.9 + 0.9 + 0.99812, abs=1e-5)
    assert board.totals.mastered == 2


def test_mastery_follows_the_learners_desired_retention(history, riyadh):
    riyadh.desired_retention = 0.95  # 0.9 no longer enough: only the fresh card is mastered
    board = progress.dashboard(riyadh, now=NOW)
    assert board.topics[0].counts.mastered == 1


def test_due_today_and_forecast_in_the_learners_study_day(history, riyadh):
    board = progress.dashboard(riyadh, now=NOW)
    assert board.today == dt.date(2026, 3, 10)
    assert board.due_today == 1
    assert board.forecast[:2] == [1, 1] and sum(board.forecast) == 2


def test_study_days_and_streak_across_4_am(history, riyadh):
    board = progress.dashboard(riyadh, now=NOW)
    assert dict(board.study_days) == {
        dt.date(2026, 3, 8): 1,
        dt.date(2026, 3, 9): 1,
        dt.date(2026, 3, 10): 2,
        dt.date(2026, 3, 1): 1,
    }
    assert (board.streaks.current, board.streaks.longest) == (3, 3)


def test_true_retention_and_weekly_accuracy(history, riyadh):
    board = progress.dashboard(riyadh, now=NOW)
    # In review before the answer: wrong (the 9th), right (shaky), Hard (right), Again (wrong).
    assert (board.true_retention.right, board.true_retention.n) == (2, 4)
    this_week = board.weeks[-1]
    assert this_week.start == dt.date(2026, 3, 4)
    assert (this_week.share.right, this_week.share.n) == (3, 4)
    assert board.weeks[-2].share.n == 1  # 1 March: Again


def test_weakest_facts_lowest_recall_first_unseen_left_out(history, riyadh):
    board = progress.dashboard(riyadh, now=NOW)
    weakest = [w.fact for w in board.weakest]
    assert set(weakest[:2]) == {history["facts"][0], history["facts"][1]}
    assert weakest[2] == history["facts"][2]
    assert history["facts"][3] not in weakest


def test_another_learners_rows_do_not_count(history, riyadh, make_learner):
    other = make_learner("omar")
    card = reviewed_card(other, history["facts"][3], stability=50.0, last_review=NOW, due=NOW)
    answer(card, NOW)
    board = progress.dashboard(riyadh, now=NOW)
    assert board.reviews == 5
    assert board.topics[0].counts.not_seen == 1


def test_a_learner_without_answers(riyadh, topic):
    board = progress.dashboard(riyadh, now=NOW)
    assert not board.has_reviews
    assert board.topics[0].topic == topic and board.topics[0].counts.not_seen == 0
    assert board.streaks.current == 0 and board.true_retention.n == 0


@pytest.mark.parametrize("answers", [10, 5000])
def test_the_number_of_queries_does_not_grow_with_history(
    riyadh, make_fact, django_assert_num_queries, answers
):
    facts = [make_fact() for _ in range(10)]
    cards = [
        reviewed_card(riyadh, f, stability=5.0, last_review=NOW - dt.timedelta(days=2), due=NOW)
        for f in facts
    ]
    Review.objects.bulk_create(
        Review(
            card=cards[i % 10],
            rating=3,
            reviewed_at=NOW - dt.timedelta(hours=i),
            kind="mcq",
            correct=True,
            duration_ms=1000,
            state_before=State.REVIEW,
        )
        for i in range(answers)
    )
    Topic.objects.create(slug="other", name_ar="موضوع", name_en="Other", description="")
    with django_assert_num_queries(5):
        board = progress.dashboard(riyadh, now=NOW)
    assert board.reviews == answers
