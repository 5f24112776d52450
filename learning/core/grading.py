"""PURE: a learner's response to a stored question in, a grade out.

- Multiple choice and true/false: the index of the chosen option; right or wrong.
- Ordering: the option indices in the learner's order, earliest first. The score is the
  length of the longest subsequence of events in correct relative order (a longest run), over
  the number of events. Exactly that many events are marked right: the events of one longest
  run, the others wrong, so "3 of 5 in the right order" shows three ticks. When several runs
  are longest, the one credited is, in turn:
  1. the one with the most events at their exact place (the learner's n-th event is the n-th
     in time), so A D C B E for A B C D E credits A C E, where C sits in its own place,
     rather than A D E or A B E;
  2. then the one that keeps the events the learner placed first (compared position by
     position from the top of the learner's list), so B A C D marks A wrong, not B.
  One event moved two or more places (D A B C for A B C D) is the only one marked wrong, and
  two neighbours swapped mark one of the two. Each event's verdict rates its fact.
- Flashcard: the learner's own rating (1 Again, 2 Hard, 3 Good, 4 Easy, as in FSRS); the
  scheduler uses it as is, so `correct` is None; recalled (anything but Again) scores 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

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
    length, placed_well = longest_ordered([rank[option] for option in order])
    return Grade(
        length == count,
        length / count,
        {question.facts[option]: ok for option, ok in zip(order, placed_well, strict=True)},
    )


def longest_ordered(ranks: Sequence[int]) -> tuple[int, list[bool]]:
    """The longest increasing subsequence's length, and for each item: on the credited one?

    The credited run is, among the longest, the one with the most items at their own rank
    (`ranks[i] == i`), then the lexicographically smallest by position (see the docstring).
    """
    n = len(ranks)
    # best[i]: the best run that starts at i, as (length, items at their own rank, positions).
    # Built from the end, since "smallest positions first" is decided from the front.
    best: list[tuple[int, int, list[int]]] = [(0, 0, [])] * n
    for i in reversed(range(n)):
        tail = (0, 0, list[int]())
        for j in range(i + 1, n):
            if ranks[j] > ranks[i] and _better(best[j], tail):
                tail = best[j]
        best[i] = (tail[0] + 1, tail[1] + (ranks[i] == i), [i, *tail[2]])
    chosen = (0, 0, list[int]())
    for run in best:
        if _better(run, chosen):
            chosen = run
    on_run = set(chosen[2])
    return chosen[0], [i in on_run for i in range(n)]


def _better(a: tuple[int, int, list[int]], b: tuple[int, int, list[int]]) -> bool:
    """Is run `a` preferred to run `b`: longer, then more items in place, then earlier?"""
    return (a[0], a[1]) > (b[0], b[1]) or ((a[0], a[1]) == (b[0], b[1]) and a[2] < b[2])
