"""The study pages' database queries per request: a fixed number, whatever the question kind.

Counted as django_assert_max_num_queries counts them: the session and user reads of every
signed-in request, BEGIN and COMMIT included. Issue 15 asks for a next-question GET in at most
8 queries and an answer POST in at most 7; these pin what the pages take now, so that no change
adds a query unnoticed.
"""

import random

import pytest
from django.db import connection

from learning import study
from learning.core import questions
from learning.core.questions import QuestionKind
from learning.models import AskedQuestion

HTMX = {"HX-Request": "true"}
# The fact each kind is asked about in these tests.
SLUGS = {
    QuestionKind.MCQ: "fighters",
    QuestionKind.TRUEFALSE: "origin",
    QuestionKind.ORDERING: "event-1",
    QuestionKind.FLASHCARD: "fighters",
}
# session, the question (with its session, learner, user, card, fact and the fact base stamp:
# the user's row read with it is checked as django.contrib.auth checks it), the progress's
# workload, the latest answer (for Undo)
QUESTION_GET = 4
# session, the question (with its user and card); BEGIN, the claim, the card's update, the
# review, COMMIT; the progress's workload. The session's lock is taken only where the database
# locks rows (SQLite's write lock, taken at BEGIN, serves).
ANSWER_POST = 8
# An ordering question also reads its other events' cards, updates each (here: the events are
# new to the learner but one, so context only) and its feedback reads their due dates.
ANSWER_POST_ORDERING = ANSWER_POST + 2
# session, the session (with its learner, user, assignment and the stamp), its questions, the
# learner's cards (the pick and the progress's workload from them); the new card, the question
# (one guarded INSERT: no transaction). The latest answer, for Undo, is among the questions.
NEXT_GET = 6
# Where the database locks rows (PostgreSQL), the writes lock the session's row first (SQLite's
# write lock, taken at BEGIN, serves): one query more to an answer; and the next question's
# INSERTs go inside a transaction holding that lock (BEGIN, the lock, COMMIT).
ANSWER_LOCKS = 1
NEXT_LOCKS = 3


def with_locks(count: int, locks: int) -> int:
    return count + locks if connection.features.has_select_for_update else count


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner.user)
    return client


def right_answer(client, asked: AskedQuestion) -> dict[str, object]:
    question = study.stored_question(asked)
    if question.kind == QuestionKind.FLASHCARD:
        client.post(f"/en/study/questions/{asked.pk}/reveal/")
        return {"rating": "3"}
    if question.kind == QuestionKind.ORDERING:
        return {"order": [str(i) for i in question.answer]}
    return {"choice": str(question.answer)}


@pytest.fixture
def asked_of_kind(study_facts, ask):
    pool = study.fact_pool()  # built before counting, as a running process has it

    def build(kind: QuestionKind) -> AskedQuestion:
        question = questions.make_question(kind, pool[SLUGS[kind]], pool, random.Random(3))
        return ask(question)

    return build


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(QuestionKind))
def test_a_question_get_takes_a_fixed_number_of_queries(
    signed_in, asked_of_kind, kind, django_assert_max_num_queries
):
    asked = asked_of_kind(kind)
    with django_assert_max_num_queries(QUESTION_GET):
        response = signed_in.get(f"/en/study/questions/{asked.pk}/")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(QuestionKind))
def test_an_answer_post_takes_a_fixed_number_of_queries(
    signed_in, asked_of_kind, kind, django_assert_max_num_queries
):
    asked = asked_of_kind(kind)
    data = right_answer(signed_in, asked)
    limit = ANSWER_POST_ORDERING if kind == QuestionKind.ORDERING else ANSWER_POST
    with django_assert_max_num_queries(with_locks(limit, ANSWER_LOCKS)):
        response = signed_in.post(f"/en/study/questions/{asked.pk}/answer/", data, headers=HTMX)
    assert response.status_code == 200
    asked.refresh_from_db()
    assert asked.is_answered


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(QuestionKind))
def test_a_replayed_answer_reads_and_writes_nothing_more(
    signed_in, asked_of_kind, kind, django_assert_num_queries
):
    """A replay finds the answer recorded: no transaction, so no write lock on SQLite."""
    asked = asked_of_kind(kind)
    data = right_answer(signed_in, asked)
    url = f"/en/study/questions/{asked.pk}/answer/"
    signed_in.post(url, data, headers=HTMX)
    # An ordering question's feedback reads when each event's card comes back.
    limit = QUESTION_GET + (kind == QuestionKind.ORDERING)
    with django_assert_num_queries(limit) as captured:
        response = signed_in.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert not any(q["sql"].startswith("BEGIN") for q in captured.captured_queries)


# Outside a test transaction, as a request runs: inside one, the next question's INSERT would
# take a savepoint (two more queries) that a request does not.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", list(QuestionKind))
def test_the_next_question_takes_a_fixed_number_of_queries(
    signed_in, asked_of_kind, kind, django_assert_max_num_queries
):
    asked = asked_of_kind(kind)
    signed_in.post(
        f"/en/study/questions/{asked.pk}/answer/",
        right_answer(signed_in, asked),
        headers=HTMX,
    )
    with django_assert_max_num_queries(with_locks(NEXT_GET, NEXT_LOCKS)):
        response = signed_in.get(f"/en/study/sessions/{asked.session_id}/", headers=HTMX)
    assert response.status_code == 200
    assert asked.session.questions.count() == 2


@pytest.mark.django_db
def test_a_question_already_waiting_is_shown_without_a_transaction(
    signed_in, asked_of_kind, django_assert_max_num_queries
):
    """The session GET with a question waiting takes no write lock (SQLite's IMMEDIATE
    transactions take it at BEGIN): any number of tabs can show it at once. It reads the
    session's questions, and finds the latest answer (for Undo) among them."""
    asked = asked_of_kind(QuestionKind.MCQ)
    with django_assert_max_num_queries(QUESTION_GET) as captured:
        response = signed_in.get(f"/en/study/sessions/{asked.session_id}/")
    assert response.status_code == 200
    assert f"/study/questions/{asked.pk}/answer/" in response.content.decode()
    assert not any(q["sql"].startswith("BEGIN") for q in captured.captured_queries)
