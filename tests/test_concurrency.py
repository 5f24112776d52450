"""Many learners at once under gunicorn: every answer counted once, on SQLite and on PostgreSQL.

The app runs under gunicorn as `make serve` starts it (tests/servers.py: production settings,
3 workers, 127.0.0.1) against a database of its own, migrated and loaded for this test and
committed, as a deployment's is: a SQLite file, or a fresh database on the PostgreSQL server of
DATABASE_URL (`make test-pg`). Twenty learners, each with its own cookies, sign up as guests
with the real "Start studying" form and study at the same time over real HTTP. One answer in
ten is sent twice at the same moment (a double click, two tabs), its question loaded and its
flashcard turned in two tabs at once too, and every learner posts "Start a study session"
twice at once. Then the stored rows must tell the same story as the responses: each
acknowledged answer recorded once, nothing recorded that was not acknowledged, one open
session per learner, and each card where its reviews put it.

Under PostgreSQL's READ COMMITTED, a claim that re-checked only its own row let both copies of
a double answer through (two reviews, the card moved twice), and two "start" posts left two
sessions open; SQLite, which runs one writer at a time, never showed it.
"""

from __future__ import annotations

import contextlib
import copy
import http.cookiejar
import os
import random
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connections

from learning.core import scheduling
from learning.core.scheduling import Rating, State
from learning.models import AskedQuestion, Card, Learner, Review, StudySession
from tests import servers
from tests.servers import gunicorn, production_env

LEARNERS = 20
ANSWERS = 8  # per learner: 160 answers, 16 of them sent twice
START_AGAIN_AFTER = 3  # answers before each learner posts "start" twice at once
WORKERS = 3
TIMEOUT = 20  # seconds, for any one request and each thread
ALIAS = "concurrency"


# --- the database the server uses ------------------------------------------------------------


@dataclass
class Database:
    env: dict[str, str]  # what the server's environment says about it
    config: dict  # the same, as a Django DATABASES entry for this process


@contextlib.contextmanager
def own_database(tmp_path: Path) -> Iterator[Database]:
    """A database for the server alone: a SQLite file, or a new database on the PostgreSQL
    server the suite runs on (pytest-django's test database lives inside a transaction the
    server's workers could never see)."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path / "db.sqlite3"
        config = copy.deepcopy(settings.SQLITE_DEFAULT)
        config["NAME"] = str(path)
        yield Database({"SQLITE_PATH": str(path), "DATABASE_URL": ""}, config)
        return
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"mudhakara_concurrency_{secrets.token_hex(4)}"
    server_url = urllib.parse.urlsplit(url)
    own_url = urllib.parse.urlunsplit(server_url._replace(path=f"/{name}"))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database({"DATABASE_URL": own_url}, dj_database_url.parse(own_url))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def connected(database: Database, django_db_blocker) -> Iterator[str]:
    """The server's database as a Django connection alias of this process, to read the rows."""
    both = connections.configure_settings(
        {"default": copy.deepcopy(settings.DATABASES["default"]), ALIAS: database.config}
    )
    connections.settings[ALIAS] = both[ALIAS]
    try:
        with django_db_blocker.unblock():
            yield ALIAS
    finally:
        if hasattr(connections._connections, ALIAS):
            connections[ALIAS].close()
            del connections[ALIAS]
        del connections.settings[ALIAS]


def server_env(database: Database, tmp: Path) -> dict[str, str]:
    """The server's environment: `make serve`'s (tests/servers.py) on this database, with
    WORKERS workers. Twenty guests from one address within seconds: above the per-client limit
    on new guests, which this test is not about (tests/test_security*.py are)."""
    return production_env(
        tmp,
        WEB_CONCURRENCY=str(WORKERS),
        GUEST_RATE="1000/m",
        SIGNUP_RATE="1000/m",
        **database.env,
    )


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the fact base and collect the static files, committed, in a process of
    its own."""
    servers.prepare(env, facts=True)


# --- the learners ----------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # every status is seen, the redirects included


@dataclass
class Reply:
    method: str
    path: str
    status: int
    location: str
    body: str


@dataclass
class Traffic:
    """Everything the learners sent and were told, shared by their threads."""

    replies: list[Reply] = field(default_factory=list)
    acknowledged: Counter[int] = field(default_factory=Counter)  # question pk -> answers acked
    doubled: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Browser:
    """One learner's browser: its own cookies, the CSRF token of the last page it read."""

    def __init__(self, base: str, traffic: Traffic) -> None:
        self.base, self.traffic = base, traffic
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, path: str) -> Reply:
        return self._send(path, None)

    def post(self, path: str, page: Reply, fields: list[tuple[str, str]]) -> Reply:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert token, f"no CSRF token on {page.path}"
        return self._send(path, [("csrfmiddlewaretoken", token[1]), *fields])

    def _send(self, path: str, fields: list[tuple[str, str]] | None) -> Reply:
        data = None if fields is None else urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data)
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        reply = Reply(
            "GET" if data is None else "POST",
            path,
            status,
            urllib.parse.urlsplit(headers.get("Location", "")).path,
            body.decode(),
        )
        with self.traffic.lock:
            self.traffic.replies.append(reply)
        return reply


def twice_at_once(call, *args) -> list:
    """`call(*args)` in two threads released together (a double click); both results."""
    barrier = threading.Barrier(2, timeout=TIMEOUT)
    results: list = [None, None]

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = call(*args)
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    for result in results:
        assert result is not None, "a concurrent request did not finish"
        if isinstance(result, Exception):
            raise result
    return results


def answer_fields(page: Reply, rng) -> list[tuple[str, str]]:
    """A valid answer to the question on the page (right or wrong, as a learner's would be)."""
    if orders := re.findall(r'name="order" value="(\d+)"', page.body):
        rng.shuffle(orders)
        return [("order", o) for o in orders]
    if ratings := re.findall(r'name="rating" value="(\d+)"', page.body):
        return [("rating", rng.choice(ratings))]
    choices = re.findall(r'name="choice" value="(\d+)"', page.body)
    assert choices, f"no answer form on {page.path}"
    return [("choice", rng.choice(choices))]


def study(base: str, number: int, traffic: Traffic) -> None:
    """One learner: start as a guest, answer, start again twice at once, answer on."""
    rng = random.Random(number)
    browser = Browser(base, traffic)
    home = browser.get("/en/study/")
    started = browser.post("/en/study/start/", home, [])
    assert started.status == 302, f"start: {started.status}"
    session = started.location
    for k in range(ANSWERS):
        if k == START_AGAIN_AFTER:
            home = browser.get("/en/study/")
            starts = twice_at_once(browser.post, "/en/study/start/", home, [])
            assert [s.status for s in starts] == [302, 302], [s.status for s in starts]
            home = browser.get("/en/study/")
            link = re.search(r'href="(/en/study/sessions/\d+/)"', home.body)
            assert link, "no open session offered after starting twice"
            session = link[1]
        doubled = (number + k) % 10 == 0
        # A doubled answer comes with its question loaded in two tabs at once (one request
        # makes question N, and maybe the card of a new fact), and a flashcard turned twice.
        pages = twice_at_once(browser.get, session) if doubled else [browser.get(session)]
        assert [p.status for p in pages] == [200] * len(pages), f"{session}"
        actions = {re.search(r'action="(/en/study/questions/\d+/\w+/)"', p.body)[1] for p in pages}
        assert len(actions) == 1, f"two tabs, two questions: {actions}"
        page = pages[0]
        if reveal := re.search(r'action="(/en/study/questions/(\d+)/reveal/)"', page.body):
            turned = (
                twice_at_once(browser.post, reveal[1], page, [])
                if doubled
                else [browser.post(reveal[1], page, [])]
            )
            assert [r.status for r in turned] == [302] * len(turned)
            page = browser.get(f"/en/study/questions/{reveal[2]}/")
        form = re.search(r'action="(/en/study/questions/(\d+)/answer/)"', page.body)
        assert form, f"no question on {session}"
        fields = answer_fields(page, rng)
        question = int(form[2])
        if doubled:
            with traffic.lock:
                traffic.doubled.add(question)
            replies = twice_at_once(browser.post, form[1], page, fields)
        else:
            replies = [browser.post(form[1], page, fields)]
        for reply in replies:
            assert reply.status == 302, f"answer to {question}: {reply.status}"
            with traffic.lock:
                traffic.acknowledged[question] += 1


def run_learners(base: str) -> Traffic:
    traffic = Traffic()

    def learner(number: int) -> None:
        try:
            study(base, number, traffic)
        except Exception as error:  # reported with the others below, not lost in a thread
            with traffic.lock:
                traffic.errors.append(f"learner {number}: {error!r}")

    threads = [threading.Thread(target=learner, args=(n,)) for n in range(LEARNERS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 120
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), "learners still studying after two minutes"
    return traffic


# --- what the rows must say ------------------------------------------------------------------


def replayed(card: Card, reviews: list[Review]) -> dict:
    """The card's columns as replaying its reviews from a new card gives them."""
    memory = scheduling.Memory.new(card_id=card.pk, now=card.created_at)
    lapses = 0
    for review in reviews:
        if not memory.is_new and memory.state == State.REVIEW and review.rating == Rating.AGAIN:
            lapses += 1
        memory = scheduling.review(
            memory,
            rating=Rating(review.rating),
            now=review.reviewed_at,
            desired_retention=review.retention,
        )
    return {
        "due": memory.due,
        "stability": memory.stability,
        "difficulty": memory.difficulty,
        "state": memory.state,
        "step": memory.step,
        "last_review": memory.last_review,
        "reps": len(reviews),
        "lapses": lapses,
    }


def stored(card: Card) -> dict:
    return {key: getattr(card, key) for key in replayed(card, [])}


def test_many_learners_at_once_each_answer_counted_once(tmp_path, django_db_blocker):
    log = tmp_path / "gunicorn.log"
    with own_database(tmp_path) as database:
        env = server_env(database, tmp_path)
        prepare(env)
        with gunicorn(env, log) as base:
            traffic = run_learners(base)
        output = log.read_text()
        with connected(database, django_db_blocker) as alias:
            learners = list(Learner.objects.using(alias).values_list("pk", flat=True))
            asked = {a.pk: a for a in AskedQuestion.objects.using(alias).select_related("session")}
            reviews = list(Review.objects.using(alias).order_by("reviewed_at", "pk"))
            open_sessions = Counter(
                StudySession.objects.using(alias)
                .filter(finished_at__isnull=True)
                .values_list("learner_id", flat=True)
            )
            cards = list(Card.objects.using(alias))

    per_question_card = Counter((r.question_id, r.card_id) for r in reviews)
    twice = {q for (q, _card), n in per_question_card.items() if n > 1}
    print(
        f"\n{settings.DATABASES['default']['ENGINE']}: {len(traffic.replies)} requests, "
        f"{sum(traffic.acknowledged.values())} answers acknowledged for "
        f"{len(traffic.acknowledged)} questions, {len(traffic.doubled)} sent twice at once, "
        f"{len(twice & traffic.doubled)} of them recorded twice; {len(twice)} questions with a "
        f"card reviewed twice; learners with two open sessions: "
        f"{sum(1 for n in open_sessions.values() if n > 1)}"
    )
    assert traffic.errors == []
    assert [r for r in traffic.replies if r.status >= 500] == []
    assert "database is locked" not in output
    assert len(learners) == LEARNERS
    assert len(traffic.acknowledged) == LEARNERS * ANSWERS

    assert twice == set(), "a card reviewed twice for one answer"
    answered = {pk for pk, a in asked.items() if a.answered_at is not None}
    assert answered == set(traffic.acknowledged), "answered exactly the acknowledged questions"
    for pk in traffic.acknowledged:
        question = asked[pk]
        if question.session.mode == StudySession.Mode.STUDY and question.card_id is not None:
            assert per_question_card[(pk, question.card_id)] == 1, f"question {pk}: its card"
    assert {r.question_id for r in reviews} <= set(traffic.acknowledged), "a review unasked for"
    assert all(n == 1 for n in open_sessions.values()), "one open session per learner"

    by_card: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_card[review.card_id].append(review)
    assert by_card, "the learners moved some cards"
    for card in cards:
        assert stored(card) == replayed(card, by_card[card.pk]), f"card {card.pk}"
