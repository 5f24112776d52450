import dataclasses
import math
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from learning.core import scheduling
from learning.core.scheduling import (
    Memory,
    Rating,
    State,
    preview,
    rating_for_answer,
    recall_now_many,
    retrievability,
    review,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NAIVE = datetime(2026, 1, 5, 9, 0)  # noqa: DTZ001 (on purpose: what the code must refuse)
RIYADH = ZoneInfo("Asia/Riyadh")

NEW = Memory.new(card_id=7, now=T0)
LEARNING_STEP_1 = review(NEW, rating=Rating.GOOD, now=T0, fuzz=False)
# A card that graduated ten days ago and is due today.
IN_REVIEW = Memory(
    card_id=7,
    due=T0 + timedelta(days=10),
    stability=10.0,
    difficulty=5.0,
    state=State.REVIEW,
    step=None,
    last_review=T0,
)
RELEARNING = Memory(
    card_id=7,
    due=T0 + timedelta(minutes=10),
    stability=1.5,
    difficulty=7.0,
    state=State.RELEARNING,
    step=0,
    last_review=T0,
)


# --- a new card ---


def test_new_card_is_due_now_in_learning_at_step_zero_with_no_memory_yet():
    memory = Memory.new(card_id=7, now=T0)
    assert memory == Memory(
        card_id=7,
        due=T0,
        stability=None,
        difficulty=None,
        state=State.LEARNING,
        step=0,
        last_review=None,
    )
    assert memory.is_new


def test_new_card_takes_any_aware_now_and_stores_it_in_utc():
    riyadh = datetime(2026, 1, 5, 12, 0, tzinfo=ZoneInfo("Asia/Riyadh"))
    memory = Memory.new(card_id=7, now=riyadh)
    assert memory.due == T0
    assert memory.due.tzinfo is UTC


# --- new -> learning -> review, with FSRS-6 defaults (learning steps 1m, 10m) ---


def test_first_good_moves_a_new_card_to_the_second_learning_step_due_in_ten_minutes():
    after = review(NEW, rating=Rating.GOOD, now=T0, fuzz=False)
    assert after.state == State.LEARNING
    assert after.step == 1
    assert after.due == T0 + timedelta(minutes=10)
    assert after.last_review == T0
    assert after.stability == pytest.approx(2.3065)  # FSRS-6 default w[2]: first rating Good
    assert not after.is_new


def test_second_good_graduates_the_card_to_review_due_days_later():
    learning = review(NEW, rating=Rating.GOOD, now=T0, fuzz=False)
    t1 = learning.due
    graduated = review(learning, rating=Rating.GOOD, now=t1, fuzz=False)
    assert graduated.state == State.REVIEW
    assert graduated.step is None
    assert graduated.due == t1 + timedelta(days=2)
    assert graduated.last_review == t1


def test_again_on_a_new_card_keeps_it_at_the_first_learning_step_due_in_one_minute():
    after = review(NEW, rating=Rating.AGAIN, now=T0, fuzz=False)
    assert (after.state, after.step) == (State.LEARNING, 0)
    assert after.due == T0 + timedelta(minutes=1)


def test_hard_on_a_new_card_waits_halfway_between_the_two_learning_steps():
    after = review(NEW, rating=Rating.HARD, now=T0, fuzz=False)
    assert (after.state, after.step) == (State.LEARNING, 0)
    assert after.due == T0 + timedelta(minutes=5, seconds=30)


def test_easy_on_a_new_card_skips_learning_straight_to_review():
    after = review(NEW, rating=Rating.EASY, now=T0, fuzz=False)
    assert (after.state, after.step) == (State.REVIEW, None)
    assert after.due == T0 + timedelta(days=8)


# --- review and lapses ---


def test_good_on_a_due_review_card_stays_in_review_with_more_stability():
    now = IN_REVIEW.due
    after = review(IN_REVIEW, rating=Rating.GOOD, now=now, fuzz=False)
    assert (after.state, after.step) == (State.REVIEW, None)
    assert after.stability > IN_REVIEW.stability
    assert after.due - now > timedelta(days=10)


def test_a_lapse_sends_a_review_card_to_relearning_due_in_ten_minutes_with_less_stability():
    now = IN_REVIEW.due
    after = review(IN_REVIEW, rating=Rating.AGAIN, now=now, fuzz=False)
    assert (after.state, after.step) == (State.RELEARNING, 0)
    assert after.due == now + timedelta(minutes=10)
    assert after.stability < IN_REVIEW.stability
    assert after.difficulty > IN_REVIEW.difficulty


def test_good_after_relearning_returns_the_card_to_review():
    now = RELEARNING.due
    after = review(RELEARNING, rating=Rating.GOOD, now=now, fuzz=False)
    assert (after.state, after.step) == (State.REVIEW, None)
    assert after.due >= now + timedelta(days=1)


def test_lower_desired_retention_schedules_the_same_review_later():
    now = IN_REVIEW.due
    due = {
        retention: review(
            IN_REVIEW, rating=Rating.GOOD, now=now, desired_retention=retention, fuzz=False
        ).due
        for retention in (0.80, 0.90, 0.95)
    }
    assert due[0.80] > due[0.90] > due[0.95]


def test_desired_retention_sets_a_new_cards_first_intervals():
    """At 0.90 a new card graduates in 2 days (Easy: 8); at 0.80 in 8 days (Easy: 28)."""
    first = {}
    for retention in (0.90, 0.80):
        shown = preview(NEW, now=T0, desired_retention=retention, fuzz=False)
        step_1 = review(NEW, rating=Rating.GOOD, now=T0, desired_retention=retention, fuzz=False)
        graduated = review(
            step_1, rating=Rating.GOOD, now=step_1.due, desired_retention=retention, fuzz=False
        )
        first[retention] = (shown[Rating.EASY] - T0, graduated.due - step_1.due)
    assert first == {
        0.90: (timedelta(days=8), timedelta(days=2)),
        0.80: (timedelta(days=28), timedelta(days=8)),
    }


def test_desired_retention_may_come_from_a_decimal_field():
    now = IN_REVIEW.due
    from_decimal = review(IN_REVIEW, rating=Rating.GOOD, now=now, desired_retention=Decimal("0.85"))
    from_float = review(IN_REVIEW, rating=Rating.GOOD, now=now, desired_retention=0.85)
    assert from_decimal == from_float


# --- fuzz: on by default, as in production; the same for every request about one card ---


def many_cards(memory):
    """The same memory on 200 different cards: what fuzz spreads apart."""
    return [dataclasses.replace(memory, card_id=card_id) for card_id in range(1, 201)]


def test_review_fuzzes_review_intervals_by_default_as_production_needs():
    """Bug: fuzz was off unless asked for, and Card.record_review never asked: no fuzz at all."""
    now = IN_REVIEW.due
    exact = review(IN_REVIEW, rating=Rating.GOOD, now=now, fuzz=False).due - now
    assert exact == timedelta(days=32)
    fuzzed = {review(m, rating=Rating.GOOD, now=now).due - now for m in many_cards(IN_REVIEW)}
    # fsrs's range around 32 days: 32 ± (1 + 0.15·4.5 + 0.1·13 + 0.05·12), rounded: 28 to 36
    assert fuzzed == {timedelta(days=d) for d in range(28, 37)}


def test_fuzz_leaves_learning_steps_and_short_intervals_exact():
    for memory in many_cards(NEW):
        assert review(memory, rating=Rating.GOOD, now=T0).due == T0 + timedelta(minutes=10)
    learning = many_cards(LEARNING_STEP_1)
    now = LEARNING_STEP_1.due
    assert {review(m, rating=Rating.GOOD, now=now).due - now for m in learning} == {
        timedelta(days=2)
    }


def test_fuzz_is_the_same_for_one_card_in_one_state_and_new_after_each_review():
    now = IN_REVIEW.due
    card = dataclasses.replace(IN_REVIEW, card_id=12)
    assert len({review(card, rating=Rating.GOOD, now=now).due for _ in range(20)}) == 1
    in_riyadh = dataclasses.replace(card, last_review=card.last_review.astimezone(RIYADH))
    assert review(in_riyadh, rating=Rating.GOOD, now=now) == review(
        card, rating=Rating.GOOD, now=now
    )
    seeds = {
        scheduling._fuzz_seed(dataclasses.replace(card, last_review=T0 + timedelta(days=d)))
        for d in range(5)
    }
    assert len(seeds) == 5


@pytest.mark.parametrize(("fraction", "expected"), [(0.0, 8), (0.2, 9), (0.5, 10), (0.999, 12)])
def test_fuzz_spreads_evenly_over_fsrs_range_and_never_beyond_it(fraction, expected):
    """fsrs rounds `random() * (width + 1) + low`: 10 days could become 13, past its 8-12 range."""
    assert scheduling._fuzzed_days(10, fraction=fraction, maximum=36500) == expected


def test_fuzz_respects_the_maximum_interval():
    assert scheduling._fuzzed_days(36400, fraction=1 - 1e-12, maximum=36500) == 36500


# --- values in, new values out ---


def test_review_leaves_its_input_unchanged_and_gives_the_same_answer_twice():
    before = dataclasses.replace(IN_REVIEW)
    first = review(IN_REVIEW, rating=Rating.HARD, now=IN_REVIEW.due)
    second = review(IN_REVIEW, rating=Rating.HARD, now=IN_REVIEW.due)
    assert before == IN_REVIEW
    assert first == second
    assert first is not IN_REVIEW


def test_memory_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        NEW.stability = 1.0  # type: ignore[misc]


def test_schedulers_are_built_once_per_retention():
    scheduling._scheduler.cache_clear()
    for _ in range(3):
        review(IN_REVIEW, rating=Rating.GOOD, now=IN_REVIEW.due, desired_retention=0.85)
        preview(IN_REVIEW, now=IN_REVIEW.due, desired_retention=0.85)
    assert scheduling._scheduler.cache_info().misses == 1


# --- time zones and retention bounds ---


def test_review_refuses_a_naive_now():
    with pytest.raises(ValueError, match="timezone-aware"):
        review(NEW, rating=Rating.GOOD, now=NAIVE)


@pytest.mark.parametrize(
    "call",
    [
        lambda: Memory.new(card_id=7, now=NAIVE),
        lambda: preview(NEW, now=NAIVE),
        lambda: retrievability(IN_REVIEW, now=NAIVE),
    ],
    ids=["new", "preview", "retrievability"],
)
def test_every_entry_point_refuses_a_naive_now(call):
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_review_accepts_a_non_utc_aware_now_that_fsrs_alone_would_refuse():
    """fsrs.Scheduler.review_card raises unless tzinfo is exactly datetime.UTC."""
    riyadh = T0.astimezone(ZoneInfo("Asia/Riyadh"))
    plus_three = T0.astimezone(timezone(timedelta(hours=3)))
    expected = review(NEW, rating=Rating.GOOD, now=T0)
    assert review(NEW, rating=Rating.GOOD, now=riyadh) == expected
    assert review(NEW, rating=Rating.GOOD, now=plus_three) == expected
    assert expected.due.tzinfo is UTC


@pytest.mark.parametrize("retention", [0.69, 0.98, 0.0, 1.0, math.nan])
def test_review_refuses_a_desired_retention_outside_70_to_97_percent(retention):
    with pytest.raises(ValueError, match="desired_retention"):
        review(IN_REVIEW, rating=Rating.GOOD, now=IN_REVIEW.due, desired_retention=retention)


@pytest.mark.parametrize("retention", [0.70, 0.97])
def test_review_accepts_the_retention_bounds_themselves(retention):
    after = review(IN_REVIEW, rating=Rating.GOOD, now=IN_REVIEW.due, desired_retention=retention)
    assert after.state == State.REVIEW


def test_preview_refuses_a_desired_retention_out_of_range():
    with pytest.raises(ValueError, match="desired_retention"):
        preview(IN_REVIEW, now=IN_REVIEW.due, desired_retention=0.99)


# --- Memory invariants: what fsrs would assert on or silently reset ---


@pytest.mark.parametrize(
    "changes",
    [
        {"due": NAIVE},
        {"last_review": NAIVE},
        {"last_review": None},  # reviewed memory without a review date
        {"stability": None},  # fsrs would silently restart it as a new card
        {"step": 0},  # a REVIEW card has no step
        {"state": State.RELEARNING},  # a RELEARNING card needs a step
    ],
    ids=[
        "naive-due",
        "naive-last-review",
        "no-last-review",
        "no-stability",
        "review-step",
        "no-step",
    ],
)
def test_memory_refuses_states_fsrs_cannot_schedule(changes):
    with pytest.raises(ValueError, match="Memory"):
        dataclasses.replace(IN_REVIEW, **changes)


# --- our columns <-> fsrs.Card ---


@pytest.mark.parametrize(
    "memory", [NEW, IN_REVIEW, RELEARNING], ids=["new", "review", "relearning"]
)
def test_memory_survives_the_round_trip_through_fsrs_card(memory):
    card = scheduling._to_fsrs(memory)
    assert card.card_id == memory.card_id
    assert int(card.state) == memory.state
    assert (card.step, card.stability, card.difficulty) == (
        memory.step,
        memory.stability,
        memory.difficulty,
    )
    assert (card.due, card.last_review) == (memory.due, memory.last_review)
    back = scheduling._from_fsrs(card)
    assert back == memory
    assert type(back.state) is State


# --- auto-graded answers ---


@pytest.mark.parametrize(
    ("correct", "fast", "state", "is_new", "expected"),
    [
        (False, False, State.LEARNING, True, Rating.AGAIN),
        (False, True, State.REVIEW, False, Rating.AGAIN),
        (True, False, State.LEARNING, True, Rating.GOOD),
        (True, True, State.LEARNING, True, Rating.GOOD),  # new: never Easy
        (True, True, State.LEARNING, False, Rating.GOOD),
        (True, True, State.RELEARNING, False, Rating.GOOD),
        (True, False, State.REVIEW, False, Rating.GOOD),
        (True, True, State.REVIEW, False, Rating.EASY),
    ],
)
def test_rating_for_answer(correct, fast, state, is_new, expected):
    assert rating_for_answer(correct=correct, fast=fast, state=state, is_new=is_new) == expected


def test_auto_grading_never_gives_hard():
    ratings = {
        rating_for_answer(correct=c, fast=f, state=s, is_new=n)
        for c in (True, False)
        for f in (True, False)
        for s in State
        for n in (True, False)
    }
    assert ratings == {Rating.AGAIN, Rating.GOOD, Rating.EASY}


# --- preview for the flashcard buttons ---


@pytest.mark.parametrize("fuzz", [False, True], ids=["exact", "fuzzed"])
@pytest.mark.parametrize(
    ("memory", "now"),
    [
        (NEW, T0),
        (LEARNING_STEP_1, LEARNING_STEP_1.due),
        (IN_REVIEW, IN_REVIEW.due),
        (IN_REVIEW, T0 + timedelta(hours=2)),  # reviewed again the same day
        (RELEARNING, RELEARNING.due),
    ],
    ids=["new", "learning-step-1", "review", "review-same-day", "relearning"],
)
def test_preview_due_dates_never_decrease_from_again_to_easy(memory, now, fuzz):
    for card in many_cards(memory)[:50]:
        due = preview(card, now=now, fuzz=fuzz)
        assert list(due) == [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY]
        assert due[Rating.AGAIN] <= due[Rating.HARD] <= due[Rating.GOOD] <= due[Rating.EASY]
        assert due[Rating.AGAIN] < due[Rating.EASY]


def test_preview_of_a_new_card_shows_the_learning_steps():
    assert preview(NEW, now=T0, fuzz=False) == {
        Rating.AGAIN: T0 + timedelta(minutes=1),
        Rating.HARD: T0 + timedelta(minutes=5, seconds=30),
        Rating.GOOD: T0 + timedelta(minutes=10),
        Rating.EASY: T0 + timedelta(days=8),
    }


def test_preview_shows_the_fuzzed_due_date_that_answering_then_records():
    """Bug: the buttons showed unfuzzed dates; with fuzz on, answering would record others."""
    now = IN_REVIEW.due
    moved = 0
    for card in many_cards(IN_REVIEW):
        shown = preview(card, now=now, desired_retention=0.85)
        exact = preview(card, now=now, desired_retention=0.85, fuzz=False)
        for rating in Rating:
            recorded = review(card, rating=rating, now=now, desired_retention=0.85)
            assert shown[rating] == recorded.due
        moved += shown != exact
    assert moved > 100, "the fuzz is really in what is shown"


# --- retrievability ---

# FSRS-6's forgetting curve, by hand: R(t) = (1 + F * t / S) ** -w20, F = 0.9 ** (-1 / w20) - 1,
# with w20 = 0.1542 (the default weights) and t in days, fractional.
W20 = 0.1542
F = 0.9 ** (1 / -W20) - 1


def by_hand(stability: float, days: float) -> float:
    return (1 + F * days / stability) ** -W20


def test_a_new_card_has_zero_retrievability():
    assert retrievability(NEW, now=T0) == 0.0


def test_recall_is_certain_just_after_a_review_and_lower_an_hour_later():
    """The bug: fsrs counts whole days, so a card showed 100% for a day after any review."""
    wrong = review(IN_REVIEW, rating=Rating.AGAIN, now=T0 + timedelta(days=10), fuzz=False)
    assert wrong.last_review is not None and wrong.stability is not None
    just_after = retrievability(wrong, now=wrong.last_review + timedelta(seconds=1))
    hour_later = retrievability(wrong, now=wrong.last_review + timedelta(hours=1))
    assert just_after == pytest.approx(1.0, abs=1e-5)
    assert hour_later < just_after
    assert hour_later == pytest.approx(by_hand(wrong.stability, 1 / 24), rel=1e-12)


def test_retrievability_falls_from_certain_with_the_time_elapsed():
    r = [retrievability(IN_REVIEW, now=T0 + timedelta(hours=h)) for h in (0, 6, 24, 240, 2400)]
    assert r[0] == 1.0
    assert r[0] > r[1] > r[2] > r[3] > r[4] > 0.0


def test_recall_23_hours_after_a_review_is_far_below_certain():
    """As Anki reads it: a card of stability 0.4 days reviewed 23 hours ago is at 83%."""
    memory = dataclasses.replace(IN_REVIEW, stability=0.4)
    recall = retrievability(memory, now=T0 + timedelta(hours=23))
    assert recall == pytest.approx(0.82997, abs=1e-5)
    assert recall == pytest.approx(by_hand(0.4, 23 / 24), rel=1e-12)


def test_recall_six_hours_after_a_review_worked_out_by_hand():
    memory = dataclasses.replace(IN_REVIEW, stability=0.4)
    six_hours = T0 + timedelta(hours=6)
    assert retrievability(memory, now=six_hours) == pytest.approx(0.92895, abs=1e-5)
    assert recall_now_many([(0.4, T0)], now=six_hours) == [
        pytest.approx((1 + F * 0.25 / 0.4) ** -W20, rel=1e-12)
    ]


@pytest.mark.parametrize("days", [0, 1, 2, 10, 400])
@pytest.mark.parametrize("stability", [0.3, 2.5, 10.0, 180.0])
def test_at_whole_days_the_recall_is_fsrs_own_retrievability(stability, days):
    """Only the time read changes: at a whole number of days the curve gives fsrs's value."""
    import fsrs

    card = fsrs.Card(
        card_id=7, state=fsrs.State.Review, stability=stability, difficulty=5.0, last_review=T0
    )
    now = T0 + timedelta(days=days)
    expected = fsrs.Scheduler().get_card_retrievability(card, current_datetime=now)
    memory = dataclasses.replace(IN_REVIEW, stability=stability)
    assert retrievability(memory, now=now) == expected
    assert recall_now_many([(stability, T0)], now=now.astimezone(RIYADH)) == [expected]


@pytest.mark.parametrize("hours", [0, 1, 23, 24, 25, 24 * 10 + 5, 24 * 400])
@pytest.mark.parametrize("stability", [0.3, 2.5, 10.0, 180.0])
def test_recall_many_is_retrievability_card_by_card(stability, hours):
    memory = dataclasses.replace(IN_REVIEW, stability=stability)
    now = T0 + timedelta(hours=hours, microseconds=7)
    (fast,) = recall_now_many([(stability, T0)], now=now)
    assert fast == retrievability(memory, now=now)
    assert fast == pytest.approx(by_hand(stability, (hours + 7e-6 / 3600) / 24), rel=1e-12)


def test_recall_many_keeps_the_order_and_refuses_naive_times():
    recalls = recall_now_many([(10.0, T0 - timedelta(days=30)), (10.0, T0)], now=T0)
    assert recalls[0] < recalls[1] == 1.0
    with pytest.raises(ValueError, match="naive"):
        recall_now_many([(10.0, T0)], now=NAIVE)


def test_retrievability_on_the_due_date_is_close_to_the_desired_retention():
    for retention in (0.80, 0.90, 0.95):
        after = review(
            IN_REVIEW,
            rating=Rating.GOOD,
            now=IN_REVIEW.due,
            desired_retention=retention,
            fuzz=False,
        )
        assert retrievability(after, now=after.due) == pytest.approx(retention, abs=0.01)


# --- recall of many cards at once ---


def test_recall_now_many_is_nine_in_ten_after_as_many_days_as_the_stability():
    """By FSRS's definition, stability is the number of days to fall to 90% recall."""
    cards = [(10.0, T0), (3.0, T0 - timedelta(days=7))]
    now = T0 + timedelta(days=10)
    assert scheduling.recall_now_many(cards, now=now)[0] == pytest.approx(0.9, abs=1e-12)
    # Half a stability later than its review, the other card is further down the same curve.
    assert scheduling.recall_now_many(cards, now=T0 + timedelta(hours=12))[1] == pytest.approx(
        by_hand(3.0, 7.5), rel=1e-12
    )


def test_recall_now_many_refuses_a_naive_now():
    with pytest.raises(ValueError, match="naive"):
        scheduling.recall_now_many([(1.0, T0)], now=NAIVE)


def test_recall_after_days_reads_fractional_days_and_never_rises_above_certain():
    assert scheduling.recall_after_days([(10.0, 10), (10.0, 0.5), (10.0, 0), (10.0, -2)]) == [
        pytest.approx(0.9, abs=1e-12),
        pytest.approx((1 + F * 0.05) ** -W20, rel=1e-12),
        1.0,
        1.0,  # a review stamped later than now (clock skew) forgets nothing
    ]


@pytest.mark.parametrize(
    ("elapsed", "days"),
    [
        (timedelta(0), 0.0),
        (timedelta(hours=6), 0.25),
        (timedelta(days=3, hours=18), 3.75),
        (timedelta(microseconds=1), 1 / 86_400_000_000),
        (timedelta(days=-1), 0.0),  # a moment after now: no time has passed
    ],
)
def test_days_since_counts_the_time_elapsed_to_the_microsecond(elapsed, days):
    assert scheduling.days_since(T0, now=(T0 + elapsed).astimezone(RIYADH)) == days


@pytest.mark.parametrize("retention", [0.7, 0.73, 0.8, 0.9, 0.95, 0.97])
def test_the_recall_threshold_judges_every_card_as_the_recall_probability_does(retention):
    """Cards at, a hair under and a hair over the threshold: `1 + F * t / S <= limit` says what
    `recall_after_days(...) >= retention` says, float for float, t fractional."""
    threshold = scheduling.recall_threshold(retention)
    k = (threshold.limit - 1) / threshold.factor  # remembered while t <= about S * k
    judged = []
    for stability in (0.3, 1.0, 2.7, 21.0, 45.5, 365.0):
        edge = stability * k
        for days in (edge, edge * (1 - 1e-9), edge * (1 + 1e-9), edge + 1 / 24, edge / 2):
            for t in (days, math.nextafter(days, 0), math.nextafter(days, 99e9)):
                [recall] = scheduling.recall_after_days([(stability, t)])
                by_threshold = 1.0 + threshold.factor * t / stability <= threshold.limit
                assert by_threshold == (recall >= retention), (t, stability)
                judged.append(by_threshold)
    assert any(judged) and not all(judged)


def test_the_recall_threshold_is_the_largest_base_that_still_recalls():
    threshold = scheduling.recall_threshold(0.9)
    _factor, decay = scheduling._forgetting_curve()  # -w20
    assert threshold.limit**decay >= 0.9
    assert math.nextafter(threshold.limit, 2.0) ** decay < 0.9
