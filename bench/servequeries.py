"""The database queries of every request bench/serve.py measures, counted in process with
Django's test client and CaptureQueriesContext, on the same database, the same way: pages
anonymous; a learner's requests signed in, each answer answering a fresh question."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from bench.record import record

BENCH = "serve"
ROUNDS = 10  # of the learner's requests: the next fact differs from one to the next


def main(topic_slug: str, fact_slug: str) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from bench.studying import answer_form
    from learning import learners, study
    from learning.core.questions import QuestionKind
    from learning.models import AskedQuestion

    def count(send: Callable[[], Any]) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = send()
        if not 200 <= response.status_code <= 299 or response.has_header("HX-Redirect"):
            raise RuntimeError(f"{response.status_code} while counting queries")
        return len(captured)

    counts: dict[str, list[int]] = {}
    anonymous = Client()
    with override_settings(ROOT_URLCONF="bench.urls"):
        for key, path in {
            "constant": "/bench/constant/",
            "home_en": "/en/",
            "home_ar": "/ar/",
            "topic": f"/en/topics/{topic_slug}/",
            "fact": f"/en/facts/{fact_slug}/",
            "study_page": "/en/study/",
        }.items():
            anonymous.get(path)  # once first: what a process builds once is not counted
            counts[key] = [count(partial(anonymous.get, path))]

        learner = learners.create_guest(now=timezone.now())
        client = Client()
        client.force_login(learner.user)
        htmx = {"HX-Request": "true"}
        session = study.start_session(learner=learner, now=timezone.now())
        url = f"/en/study/sessions/{session.pk}/"
        counts["constant_signed_in"] = [count(lambda: client.get("/bench/constant/"))]
        counts["insert"] = [
            count(lambda: client.post("/bench/insert/", {"note": "x"}, headers=htmx))
        ]
        import random

        rng = random.Random(15)
        for key in ("next_question", "question", "answer"):
            counts[key] = []
        for _ in range(ROUNDS):
            counts["next_question"].append(count(lambda: client.get(url, headers=htmx)))
            counts["question"].append(count(lambda: client.get(url)))
            asked = AskedQuestion.objects.get(session=session, answered_at__isnull=True)
            if asked.kind == QuestionKind.FLASHCARD:
                study.reveal(asked, now=timezone.now())
            form = answer_form(study.stored_question(asked), rng)
            answer_url = f"/en/study/questions/{asked.pk}/answer/"
            counts["answer"].append(count(partial(client.post, answer_url, form, headers=htmx)))

    print(f"\nQueries a request (the learner's: most of {ROUNDS}, in process)")
    for key, values in counts.items():
        shown = f"{min(values)}-{max(values)}" if min(values) != max(values) else str(max(values))
        print(f"  {key:<20} {shown:>6}")
        record(BENCH, f"{key}.queries", max(values), unit="queries", label=f"{key}, queries")
