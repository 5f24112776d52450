"""Grading a learner's response against a stored question (no database)."""

import datetime as dt
from decimal import Decimal
from itertools import combinations, pairwise, permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.grading import Grade, InvalidResponse, SelfRating, grade, longest_ordered
from learning.questions import FALSE, TRUE, DateValue, Question, QuestionKind
from learning.values import Precision

MCQ = Question(
    QuestionKind.MCQ,
    ("partners",),
    (Decimal(58), Decimal(67), Decimal(72), Decimal(92)),
    1,
    0.9,
)
TRUE_FALSE = Question(QuestionKind.TRUEFALSE, ("trained",), (Decimal(40000),), FALSE, 0.4)
FLASHCARD = Question(QuestionKind.FLASHCARD, ("partners",), (Decimal(67),), 0, 0.5)


def ordering(shown_ranks: list[int]) -> Question:
    """An ordering question whose shown option i is the shown_ranks[i]-th event in time."""
    n = len(shown_ranks)
    days = [DateValue(dt.date(2015 + r, 1, 1), None, Precision.YEAR) for r in shown_ranks]
    answer = tuple(shown_ranks.index(r) for r in range(n))
    return Question(
        QuestionKind.ORDERING, tuple(f"e{r}" for r in shown_ranks), tuple(days), answer, 0.2
    )


def test_multiple_choice_is_right_or_wrong():
    assert grade(MCQ, 1) == Grade(True, 1.0, {"partners": True})
    assert grade(MCQ, 3) == Grade(False, 0.0, {"partners": False})


def test_true_false_takes_index_0_for_true_and_1_for_false():
    assert grade(TRUE_FALSE, FALSE).correct is True
    assert grade(TRUE_FALSE, TRUE) == Grade(False, 0.0, {"trained": False})


@pytest.mark.parametrize(
    ("question", "response", "message"),
    [
        (MCQ, 4, "out of range 0–3"),
        (MCQ, -1, "out of range"),
        (TRUE_FALSE, 2, "out of range 0–1"),
        (MCQ, "1", "expected an option index"),
        (MCQ, True, "expected an option index"),
        (MCQ, 1.0, "expected an option index"),
        (MCQ, None, "expected an option index"),
    ],
)
def test_a_malformed_choice_is_an_invalid_response(question, response, message):
    with pytest.raises(InvalidResponse, match=message):
        grade(question, response)


def test_invalid_response_is_a_value_error():
    assert issubclass(InvalidResponse, ValueError)


def test_ordering_in_the_right_order_scores_full_marks():
    q = ordering([2, 0, 3, 1])
    g = grade(q, list(q.answer))
    assert g == Grade(True, 1.0, {"e0": True, "e1": True, "e2": True, "e3": True})


def test_one_event_moved_out_of_place_marks_only_that_event():
    q = ordering([0, 1, 2, 3])  # shown in order for readability
    g = grade(q, [3, 0, 1, 2])  # D A B C
    assert g.correct is False and g.score == 0.75
    assert g.fact_results == {"e3": False, "e0": True, "e1": True, "e2": True}


def test_two_events_swapped_mark_both_wrong():
    q = ordering([0, 1, 2, 3])
    g = grade(q, (1, 0, 2, 3))  # B A C D: which of the two was misplaced is unknowable
    assert g.score == 0.75
    assert g.fact_results == {"e0": False, "e1": False, "e2": True, "e3": True}


def test_the_reverse_order_scores_one_event_in_n():
    q = ordering([0, 1, 2, 3, 4])
    g = grade(q, [4, 3, 2, 1, 0])
    assert g.score == pytest.approx(0.2)
    assert not any(g.fact_results.values())


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ([0, 1], "expected 3 option indices, got 2"),
        ([0, 1, 2, 0], "expected 3 option indices, got 4"),
        ([0, 1, 1], "option 1 is placed twice"),
        ([0, 1, 5], "out of range 0–2"),
        ([0, 1, "2"], "expected an option index"),
        ([0, 1, True], "expected an option index"),
        ("012", "expected a list of 3 option indices"),
        (2, "expected a list of 3 option indices"),
        ({0: 1}, "expected a list of 3 option indices"),
    ],
)
def test_a_malformed_order_is_an_invalid_response(response, message):
    with pytest.raises(InvalidResponse, match=message):
        grade(ordering([1, 0, 2]), response)


def test_a_flashcard_is_rated_by_the_learner():
    assert grade(FLASHCARD, SelfRating.GOOD) == Grade(None, 1.0, {"partners": True})
    assert grade(FLASHCARD, 1) == Grade(None, 0.0, {"partners": False})
    for bad in (0, 5, "good", True, None):
        with pytest.raises(InvalidResponse, match="rating from 1"):
            grade(FLASHCARD, bad)


def brute_force(ranks: list[int]) -> tuple[int, list[bool]]:
    """Every increasing subsequence, by enumeration: the longest length, and who is on all."""
    n = len(ranks)
    longest: list[set[int]] = []
    for size in range(n, 0, -1):
        longest = [
            set(c)
            for c in combinations(range(n), size)
            if all(ranks[a] < ranks[b] for a, b in pairwise(c))
        ]
        if longest:
            break
    on_all = set.intersection(*longest) if longest else set()
    return (len(next(iter(longest))) if longest else 0), [i in on_all for i in range(n)]


def test_every_permutation_of_up_to_six_matches_the_brute_force():
    for n in range(1, 7):
        for perm in permutations(range(n)):
            assert longest_ordered(list(perm)) == brute_force(list(perm)), perm


@given(
    st.lists(st.integers(0, 3), min_size=3, max_size=5, unique=True).flatmap(
        lambda ranks: st.tuples(st.just(ranks), st.permutations(range(len(ranks))))
    )
)
def test_grading_a_permutation_matches_the_brute_force_count(case):
    ranks, response = case
    shown = sorted(range(len(ranks)), key=lambda i: ranks[i])
    shown_ranks = [shown.index(i) for i in range(len(ranks))]
    q = ordering(shown_ranks)
    g = grade(q, list(response))
    rank_of = {option: place for place, option in enumerate(q.answer)}
    length, on_all = brute_force([rank_of[o] for o in response])
    assert g.score == length / len(ranks)
    assert g.correct == (length == len(ranks))
    assert g.fact_results == {q.facts[o]: ok for o, ok in zip(response, on_all, strict=True)}
    assert sum(g.fact_results.values()) <= length
