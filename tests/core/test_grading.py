"""Grading a learner's response against a stored question (no database)."""

import datetime as dt
from decimal import Decimal
from itertools import combinations, pairwise, permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.core.grading import Grade, InvalidResponse, SelfRating, grade, longest_ordered
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


def test_one_event_moved_out_of_place_marks_only_that_event():
    q = ordering([0, 1, 2, 3])  # shown in order for readability
    g = grade(q, [3, 0, 1, 2])  # D A B C
    assert g.correct is False and g.score == 0.75
    assert g.fact_results == {"e3": False, "e0": True, "e1": True, "e2": True}


def test_two_neighbours_swapped_mark_one_of_them_the_later_placed():
    """Bug: B A C D scored 3/4 yet marked both A and B wrong; one of them is credited."""
    q = ordering([0, 1, 2, 3])
    g = grade(q, (1, 0, 2, 3))  # B A C D: the run B C D keeps what the learner placed first
    assert g.score == 0.75
    assert g.fact_results == {"e1": True, "e0": False, "e2": True, "e3": True}


def test_two_swapped_pairs_score_half_and_mark_half():
    """Bug: B A D C scored 2/4 while every event was marked wrong."""
    q = ordering([0, 1, 2, 3])
    g = grade(q, [1, 0, 3, 2])
    assert g.score == 0.5
    assert g.fact_results == {"e1": True, "e0": False, "e3": True, "e2": False}


def test_an_event_in_its_exact_place_is_credited_before_the_others():
    q = ordering([0, 1, 2, 3, 4])
    g = grade(q, [0, 3, 2, 1, 4])  # A D C B E: A D E, A C E and A B E are all longest
    assert g.fact_results == {"e0": True, "e3": False, "e2": True, "e1": False, "e4": True}


def test_the_reverse_order_scores_one_event_in_n_and_credits_the_one_in_its_place():
    q = ordering([0, 1, 2, 3, 4])
    g = grade(q, [4, 3, 2, 1, 0])
    assert g.score == pytest.approx(0.2)
    assert [slug for slug, ok in g.fact_results.items() if ok] == ["e2"]


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


def brute_force(ranks: list[int]) -> tuple[int, list[bool], list[bool]]:
    """By enumeration: the longest length, who is on the credited run (most items at their
    own rank, then smallest positions first), and who is on every longest run."""
    n = len(ranks)
    longest: list[tuple[int, ...]] = []
    for size in range(n, 0, -1):
        longest = [
            c
            for c in combinations(range(n), size)
            if all(ranks[a] < ranks[b] for a, b in pairwise(c))
        ]
        if longest:
            break
    if not longest:
        return 0, [], []
    credited = set(min(longest, key=lambda c: (-sum(ranks[i] == i for i in c), c)))
    on_all = set.intersection(*map(set, longest))
    return (
        len(longest[0]),
        [i in credited for i in range(n)],
        [i in on_all for i in range(n)],
    )


def test_every_permutation_of_up_to_six_matches_the_brute_force():
    for n in range(1, 7):
        for perm in permutations(range(n)):
            length, credited, _on_all = brute_force(list(perm))
            assert longest_ordered(list(perm)) == (length, credited), perm


def test_no_events_no_run():
    assert longest_ordered([]) == (0, [])


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
def test_grading_a_permutation_matches_the_brute_force(case):
    ranks, response = case
    q, g, in_time = graded(ranks, response)
    length, credited, on_all = brute_force(in_time)
    assert g.score == length / len(ranks)
    assert g.correct == (length == len(ranks))
    assert g.fact_results == {q.facts[o]: ok for o, ok in zip(response, credited, strict=True)}
    # An event on every longest run is right however the run is chosen.
    assert all(ok for ok, always in zip(credited, on_all, strict=True) if always)


@given(shown_and_response)
def test_as_many_events_are_right_as_the_score_counts(case):
    ranks, response = case
    _q, g, _in_time = graded(ranks, response)
    assert sum(g.fact_results.values()) == round(g.score * len(ranks))


@given(shown_and_response)
def test_the_events_marked_right_are_in_correct_relative_order(case):
    ranks, response = case
    q, g, in_time = graded(ranks, response)
    right = [r for o, r in zip(response, in_time, strict=True) if g.fact_results[q.facts[o]]]
    assert right == sorted(right)


@given(
    st.integers(3, 5).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, n - 1), st.integers(0, n - 1))
    )
)
def test_one_event_moved_is_the_only_one_marked_wrong(case):
    n, start, end = case
    order = list(range(n))
    order.insert(end, order.pop(start))
    q = ordering(list(range(n)))
    g = grade(q, order)
    wrong = {slug for slug, ok in g.fact_results.items() if not ok}
    if start == end:
        assert wrong == set()
    elif abs(start - end) == 1:  # the same as a swap of neighbours: either one moved
        assert len(wrong) == 1 and wrong < {f"e{start}", f"e{end}"}
    else:
        assert wrong == {f"e{start}"}


@given(st.integers(3, 5).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 2))))
def test_a_swap_of_neighbours_marks_exactly_one_of_them_wrong(case):
    n, at = case
    order = list(range(n))
    order[at], order[at + 1] = order[at + 1], order[at]
    g = grade(ordering(list(range(n))), order)
    assert g.score == (n - 1) / n
    assert [slug for slug, ok in g.fact_results.items() if not ok] == [f"e{at}"]


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
