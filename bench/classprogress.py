"""A teacher's class progress view: GET /en/teach/classes/<id>/progress/ through the full Django
stack, for a class of 30 and of 300 learners, each with a reviewed card on ~100 facts of the
real fact base, and three assignments (one late, one open, one submitted by half the class).

Runs against a throwaway SQLite file. Prints the queries per request, the median and p90 wall
time of the page, its CPU time, median and best of the rounds (the figures to read on a busy
machine, where the wall time includes waiting for a core), and, as best CPU times, the parts of
the page: learning.classprogress.class_progress(), the grid's rows (templatetags/classgrid.py)
and the event timeline (the {% timeline %} inclusion tag, as the page renders it).
"""

from __future__ import annotations

import os
import random
import statistics
import time

from bench import site
from bench.record import record

ROUNDS = 15
SIZES = [30, 300]
FACTS = 100


def main() -> None:
    site.prepare()
    import datetime as dt

    from django.db import connection
    from django.template import Context, Template
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from learning import classprogress, progress, teaching
    from learning.core.scheduling import State
    from learning.models import Card, Fact, Membership, StudySession
    from learning.templatetags.classgrid import grid_rows
    from tests.classbuild import learners

    now = dt.datetime.now(dt.UTC)
    rng = random.Random(13)
    [teacher] = learners(1, prefix="cp-teacher")
    teacher.is_teacher = True
    teacher.save()
    client = Client()
    client.force_login(teacher.user)
    facts = list(Fact.objects.order_by("pk")[:FACTS])

    print(f"\nA class's progress view, every learner with a reviewed card on {len(facts)} facts")
    print(
        f"{'class':<14} {'cards':>7} {'queries':>8} {'median ms':>10} {'p90 ms':>8} "
        f"{'CPU ms median':>14} {'best':>6} {'class_progress()':>17} {'grid':>6} {'timeline':>9}"
    )
    for size in SIZES:
        classroom = teaching.create_class(teacher=teacher, name=f"progress {size}", now=now)
        made = learners(size, prefix=f"cp{size}")
        Membership.objects.bulk_create(
            Membership(classroom=classroom, learner=learner, joined_at=now) for learner in made
        )
        cards = Card.objects.bulk_create(
            Card(
                learner=learner,
                fact=fact,
                due=now + dt.timedelta(days=rng.randint(-5, 40)),
                stability=rng.uniform(0.5, 90),
                difficulty=rng.uniform(2, 9),
                state=State.REVIEW,
                step=None,
                last_review=now - dt.timedelta(days=rng.randint(0, 60)),
                reps=rng.randint(1, 20),
                lapses=rng.randint(0, 3),
                created_at=now - dt.timedelta(days=90),
            )
            for learner in made
            for fact in facts
        )
        for title, opens, due in [
            ("late", -9, -2),
            ("open", -1, 5),
            ("done", -6, -1),
        ]:
            assignment = teaching.create_assignment(
                classroom=classroom,
                title=title,
                facts=facts[:10],
                kinds=["mcq"],
                question_count=10,
                opens_at=now + dt.timedelta(days=opens),
                due_at=now + dt.timedelta(days=due),
                feedback="immediate",
                now=now,
            )
            if title == "done":
                StudySession.objects.bulk_create(
                    StudySession(
                        learner=learner,
                        mode=StudySession.Mode.ASSIGNMENT,
                        assignment=assignment,
                        size=10,
                        seed=n,
                        started_at=now - dt.timedelta(days=3),
                        finished_at=now - dt.timedelta(days=2),
                    )
                    for n, learner in enumerate(made[: size // 2])
                )
        url = f"/en/teach/classes/{classroom.pk}/progress/"
        times, cpu, counts = [], [], []
        for _ in range(ROUNDS):
            with CaptureQueriesContext(connection) as captured:
                start, started = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - started)
            assert response.status_code == 200, response.status_code
            counts.append(len(captured))
        spent, grid, drawn = [], [], []
        timeline = Template(
            "{% load timeline %}{% timeline events shares title='t' desc='d' "
            "value_heading='v' unseen_label='u' %}"
        )
        for _ in range(ROUNDS):
            start = time.process_time()
            figures = classprogress.class_progress(classroom, now=now, rtl=False)
            spent.append(time.process_time() - start)
            events = progress.dated_facts()
            with translation.override("en"):
                start = time.process_time()
                grid_rows(figures)
                grid.append(time.process_time() - start)
                start = time.process_time()
                timeline.render(Context({"events": events, "shares": figures.shares}))
                drawn.append(time.process_time() - start)
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            with cProfile.Profile() as profile:
                client.get(url)
            pstats.Stats(profile).sort_stats("tottime").print_stats(20)
        ms = sorted(t * 1000 for t in times)
        p90 = ms[int(len(ms) * 0.9) - 1]
        for key, value, unit, what in [
            ("queries", statistics.median(counts), "queries", "queries"),
            ("median_ms", statistics.median(ms), "ms", "median wall time"),
            ("p90_ms", p90, "ms", "p90 wall time"),
            ("median_cpu_ms", statistics.median(cpu) * 1000, "ms", "median CPU time"),
            ("best_cpu_ms", min(cpu) * 1000, "ms", "best CPU time"),
            ("class_progress_cpu_ms", min(spent) * 1000, "ms", "class_progress(), best CPU"),
            ("grid_cpu_ms", min(grid) * 1000, "ms", "grid rows, best CPU"),
            ("timeline_cpu_ms", min(drawn) * 1000, "ms", "timeline, best CPU"),
        ]:
            record(
                "classprogress",
                f"learners_{size}.{key}",
                value,
                unit=unit,
                label=f"class view, {size} learners × {len(facts)} facts: {what}",
            )
        print(
            f"{f'{size} learners':<14} {len(cards):>7} {statistics.median(counts):>8.0f} "
            f"{statistics.median(ms):>10.1f} {p90:>8.1f} {statistics.median(cpu) * 1000:>14.1f} "
            f"{min(cpu) * 1000:>6.1f} {min(spent) * 1000:>17.1f} {min(grid) * 1000:>6.1f} "
            f"{min(drawn) * 1000:>9.1f}"
        )


if __name__ == "__main__":
    main()
