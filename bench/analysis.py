"""Item analysis and the CSV of its two tables, pure Python (no database), for a class of
30 learners × 20 facts and of 300 × 50.

A simulated class (seeded): each learner an ability, each fact a difficulty, right with the
logistic of their difference; facts asked as multiple choice, true/false, flashcards or ordering
events (partial credit), a few left blank, a tenth of the class not yet submitted.

Baseline, measured in the same run: one pass over the scores that sums each learner's total,
the least any analysis has to read. The ratio says how many such passes the analysis costs.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bench.record import record
from learning.core.analysis import (
    Analysis,
    Answer,
    Attempt,
    Choice,
    analyze,
    learner_result,
    struggling_first,
)
from learning.core.csvexport import Cell, csv_bytes

SIZES = ((30, 20), (300, 50))
SECONDS = 0.5  # per measurement
DUE = datetime(2026, 3, 6, 17, 0, tzinfo=UTC)


def simulated_class(
    learners: int, facts: int, rng: random.Random
) -> tuple[list[Attempt], list[str]]:
    """Attempts of a class whose learners and facts differ in ability and difficulty."""
    items = [f"fact-{j}" for j in range(facts)]
    difficulty = [rng.gauss(0, 1) for _ in items]
    kinds = [rng.choices(["mcq", "tf", "card", "order"], [6, 2, 1, 1])[0] for _ in items]
    attempts = []
    for learner in range(learners):
        ability = rng.gauss(0, 1)
        answers = []
        for item, b, kind in zip(items, difficulty, kinds, strict=True):
            if rng.random() < 0.05:
                continue  # left blank
            p = 1 / (1 + math.exp(b - ability))
            if kind == "order":
                answers.append(Answer(item, sum(rng.random() < p for _ in range(4)) / 4))
                continue
            right = rng.random() < p
            choice = None
            if kind == "mcq":
                wrong = rng.choices(["a", "b", "c"], [5, 3, 1])[0]
                choice = Choice("ok" if right else wrong, "ok" if right else wrong, right)
            elif kind == "tf":
                choice = Choice(str(right), str(right), right)
            answers.append(Answer(item, 1.0 if right else 0.0, choice))
        submitted = DUE - timedelta(hours=rng.randint(-5, 48)) if rng.random() < 0.9 else None
        attempts.append(Attempt(learner, tuple(answers), submitted))
    return attempts, items


def median_ms(step: Callable[[], object]) -> float:
    """Median wall time of one call of step, in milliseconds, over about SECONDS."""
    samples: list[float] = []
    deadline = time.perf_counter() + SECONDS
    while time.perf_counter() < deadline or len(samples) < 5:
        start = time.perf_counter()
        step()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def one_pass(attempts: list[Attempt]) -> list[float]:
    return [math.fsum(a.score for a in attempt.answers) for attempt in attempts]


def learners_csv(attempts: list[Attempt], items: list[str]) -> bytes:
    header = ["learner", "score", "answered", "total", "submitted", "status"]
    rows: list[list[Cell]] = []
    for attempt in attempts:
        r = learner_result(attempt, items=items, due=DUE, now=DUE + timedelta(days=1))
        when = r.submitted_at.isoformat() if r.submitted_at else None
        rows.append([str(r.learner), round(r.score, 3), r.answered, r.total, when, r.status.value])
    return csv_bytes(header, rows)


def facts_csv(analysis: Analysis) -> bytes:
    header = ["fact", "n", "facility", "discrimination", "upper-lower", "confusion", "chose"]
    rows: list[list[Cell]] = []
    for s in struggling_first(analysis.items):
        top = s.distractors[0] if s.distractors else None
        rows.append(
            [
                s.item,
                s.n,
                None if s.facility is None else round(s.facility, 3),
                None if s.discrimination is None else round(s.discrimination, 3),
                None if s.upper_lower is None else round(s.upper_lower, 3),
                top.label if top else None,
                top.count if top else None,
            ]
        )
    return csv_bytes(header, rows)


def main() -> None:
    rng = random.Random(12)
    print("\nItem analysis and CSV, pure Python (median ms of repeated calls)")
    print(
        f"{'class':<14} {'one pass':>9} {'analysis':>9} {'x pass':>7} {'reliab.':>8} "
        f"{'learners csv':>13} {'facts csv':>10} {'total':>7}"
    )
    for learners, facts in SIZES:
        measure(learners, facts, rng)
    print("(x pass: the analysis against one pass summing every learner's total, same run)")


def measure(learners: int, facts: int, rng: random.Random) -> None:
    """One row of the table."""
    attempts, items = simulated_class(learners, facts, rng)
    result = analyze(attempts, items=items)
    base = median_ms(lambda: one_pass(attempts))
    analysis_ms = median_ms(lambda: analyze(attempts, items=items))
    learners_ms = median_ms(lambda: learners_csv(attempts, items))
    facts_ms = median_ms(lambda: facts_csv(result))
    size, name = f"{learners}x{facts}", f"{learners} × {facts}"
    record("analysis", f"{size}.one_pass.ms", base, unit="ms", label=f"one pass, {name}")
    record("analysis", f"{size}.analysis.ms", analysis_ms, unit="ms", label=f"analysis, {name}")
    record(
        "analysis",
        f"{size}.analysis_vs_pass_ratio",
        analysis_ms / base,
        unit="ratio",
        label=f"analysis / one pass, {name}",
    )
    record(
        "analysis", f"{size}.learners_csv.ms", learners_ms, unit="ms", label=f"learners CSV, {name}"
    )
    record("analysis", f"{size}.facts_csv.ms", facts_ms, unit="ms", label=f"facts CSV, {name}")
    alpha = "-" if result.reliability is None else f"{result.reliability:.2f}"
    print(
        f"{f'{learners} x {facts}':<14} {base:>9.3f} {analysis_ms:>9.2f} "
        f"{analysis_ms / base:>6.0f}x {alpha:>8} {learners_ms:>13.2f} {facts_ms:>10.2f} "
        f"{analysis_ms + learners_ms + facts_ms:>7.2f}"
    )


if __name__ == "__main__":
    main()
