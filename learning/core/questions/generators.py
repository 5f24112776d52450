"""The generators: a question of each kind about a fact, drawn with the rng passed in."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

from learning.core.questions.distractors import choose, days_closeness
from learning.core.questions.pool import FactPool, event_span
from learning.core.questions.question import (
    FALSE,
    ORDERING_SIZES,
    TRUE,
    Question,
    QuestionKind,
    Value,
    fact_value,
)
from learning.core.values import FactData, Kind


def _as_pool(pool: FactPool | Iterable[FactData]) -> FactPool:
    return pool if isinstance(pool, FactPool) else FactPool(pool)


def make_mcq(
    fact: FactData, pool: FactPool | Iterable[FactData], rng: random.Random
) -> Question | None:
    """Four options, one correct; None when the fact has fewer than three good distractors."""
    if fact.kind not in (Kind.QUANTITY, Kind.DATE, Kind.ENTITY):
        return None
    d = _as_pool(pool).distractors(fact)
    if d.mcq_blocker:
        return None
    picked = choose(d, rng) or choose(d, None)
    assert picked is not None
    options = [d.true, *picked]
    rng.shuffle(options)
    return Question(
        QuestionKind.MCQ,
        (fact.slug,),
        tuple(c.value for c in options),
        options.index(d.true),
        round(max(c.closeness for c in picked), 3),
    )


def make_truefalse(
    fact: FactData, pool: FactPool | Iterable[FactData], rng: random.Random
) -> Question:
    """The fact's statement with its true value or, half of the time, a distractor in place."""
    shown: Value
    if fact.kind == Kind.STATEMENT:
        shown = fact.false_statement is None or rng.random() < 0.5
        return Question(
            QuestionKind.TRUEFALSE, (fact.slug,), (shown,), TRUE if shown else FALSE, 0.5
        )
    pool = _as_pool(pool)
    d = pool.distractors(fact)
    candidates = () if pool.truefalse_blocker(fact) else d.for_truefalse
    if not candidates or rng.random() < 0.5:
        return Question(QuestionKind.TRUEFALSE, (fact.slug,), (d.true.value,), TRUE, 0.5)
    from_facts = tuple(c for c in candidates if c.source)
    pick = rng.choice(from_facts if from_facts and rng.random() < 0.5 else candidates)
    return Question(
        QuestionKind.TRUEFALSE, (fact.slug,), (pick.value,), FALSE, round(pick.closeness, 3)
    )


def make_flashcard(fact: FactData, pool: FactPool | Iterable[FactData] = ()) -> Question:
    """Front: the stem; back: the answer, the explanation and the source.

    A fact that is one member of a list ("one of the five countries…") carries every member's
    value, its own first: its back shows them all, any of them right. Without a pool: its own.
    """
    members = _as_pool(pool).list_members(fact) if pool else [fact]
    values = tuple(fact_value(m) for m in members)
    return Question(QuestionKind.FLASHCARD, (fact.slug,), values, 0, 0.5)


def make_ordering(
    pool: FactPool | Iterable[FactData],
    rng: random.Random,
    *,
    size: int | None = None,
    difficulty: float | None = None,
    include: FactData | None = None,
) -> Question | None:
    """3 to 5 events whose dates decide their order; None when the fact base has too few.

    `size` fixes the number of events (else 3 to 5 at random); `difficulty` 0 draws events far
    apart, 1 close together (None: any); `include` puts that event in the question.
    """
    pool = _as_pool(pool)
    if size is not None and size not in ORDERING_SIZES:
        raise ValueError(f"an ordering question has 3 to 5 events, not {size}")
    if difficulty is not None and not 0 <= difficulty <= 1:
        raise ValueError(f"difficulty is between 0 and 1, not {difficulty}")
    if not pool.events:
        return None
    wanted = size or rng.choice(ORDERING_SIZES)
    events = pool.events_to_order(wanted, rng, difficulty=difficulty, include=include)
    if len(events) < (size or ORDERING_SIZES.start):
        return None
    spans = {e.slug: event_span(e) for e in events}
    chronological = [e.slug for e in sorted(events, key=lambda e: spans[e.slug])]
    shown = [e.slug for e in events]
    rng.shuffle(shown)
    while shown == chronological:  # never hand out the answer as the starting order
        rng.shuffle(shown)
    pairs = itertools.pairwise(chronological)
    closeness = max(days_closeness(spans[a], spans[b]) for a, b in pairs)
    return Question(
        QuestionKind.ORDERING,
        tuple(shown),
        tuple(fact_value(pool[slug]) for slug in shown),
        tuple(shown.index(slug) for slug in chronological),
        round(closeness, 3),
    )


def make_question(
    kind: QuestionKind | str,
    fact: FactData,
    pool: FactPool | Iterable[FactData],
    rng: random.Random,
) -> Question:
    """A question of `kind` about `fact`, falling back to one the fact can make.

    Multiple choice falls back to true/false when the fact lacks three good distractors;
    ordering (the fact among other events) falls back to multiple choice, then true/false;
    a true/false question that could only be shown true falls back to a flashcard.
    """
    pool = _as_pool(pool)
    match QuestionKind(kind):
        case QuestionKind.MCQ:
            return make_mcq(fact, pool, rng) or make_question(
                QuestionKind.TRUEFALSE, fact, pool, rng
            )
        case QuestionKind.TRUEFALSE:
            if pool.truefalse_blocker(fact):
                return make_flashcard(fact, pool)
            return make_truefalse(fact, pool, rng)
        case QuestionKind.FLASHCARD:
            return make_flashcard(fact, pool)
        case QuestionKind.ORDERING:
            return make_ordering(pool, rng, include=fact) or make_question(
                QuestionKind.MCQ, fact, pool, rng
            )
    raise ValueError(f"unknown question kind {kind!r}")
