"""Grading a learner's response against a stored question (no database)."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from itertools import permutations
from math import factorial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.core.grading import (
    Grade,
    InvalidResponse,
    SelfRating,
    events_on_their_side,
    grade,
    random_order_expectation,
)
from learning.core.questions import FALSE, TRUE, DateValue, Question, QuestionKind
from learning.core.values import Precision

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


def test_one_event_moved_far_takes_the_events_it_jumped_with_it():
    """D A B C claims D before A, B and C: each of the four has an event on its wrong side."""
    q = ordering([0, 1, 2, 3])  # shown in order for readability
    g = grade(q, [3, 0, 1, 2])
    assert g.correct is False and g.score == 0.0
    assert g.fact_results == {"e3": False, "e0": False, "e1": False, "e2": False}


def test_only_events_with_everything_on_their_correct_side_count():
    q = ordering([0, 1, 2, 3])
    g = grade(q, [1, 2, 3, 0])  # B C D A: A is after all three, so none of them is in place
    assert g.score == 0.0
    g = grade(q, [0, 1, 3, 2])  # A B D C: A and B have everything on their correct side
    assert g.score == 0.5
    assert g.fact_results == {"e0": True, "e1": True, "e3": False, "e2": False}


def test_two_neighbours_swapped_mark_both_of_them_wrong():
    """B A C D: A and B are each on the wrong side of the other; C and D are right."""
    q = ordering([0, 1, 2, 3])
    g = grade(q, (1, 0, 2, 3))
    assert g.score == 0.5
    assert g.fact_results == {"e1": False, "e0": False, "e2": True, "e3": True}


def test_two_swapped_pairs_score_nothing():
    q = ordering([0, 1, 2, 3])
    g = grade(q, [1, 0, 3, 2])
    assert g.score == 0.0
    assert not any(g.fact_results.values())


def test_the_reverse_order_scores_nothing():
    q = ordering([0, 1, 2, 3, 4])
    g = grade(q, [4, 3, 2, 1, 0])
    assert g.score == 0.0
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


def brute_force(ranks: list[int]) -> list[bool]:
    """By every pair: an event is right when each other event is on its correct side of it."""
    n = len(ranks)
    return [all((j < i) == (ranks[j] < ranks[i]) for j in range(n) if j != i) for i in range(n)]


def test_every_permutation_of_up_to_six_matches_the_pairwise_definition():
    for n in range(1, 7):
        for perm in permutations(range(n)):
            assert events_on_their_side(list(perm)) == brute_force(list(perm)), perm


@pytest.mark.parametrize("n", [3, 4, 5])
def test_a_random_order_earns_on_average_what_the_readme_says(n):
    """Averaged over every order of n events: 5/18 of 3, 1/6 of 4, 8/75 of 5 (a guess earns
    little; the longest-run rule it replaces gave 0.67, 0.60 and 0.56)."""
    q = ordering(list(range(n)))
    total = sum(
        Fraction(sum(grade(q, list(p)).fact_results.values()), n) for p in permutations(range(n))
    )
    mean = total / factorial(n)
    assert mean == random_order_expectation(n)
    assert mean == {3: Fraction(5, 18), 4: Fraction(1, 6), 5: Fraction(8, 75)}[n]
    assert mean < Fraction(1, n)


def test_no_events_no_verdicts():
    assert events_on_their_side([]) == []


shown_and_response = st.lists(st.integers(0, 3), min_size=3, max_size=5, unique=True).flatmap(
    lambda ranks: st.tuples(st.just(ranks), st.permutations(range(len(ranks))))
)


def graded(ranks: list[int], response: list[int]) -> tuple[Question, Grade, list[int]]:
    """Grade `response` on a question showing events ranked like `ranks`; also the ranks in
    time of the learner's events, in the learner's order."""
    shown = sorted(range(len(ranks)), key=lambda i: ranks[i])
    q = ordering([shown.index(i) for i in range(len(ranks))])
    rank_of = {option: place for place, option in enumerate(q.answer)}
    return q, grade(q, list(response)), [rank_of[o] for o in response]


@given(shown_and_response)
def test_grading_a_permutation_matches_the_pairwise_definition(case):
    ranks, response = case
    q, g, in_time = graded(ranks, response)
    right = brute_force(in_time)
    assert g.score == sum(right) / len(ranks)
    assert g.correct == all(right)
    assert g.fact_results == {q.facts[o]: ok for o, ok in zip(response, right, strict=True)}


@given(shown_and_response)
def test_as_many_events_are_right_as_the_score_counts(case):
    ranks, response = case
    _q, g, _in_time = graded(ranks, response)
    assert sum(g.fact_results.values()) == round(g.score * len(ranks))


@given(shown_and_response)
def test_the_events_marked_right_are_in_their_own_places(case):
    ranks, response = case
    q, g, in_time = graded(ranks, response)
    for place, (option, rank) in enumerate(zip(response, in_time, strict=True)):
        if g.fact_results[q.facts[option]]:
            assert rank == place


@given(st.integers(3, 5).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 2))))
def test_a_swap_of_neighbours_marks_exactly_those_two_wrong(case):
    n, at = case
    order = list(range(n))
    order[at], order[at + 1] = order[at + 1], order[at]
    g = grade(ordering(list(range(n))), order)
    assert g.score == (n - 2) / n
    assert [slug for slug, ok in g.fact_results.items() if not ok] == [f"e{at + 1}", f"e{at}"]


@given(shown_and_response, st.randoms(use_true_random=False))
def test_verdicts_depend_on_the_learners_order_not_on_how_the_events_were_shown(case, rnd):
    ranks, response = case
    q, g, in_time = graded(ranks, response)
    shuffled = list(range(len(ranks)))
    rnd.shuffle(shuffled)
    _q2, g2, in_time2 = graded(shuffled, [shuffled.index(r) for r in in_time])
    assert in_time2 == in_time
    by_time = {in_time[k]: g.fact_results[q.facts[o]] for k, o in enumerate(response)}
    assert {int(slug[1:]): ok for slug, ok in g2.fact_results.items()} == by_time
