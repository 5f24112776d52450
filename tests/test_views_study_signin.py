"""The study pages read the signed-in user's row with the question or session they show, and
check it as django.contrib.auth checks a session (learning/views/study.py, signed_in_as): a
session Django would not sign in gets nothing more from them than from Django."""

import random

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User

from learning import study
from learning.core import questions
from learning.models import Learner


@pytest.fixture
def asked(learner, study_facts, ask):
    pool = study.fact_pool()
    return ask(questions.make_mcq(pool["fighters"], pool, random.Random(3)))


def pages(asked):
    return [f"/en/study/questions/{asked.pk}/", f"/en/study/sessions/{asked.session_id}/"]


@pytest.mark.django_db
def test_the_learner_signed_in_sees_their_question_and_session(client, learner, asked):
    client.force_login(learner.user)
    for url in pages(asked):
        response = client.get(url)
        assert response.status_code == 200
        assert response.wsgi_request.user == learner.user


@pytest.mark.django_db
def test_another_learner_gets_a_404(client, asked, make_learner):
    other = make_learner("sami")
    client.force_login(other.user)
    for url in pages(asked):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_visitor_gets_a_404(client, asked):
    for url in pages(asked):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_session_from_before_the_password_changed_gets_a_404_and_is_signed_out(
    client, learner, asked
):
    client.force_login(learner.user)
    user = User.objects.get(pk=learner.user_id)
    user.set_password("another-long-enough-passphrase-7")
    user.save()
    response = client.get(pages(asked)[0])
    assert response.status_code == 404
    assert SESSION_KEY not in client.session, "Django flushes a session it rejects"


@pytest.mark.django_db
def test_a_deactivated_users_session_gets_a_404(client, learner, asked):
    client.force_login(learner.user)
    User.objects.filter(pk=learner.user_id).update(is_active=False)
    for url in pages(asked):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_an_answer_post_is_refused_for_a_session_django_would_reject(client, learner, asked):
    client.force_login(learner.user)
    User.objects.filter(pk=learner.user_id).update(is_active=False)
    question = study.stored_question(asked)
    response = client.post(
        f"/en/study/questions/{asked.pk}/answer/", {"choice": str(question.answer)}
    )
    assert response.status_code == 404
    asked.refresh_from_db()
    assert not asked.is_answered
    assert (
        Learner.objects.get(pk=learner.pk).questions.filter(answered_at__isnull=False).count() == 0
    )
