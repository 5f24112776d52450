"""Two app servers on one PostgreSQL, as docs/deploy.md describes scaling out: two gunicorn
instances (quizsite/gunicorn.conf.py, production settings, one SECRET_KEY) on two ports. A
learner logs in on one, starts a session and answers; on the other, the same cookie is signed
in, the session goes on at the next question and the answer given there is counted once; the
first server then sees it. Runs under `make test-pg`; on SQLite there is no second server to
share the database with (a SQLite file belongs to one machine)."""

import random
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from learning.models import AskedQuestion, Learner, Review
from tests.servers import gunicorn, prepare, production_env
from tests.test_concurrency import Browser, Traffic, answer_fields, connected, own_database

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (run `make test-pg`): two app servers share one database server",
)

PASSWORD = "a-long-enough-passphrase-42"


def progress_number(body: str) -> int:
    found = re.search(r"Question (\d+) of", body)
    assert found, "no session progress on the page"
    return int(found[1])


def answer_current_question(browser: Browser, session: str) -> int:
    """Answer the question the session shows (turning a flashcard first); its pk."""
    page = browser.get(session)
    assert page.status == 200, page.status
    if reveal := re.search(r'action="(/en/study/questions/(\d+)/reveal/)"', page.body):
        assert browser.post(reveal[1], page, []).status == 302
        page = browser.get(f"/en/study/questions/{reveal[2]}/")
    form = re.search(r'action="(/en/study/questions/(\d+)/answer/)"', page.body)
    assert form, f"no question on {session}"
    reply = browser.post(form[1], page, answer_fields(page, random.Random(int(form[2]))))
    assert reply.status == 302, reply.status
    return int(form[2])


def test_a_learner_answers_on_one_server_and_goes_on_on_another(tmp_path, django_db_blocker):
    with own_database(tmp_path) as database:
        env = production_env(tmp_path, WEB_CONCURRENCY="1", **database.env)
        register = (
            "from django.contrib.auth.models import User; from django.utils import timezone; "
            "from learning import learners; "
            f"user = User.objects.create_user('layla', password={PASSWORD!r}); "
            "learners.register(user=user, now=timezone.now())"
        )
        prepare(env, facts=True, then=register)
        with (
            gunicorn(env, tmp_path / "one.log") as one,
            gunicorn(env, tmp_path / "two.log") as two,
        ):
            assert one != two
            on_one = Browser(one, Traffic())
            login = on_one.get("/en/accounts/login/")
            fields = [("username", "layla"), ("password", PASSWORD)]
            assert on_one.post("/en/accounts/login/", login, fields).status == 302
            started = on_one.post("/en/study/start/", on_one.get("/en/study/"), [])
            assert started.status == 302
            session = started.location
            first = answer_current_question(on_one, session)

            # The same browser (its cookies: session and CSRF) now talks to the other server.
            on_two = Browser(two, Traffic())
            on_two.opener = on_one.opener
            page = on_two.get(session)
            assert page.status == 200, "the session cookie is not valid on the second server"
            assert progress_number(page.body) == 2
            second = answer_current_question(on_two, session)
            assert second != first

            # The first server sees the answer given on the second.
            page = on_one.get(session)
            assert page.status == 200
            assert progress_number(page.body) == 3
            answered = on_one.get(f"/en/study/questions/{second}/")
            assert f"/en/study/questions/{second}/answer/" not in answered.body

        with connected(database, django_db_blocker) as alias:
            learner = Learner.objects.using(alias).get(user__username="layla")
            asked = AskedQuestion.objects.using(alias).filter(learner=learner)
            answered_ids = set(asked.filter(answered_at__isnull=False).values_list("pk", flat=True))
            reviews = Review.objects.using(alias).filter(question_id__in=[first, second])
            per_question = sorted(reviews.values_list("question_id", flat=True).distinct())
            users = User.objects.using(alias).count()

    assert answered_ids == {first, second}
    assert per_question == sorted([first, second])
    assert users == 1
