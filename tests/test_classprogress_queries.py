"""learning.classprogress against the database: the recall it reads from the last review's
seconds is fsrs's own, on SQLite and on PostgreSQL alike."""

import datetime as dt

import pytest

from learning import classprogress, teaching
from learning.core import scheduling
from learning.core.scheduling import State
from learning.models import Card

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
AGO = [
    dt.timedelta(0),
    dt.timedelta(hours=23, minutes=59),  # still day 0: nothing forgotten yet
    dt.timedelta(days=1, minutes=1),
    dt.timedelta(days=9, hours=23),
    dt.timedelta(days=45, seconds=1),
    -dt.timedelta(hours=2),  # a review stamped after now (clock skew) is day 0
]


@pytest.mark.django_db
def test_the_class_view_reads_fsrs_own_recall_of_each_card(classroom, member_with_cards):
    learner, cards = member_with_cards
    figures = classprogress.class_progress(classroom, now=NOW, rtl=False)
    [row] = figures.rows
    [cell] = row.cells
    expected = sum(scheduling.retrievability(card.memory(), now=NOW) for card in cards)
    assert cell.counts.known == pytest.approx(expected, rel=1e-9)
    assert cell.counts.learning + cell.counts.mastered == len(AGO)
    # The learner's own topic page reads the same figures from the datetimes themselves.
    view = classprogress.learner_topic(classroom, learner_pk=learner.pk, topic=cell.topic, now=NOW)
    assert view is not None
    assert view.counts == cell.counts


@pytest.fixture
def member_with_cards(classroom, make_learner, study_facts):
    learner = make_learner("rana")
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    cards = [
        Card.objects.create(
            learner=learner,
            fact=fact,
            due=NOW + dt.timedelta(days=3),
            stability=4.0 + n,
            difficulty=5.0,
            state=State.REVIEW,
            step=None,
            last_review=NOW - ago,
            reps=1,
            created_at=NOW - dt.timedelta(days=60),
        )
        for n, (ago, fact) in enumerate(zip(AGO, study_facts.values(), strict=False))
    ]
    return learner, cards
