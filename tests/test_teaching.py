"""The teacher side's writes, and an assignment taken through the study flow."""

import datetime as dt

import pytest

from learning import study, teaching
from learning.core import joincodes
from learning.models import AskedQuestion, Card, Classroom, Membership, Review, StudySession

NOW = dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC)


def test_a_class_gets_a_well_formed_unique_code(teacher):
    codes = {teaching.create_class(teacher=teacher, name=f"c{n}", now=NOW).code for n in range(20)}
    assert len(codes) == 20
    assert all(joincodes.is_well_formed(code) for code in codes)


def test_only_a_teacher_creates_a_class(learner):
    with pytest.raises(teaching.TeachingError):
        teaching.create_class(teacher=learner, name="x", now=NOW)
    assert not Classroom.objects.exists()


def test_a_code_is_found_in_any_case_with_or_without_its_dash(classroom):
    typed = joincodes.display(classroom.code).lower()
    assert teaching.find_class(typed) == classroom


def test_a_wrong_code_and_a_malformed_one_get_the_same_message(classroom):
    messages = set()
    for typed in ("ZZZZZZZZ", "0000", ""):
        with pytest.raises(teaching.TeachingError) as error:
            teaching.find_class(typed)
        messages.add(str(error.value))
    assert messages == {teaching.wrong_code_message()}


def test_joining_twice_changes_nothing(classroom, learner):
    assert teaching.join(learner=learner, classroom=classroom, now=NOW) is True
    assert (
        teaching.join(learner=learner, classroom=classroom, now=NOW + dt.timedelta(days=1)) is False
    )
    membership = Membership.objects.get()
    assert membership.joined_at == NOW


def test_a_new_code_replaces_the_old_and_keeps_the_members(classroom, learner):
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    old = classroom.code
    teaching.regenerate_code(classroom=classroom)
    assert classroom.code != old
    with pytest.raises(teaching.TeachingError):
        teaching.find_class(old)
    assert Membership.objects.filter(classroom=classroom, learner=learner).exists()


def test_leaving_and_removal_end_the_membership(classroom, learner, make_learner):
    other = make_learner("omar")
    for who in (learner, other):
        teaching.join(learner=who, classroom=classroom, now=NOW)
    teaching.leave(learner=learner, classroom=classroom)
    teaching.remove_member(classroom=classroom, learner=other)
    assert not Membership.objects.exists()


def test_an_assignment_asks_the_same_facts_of_everyone_in_their_own_kinds(
    make_assignment, classroom, make_learner
):
    assignment = make_assignment(question_count=4, kinds=["mcq", "truefalse"])
    item_slugs = list(assignment.items.values_list("fact__slug", flat=True))
    assert len(item_slugs) == 4
    asked = {}
    for seed, name in enumerate(("a", "b", "c", "d")):
        who = make_learner(name)
        teaching.join(learner=who, classroom=classroom, now=NOW)
        session = teaching.start_attempt(learner=who, assignment=assignment, now=NOW)
        session.seed = seed  # each learner's own seed, fixed so the test is the same every run
        session.save(update_fields=["seed"])
        questions = []
        while (question := study.current_question(session, now=NOW)) is not None:
            study.answer(question, response=0, now=NOW)
            questions.append(question)
        asked[name] = questions
    for questions in asked.values():
        assert sorted(q.fact.slug for q in questions) == sorted(item_slugs)
        assert {q.kind for q in questions} <= {"mcq", "truefalse"}
    # Their own seeds: not every learner gets the same kinds and option orders, nor the facts
    # in the same order.
    assert len({tuple(str(q.payload) for q in qs) for qs in asked.values()}) > 1
    assert len({tuple(q.fact.slug for q in qs) for qs in asked.values()}) > 1


def test_an_attempt_whose_order_changes_midway_asks_each_fact_once(
    make_assignment, classroom, learner
):
    """An attempt begun before the facts were shuffled (or with another seed) goes on with the
    facts not asked yet: none twice, none left out."""
    assignment = make_assignment(question_count=4)
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    first = study.current_question(session, now=NOW)
    study.answer(first, response=0, now=NOW)
    session.seed += 1
    session.save(update_fields=["seed"])
    asked = [first.fact.slug]
    while (question := study.current_question(session, now=NOW)) is not None:
        study.answer(question, response=0, now=NOW)
        asked.append(question.fact.slug)
    assert sorted(asked) == sorted(assignment.items.values_list("fact__slug", flat=True))


def test_every_answer_in_an_assignment_reviews_the_learners_card(
    make_assignment, classroom, learner
):
    assignment = make_assignment(question_count=2)
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    question = study.current_question(session, now=NOW)
    study.answer(question, response=0, now=NOW)
    card = Card.objects.get(learner=learner, fact=question.fact)
    assert card.reps == 1
    assert Review.objects.filter(card=card, question=question).exists()


def test_an_attempt_is_resumed_not_restarted(make_assignment, classroom, learner):
    assignment = make_assignment()
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    first = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    study.answer(study.current_question(first, now=NOW), response=0, now=NOW)
    again = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    assert again == first
    assert again.questions.filter(answered_at__isnull=False).count() == 1


def test_starting_a_study_session_leaves_the_assignment_open(make_assignment, classroom, learner):
    assignment = make_assignment()
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    attempt = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    study.start_session(learner=learner, now=NOW)
    attempt.refresh_from_db()
    assert attempt.finished_at is None


def test_answering_every_question_does_not_submit(make_assignment, classroom, learner):
    assignment = make_assignment(question_count=2)
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    while (question := study.current_question(session, now=NOW)) is not None:
        study.answer(question, response=0, now=NOW)
    session.refresh_from_db()
    assert session.finished_at is None


def test_no_answer_is_taken_after_submitting(make_assignment, classroom, learner):
    assignment = make_assignment()
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    question = study.current_question(session, now=NOW)
    teaching.submit(learner=learner, assignment=assignment, now=NOW)
    with pytest.raises(study.StudyError):
        study.answer(question, response=0, now=NOW)
    assert study.current_question(session, now=NOW) is None
    assert not AskedQuestion.objects.filter(answered_at__isnull=False).exists()


def test_no_answer_is_taken_before_the_assignment_opens(make_assignment, classroom, learner):
    opens = NOW + dt.timedelta(days=1)
    assignment = make_assignment(opens_at=opens, due_at=opens + dt.timedelta(days=7))
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    with pytest.raises(teaching.TeachingError):
        teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    # Even with an attempt made (e.g. the opening date was moved later), nothing is answered.
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=opens)
    question = study.current_question(session, now=opens)
    with pytest.raises(study.StudyError):
        study.answer(question, response=0, now=NOW)
    with pytest.raises(study.StudyError):
        study.current_question(session, now=NOW)


def test_no_answer_is_taken_from_a_learner_not_in_the_class(make_assignment, classroom, learner):
    assignment = make_assignment()
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    question = study.current_question(session, now=NOW)
    teaching.leave(learner=learner, classroom=classroom)
    with pytest.raises(study.StudyError):
        study.answer(question, response=0, now=NOW)
    assert not StudySession.objects.filter(questions__answered_at__isnull=False).exists()


def test_submitting_twice_keeps_the_first_time(make_assignment, classroom, learner):
    assignment = make_assignment()
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    first = teaching.submit(learner=learner, assignment=assignment, now=NOW)
    later = teaching.submit(learner=learner, assignment=assignment, now=NOW + dt.timedelta(hours=1))
    assert later.finished_at == first.finished_at == NOW


def test_more_questions_than_facts_is_refused(classroom, study_facts):
    with pytest.raises(teaching.TeachingError):
        teaching.create_assignment(
            classroom=classroom,
            title="t",
            facts=[study_facts["origin"]],
            kinds=["mcq"],
            question_count=2,
            opens_at=NOW,
            due_at=NOW + dt.timedelta(days=1),
            feedback="immediate",
            now=NOW,
        )


def test_an_assignment_asks_only_the_kinds_it_allows(
    make_assignment, classroom, learner, study_facts
):
    events = [study_facts[f"event-{n}"] for n in range(5)]
    assignment = make_assignment(facts=events, kinds=["ordering"], question_count=3)
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    kinds = set()
    while (question := study.current_question(session, now=NOW)) is not None:
        kinds.add(question.kind)
        study.answer(question, response=question.payload["answer"], now=NOW)
    assert kinds == {"ordering"}


def test_a_fact_no_allowed_kind_can_ask_is_asked_in_another_kind(
    make_assignment, classroom, learner, study_facts
):
    assignment = make_assignment(
        facts=[study_facts["origin"]], kinds=["ordering"], question_count=1
    )
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    session = teaching.start_attempt(learner=learner, assignment=assignment, now=NOW)
    question = study.current_question(session, now=NOW)
    assert question.fact.slug == "origin"
    assert question.kind != "ordering"
