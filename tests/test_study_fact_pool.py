"""The fact pool (learning.study.fact_pool): built once per process, rebuilt when the fact base
changes, whichever process changed it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import study
from learning.models import AskedQuestion, Fact, FactBaseStamp


def pool_queries(captured: CaptureQueriesContext) -> int:
    """How many of the captured queries read the whole fact base, as building the pool does."""
    everything = str(Fact.objects.with_source().query)
    return sum(1 for q in captured.captured_queries if q["sql"] == everything)


@pytest.mark.django_db
def test_the_pool_is_reused_while_the_fact_base_is_unchanged(
    study_facts, django_assert_num_queries
):
    first = study.fact_pool()
    with django_assert_num_queries(1):  # the stamp, nothing else
        again = study.fact_pool()
    assert again is first


@pytest.mark.django_db
def test_the_pool_is_built_at_the_first_need(study_facts):
    with CaptureQueriesContext(connection) as captured:
        pool = study.fact_pool()
    assert pool_queries(captured) == 1
    assert set(pool) == {f.slug for f in study_facts.values()}


@pytest.mark.django_db
def test_a_stamp_bumped_elsewhere_makes_this_process_rebuild(study_facts):
    """Another worker's load_facts changes a fact and bumps the stamp in the shared database:
    this process must not go on asking from its old copy."""
    before = study.fact_pool()
    Fact.objects.filter(slug="fighters").update(stem_en="How far did foreign fighters fall?")
    assert study.fact_pool() is before  # nothing said the fact base changed
    FactBaseStamp.bump()
    after = study.fact_pool()
    assert after is not before
    assert after["fighters"].stem["en"] == "How far did foreign fighters fall?"
    assert study.fact_pool() is after


@pytest.mark.django_db
def test_the_stamp_counts_up_from_zero_and_survives_a_missing_row(db):
    assert FactBaseStamp.current() == 0
    FactBaseStamp.bump()
    FactBaseStamp.bump()
    assert FactBaseStamp.current() == 2
    FactBaseStamp.objects.all().delete()  # as a flushed test database has it
    FactBaseStamp.bump()
    assert FactBaseStamp.current() == 1


@pytest.mark.django_db
def test_next_questions_read_the_fact_base_once(client, learner, study_facts):
    learner.new_per_day = 50
    learner.save()
    client.force_login(learner.user)
    session_url = client.post("/en/study/start/")["Location"]
    read, asked = 0, set()
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(session_url, headers={"HX-Request": "true"}).content.decode()
        read += pool_queries(captured)
        pk = int(re.search(r"/study/questions/(\d+)/", page).group(1))
        asked.add(pk)
        answer(client, AskedQuestion.objects.get(pk=pk))
    assert len(asked) == 3  # three new questions, each made from the pool
    assert read == 1


def answer(client, asked):
    """Answer the question right (a flashcard: turn it over, then Good)."""
    question = study.stored_question(asked)
    if question.kind == "flashcard":
        client.post(f"/en/study/questions/{asked.pk}/reveal/")
        data = {"rating": "3"}
    elif question.kind == "ordering":
        data = {"order": [str(i) for i in question.answer]}
    else:
        data = {"choice": str(question.answer)}
    response = client.post(f"/en/study/questions/{asked.pk}/answer/", data)
    assert response.status_code == 302
