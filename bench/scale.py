"""A million cards (issue 15): 10,000 learners × 100 facts and 5,000,000 reviews, generated in
bulk on a throwaway SQLite file and on a throwaway PostgreSQL cluster; then, for one typical
learner with cards due, the time and queries of choosing the next question (the picking
function called directly), a next-question GET, a question GET, an answer POST (each on a
fresh question) and the dashboard, through Django's test client; and the database's size.

Each database is measured in a process of its own (Django reads its settings once): this one
starts `python -m bench.scale --child sqlite|pg OUT`, PostgreSQL under tests/pg.py (a cluster
made with initdb + pg_ctl on a free port of 127.0.0.1, fsync off, removed afterwards).
SCALE=<learners> sets the size (default 10,000; 100 facts and ~5 reviews a card each);
SCALE_DATABASES=sqlite (or pg) measures one database only; BENCH_SHOW_QUERIES=1 prints the
slowest queries of each request.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench import record

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 10_000
ROUNDS = 9  # fresh questions answered (each: next-question GET, question GET, answer POST)
PICKS = 25
DASHBOARDS = 7
LABELS = {"sqlite": "SQLite", "pg": "PostgreSQL"}


def initdb_found() -> bool:
    return bool(shutil.which("initdb")) or any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def main() -> None:
    learners = int(os.environ.get("SCALE", LEARNERS))
    wanted = os.environ.get("SCALE_DATABASES", "sqlite,pg").split(",")
    print(f"\nAt scale: {learners:,} learners × 100 facts, ~5 reviews a card")
    for db in ("sqlite", "pg"):
        if db not in wanted:
            continue
        if db == "pg" and not initdb_found():
            print("PostgreSQL skipped: no initdb found (Debian: apt-get install postgresql).")
            continue
        with tempfile.TemporaryDirectory(prefix="mudhakara-scale-") as directory:
            out = Path(directory) / "figures.json"
            command = [sys.executable, "-m", "bench.scale", "--child", db, str(out)]
            if db == "pg":
                command = [sys.executable, str(ROOT / "tests" / "pg.py"), *command]
            env = dict(os.environ, SCALE=str(learners), SQLITE_PATH=f"{directory}/scale.sqlite3")
            env.pop("DATABASE_URL", None) if db == "sqlite" else None
            began = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT, env=env)
            figures = json.loads(out.read_text())
            if db == "sqlite":
                record.record("scale", "learners", learners, unit="", label="learners")
                record.record("scale", "cards", figures.pop("cards")[0], unit="", label="cards")
                record.record(
                    "scale", "reviews", figures.pop("reviews")[0], unit="", label="reviews"
                )
            else:
                figures.pop("cards"), figures.pop("reviews")
            for key, (value, unit, label) in figures.items():
                record.record(
                    "scale", f"{db}.{key}", value, unit=unit, label=f"{LABELS[db]}: {label}"
                )
            total = time.perf_counter() - began
            record.record(
                "scale", f"{db}.total_s", total, unit="s", label=f"{LABELS[db]}: whole bench"
            )


# --- the child: one database ------------------------------------------------------------------


def child(db: str, out: Path) -> None:
    from bench import site

    began = time.perf_counter()
    site.prepare()
    figures: dict[str, tuple[float, str, str]] = {}

    def keep(key: str, value: float, unit: str, label: str) -> None:
        figures[key] = (value, unit, label)

    keep("prepare_s", time.perf_counter() - began, "s", "migrate and load the facts")
    from bench import scaledb

    sizes_learners = int(os.environ.get("SCALE", LEARNERS))
    generated = scaledb.fill(sizes_learners)
    keep("cards", generated.rows["learning_card"], "", "cards")
    keep("reviews", generated.rows["learning_review"], "", "reviews")
    keep("generate_s", generated.total_s, "s", "generate the rows (all tables)")
    keep("generate.cpu_s", generated.cpu_s, "s", "generate: CPU time of this process")
    keep("generate.make_s", generated.make_s, "s", "generate: make the rows in Python")
    for table, seconds in generated.write_s.items():
        short = table.removeprefix("learning_").removeprefix("auth_")
        keep(f"generate.{short}_s", seconds, "s", f"generate: write {table}")
    keep("generate.finish_s", generated.finish_s, "s", "generate: sequences, statistics")
    _measure(db, keep)
    out.write_text(json.dumps(figures))


# wall ms, queries, what the call returned, CPU ms, the queries (sql, seconds)
Sample = tuple[float, int, Any, float, list[dict[str, str]]]


def _timed(call: Callable[[], Any]) -> Sample:
    """Wall time, queries, result and this thread's CPU time of one call: on a machine shared
    with other work the CPU time says what the wall time cannot (for SQLite it includes the
    database's work; PostgreSQL's server runs in processes of its own)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        start, cpu = time.perf_counter(), time.thread_time()
        result = call()
        elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu
    return elapsed * 1000, len(captured), result, cpu * 1000, captured.captured_queries


def _measure(db: str, keep: Callable[[str, float, str, str], None]) -> None:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench import scaledb
    from learning import study
    from learning.study import picking

    learner, due = scaledb.typical_learner()
    keep("learner_due", due, "cards", "cards due for the learner measured")
    print(f"{LABELS[db]}: learner {learner.pk} with {due} cards due")
    print(scaledb.explain_due(learner))

    now = timezone.now()
    session = study.start_session(learner=learner, now=now)
    samples = [_timed(lambda: picking._pick_study(session, [], now=now)) for _ in range(PICKS)]
    assert samples[0][2] is not None, "the learner measured has nothing to study"
    _keep_samples(keep, "next_question", "choose the next question (picking)", samples)

    client = Client()
    client.force_login(learner.user)
    session_url = client.post("/en/study/start/")["Location"]
    rows: dict[str, list[Sample]] = {
        "next_get": [],
        "question_get": [],
        "answer_post": [],
    }
    htmx = {"HX-Request": "true"}
    while len(rows["answer_post"]) < ROUNDS:
        sample = _timed(partial(client.get, session_url, headers=htmx))
        page = sample[2]
        if "HX-Redirect" in page:  # the session is over: start the next one
            session_url = client.post("/en/study/start/")["Location"]
            continue
        assert page.status_code == 200, page.status_code
        rows["next_get"].append(sample)
        pk = scaledb.question_on(page.content.decode())
        question_url = f"/en/study/questions/{pk}/"
        rows["question_get"].append(_timed(partial(client.get, question_url)))
        assert rows["question_get"][-1][2].status_code == 200
        data = scaledb.right_answer(client, pk)
        answer = _timed(partial(client.post, f"{question_url}answer/", data, headers=htmx))
        assert answer[2].status_code == 200, answer[2].status_code
        rows["answer_post"].append(answer)
    _keep_samples(keep, "next_get", "next-question GET (htmx)", rows["next_get"])
    _keep_samples(keep, "question_get", "question GET (page)", rows["question_get"])
    _keep_samples(keep, "answer_post", "answer POST (htmx)", rows["answer_post"])
    dashboards = [_timed(lambda: client.get("/en/progress/")) for _ in range(DASHBOARDS)]
    assert all(d[2].status_code == 200 for d in dashboards)
    _keep_samples(keep, "dashboard", "dashboard GET /en/progress/", dashboards)
    keep("db_mb", scaledb.size_mb(), "MB", "database size")
    connection.close()


def _keep_samples(
    keep: Callable[[str, float, str, str], None],
    key: str,
    label: str,
    samples: list[Sample],
) -> None:
    keep(f"{key}.median_ms", statistics.median(s[0] for s in samples), "ms", f"{label}, median")
    cpu = statistics.median(s[3] for s in samples)
    keep(f"{key}.median_cpu_ms", cpu, "ms", f"{label}, median CPU time")
    keep(f"{key}.queries", max(s[1] for s in samples), "queries", f"{label}, queries (most)")
    if os.environ.get("BENCH_SHOW_QUERIES"):  # the slowest queries of the slowest sample
        slowest = max(samples, key=lambda s: s[0])[4]
        print(f"{label}: slowest queries of the slowest of {len(samples)}")
        for query in sorted(slowest, key=lambda q: -float(q["time"]))[:4]:
            print(f"  {float(query['time']) * 1000:7.2f} ms  {query['sql'][:160]}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        sys.exit("usage: python -m bench.scale --child sqlite|pg OUT (make bench runs it)")
