"""Item analysis of an assignment (no database): every expected figure is worked out by hand."""

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.core.analysis import (
    RELIABLE_FROM,
    Analysis,
    Answer,
    Attempt,
    Choice,
    DistractorCount,
    ItemStats,
    Recall,
    Status,
    analyze,
    class_recall,
    correlation,
    cronbach_alpha,
    learner_result,
    recall_by_item,
    struggling_first,
)

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = MONDAY + timedelta(days=4)
ITEMS = ("mosul", "partners", "raqqa", "baghuz")

JULY_2017 = Choice("2017-07", "July 2017", correct=True)
OCTOBER_2017 = Choice("2017-10", "October 2017", correct=False)
JUNE_2014 = Choice("2014-06", "June 2014", correct=False)
SIXTY_SEVEN = Choice("67", "67", correct=True)
FIFTY_EIGHT = Choice("58", "58", correct=False)
TRUE = Choice("true", "True", correct=True)
FALSE_FOR_TRUE = Choice("false", "False", correct=False)


def mcq(item: str, choice: Choice) -> Answer:
    return Answer(item, 1.0 if choice.correct else 0.0, choice)


def flashcard(item: str, recalled: bool) -> Answer:
    return Answer(item, 1.0 if recalled else 0.0)


# The constructed class: 6 learners who submitted × 4 items (facts), every score 0 or 1.
#
#            mosul  partners  raqqa  baghuz   total
#   amal       1       1        1      1        4
#   badr       0       1        1      1        3
#   chadi      1       1        1      0        3
#   dana       0       0        1      1        2
#   ehab       0       0        0      1        1
#   fadi       0       -        0      1        1     ("-": a flashcard, no choice)
#                                                      fadi left raqqa unanswered: it scores 0
#
# mosul: multiple choice (July 2017 is right); badr, dana and ehab chose October 2017, fadi
# June 2014. partners: multiple choice for five, a flashcard for fadi; dana and ehab chose 58.
# raqqa: true/false, the statement true; ehab said false, fadi did not answer. baghuz:
# flashcards, self-rated. A seventh learner, gia, has not submitted and is left out.
CLASS = (
    Attempt(
        "amal",
        (
            mcq("mosul", JULY_2017),
            mcq("partners", SIXTY_SEVEN),
            mcq("raqqa", TRUE),
            flashcard("baghuz", True),
        ),
        MONDAY,
    ),
    Attempt(
        "badr",
        (
            mcq("mosul", OCTOBER_2017),
            mcq("partners", SIXTY_SEVEN),
            mcq("raqqa", TRUE),
            flashcard("baghuz", True),
        ),
        MONDAY,
    ),
    Attempt(
        "chadi",
        (
            mcq("mosul", JULY_2017),
            mcq("partners", SIXTY_SEVEN),
            mcq("raqqa", TRUE),
            flashcard("baghuz", False),
        ),
        MONDAY,
    ),
    Attempt(
        "dana",
        (
            mcq("mosul", OCTOBER_2017),
            mcq("partners", FIFTY_EIGHT),
            mcq("raqqa", TRUE),
            flashcard("baghuz", True),
        ),
        MONDAY,
    ),
    Attempt(
        "ehab",
        (
            mcq("mosul", OCTOBER_2017),
            mcq("partners", FIFTY_EIGHT),
            mcq("raqqa", FALSE_FOR_TRUE),
            flashcard("baghuz", True),
        ),
        MONDAY,
    ),
    Attempt(
        "fadi",
        (mcq("mosul", JUNE_2014), flashcard("partners", False), flashcard("baghuz", True)),
        DUE + timedelta(hours=1),
    ),
    Attempt("gia", (mcq("mosul", OCTOBER_2017),), None),
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(CLASS, items=ITEMS)


def stats_of(analysis: Analysis, item: str) -> ItemStats:
    return next(s for s in analysis.items if s.item == item)


def test_only_submitted_attempts_count(analysis):
    assert analysis.n == 6
    assert [s.item for s in analysis.items] == list(ITEMS)
    assert [(s.n, s.answered) for s in analysis.items] == [(6, 6), (6, 6), (6, 5), (6, 6)]


def test_facility_is_the_mean_item_score(analysis):
    # mosul 2/6, partners 3/6, raqqa 4/6 (fadi's blank counts 0), baghuz 5/6.
    assert [s.facility for s in analysis.items] == pytest.approx([1 / 3, 1 / 2, 2 / 3, 5 / 6])
    # Totals 4, 3, 3, 2, 1, 1 = 14 over 6 learners × 4 items.
    assert analysis.mean_score == pytest.approx(14 / 24)


def test_discrimination_correlates_each_item_with_the_rest_of_the_score(analysis):
    # Population moments (divided by n = 6); rest = total - item; r = cov / sqrt(var x var rest).
    # mosul:    x = 1 0 1 0 0 0, rest = 3 3 2 2 1 1, mean x 1/3, mean rest 2
    #           cov = mean(x·rest) - 1/3·2 = 5/6 - 2/3 = 1/6; var x = 1/3·2/3 = 2/9;
    #           var rest = 28/6 - 4 = 2/3; r = (1/6) / sqrt(4/27) = sqrt(3)/4 ≈ 0.433
    # partners: x = 1 1 1 0 0 0, rest = 3 2 2 2 1 1, mean rest 11/6
    #           cov = 7/6 - 1/2·11/6 = 1/4; var x = 1/4; var rest = 23/6 - 121/36 = 17/36;
    #           r = (1/4) / (sqrt(17)/12) = 3/sqrt(17) ≈ 0.728
    # raqqa:    x = 1 1 1 1 0 0, rest = 3 2 2 1 1 1, mean rest 5/3
    #           cov = 4/3 - 2/3·5/3 = 2/9; var x = 2/9; var rest = 20/6 - 25/9 = 5/9;
    #           r = (2/9) / (sqrt(10)/9) = 2/sqrt(10) ≈ 0.632
    # baghuz:   x = 1 1 0 1 1 1, rest = 3 2 3 1 0 0, mean rest 3/2
    #           cov = 1 - 5/6·3/2 = -1/4; var x = 5/36; var rest = 23/6 - 9/4 = 19/12;
    #           r = (-1/4) / sqrt(95/432) = -sqrt(27/95) ≈ -0.533 (chadi, a strong learner,
    #           did not recall it while the two weakest did: the item discriminates backwards)
    assert [s.discrimination for s in analysis.items] == pytest.approx(
        [math.sqrt(3) / 4, 3 / math.sqrt(17), 2 / math.sqrt(10), -math.sqrt(27 / 95)]
    )


def test_upper_lower_difference_shares_the_places_of_tied_learners(analysis):
    # g = round(0.27 · 6) = round(1.62) = 2 learners a group. Upper: amal (4) and one place for
    # badr and chadi, tied on 3: half a place each. Lower: ehab and fadi (1, 1); dana (2) is out.
    # mosul:    upper (1 + ½·0 + ½·1) / 2 = 3/4, lower (0 + 0) / 2 = 0   -> 3/4
    # partners: upper (1 + ½·1 + ½·1) / 2 = 1,   lower 0                 -> 1
    # raqqa:    upper (1 + ½·1 + ½·1) / 2 = 1,   lower 0                 -> 1
    # baghuz:   upper (1 + ½·1 + ½·0) / 2 = 3/4, lower (1 + 1) / 2 = 1   -> -1/4
    assert [s.upper_lower for s in analysis.items] == pytest.approx([3 / 4, 1, 1, -1 / 4])


def test_distractors_are_counted_out_of_those_who_chose(analysis):
    mosul, partners, raqqa, baghuz = analysis.items
    # mosul: 6 chose; October 2017 three times (badr, dana, ehab), June 2014 once (fadi).
    assert mosul.chosen == 6
    assert mosul.distractors == (
        DistractorCount("2017-10", "October 2017", 3, 3 / 6),
        DistractorCount("2014-06", "June 2014", 1, 1 / 6),
    )
    # partners: fadi had a flashcard, so 5 chose; 58 twice (dana, ehab).
    assert partners.chosen == 5
    assert partners.distractors == (DistractorCount("58", "58", 2, 2 / 5),)
    # raqqa: fadi did not answer, so 5 chose; "false" once (ehab).
    assert raqqa.chosen == 5
    assert raqqa.distractors == (DistractorCount("false", "False", 1, 1 / 5),)
    # baghuz: flashcards only.
    assert (baghuz.chosen, baghuz.distractors, baghuz.top_distractor_share) == (0, (), 0.0)


def test_kr20_of_the_constructed_class(analysis):
    # Totals 4 3 3 2 1 1: mean 7/3, var = 40/6 - 49/9 = 11/9.
    # Item variances p·q: 1/3·2/3 + 1/2·1/2 + 2/3·1/3 + 5/6·1/6 = (8 + 9 + 8 + 5)/36 = 5/6.
    # KR-20 = 4/3 · (1 - (5/6) / (11/9)) = 4/3 · (1 - 15/22) = 4/3 · 7/22 = 14/33 ≈ 0.424
    assert analysis.dichotomous
    assert analysis.reliable
    assert analysis.reliability == pytest.approx(14 / 33)


def test_the_struggling_facts_come_first(analysis):
    # By facility: mosul 1/3, partners 1/2, raqqa 2/3, baghuz 5/6.
    assert [s.item for s in struggling_first(analysis.items)] == list(ITEMS)


def test_equal_facility_puts_the_larger_confusion_first():
    # Both items 2 of 4 right; on "a" one wrong option took both wrong answers (2/4), on "b"
    # the two wrong answers were split (1/4 each): "a" shows the sharper confusion.
    def answers(a: Choice, b: Choice) -> tuple[Answer, ...]:
        return (mcq("b", b), mcq("a", a))

    right, wrong_x, wrong_y = (
        Choice("r", "R", True),
        Choice("x", "X", False),
        Choice("y", "Y", False),
    )
    attempts = [
        Attempt(1, answers(right, right), MONDAY),
        Attempt(2, answers(right, right), MONDAY),
        Attempt(3, answers(wrong_x, wrong_x), MONDAY),
        Attempt(4, answers(wrong_x, wrong_y), MONDAY),
    ]
    stats = analyze(attempts, items=["b", "a"]).items
    assert [s.facility for s in stats] == [0.5, 0.5]
    assert [s.item for s in struggling_first(stats)] == ["a", "b"]


def test_partial_credit_gives_cronbach_alpha_and_pearson_discrimination():
    # 5 learners (the threshold); "order" and "span" are events of ordering questions, with
    # partial credit.
    #            quiz  order  span   total
    #   p         1     1      1      3
    #   q         1     ½      1      5/2
    #   r         1     ½      0      3/2
    #   s         0     ½      ½      1
    #   t         0     0      0      0
    # Totals: mean 8/5, var = (9 + 25/4 + 9/4 + 1 + 0)/5 - 64/25 = 37/10 - 64/25 = 57/50.
    # Item variances: quiz 3/5·2/5 = 6/25; order 7/20 - 1/4 = 1/10; span 9/20 - 1/4 = 1/5;
    # sum 27/50. Alpha = 3/2 · (1 - 27/57) = 3/2 · 30/57 = 15/19 ≈ 0.789.
    # order against the rest (quiz + span = 2 2 1 ½ 0, mean 11/10): cov = 3/4 - ½·11/10 = 1/5;
    # var rest = 37/20 - 121/100 = 16/25; r = (1/5) / sqrt(1/10 · 16/25) = sqrt(10)/4 ≈ 0.791.
    # g = round(0.27 · 5) = 1: upper p, lower t; order 1 - 0 = 1.
    rows = {"p": (1, 1, 1), "q": (1, 0.5, 1), "r": (1, 0.5, 0), "s": (0, 0.5, 0.5), "t": (0, 0, 0)}
    items = ("quiz", "order", "span")
    attempts = [
        Attempt(name, tuple(Answer(i, s) for i, s in zip(items, row, strict=True)), MONDAY)
        for name, row in rows.items()
    ]
    analysis = analyze(attempts, items=items)
    assert not analysis.dichotomous
    assert analysis.reliability == pytest.approx(15 / 19)
    order = analysis.items[1]
    assert order.facility == pytest.approx(1 / 2)
    assert order.discrimination == pytest.approx(math.sqrt(10) / 4)
    assert order.upper_lower == pytest.approx(1)


def test_reliability_waits_for_five_submissions():
    """Below RELIABLE_FROM the page says the statistics are not yet reliable: no alpha."""
    four = [a for a in CLASS if a.learner not in ("fadi", "gia")][:4]
    analysis = analyze(four, items=ITEMS)
    assert (analysis.n, analysis.reliable, analysis.reliability) == (4, False, None)
    assert RELIABLE_FROM == 5
    # The per-item figures are still given, with their n, for the page to qualify.
    assert all(s.n == 4 and s.facility is not None for s in analysis.items)


def test_a_class_nobody_submitted():
    analysis = analyze([Attempt("gia", (), None)], items=ITEMS)
    assert (analysis.n, analysis.mean_score, analysis.reliability) == (0, None, None)
    for s in analysis.items:
        assert (s.n, s.facility, s.discrimination, s.upper_lower, s.distractors) == (
            0,
            None,
            None,
            None,
            (),
        )


def test_one_learner_has_facility_but_no_spread():
    analysis = analyze(CLASS[:1], items=ITEMS)
    assert [s.facility for s in analysis.items] == [1.0, 1.0, 1.0, 1.0]
    assert {(s.discrimination, s.upper_lower) for s in analysis.items} == {(None, None)}


def test_everyone_alike_gives_none_not_a_division_by_zero():
    same = [Attempt(i, tuple(Answer(item, 1.0) for item in ITEMS), MONDAY) for i in range(6)]
    analysis = analyze(same, items=ITEMS)
    assert analysis.reliability is None  # total variance 0
    assert {s.discrimination for s in analysis.items} == {None}  # item variance 0
    assert {s.upper_lower for s in analysis.items} == {0.0}  # all tied: both groups alike


def test_a_constant_item_has_no_discrimination_but_the_others_do():
    attempts = [
        Attempt(
            i, (Answer("easy", 1.0), Answer("hard", float(i % 2)), Answer("mid", i / 5)), MONDAY
        )
        for i in range(6)
    ]
    easy, hard, mid = analyze(attempts, items=("easy", "hard", "mid")).items
    assert easy.discrimination is None
    assert hard.discrimination is not None and mid.discrimination is not None


def test_a_single_item_has_no_reliability():
    attempts = [Attempt(i, (Answer("only", float(i % 2)),), MONDAY) for i in range(6)]
    analysis = analyze(attempts, items=("only",))
    assert analysis.reliability is None
    # Its rest score is 0 for everyone: no correlation to take.
    assert analysis.items[0].discrimination is None


def test_an_assignment_without_items():
    analysis = analyze([Attempt(1, (), MONDAY)], items=())
    assert (analysis.n, analysis.items, analysis.mean_score, analysis.reliability) == (
        1,
        (),
        None,
        None,
    )


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        Answer("mosul", 1.5)
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        Answer("mosul", math.nan)
    with pytest.raises(ValueError, match="one answer per item"):
        Attempt(1, (Answer("mosul", 1.0), Answer("mosul", 0.0)), MONDAY)
    with pytest.raises(ValueError, match="not in the assignment"):
        analyze([Attempt(1, (Answer("elsewhere", 1.0),), MONDAY)], items=ITEMS)
    with pytest.raises(ValueError, match="repeat"):
        analyze([], items=("mosul", "mosul"))


def test_learner_rows_give_score_answered_and_status():
    now = DUE + timedelta(days=1)
    rows = [learner_result(a, items=ITEMS, due=DUE, now=now) for a in CLASS]
    # amal 4/4; fadi 1/4 with 3 of 4 answered, an hour after the due date; gia never submitted.
    assert [(r.learner, r.score, r.answered, r.total, r.status) for r in rows] == [
        ("amal", 1.0, 4, 4, Status.SUBMITTED),
        ("badr", 0.75, 4, 4, Status.SUBMITTED),
        ("chadi", 0.75, 4, 4, Status.SUBMITTED),
        ("dana", 0.5, 4, 4, Status.SUBMITTED),
        ("ehab", 0.25, 4, 4, Status.SUBMITTED),
        ("fadi", 0.25, 3, 4, Status.LATE),
        ("gia", 0.0, 1, 4, Status.MISSING),
    ]
    assert [r.learner for r in rows if r.late] == ["fadi"]


def test_not_submitted_before_the_due_date_is_pending():
    gia = CLASS[-1]
    assert learner_result(gia, items=ITEMS, due=DUE, now=MONDAY).status is Status.PENDING
    assert learner_result(gia, items=ITEMS, due=None, now=DUE).status is Status.PENDING
    on_time = Attempt("gia", (), DUE)  # at the due date exactly is on time
    assert learner_result(on_time, items=ITEMS, due=DUE, now=DUE).status is Status.SUBMITTED
    no_due = Attempt("gia", (), DUE + timedelta(days=9))
    assert learner_result(no_due, items=ITEMS, due=None, now=DUE).status is Status.SUBMITTED


def test_what_the_class_remembers_now_is_the_mean_recall_probability():
    # (0.9 + 0.6 + 0.3) / 3 = 0.6
    assert class_recall([0.9, 0.6, 0.3]) == Recall(pytest.approx(0.6), 3)
    assert class_recall([]) == Recall(None, 0)
    assert recall_by_item({"mosul": [1.0, 0.5], "raqqa": []}) == {
        "mosul": Recall(0.75, 2),
        "raqqa": Recall(None, 0),
    }
    with pytest.raises(ValueError, match="recall probability"):
        class_recall([1.2])


def test_correlation_of_known_pairs():
    assert correlation([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert correlation([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert correlation([1, 2, 3], [1, 1, 1]) is None
    assert correlation([1], [1]) is None
    with pytest.raises(ValueError):
        correlation([1, 2], [1])


def test_alpha_needs_two_learners_and_two_items():
    assert cronbach_alpha([]) is None
    assert cronbach_alpha([[1.0, 0.0]]) is None
    assert cronbach_alpha([[1.0], [0.0]]) is None
    # Two items that always agree: var items 1/4 + 1/4, var total 1 -> 2 · (1 - 1/2) = 1.
    assert cronbach_alpha([[1.0, 1.0], [0.0, 0.0]]) == pytest.approx(1.0)


# Properties over random classes.

scores = st.one_of(
    st.sampled_from([0.0, 1.0]),
    st.sampled_from([0.0, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1.0]),
    st.floats(0.0, 1.0),
)


@st.composite
def classes(draw: st.DrawFn) -> tuple[list[Attempt], list[str]]:
    k = draw(st.integers(1, 6))
    n = draw(st.integers(0, 12))
    items = [f"f{j}" for j in range(k)]
    options = [Choice(str(o), f"option {o}", o == 0) for o in range(4)]
    attempts = []
    for learner in range(n):
        answers = []
        for item in items:
            kind = draw(st.sampled_from(["blank", "choice", "score"]))
            if kind == "choice":
                answers.append(mcq(item, draw(st.sampled_from(options))))
            elif kind == "score":
                answers.append(Answer(item, draw(scores)))
        attempts.append(Attempt(learner, tuple(answers), MONDAY))
    return attempts, items


@given(classes())
def test_figures_stay_in_their_ranges(drawn):
    attempts, items = drawn
    analysis = analyze(attempts, items=items)
    assert analysis.reliability is None or analysis.reliability <= 1.0
    for s in analysis.items:
        assert s.facility is None or 0.0 <= s.facility <= 1.0
        assert s.discrimination is None or -1.0 <= s.discrimination <= 1.0
        assert s.upper_lower is None or -1.0 <= s.upper_lower <= 1.0
        assert sum(d.count for d in s.distractors) <= s.chosen <= s.answered <= s.n


@given(classes(), st.randoms(use_true_random=False))
def test_the_order_of_learners_changes_nothing(drawn, rng: random.Random):
    attempts, items = drawn
    shuffled = list(attempts)
    rng.shuffle(shuffled)
    assert analyze(shuffled, items=items) == analyze(attempts, items=items)


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=20), st.data())
def test_correlation_is_within_minus_one_and_one(xs, data):
    ys = data.draw(st.lists(st.floats(-1e6, 1e6), min_size=len(xs), max_size=len(xs)))
    r = correlation(xs, ys)
    assert r is None or -1.0 <= r <= 1.0
