"""The study card's view-model (learning/presenters.py): what it shows in each state."""

import datetime as dt
import random

import pytest
from django.utils import translation

from learning import presenters, study
from learning.core import questions
from learning.core.scheduling import Rating
from learning.models import Card, Fact
from learning.presenters import Arrangement

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def pool(study_facts):
    return study.fact_pool()


def card(asked, **kwargs):
    return presenters.study_card(asked, lang=kwargs.pop("lang", "en"), now=NOW, **kwargs)


@pytest.mark.parametrize(("active", "lang"), [("ar", "ar"), ("en", "en"), ("en-gb", "en")])
def test_content_follows_the_interface_language(active, lang):
    with translation.override(active):
        assert presenters.content_language() == lang


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_unanswered_question_shows_its_options_and_no_verdict(pool, ask, lang):
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question, now=NOW)
    context = card(asked, lang=lang)
    assert context["rendered"] == questions.render(question, pool, lang)
    assert "feedback" not in context and "ended" not in context


@pytest.mark.django_db
def test_an_answered_choice_marks_the_learners_option_and_the_right_one(pool, ask):
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question, now=NOW)
    wrong = (question.answer + 1) % 4
    study.answer(asked, response=wrong, now=NOW)
    options = card(asked)["feedback"]["options"]
    assert [o["chosen"] for o in options] == [i == wrong for i in range(4)]
    assert [o["right"] for o in options] == [i == question.answer for i in range(4)]
    assert card(asked)["feedback"]["correct"] is False


@pytest.mark.django_db
def test_an_answered_ordering_places_each_event_and_counts_the_score(pool, ask):
    question = questions.make_ordering(pool, random.Random(2), size=5)
    asked = ask(question, now=NOW)
    order = list(question.answer)
    order[0], order[1] = order[1], order[0]
    study.answer(asked, response=order, now=NOW)
    feedback = card(asked)["feedback"]
    assert [p["belongs"] for p in feedback["placed"]] == [2, 1, 3, 4, 5]
    # The two swapped events are each on the wrong side of the other; the other three count.
    assert (feedback["right_count"], feedback["total"]) == (3, 5)
    assert [p["right"] for p in feedback["placed"]] == [False, False, True, True, True]


@pytest.mark.django_db
def test_an_answered_ordering_says_when_each_of_its_events_comes_back(pool, ask, learner):
    """Bug: it said "Next review of this fact" and gave one date, for a question that reviews
    the fact of every event. An event whose fact the learner has not met has no review."""
    question = questions.make_ordering(pool, random.Random(2), size=4)
    asked = ask(question, now=NOW)
    met = question.facts[:3]  # the first comes with the question; two more met before
    for slug in met[1:]:
        Card.new(learner=learner, fact=Fact.objects.get(slug=slug), now=NOW).save()
    study.answer(asked, response=list(question.answer), now=NOW)
    context = card(asked)
    rendered = questions.render(question, pool, "en")
    due = dict(Card.objects.filter(learner=learner).values_list("fact__slug", "due"))
    earliest_first = [i for i in question.answer if question.facts[i] in met]
    assert context["next_reviews"] == [
        {"label": rendered.options[i], "due": due[question.facts[i]]} for i in earliest_first
    ]
    assert "next_due" not in context


@pytest.mark.django_db
def test_practice_ordering_promises_no_next_review(pool, ask):
    question = questions.make_ordering(pool, random.Random(2), size=4)
    asked = ask(question, mode="practice", now=NOW)
    study.answer(asked, response=list(question.answer), now=NOW)
    assert card(asked)["next_reviews"] == []


@pytest.mark.django_db
def test_an_ordering_follows_the_learners_arrangement_and_focuses_the_moved_event(pool, ask):
    asked = ask(questions.make_ordering(pool, random.Random(2), size=4), now=NOW)
    events = card(asked, arrangement=Arrangement((1, 0, 2, 3), moved="1", toward="up"))["events"]
    assert [e["index"] for e in events] == [1, 0, 2, 3]
    assert [e["position"] for e in events] == [1, 2, 3, 4]
    # At the top the Earlier button can do no more: focus goes to Later.
    assert [e["focus"] for e in events] == ["down", "", "", ""]


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(0, 1), (0, 0, 1, 2), (3, 2, 1, 7)])
def test_an_arrangement_that_is_not_every_event_once_shows_the_order_given(pool, ask, order):
    asked = ask(questions.make_ordering(pool, random.Random(2), size=4), now=NOW)
    events = card(asked, arrangement=Arrangement(order))["events"]
    assert [e["index"] for e in events] == [0, 1, 2, 3]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "labels"),
    [("en", ["Again", "Hard", "Good", "Easy"]), ("ar", ["مرة أخرى", "صعب", "جيد", "سهل"])],
)
def test_a_turned_flashcard_offers_four_ratings_with_when_the_card_comes_back(
    pool, ask, lang, labels
):
    asked = ask(questions.make_flashcard(pool["palmyra"]), now=NOW)
    study.reveal(asked, now=NOW)
    with translation.override(lang):
        buttons = card(asked, lang=lang)["rating_buttons"]
    assert [b["value"] for b in buttons] == [int(r) for r in Rating]
    assert [b["label"] for b in buttons] == labels
    dues = [b["due"] for b in buttons]
    assert all(due > NOW for due in dues)
    assert dues == sorted(dues)


@pytest.mark.django_db
def test_practice_shows_no_return_date_on_the_ratings(pool, ask):
    """Practice moves no schedule, so no button may promise a date."""
    asked = ask(questions.make_flashcard(pool["palmyra"]), mode="practice", now=NOW)
    study.reveal(asked, now=NOW)
    assert [b["due"] for b in card(asked)["rating_buttons"]] == [None] * 4


@pytest.mark.django_db
def test_a_rated_flashcard_says_how_it_was_rated(pool, ask):
    asked = ask(questions.make_flashcard(pool["palmyra"]), now=NOW)
    study.reveal(asked, now=NOW)
    study.answer(asked, response=int(Rating.HARD), now=NOW)
    with translation.override("en"):
        feedback = card(asked)["feedback"]
    assert (feedback["rating"], feedback["rating_label"]) == (Rating.HARD, "Hard")


@pytest.mark.django_db
def test_a_question_left_in_an_ended_session_says_so(pool, ask):
    asked = ask(questions.make_mcq(pool["fighters"], pool, random.Random(11)), now=NOW)
    asked.session.finished_at = NOW
    asked.session.save()
    context = card(asked)
    assert context["ended"] is True
    assert "feedback" not in context
