"""Learners for the load bench, each with a study session, signed in (a session cookie and a
CSRF token), prepared in the bench process through learning.study's own functions, against the
database gunicorn serves.

Each learner is either waiting (the session has a stored question, unanswered: a question GET
shows it, an answer POST answers it once) or ready (no question waiting: a next-question GET
picks and stores one); all start ready. The bench moves them between the two, outside the
timed runs, and checks the database: every next-question GET stored one new question, every
answer POST answered a question that was waiting.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from bench.load import Request

if TYPE_CHECKING:
    import datetime as dt

    from learning.models import AskedQuestion


@dataclass
class Studier:
    """One learner of the bench, as the generator sees them."""

    index: int
    session: int  # the study session's pk
    cookie: str  # the Cookie header: session and CSRF cookies
    token: str  # the CSRF token sent in X-CSRFToken
    waiting: int | None = None  # the pk of the question waiting for an answer
    answer: bytes = b""  # the form that answers it

    def headers(
        self, port: int, *, post: bool = False, htmx: bool = False, signed_in: bool = True
    ) -> dict[str, str]:
        """The headers of this learner's request; not signed in: the CSRF cookie only."""
        cookie = self.cookie if signed_in else self.cookie.partition("; ")[2]
        headers = {"Cookie": cookie}
        if htmx:
            headers["HX-Request"] = "true"
        if post:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.token
            headers["Origin"] = f"http://127.0.0.1:{port}"
        return headers


def answer_form(question: object, rng: random.Random) -> dict[str, object]:
    """The POST data that answers a stored question: right four times in five, else wrong."""
    from learning.core.questions import Question, QuestionKind

    assert isinstance(question, Question)
    right = rng.random() < 0.8
    if question.kind == QuestionKind.FLASHCARD:
        return {"rating": "3" if right else "1"}
    if isinstance(question.answer, tuple):  # an ordering: the events in order, or reversed
        order = list(question.answer) if right else list(reversed(question.answer))
        return {"order": [str(i) for i in order]}
    # Multiple choice indexes the options; true/false indexes [True, False].
    choices = len(question.options) if question.kind == QuestionKind.MCQ else 2
    choice = question.answer if right else (question.answer + 1) % choices
    return {"choice": str(choice)}


class Studiers:
    """The bench's learners and the bookkeeping that keeps every answer fresh."""

    def __init__(self, count: int, *, now: dt.datetime) -> None:
        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.http import HttpRequest
        from django.middleware.csrf import get_token

        from learning import learners, study

        SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
        self.rng = random.Random(15)
        self.all: list[Studier] = []
        for index in range(count):
            learner = learners.create_guest(now=now)
            session = study.start_session(learner=learner, now=now)
            # Signed in as django.contrib.auth.login() signs in, without a request to do it.
            store = SessionStore()
            store[SESSION_KEY] = str(learner.user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = learner.user.get_session_auth_hash()
            store.create()
            request = HttpRequest()
            token = get_token(request)  # masked; the cookie holds the secret
            cookie = (
                f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
                f"{settings.CSRF_COOKIE_NAME}={request.META['CSRF_COOKIE']}"
            )
            self.all.append(Studier(index, session.pk, cookie, token))

    def waiting(self) -> list[Studier]:
        return [s for s in self.all if s.waiting is not None]

    def ready(self) -> list[Studier]:
        return [s for s in self.all if s.waiting is None]

    # --- the requests --------------------------------------------------------------------

    def next_question_requests(
        self, port: int, prefix: str = "/en", *, limit: int | None = None
    ) -> list[Request]:
        """One htmx GET of the session page per ready learner (the first `limit` of them): each
        picks and stores a question."""
        return [
            Request(
                "GET",
                f"{prefix}/study/sessions/{s.session}/",
                s.headers(port, htmx=True),
                tag=s.index,
            )
            for s in self.ready()[:limit]
        ]

    def question_requests(self, port: int, prefix: str = "/en") -> list[Request]:
        """A full GET of the session page of each waiting learner: it shows the stored question."""
        return [
            Request("GET", f"{prefix}/study/sessions/{s.session}/", s.headers(port), tag=s.index)
            for s in self.waiting()
        ]

    def answer_requests(self, port: int, prefix: str = "/en") -> list[Request]:
        """One htmx POST per waiting learner, answering the question waiting for them."""
        return [
            Request(
                "POST",
                f"{prefix}/study/questions/{s.waiting}/answer/",
                s.headers(port, post=True, htmx=True),
                s.answer,
                tag=s.index,
            )
            for s in self.waiting()
        ]

    def bare_requests(self, port: int, *, insert: bool, signed_in: bool) -> list[Request]:
        """The bare views, sent as the learners' own requests are (CSRF, htmx), with their
        session cookie or without it."""
        if insert:
            headers = [s.headers(port, post=True, htmx=True, signed_in=signed_in) for s in self.all]
            return [Request("POST", "/bench/insert/", h, b"note=x") for h in headers]
        headers = [s.headers(port, signed_in=signed_in) for s in self.all]
        return [Request("GET", "/bench/constant/", h) for h in headers]

    # --- the bookkeeping, between timed runs ----------------------------------------------

    def asked(self, done: tuple[int, ...], *, now: dt.datetime) -> None:
        """After next-question GETs (the learners `done`): each stored exactly one question."""
        from learning.models import AskedQuestion

        for index in done:
            studier = self.all[index]
            waiting = list(
                AskedQuestion.objects.filter(session=studier.session, answered_at__isnull=True)
            )
            if len(waiting) != 1:
                raise RuntimeError(f"learner {index}: {len(waiting)} questions waiting, not 1")
            self._prepare_answer(studier, waiting[0], now=now)

    def answered(self, done: tuple[int, ...], *, now: dt.datetime) -> None:
        """After answer POSTs: each answered the question that was waiting, which now has its
        answer; a learner whose session is at its end starts the next one."""
        from learning import study
        from learning.models import AskedQuestion, StudySession

        studiers = [self.all[index] for index in done]
        pks = [s.waiting for s in studiers if s.waiting is not None]
        if len(set(pks)) != len(studiers):
            raise RuntimeError("an answer POST was sent twice, or for no waiting question")
        recorded = AskedQuestion.objects.filter(pk__in=pks, answered_at__isnull=False).count()
        if recorded != len(pks):
            raise RuntimeError(f"{len(pks)} answers sent, {recorded} recorded")
        for studier in studiers:
            studier.waiting, studier.answer = None, b""
            session = StudySession.objects.get(pk=studier.session)
            if session.questions.count() >= session.size - 1:
                learner = session.learner
                studier.session = study.start_session(learner=learner, now=now).pk

    def _prepare_answer(self, studier: Studier, asked: AskedQuestion, *, now: dt.datetime) -> None:
        """Remember the waiting question and the form that answers it; a flashcard is turned
        over first (its own POST, not measured), as a learner must before rating it."""
        from learning import study
        from learning.core.questions import QuestionKind

        if asked.kind == QuestionKind.FLASHCARD and asked.revealed_at is None:
            study.reveal(asked, now=now)
        question = study.stored_question(asked)
        studier.waiting = asked.pk
        studier.answer = urlencode(answer_form(question, self.rng), doseq=True).encode()
