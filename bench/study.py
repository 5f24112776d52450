"""Study requests: database queries and CPU time per request, through the full Django stack.

Runs against a throwaway SQLite file (the embedded default: WAL, IMMEDIATE transactions) with
the real fact base loaded, one learner answering one question after another, as the browser
would: GET the session page (stores the next question), GET it again (the question waiting),
GET the question, POST the answer (htmx), POST it again (a replay). Times are the process's
CPU time (the machine may be shared; wall time would count the other processes' turns).
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench import site
from bench.record import record

ROUNDS = 80
REQUESTS = {
    "next_get": "next question (session GET, htmx)",
    "waiting_get": "question waiting (session GET)",
    "question_get": "question GET",
    "answer_post": "answer (POST, htmx)",
    "replay_post": "answer replayed (POST, htmx)",
}


def main() -> None:
    site.prepare()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from learning import learners, study
    from learning.core.questions import QuestionKind
    from learning.models import AskedQuestion

    learner = learners.create_guest(now=timezone.now())
    learner.new_per_day = 200
    learner.save()
    client = Client()
    client.force_login(learner.user)
    htmx = {"HX-Request": "true"}
    session_url = client.post("/en/study/start/")["Location"]
    times: dict[str, list[float]] = {name: [] for name in REQUESTS}
    queries: dict[str, list[int]] = {name: [] for name in REQUESTS}

    def measure(name: str, request: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with CaptureQueriesContext(connection) as captured:
            start = time.process_time()
            response = request(*args, **kwargs)
            elapsed = time.process_time() - start
        assert response.status_code == 200, (name, response.status_code)
        times[name].append(elapsed)
        queries[name].append(len(captured))
        return response

    study.fact_pool()  # a running process has it: the first request of all would build it
    for _round in range(ROUNDS):
        # The previous question answered, the session GET makes and stores the next one.
        page = measure("next_get", client.get, session_url, headers=htmx)
        if "HX-Redirect" in page:  # the session is over: start the next one
            times["next_get"].pop()
            queries["next_get"].pop()
            session_url = client.post("/en/study/start/")["Location"]
            continue
        found = re.search(r"/study/questions/(\d+)/", page.content.decode())
        assert found, (page.status_code, page.content[:300])
        pk = int(found.group(1))
        measure("waiting_get", client.get, session_url)
        measure("question_get", client.get, f"/en/study/questions/{pk}/")
        question = study.stored_question(AskedQuestion.objects.get(pk=pk))
        if question.kind == QuestionKind.FLASHCARD:
            client.post(f"/en/study/questions/{pk}/reveal/")
            data: dict[str, object] = {"rating": "3"}
        elif isinstance(question.answer, tuple):  # an ordering question
            data = {"order": [str(i) for i in question.answer]}
        else:
            data = {"choice": str(question.answer)}
        url = f"/en/study/questions/{pk}/answer/"
        measure("answer_post", client.post, url, data, headers=htmx)
        measure("replay_post", client.post, url, data, headers=htmx)

    print(f"\nStudy requests over {ROUNDS} rounds (one process, {connection.vendor})")
    print(f"{'request':<36} {'queries (median/max)':>21} {'CPU ms median':>14} {'best':>6}")
    for name, label in REQUESTS.items():
        ms = sorted(t * 1000 for t in times[name])
        counts = queries[name]
        print(
            f"{label:<36} {statistics.median(counts):>12.0f} / {max(counts):<6} "
            f"{statistics.median(ms):>14.2f} {ms[0]:>6.2f}"
        )
        record("study", f"{name}.queries_max", max(counts), unit="queries", label=label)
        record("study", f"{name}.cpu_median_ms", statistics.median(ms), unit="ms", label=label)


if __name__ == "__main__":
    main()
