"""An assignment's results for its teacher: the page and both CSV files, for a class of 30
learners × 20 questions and of 300 × 50, through the full Django stack.

Runs against a throwaway SQLite file with the real fact base loaded. The class is written
straight into the database (tests/classbuild.py): every learner submitted, each answering a
multiple-choice question per fact, right with a probability that depends on the learner and
the fact, so the figures have spread. Records the queries per request, the median wall time and
the best CPU time (time.process_time: on a shared machine, the figure that other processes
disturb least) in bench.record, as results.<request>_<learners>x<questions>.<figure>.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from typing import cast

from bench import site
from bench.record import record

ROUNDS = 15
SIZES = [(30, 20), (300, 50)]


def main() -> None:
    site.prepare()
    import datetime as dt

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from learning import study, teaching
    from learning.core import questions
    from learning.models import Fact
    from tests.classbuild import learners, submit_class

    now = dt.datetime.now(dt.UTC)
    [teacher] = learners(1, prefix="teacher")
    teacher.is_teacher = True
    teacher.save()
    client = Client()
    client.force_login(teacher.user)
    pool = study.fact_pool()
    rng = random.Random(7)
    askable = [
        f for f in Fact.objects.order_by("pk") if questions.make_mcq(pool[f.slug], pool, rng)
    ]

    print("\nAn assignment's results (SQLite, one process)")
    print(f"{'class':<16} {'request':<22} {'queries':>8} {'median ms':>10} {'best CPU ms':>12}")
    for size, count in SIZES:
        classroom = teaching.create_class(teacher=teacher, name=f"{size}", now=now)
        assignment = teaching.create_assignment(
            classroom=classroom,
            title=f"Bench {size}×{count}",
            facts=askable[:count],
            kinds=["mcq"],
            question_count=count,
            opens_at=now - dt.timedelta(days=7),
            due_at=now - dt.timedelta(days=1),
            feedback="immediate",
            now=now,
        )
        slugs = [item.fact.slug for item in assignment.items.select_related("fact")]
        asked: dict[str, questions.Question] = {}
        for s in slugs:
            question = questions.make_mcq(pool[s], pool, rng)
            assert question is not None  # the facts were picked as askable
            asked[s] = question
        right = {s: cast(int, q.answer) for s, q in asked.items()}
        ability = [rng.random() for _ in range(size)]
        ease = {s: rng.random() for s in slugs}
        responses: list[dict[str, int | None]] = [
            {s: (r if rng.random() < (a + ease[s]) / 2 else (r + 1) % 4) for s, r in right.items()}
            for a in ability
        ]
        submit_class(assignment, responses, prefix=f"c{size}", questions=asked)
        base = f"/en/teach/assignments/{assignment.pk}/results/"
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            from learning import results as queries

            with cProfile.Profile() as profile:
                queries.results(assignment, lang="en", now=now)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        for key, name, url in [
            ("page", "results page", base),
            ("page_by_score", "results, by score", base + "?sort=-score"),
            ("learners_csv", "learners CSV", base + "learners.csv"),
            ("facts_csv", "per-fact CSV", base + "facts.csv"),
        ]:
            times, cpu, counts = [], [], []
            for _ in range(ROUNDS):
                with CaptureQueriesContext(connection) as captured:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    cpu.append(time.process_time() - start_cpu)
                    times.append(time.perf_counter() - start)
                assert response.status_code == 200, response.status_code
                counts.append(len(captured))
            n, median, best = statistics.median(counts), statistics.median(times), min(cpu)
            print(
                f"{f'{size} × {count}':<16} {name:<22} {n:>8.0f} "
                f"{median * 1000:>10.1f} {best * 1000:>12.1f}"
            )
            figure, label = f"{key}_{size}x{count}", f"{name}, {size} learners × {count}"
            record("results", f"{figure}.queries", n, unit="queries", label=label)
            record(
                "results", f"{figure}.median_ms", median * 1000, unit="ms", label=f"{label}, median"
            )
            record(
                "results",
                f"{figure}.best_cpu_ms",
                best * 1000,
                unit="ms",
                label=f"{label}, best CPU",
            )


if __name__ == "__main__":
    main()
