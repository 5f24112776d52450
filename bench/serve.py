"""Throughput under gunicorn, side by side with two bare views served by the same server in the
same run (issue 15): requests per second, p50 and p99 of the home page (en, ar), a topic page,
a fact page and the study page (wrk, anonymous), and of a question GET, a next-question GET and
an answer POST (the Python generator, signed-in learners with CSRF); each as a ratio to the
bare view the same generator drove the same way: read pages to the constant view, the answer
POST to the one-row insert, served anonymously (issue 15's ratio) and signed in (like for like:
the same session and user reads). Then the queries of every request, in process.

The kinds run interleaved, REPETITIONS times, each for SECONDS; the figures are medians.
`bench/run.py serve` runs it alone; BENCH_SECONDS, BENCH_REPETITIONS, BENCH_LEARNERS,
BENCH_WORKER_CLASS (gunicorn's; default: the project's gunicorn.conf.py if any, else sync) and
BENCH_GENERATOR=python (the pages too by the Python generator, as without wrk) change how.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench import load, server, site
from bench.record import record

BENCH = "serve"
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
WARM_SECONDS = 1.0
FILL_SECONDS = 3 * SECONDS
REPETITIONS = int(os.environ.get("BENCH_REPETITIONS", "3"))
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "600"))


@dataclass(frozen=True)
class Kind:
    key: str  # the figures' key: serve.<key>.req_per_s, …
    label: str
    # The keys of the bare views it is a ratio of (none for a bare view).
    floors: tuple[str, ...] = ()


# In the order they run, each repetition: every floor right before what is measured against it.
PAGES = [
    Kind("constant", "constant view (anonymous)"),
    Kind("home_en", "home page /en/", ("constant",)),
    Kind("home_ar", "home page /ar/", ("constant",)),
    Kind("topic", "topic page", ("constant",)),
    Kind("fact", "fact page", ("constant",)),
    Kind("study_page", "study page", ("constant",)),
]
# The answer POST against the one-row insert twice: served anonymously, as issue 15 defines its
# ratio, and like for like, signed in (the same bare view, the learner's session cookie and CSRF
# token: the session and user reads every signed-in request makes).
LEARNING = [
    Kind("constant_py", "constant view (Python generator)"),
    Kind("constant_signed_in", "constant view, signed in", ("constant_py",)),
    Kind("next_question", "next-question GET (htmx)", ("constant_py",)),
    Kind("question", "question GET (session page)", ("constant_py",)),
    Kind("insert", "one-row insert view (POST)"),
    Kind("insert_signed_in", "one-row insert view (POST), signed in"),
    Kind("answer", "answer POST (htmx)", ("insert", "insert_signed_in")),
]
FLOOR_NAMES = {
    "constant": "constant view",
    "constant_py": "constant view",
    "insert": "one-row insert",
    "insert_signed_in": "one-row insert signed in",
}


def main() -> None:
    site.prepare()
    from django.db import connection
    from django.utils import timezone

    from bench import studying
    from bench.urls import create_insert_table
    from learning.models import Fact, Topic

    create_insert_table()
    topic = Topic.objects.filter(facts__isnull=False).order_by("pk").first()
    fact = Fact.objects.order_by("pk").first()
    assert topic is not None and fact is not None, "no fact base loaded"
    paths = {
        "constant": "/bench/constant/",
        "home_en": "/en/",
        "home_ar": "/ar/",
        "topic": f"/en/topics/{topic.slug}/",
        "fact": f"/en/facts/{fact.slug}/",
        "study_page": "/en/study/",
    }
    start = time.perf_counter()
    studiers = studying.Studiers(LEARNERS, now=timezone.now())
    print(
        f"{LEARNERS} learners signed in, a study session each: {time.perf_counter() - start:.1f} s"
    )
    connection.close()  # the bench holds no lock on the database while the server runs
    use_wrk = load.wrk_available() and os.environ.get("BENCH_GENERATOR") != "python"
    page_generator = "wrk" if use_wrk else "the Python generator"
    print(
        f"\nUnder gunicorn ({server.WORKERS} workers, {load.CONNECTIONS} connections, "
        f"{SECONDS:g} s a run, {REPETITIONS} repetitions): pages by {page_generator}, "
        "a learner's requests by the Python generator"
    )
    runs: dict[str, list[load.Run]] = {k.key: [] for k in PAGES + LEARNING}
    with server.gunicorn(worker_class=os.environ.get("BENCH_WORKER_CLASS", "")) as port:

        def page(key: str) -> Callable[[float], load.Run]:
            if use_wrk:
                return lambda s: load.wrk(f"http://127.0.0.1:{port}{paths[key]}", seconds=s)
            request = load.Request("GET", paths[key], {})
            return lambda s: load.drive(port, load.Source([request], cycle=True), seconds=s)

        def learning(key: str) -> Callable[[float], load.Run]:
            def run(seconds: float) -> load.Run:
                match key:
                    case "constant_py" | "constant_signed_in" | "insert" | "insert_signed_in":
                        requests = studiers.bare_requests(
                            port,
                            insert=key.startswith("insert"),
                            signed_in=key.endswith("signed_in"),
                        )
                        source = load.Source(requests, cycle=True)
                    case "question":
                        source = load.Source(studiers.question_requests(port), cycle=True)
                    case "next_question":
                        # The first time, half the learners: the other half answer in turn.
                        first = not studiers.waiting()
                        limit = len(studiers.all) // 2 if first else None
                        source = load.Source(studiers.next_question_requests(port, limit=limit))
                    case _:
                        source = load.Source(studiers.answer_requests(port))
                result = load.drive(port, source, seconds=seconds)
                check(key, result, least=0)
                # Outside the timed run: what the server stored, checked; the next answers.
                if key == "next_question":
                    studiers.asked(result.done, now=timezone.now())
                elif key == "answer":
                    studiers.answered(result.done, now=timezone.now())
                connection.close()
                return result

            return run

        measures = {k.key: page(k.key) for k in PAGES} | {k.key: learning(k.key) for k in LEARNING}
        for key, measure in measures.items():  # warm every worker up: pool, templates, …
            # The next-question GETs, the first time, give learners a question to answer.
            seconds = FILL_SECONDS if key == "next_question" else WARM_SECONDS
            check(key, measure(seconds), least=0)
        for repetition in range(REPETITIONS):
            for key, measure in measures.items():
                result = measure(SECONDS)
                check(key, result)
                runs[key].append(result)
                print(
                    f"  {repetition + 1}. {key:<20} {result.per_second:>8.0f} req/s "
                    f"p50 {result.p50_ms:>6.1f} ms  p99 {result.p99_ms:>6.1f} ms "
                    f"({result.requests} requests in {result.seconds:.1f} s)"
                )
    report(runs)
    from bench import servequeries

    servequeries.main(topic.slug, fact.slug, {k.key: k.label for k in PAGES + LEARNING})


def check(key: str, result: load.Run, *, least: int = 10) -> None:
    """A run that met a response other than the one measured measured nothing: fail loudly."""
    if result.bad:
        problems = ", ".join(f"{count} × {what}" for what, count in result.bad.items())
        raise RuntimeError(f"{key}: {problems} (of {result.requests} good responses)")
    if result.requests < least:
        raise RuntimeError(f"{key}: only {result.requests} responses: too few to measure")


def report(runs: dict[str, list[load.Run]]) -> None:
    """The medians of the repetitions, each ratio the median of the same-repetition ratios."""
    for kind in PAGES + LEARNING:
        results = runs[kind.key]
        record(
            BENCH,
            f"{kind.key}.req_per_s",
            load.median([r.per_second for r in results]),
            unit="req/s",
            label=kind.label,
        )
        record(
            BENCH,
            f"{kind.key}.p50_ms",
            load.median([r.p50_ms for r in results]),
            unit="ms",
            label=f"{kind.label}, p50",
        )
        record(
            BENCH,
            f"{kind.key}.p99_ms",
            load.median([r.p99_ms for r in results]),
            unit="ms",
            label=f"{kind.label}, p99",
        )
        for key in kind.floors:
            ratios = [
                mine.per_second / floor.per_second
                for mine, floor in zip(results, runs[key], strict=True)
            ]
            record(
                BENCH,
                f"{kind.key}.vs_{key}_ratio",
                load.median(ratios),
                unit="ratio",
                label=f"{kind.label} / {FLOOR_NAMES[key]}",
            )


if __name__ == "__main__":
    main()
