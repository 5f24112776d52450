"""PURE: a learner's response to a stored question in, a grade out.

- Multiple choice and true/false: the index of the chosen option; right or wrong.
- Ordering: the option indices in the learner's order, earliest first. An event is right when
  every other event of the question is on its correct side of it (the events the learner put
  before it are exactly those that came before it); the score is the share of right events.
  A guess earns little: a random order scores on average 5/18 (0.28) of 3 events, 1/6 of 4
  and 8/75 (0.11) of 5 (`random_order_expectation`), a reversed order 0. One event put out of
  place takes with it the events it was put on the wrong side of: the learner's order claims
  each of them on the wrong side of it too. Each event's verdict rates its fact.
- Flashcard: the learner's own rating (1 Again, 2 Hard, 3 Good, 4 Easy, as in FSRS); the
  scheduler uses it as is, so `correct` is None; recalled (anything but Again) scores 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction
from math import comb

from learning.core.questions import Question, QuestionKind


class InvalidResponse(ValueError):
    """The response does not fit the question (the views answer 400)."""


class SelfRating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@dataclass(frozen=True, slots=True)
class Grade:
    correct: bool | None  # None for a flashcard: the learner rates it
    score: float  # 0..1
    fact_results: dict[str, bool]  # each fact's own verdict (ordering: each event's placement)


def grade(question: Question, response: object) -> Grade:
    """Grade `response` against the stored question; InvalidResponse when it does not fit."""
    match question.kind:
        case QuestionKind.MCQ | QuestionKind.TRUEFALSE:
            choice = _index(response, question.choice_count)
            right = choice == question.answer
            return Grade(right, 1.0 if right else 0.0, {question.facts[0]: right})
        case QuestionKind.ORDERING:
            return _grade_ordering(question, response)
        case QuestionKind.FLASHCARD:
            if not _is_int(response) or response not in tuple(SelfRating):
                raise InvalidResponse(
                    f"a flashcard takes a rating from 1 (Again) to 4 (Easy), not {response!r}"
                )
            recalled = response != SelfRating.AGAIN
            return Grade(None, 1.0 if recalled else 0.0, {question.facts[0]: recalled})
    raise ValueError(f"unknown question kind {question.kind!r}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _index(value: object, count: int) -> int:
    if not _is_int(value):
        raise InvalidResponse(f"expected an option index, not {value!r}")
    assert isinstance(value, int)
    if not 0 <= value < count:
        raise InvalidResponse(f"option {value} is out of range 0–{count - 1}")
    return value


def _grade_ordering(question: Question, response: object) -> Grade:
    count = len(question.options)
    if isinstance(response, str | bytes) or not isinstance(response, Sequence):
        raise InvalidResponse(f"expected a list of {count} option indices, not {response!r}")
    order = [_index(item, count) for item in response]
    if len(order) != count:
        raise InvalidResponse(f"expected {count} option indices, got {len(order)}")
    repeated = sorted(i for i, n in Counter(order).items() if n > 1)
    if repeated:
        raise InvalidResponse(f"option {repeated[0]} is placed twice")
    assert isinstance(question.answer, tuple)
    rank = {option: place for place, option in enumerate(question.answer)}
    placed_well = events_on_their_side([rank[option] for option in order])
    right = sum(placed_well)
    return Grade(
        right == count,
        right / count,
        {question.facts[option]: ok for option, ok in zip(order, placed_well, strict=True)},
    )


def events_on_their_side(ranks: Sequence[int]) -> list[bool]:
    """For each position of the learner's order (given as ranks in time): is every other event
    on its correct side? That is, the event sits at its own rank and all before it are earlier.
    """
    verdicts = []
    latest_before = -1
    for position, event_rank in enumerate(ranks):
        verdicts.append(event_rank == position and latest_before < event_rank)
        latest_before = max(latest_before, event_rank)
    return verdicts


def random_order_expectation(count: int) -> Fraction:
    """The mean score of a uniformly random order of `count` events.

    The event of rank k is right when it lands at place k (1 in n) and the k places before it
    hold exactly the k earlier events (1 in C(n-1, k)); the score averages over the n events.
    """
    if count < 1:
        raise ValueError("an ordering has at least one event")
    return sum((Fraction(1, count * count * comb(count - 1, k)) for k in range(count)), Fraction(0))
