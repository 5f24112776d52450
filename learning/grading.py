"""PURE: a learner's response to a stored question in, a grade out.

- Multiple choice and true/false: the index of the chosen option; right or wrong.
- Ordering: the option indices in the learner's order, earliest first. The score is the
  length of the longest subsequence of events in correct relative order, over the number of
  events. An event is right when it lies on EVERY such longest subsequence, i.e. its place
  agrees with the learner's best-ordered run however that run is picked. So one event moved
  out of place (D A B C for A B C D) marks only that event wrong, while two events swapped
  with each other (B A C D) mark both wrong: nothing tells which of the two the learner
  misplaced, and each fact is rated on its own.
- Flashcard: the learner's own rating (1 Again, 2 Hard, 3 Good, 4 Easy, as in FSRS); the
  scheduler uses it as is, so `correct` is None; recalled (anything but Again) scores 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from learning.questions import Question, QuestionKind


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
    length, placed_well = longest_ordered([rank[option] for option in order])
    return Grade(
        length == count,
        length / count,
        {question.facts[option]: ok for option, ok in zip(order, placed_well, strict=True)},
    )


def longest_ordered(ranks: Sequence[int]) -> tuple[int, list[bool]]:
    """The longest increasing subsequence's length, and for each item: on every such one?"""
    n = len(ranks)
    ending = [1] * n  # longest increasing run ending at i
    for i in range(n):
        for j in range(i):
            if ranks[j] < ranks[i]:
                ending[i] = max(ending[i], ending[j] + 1)
    starting = [1] * n  # longest increasing run starting at i
    for i in reversed(range(n)):
        for j in range(i + 1, n):
            if ranks[j] > ranks[i]:
                starting[i] = max(starting[i], starting[j] + 1)
    length = max(ending, default=0)
    on_some = [ending[i] + starting[i] - 1 == length for i in range(n)]
    # Every longest run takes exactly one item with each `ending` value 1..length, so an item
    # is on all of them when no other item on some longest run shares its `ending` value.
    per_step = Counter(ending[i] for i in range(n) if on_some[i])
    return length, [on_some[i] and per_step[ending[i]] == 1 for i in range(n)]
