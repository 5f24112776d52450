"""The database queries of every request bench/serve.py measures, counted in process with
Django's test client and CaptureQueriesContext, on the same database, the same way: pages
anonymous; a learner's requests signed in, each answer answering a fresh question.
BENCH_SHOW_QUERIES=1 prints the SQL of one request of each kind."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from functools import partial
from typing import Any

from bench.record import record

BENCH = "serve"
ROUNDS = 10  # of the learner's requests: the next fact differs from one to the next
SHOW_QUERIES = bool(os.environ.get("BENCH_SHOW_QUERIES"))


def main(topic_slug: str, fact_slug: str, labels: dict[str, str]) -> None:
    """Count and record the queries of each request; `labels` names them in the table."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from bench.studying import answer_form
    from learning import learners, study
    from learning.core.questions import QuestionKind
    from learning.models import AskedQuestion

    counts: dict[str, list[int]] = {}

    def count(key: str, send: Callable[[], Any]) -> None:
        with CaptureQueriesContext(connection) as captured:
            response = send()
        if not 200 <= response.status_code <= 299 or response.has_header("HX-Redirect"):
            raise RuntimeError(f"{key}: {response.status_code} while counting queries")
        if SHOW_QUERIES and key not in counts:  # the SQL of the first, for who makes it cheaper
            print(
                f"\nQueries of {key}, {response.wsgi_request.method} {response.wsgi_request.path}:"
            )
            for query in captured.captured_queries:
                print("  ", query["sql"][:160])
        counts.setdefault(key, []).append(len(captured))

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
            count(key, partial(anonymous.get, path))

        learner = learners.create_guest(now=timezone.now())
        client = Client()
        client.force_login(learner.user)
        htmx = {"HX-Request": "true"}
        session = study.start_session(learner=learner, now=timezone.now())
        url = f"/en/study/sessions/{session.pk}/"
        count("constant_py", partial(anonymous.get, "/bench/constant/"))
        count("constant_signed_in", partial(client.get, "/bench/constant/"))
        count("insert", partial(anonymous.post, "/bench/insert/", {"note": "x"}))
        count("insert_signed_in", partial(client.post, "/bench/insert/", {"note": "x"}))
        rng = random.Random(15)
        for _ in range(ROUNDS):
            count("next_question", partial(client.get, url, headers=htmx))
            count("question", partial(client.get, url))
            asked = AskedQuestion.objects.get(session=session, answered_at__isnull=True)
            if asked.kind == QuestionKind.FLASHCARD:
                study.reveal(asked, now=timezone.now())
            form = answer_form(study.stored_question(asked), rng)
            answer_url = f"/en/study/questions/{asked.pk}/answer/"
            count("answer", partial(client.post, answer_url, form, headers=htmx))

    print(f"\nQueries a request (the learner's: most of {ROUNDS}, in process)")
    for key, values in counts.items():
        shown = f"{min(values)}-{max(values)}" if min(values) != max(values) else str(max(values))
        print(f"  {key:<20} {shown:>6}")
        label = f"{labels.get(key, key)}, queries"
        record(BENCH, f"{key}.queries", max(values), unit="queries", label=label)
