"""Answer requests: database queries and wall time per request, through the full Django stack.

Runs against a throwaway SQLite file (the embedded default: WAL, IMMEDIATE transactions) with
the real fact base loaded, one learner answering one question after another, as the browser
would: GET the session page (stores the next question), POST the answer (htmx and plain).
"""

from __future__ import annotations

import os
import re
import statistics
import tempfile
import time
from pathlib import Path

ROUNDS = 60


def main() -> None:
    directory = tempfile.mkdtemp(prefix="mudhakara-bench-")
    os.environ["SQLITE_PATH"] = str(Path(directory) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["SECURE_SSL_REDIRECT"] = "false"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from learning import learners
    from learning.models import AskedQuestion
    from learning.study import stored_question

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    call_command("migrate", verbosity=0)
    call_command("load_facts", verbosity=0)

    from django.utils import timezone

    learner = learners.create_guest(now=timezone.now())
    learner.new_per_day = 200
    learner.save()
    client = Client()
    client.force_login(learner.user)
    session_url = client.post("/en/study/start/")["Location"]

    times: dict[str, list[float]] = {"next question (GET)": [], "answer (POST, htmx)": []}
    queries: dict[str, list[int]] = {"next question (GET)": [], "answer (POST, htmx)": []}
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            page = client.get(session_url, headers={"HX-Request": "true"})
            times["next question (GET)"].append(time.perf_counter() - start)
        queries["next question (GET)"].append(len(captured))
        if "HX-Redirect" in page:  # the session is over: start the next one
            session_url = client.post("/en/study/start/")["Location"]
            continue
        found = re.search(r"/study/questions/(\d+)/", page.content.decode())
        assert found, (page.status_code, page.content[:300])
        pk = int(found.group(1))
        asked = AskedQuestion.objects.get(pk=pk)
        question = stored_question(asked)
        if question.kind == "flashcard":
            client.post(f"/en/study/questions/{pk}/reveal/")
            data: dict[str, object] = {"rating": "3"}
        elif isinstance(question.answer, tuple):  # an ordering question
            data = {"order": [str(i) for i in question.answer]}
        else:
            data = {"choice": str(question.answer)}
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.post(
                f"/en/study/questions/{pk}/answer/", data, headers={"HX-Request": "true"}
            )
            times["answer (POST, htmx)"].append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        queries["answer (POST, htmx)"].append(len(captured))
        if os.environ.get("BENCH_SHOW_QUERIES") and len(queries["answer (POST, htmx)"]) == 1:
            print("Queries of one answer:")
            for query in captured.captured_queries:
                print("  ", query["sql"][:150])

    print(f"\nStudy requests over {ROUNDS} questions (SQLite, one process, {connection.vendor})")
    print(f"{'request':<24} {'queries (median/max)':>21} {'median ms':>10} {'p90 ms':>8}")
    for name, samples in times.items():
        ms = sorted(t * 1000 for t in samples)
        p90 = ms[int(len(ms) * 0.9) - 1]
        counts = queries[name]
        print(
            f"{name:<24} {statistics.median(counts):>12.0f} / {max(counts):<6} "
            f"{statistics.median(ms):>10.1f} {p90:>8.1f}"
        )


if __name__ == "__main__":
    main()
