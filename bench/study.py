"""Study requests: database queries and wall time per request, through the full Django stack.

Runs against a throwaway SQLite file (the embedded default: WAL, IMMEDIATE transactions) with
the real fact base loaded, one learner answering one question after another, as the browser
would: GET the session page (stores the next question), POST the answer (htmx).

The next-question request is measured both ways in the same run, alternating: with the fact
pool built afresh for the request (as every request did before the pool was kept per process)
and with the process's pool reused (a one-row stamp query checks it is current).
"""

from __future__ import annotations

import os
import re
import statistics
import time
from unittest import mock

from bench import site
from bench.record import record

ROUNDS = 80
BEFORE = "next question, pool built"
AFTER = "next question, pool reused"
ANSWER = "answer (POST, htmx)"
KEYS = {BEFORE: "next_question_pool_built", AFTER: "next_question", ANSWER: "answer"}


def main() -> None:
    site.prepare()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from learning import learners, study
    from learning.core.questions import FactPool, QuestionKind
    from learning.models import AskedQuestion, Fact

    learner = learners.create_guest(now=timezone.now())
    learner.new_per_day = 200
    learner.save()
    client = Client()
    client.force_login(learner.user)
    session_url = client.post("/en/study/start/")["Location"]

    times: dict[str, list[float]] = {BEFORE: [], AFTER: [], ANSWER: []}
    queries: dict[str, list[int]] = {BEFORE: [], AFTER: [], ANSWER: []}

    def build_afresh() -> FactPool:
        return FactPool(f.to_data() for f in Fact.objects.with_source())

    for round_ in range(ROUNDS):
        kind = BEFORE if round_ % 2 == 0 else AFTER
        # Before: the pool built for every request, as learning.study did until it kept one.
        pool = build_afresh if kind == BEFORE else study.fact_pool
        with (
            mock.patch.object(study, "fact_pool", pool),
            CaptureQueriesContext(connection) as captured,
        ):
            start = time.perf_counter()
            page = client.get(session_url, headers={"HX-Request": "true"})
            elapsed = time.perf_counter() - start
        if "HX-Redirect" in page:  # the session is over: start the next one
            session_url = client.post("/en/study/start/")["Location"]
            continue
        times[kind].append(elapsed)
        queries[kind].append(len(captured))
        found = re.search(r"/study/questions/(\d+)/", page.content.decode())
        assert found, (page.status_code, page.content[:300])
        pk = int(found.group(1))
        asked = AskedQuestion.objects.get(pk=pk)
        question = study.stored_question(asked)
        if question.kind == QuestionKind.FLASHCARD:
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
            times[ANSWER].append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        queries[ANSWER].append(len(captured))
        if os.environ.get("BENCH_SHOW_QUERIES") and len(queries[ANSWER]) == 1:
            print("Queries of one answer:")
            for query in captured.captured_queries:
                print("  ", query["sql"][:150])

    print(f"\nStudy requests over {ROUNDS} questions (SQLite, one process, {connection.vendor})")
    print(f"{'request':<28} {'queries (median/max)':>21} {'median ms':>10} {'p90 ms':>8}")
    for name, samples in times.items():
        ms = sorted(t * 1000 for t in samples)
        p90 = ms[int(len(ms) * 0.9) - 1]
        counts = queries[name]
        print(
            f"{name:<28} {statistics.median(counts):>12.0f} / {max(counts):<6} "
            f"{statistics.median(ms):>10.1f} {p90:>8.1f}"
        )
        key = KEYS[name]
        record("study", f"{key}.median_ms", statistics.median(ms), unit="ms", label=name)
        record("study", f"{key}.p90_ms", p90, unit="ms", label=f"{name}, p90")
        record(
            "study", f"{key}.queries", max(counts), unit="queries", label=f"{name}, queries (most)"
        )
    before, after = statistics.median(times[BEFORE]), statistics.median(times[AFTER])
    print(
        f"next question: {before * 1000:.1f} ms with the pool built, {after * 1000:.1f} ms "
        f"with it reused ({before / after:.1f}x faster); queries (median) "
        f"{statistics.median(queries[BEFORE]):.0f} -> {statistics.median(queries[AFTER]):.0f} "
        "(the read of every fact with its source and topic gives way to the one-row stamp)"
    )


if __name__ == "__main__":
    main()
