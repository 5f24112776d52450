"""Questions generated (and rendered, graded) per second over the whole fact base, one core."""

import random
import time
from collections.abc import Callable

from bench.record import record
from learning.core.factbase import FIXTURE_DIRECTORY, read_fact_base
from learning.core.grading import grade
from learning.core.questions import (
    FactPool,
    Question,
    QuestionKind,
    make_flashcard,
    make_mcq,
    make_ordering,
    make_question,
    make_truefalse,
    render,
)
from learning.core.values import Kind

SECONDS = 1.0  # per measurement
ASKABLE = (Kind.QUANTITY, Kind.DATE, Kind.ENTITY)


def rate(step: Callable[[int], object]) -> tuple[float, int]:
    """Calls of step(i) per second, over about SECONDS of wall time."""
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < SECONDS:
        for _ in range(200):
            step(done)
            done += 1
    return done / elapsed, done


def main() -> None:
    facts = read_fact_base(FIXTURE_DIRECTORY)
    start = time.perf_counter()
    pool = FactPool(facts)
    built = time.perf_counter() - start
    start = time.perf_counter()
    for fact in pool.facts:
        if fact.kind in ASKABLE:
            pool.distractors(fact)
    warmed = time.perf_counter() - start

    rng = random.Random(1)
    askable = [f for f in pool.facts if f.kind in ASKABLE]
    with_mcq = [f for f in askable if not pool.mcq_blocker(f)]
    every = list(pool.facts)
    sample = [make_question(QuestionKind.MCQ, f, pool, rng) for f in askable]
    orderings = [q for _ in range(50) if (q := make_ordering(pool, rng)) is not None]

    rows = [
        ("mcq", "mcq (facts with one)", lambda i: make_mcq(with_mcq[i % len(with_mcq)], pool, rng)),
        (
            "mcq_or_truefalse",
            "mcq or true/false fallback",
            lambda i: make_question(QuestionKind.MCQ, askable[i % len(askable)], pool, rng),
        ),
        ("truefalse", "true/false", lambda i: make_truefalse(every[i % len(every)], pool, rng)),
        ("ordering", "ordering (3-5 events)", lambda i: make_ordering(pool, rng)),
        ("ordering_hard", "ordering, hard", lambda i: make_ordering(pool, rng, difficulty=1.0)),
        ("flashcard", "flashcard", lambda i: make_flashcard(every[i % len(every)])),
        (
            "render_mcq_tf",
            "render mcq/tf, ar+en",
            lambda i: render_both(sample[i % len(sample)], pool),
        ),
        (
            "render_ordering",
            "render ordering, ar+en",
            lambda i: render_both(orderings[i % len(orderings)], pool),
        ),
        (
            "grade_ordering",
            "grade ordering",
            lambda i: grade_in_order(orderings[i % len(orderings)]),
        ),
        (
            "json_round_trip",
            "json round trip",
            lambda i: Question.from_json(sample[i % len(sample)].to_json()),
        ),
    ]
    print(
        f"fact base: {FIXTURE_DIRECTORY} ({len(facts)} facts, {len(askable)} askable, "
        f"{len(with_mcq)} with a multiple-choice question, {len(pool.events)} events)"
    )
    print(f"pool: built in {built * 1000:.1f} ms, distractors in {warmed * 1000:.1f} ms")
    record("questions", "pool_build.ms", built * 1000, unit="ms", label="fact pool built")
    record("questions", "distractors.ms", warmed * 1000, unit="ms", label="every distractor")
    print()
    print("no multiple choice (no three good distractors, or the answer's rank a giveaway):")
    for fact in askable:
        if blocker := pool.mcq_blocker(fact):
            instead = "flashcard" if pool.truefalse_blocker(fact) else "true/false"
            print(f"  {fact.slug:<44} {instead:<11} {blocker}")
    print()
    print(f"{'what':<28} {'per second':>12} {'µs each':>9}")
    for key, name, step in rows:
        per_second, _ = rate(step)
        print(f"{name:<28} {per_second:>12,.0f} {1e6 / per_second:>9.1f}")
        record("questions", f"{key}.per_s", per_second, unit="/s", label=name)


def render_both(question: Question, pool: FactPool) -> None:
    render(question, pool, "ar")
    render(question, pool, "en")


def grade_in_order(question: Question) -> None:
    assert isinstance(question.answer, tuple)
    grade(question, list(question.answer))
