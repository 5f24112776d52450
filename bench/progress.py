"""The progress dashboard: queries and wall time of GET /en/progress/ through the full stack,
for a learner with 5,000 answers over 100 facts (SQLite, the real fact base)."""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from typing import Any

from bench import site
from bench.record import record

ROUNDS = 20
ANSWERS = 5000
FACTS = 100
STATIC_PLAIN = "django.contrib.staticfiles.storage.StaticFilesStorage"


def _measure(client: Any, times: list[float], counts: list[int], capture: Any, db: Any) -> None:
    with capture(db) as captured:
        start = time.perf_counter()
        response = client.get("/en/progress/")
        times.append(time.perf_counter() - start)
    assert response.status_code == 200, response.status_code
    counts.append(len(captured))


def main() -> None:
    site.prepare()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from learning import learners
    from learning.core.scheduling import State
    from learning.models import Card, Fact, Review

    now = timezone.now()
    rng = random.Random(13)
    learner = learners.create_guest(now=now)
    facts = list(Fact.objects.all()[:FACTS])
    cards = Card.objects.bulk_create(
        Card(
            learner=learner,
            fact=fact,
            due=now + dt.timedelta(days=rng.randint(-3, 40)),
            stability=rng.uniform(0.5, 60),
            difficulty=rng.uniform(2, 9),
            state=State.REVIEW,
            step=None,
            last_review=now - dt.timedelta(days=rng.randint(0, 30)),
            reps=50,
            created_at=now - dt.timedelta(days=200),
        )
        for fact in facts
    )
    Review.objects.bulk_create(
        Review(
            card=cards[i % len(cards)],
            rating=rng.choice([1, 3, 3, 3, 4]),
            reviewed_at=now - dt.timedelta(minutes=rng.randint(0, 200 * 24 * 60)),
            kind="mcq",
            correct=rng.random() < 0.85,
            duration_ms=3000,
            state_before=rng.choice([State.REVIEW, State.REVIEW, State.LEARNING]),
        )
        for i in range(ANSWERS)
    )
    client = Client()
    client.force_login(learner.user)
    times: list[float] = []
    counts: list[int] = []
    # A full page names its static files: without collectstatic there is no manifest to read.
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": STATIC_PLAIN}}
    with override_settings(STORAGES=plain):
        for _ in range(ROUNDS):
            _measure(client, times, counts, CaptureQueriesContext, connection)

    from learning import progress

    spent = []
    for _ in range(ROUNDS):
        start = time.process_time()
        progress.dashboard(learner, now=now)
        spent.append((time.process_time() - start) * 1000)
    print(f"dashboard() alone: median {statistics.median(spent):.1f} ms of CPU")
    label = f"dashboard(), {ANSWERS} answers"
    record("progress", "dashboard.cpu_ms", statistics.median(spent), unit="ms CPU", label=label)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        with override_settings(STORAGES=plain):
            cProfile.runctx(
                "progress.dashboard(learner, now=now)",
                globals(),
                {"progress": progress, "learner": learner, "now": now},
                sort="tottime",
            )
    ms = sorted(t * 1000 for t in times)
    print(f"\nProgress dashboard, {ANSWERS} answers over {len(cards)} facts ({ROUNDS} requests)")
    print(f"{'request':<28} {'queries (median/max)':>21} {'median ms':>10} {'p90 ms':>8}")
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(
        f"{'GET /en/progress/':<28} {statistics.median(counts):>12.0f} / {max(counts):<6} "
        f"{statistics.median(ms):>10.1f} {p90:>8.1f}"
    )
    label = f"GET /en/progress/, {ANSWERS} answers"
    record("progress", "page.median_ms", statistics.median(ms), unit="ms", label=label)
    record("progress", "page.p90_ms", p90, unit="ms", label=f"{label}, p90")
    record("progress", "page.queries", max(counts), unit="queries", label=f"{label}, queries")
