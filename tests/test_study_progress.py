"""How far along a session is (learning/study/progress.py): what "Question 4 of N" counts."""

import datetime as dt

import pytest

from learning import study, teaching
from learning.core.scheduling import Rating, State
from learning.models import Card, Fact

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def answer(asked, *, right, now=NOW):
    question = study.stored_question(asked)
    if asked.kind == "flashcard":
        study.reveal(asked, now=now)
        return study.answer(asked, response=int(Rating.GOOD if right else Rating.AGAIN), now=now)
    if asked.kind == "ordering":
        order = list(question.answer)
        return study.answer(asked, response=order if right else order[::-1], now=now)
    wrong = next(i for i in range(question.choice_count) if i != question.answer)
    return study.answer(asked, response=question.answer if right else wrong, now=now)


@pytest.mark.django_db
def test_a_study_session_counts_what_it_could_still_ask_now(learner, study_facts):
    learner.new_per_day = 3
    learner.save()
    session = study.start_session(learner=learner, now=NOW)
    first = study.current_question(session, now=NOW)
    assert study.progress(first, now=NOW) == study.Progress(1, 3, exact=False)
    answer(first, right=True)
    second = study.current_question(session, now=NOW)
    assert study.progress(second, now=NOW).number == 2


@pytest.mark.django_db
def test_a_fact_forgotten_in_a_study_session_comes_back_and_counts_again(learner, study_facts):
    learner.new_per_day = 1
    learner.save()
    session = study.start_session(learner=learner, now=NOW)
    only = study.current_question(session, now=NOW)
    assert study.progress(only, now=NOW).total == 1
    answer(only, right=False)
    assert study.progress(only, now=NOW) == study.Progress(1, 2, exact=False)


@pytest.mark.django_db
def test_a_study_session_never_counts_past_its_size(learner, study_facts):
    for fact in Fact.objects.all():
        Card.objects.create(
            learner=learner,
            fact=fact,
            due=NOW - dt.timedelta(days=1),
            created_at=NOW - dt.timedelta(days=9),
            state=State.REVIEW,
            step=None,
            stability=3.0,
            difficulty=5.0,
            last_review=NOW - dt.timedelta(days=4),
        )
    session = study.start_session(learner=learner, now=NOW)
    session.size = 5
    session.save()
    asked = study.current_question(session, now=NOW)
    assert Fact.objects.count() > 5
    assert study.progress(asked, now=NOW) == study.Progress(1, 5, exact=False)
    # The fifth is the last whatever comes due: "Question 5 of 5", not "of about 5".
    for _ in range(4):
        answer(asked, right=True)
        asked = study.current_question(session, now=NOW)
    assert study.progress(asked, now=NOW) == study.Progress(5, 5, exact=True)


@pytest.mark.django_db
def test_practice_counts_the_topics_facts_up_to_its_size(learner, study_facts, topic):
    session = study.start_session(learner=learner, now=NOW, topic=topic, practice=True)
    asked = study.current_question(session, now=NOW)
    facts = Fact.objects.filter(topic=topic).count()
    assert study.progress(asked, now=NOW) == study.Progress(
        1, min(study.PRACTICE_SIZE, facts), exact=True
    )


@pytest.mark.django_db
def test_an_assignment_counts_its_questions(learner, classroom, make_assignment):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    assignment = make_assignment(question_count=3)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    asked = study.current_question(session, now=NOW)
    assert study.progress(asked, now=NOW) == study.Progress(1, 3, exact=True)
    assert study.progress(asked, now=NOW).percent == 33
