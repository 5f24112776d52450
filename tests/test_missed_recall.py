"""A fact missed at its last answer is not counted as remembered (scheduling.recall_shown):
right after Again fsrs predicts a recall near 1, since the answer was just shown, and the
dashboard, the class view and the results all showed 100 % for facts every learner had just
got wrong. Card.last_rating keeps the rating each page needs for that."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.utils import timezone

from learning import classprogress, progress, results, teaching
from learning.core import scheduling
from learning.core.scheduling import Rating
from learning.models import Card
from learning.study import undoing


def answered(learner, fact, ratings, *, start):
    """A new card answered with `ratings`, one an hour apart from `start`, through the write
    every answer goes through; the card and the time of its last answer."""
    card = Card.new(learner=learner, fact=fact, now=start)
    card.save()
    at = start
    for rating in ratings:
        card.record_review(rating=rating, now=at, kind="mcq", correct=rating > 1, duration_ms=900)
        at += dt.timedelta(hours=1)
    return card, at - dt.timedelta(hours=1)


def test_recall_shown_is_fsrs_recall_unless_the_last_answer_was_wrong():
    assert scheduling.recall_shown(0.98, last_rating=Rating.AGAIN) == 0.0
    assert scheduling.recall_shown(0.98, last_rating=Rating.HARD) == 0.98
    assert scheduling.recall_shown(0.98, last_rating=Rating.GOOD) == 0.98
    assert scheduling.recall_shown(0.5, last_rating=None) == 0.5


@pytest.mark.django_db
def test_each_answer_keeps_its_rating_on_the_card_and_undo_puts_the_one_before_back(
    learner, study_facts
):
    start = timezone.now() - dt.timedelta(days=2)
    card, _ = answered(learner, study_facts["fighters"], [Rating.GOOD, Rating.AGAIN], start=start)
    card.refresh_from_db()
    assert card.last_rating == Rating.AGAIN
    last = card.reviews.order_by("reviewed_at").last()
    undoing._restore(card, without=last)
    card.refresh_from_db()
    assert card.last_rating == Rating.GOOD


@pytest.mark.django_db
def test_the_migration_fills_the_rating_of_each_cards_latest_review(learner, study_facts):
    start = timezone.now() - dt.timedelta(days=3)
    missed, _ = answered(learner, study_facts["fighters"], [Rating.GOOD, Rating.AGAIN], start=start)
    known, _ = answered(learner, study_facts["accounts"], [Rating.AGAIN, Rating.GOOD], start=start)
    new = Card.new(learner=learner, fact=study_facts["palmyra"], now=start)
    new.save()
    Card.objects.update(last_rating=None)
    with connection.cursor() as cursor:
        cursor.execute(
            importlib.import_module("learning.migrations.0012_card_last_rating").BACKFILL
        )
    ratings = dict(Card.objects.values_list("pk", "last_rating"))
    assert ratings == {missed.pk: Rating.AGAIN, known.pk: Rating.GOOD, new.pk: None}


@pytest.mark.django_db
def test_the_dashboard_puts_a_fact_just_missed_at_0_and_first_among_the_weakest(
    learner, study_facts
):
    start = timezone.now() - dt.timedelta(hours=3)
    answered(learner, study_facts["fighters"], [Rating.AGAIN], start=start)
    answered(learner, study_facts["accounts"], [Rating.GOOD], start=start)
    figures = progress.dashboard(learner, now=timezone.now())
    assert figures.recall["fighters"] == 0.0
    assert figures.recall["accounts"] > 0.9
    assert figures.weakest[0].fact.slug == "fighters"
    assert figures.totals.known == pytest.approx(figures.recall["accounts"], abs=0.05)


@pytest.mark.django_db
def test_the_class_view_counts_no_learner_as_remembering_a_fact_they_just_missed(
    classroom, make_learner, study_facts
):
    start = timezone.now() - dt.timedelta(hours=2)
    for name, rating in [("amal", Rating.AGAIN), ("badr", Rating.AGAIN), ("dana", Rating.GOOD)]:
        pupil = make_learner(name)
        teaching.join(learner=pupil, classroom=classroom, now=start)
        answered(pupil, study_facts["fighters"], [rating], start=start)
    view = classprogress.class_progress(classroom, now=timezone.now(), rtl=False)
    assert view.shares["fighters"] == pytest.approx(1 / 3)


@pytest.mark.django_db
def test_the_results_say_the_class_remembers_nothing_of_a_fact_all_just_missed(
    make_assignment, make_learner, study_facts
):
    assignment = make_assignment()
    start = timezone.now() - dt.timedelta(hours=2)
    for name in ["amal", "badr"]:
        pupil = make_learner(name)
        teaching.join(learner=pupil, classroom=assignment.classroom, now=start)
        answered(pupil, study_facts["fighters"], [Rating.GOOD, Rating.AGAIN], start=start)
    recall = results.class_recall(assignment, [study_facts["fighters"]], now=timezone.now())
    assert recall["fighters"].mean == 0.0 and recall["fighters"].n == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"), [("en", "Missed at your last answer"), ("ar", "أخطأت فيها")]
)
def test_the_weakest_facts_say_a_fact_was_missed_rather_than_0_percent(
    client, learner, study_facts, lang, words
):
    answered(learner, study_facts["fighters"], [Rating.AGAIN], start=timezone.now())
    client.force_login(learner.user)
    page = client.get(f"/{lang}/progress/").content.decode()
    assert words in page
