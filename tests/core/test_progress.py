"""The progress arithmetic, on small histories worked out by hand."""

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from learning.core import progress
from learning.core.progress import Mastery, Share

D = dt.date
RIYADH = ZoneInfo("Asia/Riyadh")  # UTC+3, no daylight saving


def test_study_date_changes_at_4_am_on_the_learners_clock():
    # 00:59 UTC is 03:59 in Riyadh: still the evening's study day; 01:00 UTC is 04:00.
    assert progress.study_date(dt.datetime(2026, 3, 10, 0, 59, tzinfo=dt.UTC), RIYADH) == D(
        2026, 3, 9
    )
    assert progress.study_date(dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.UTC), RIYADH) == D(
        2026, 3, 10
    )


def test_study_date_keeps_4_am_across_a_clock_change():
    london = ZoneInfo("Europe/London")
    # 29 March 2026 the clocks go forward: 03:30 UTC is 04:30 BST, already the new day.
    assert progress.study_date(dt.datetime(2026, 3, 29, 3, 30, tzinfo=dt.UTC), london) == D(
        2026, 3, 29
    )
    # The day before, 03:30 UTC is 03:30 GMT: still the 27th's study day.
    assert progress.study_date(dt.datetime(2026, 3, 28, 3, 30, tzinfo=dt.UTC), london) == D(
        2026, 3, 27
    )


def test_study_date_refuses_a_naive_moment():
    with pytest.raises(ValueError):
        progress.study_date(dt.datetime(2026, 3, 10, 12), RIYADH)  # noqa: DTZ001


def test_streaks_current_and_longest():
    days = {D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 6), D(2026, 3, 7)}
    assert progress.streaks(days, today=D(2026, 3, 7)) == progress.Streaks(current=2, longest=3)


def test_a_streak_survives_until_today_is_over():
    """Not yet studied today: yesterday's run is still the current streak."""
    days = {D(2026, 3, 5), D(2026, 3, 6)}
    assert progress.streaks(days, today=D(2026, 3, 7)).current == 2
    assert progress.streaks(days, today=D(2026, 3, 8)).current == 0


def test_streaks_of_nothing():
    assert progress.streaks(set(), today=D(2026, 3, 7)) == progress.Streaks(0, 0)


def _hourly(start: dt.datetime, days: int) -> list[dt.datetime]:
    """Every 7 minutes and 13 seconds from `start` for `days` days: every hour of the day,
    and the minutes around each 4 a.m. in turn."""
    step = dt.timedelta(minutes=7, seconds=13)
    return [start + i * step for i in range(int(days * 86400 / step.total_seconds()))]


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("Asia/Riyadh", dt.datetime(2026, 3, 1, tzinfo=dt.UTC)),
        ("Asia/Kathmandu", dt.datetime(2026, 3, 1, tzinfo=dt.UTC)),  # UTC+5:45
        ("Europe/London", dt.datetime(2026, 3, 27, tzinfo=dt.UTC)),  # spring forward, 29 March
        ("America/New_York", dt.datetime(2026, 10, 30, tzinfo=dt.UTC)),  # fall back, 1 Nov
        ("Australia/Lord_Howe", dt.datetime(2026, 4, 3, tzinfo=dt.UTC)),  # half an hour back
    ],
)
def test_the_study_clock_agrees_with_study_date(zone, start):
    """The fast clock (an offset per UTC day) gives every instant the day study_date gives,
    across daylight-saving switches and zones a quarter of an hour off UTC."""
    tz = ZoneInfo(zone)
    clock = progress.StudyClock(tz)
    for moment in _hourly(start, days=4):
        seconds = int(moment.timestamp())
        assert clock.date(clock.day_number(seconds)) == progress.study_date(moment, tz), moment


def test_the_study_clock_on_either_side_of_4_am():
    clock = progress.StudyClock(RIYADH)
    at_359 = int(dt.datetime(2026, 3, 10, 0, 59, 59, tzinfo=dt.UTC).timestamp())  # 03:59:59
    assert clock.date(clock.day_number(at_359)) == D(2026, 3, 9)
    assert clock.date(clock.day_number(at_359 + 1)) == D(2026, 3, 10)


def test_a_streak_across_the_4_am_boundary():
    """Answers at 23:00 and at 02:00 the next night (Riyadh) are one study day; then a day
    missed by the calendar but not by the study day keeps the streak."""
    moments = [
        dt.datetime(2026, 3, 9, 20, 0, tzinfo=dt.UTC),  # 23:00 on the 9th
        dt.datetime(2026, 3, 10, 23, 0, tzinfo=dt.UTC),  # 02:00 on the 11th: the 10th's day
        dt.datetime(2026, 3, 11, 10, 0, tzinfo=dt.UTC),  # 13:00 on the 11th
    ]
    days = {progress.study_date(m, RIYADH) for m in moments}
    assert days == {D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 11)}
    assert progress.streaks(days, today=D(2026, 3, 11)) == progress.Streaks(3, 3)


def test_forecast_buckets_overdue_today_and_drops_beyond_the_horizon():
    today = D(2026, 3, 10)
    due = [D(2026, 3, 1), D(2026, 3, 10), D(2026, 3, 11), D(2026, 3, 11), D(2026, 4, 8)]
    due.append(D(2026, 4, 9))  # 30 days ahead: outside buckets 0..29
    buckets = progress.forecast(due, today=today)
    assert len(buckets) == 30
    assert buckets[0] == 2 and buckets[1] == 2 and buckets[29] == 1
    assert sum(buckets) == 5


def test_is_right_for_graded_answers_and_flashcards():
    assert progress.is_right(correct=True, rating=1) is True  # graded: the grade decides
    assert progress.is_right(correct=False, rating=3) is False
    assert progress.is_right(correct=None, rating=1) is False  # flashcard Again
    assert progress.is_right(correct=None, rating=2) is True  # flashcard Hard


def test_true_retention_counts_only_cards_in_review():
    answers = Counter([(2, True), (2, True), (2, False), (1, False), (3, True), (2, True)])
    share = progress.true_retention(answers)
    assert share == Share(right=3, n=4)
    assert share.rate == 0.75 and share.percent == 75


def test_share_of_nothing_has_no_rate():
    assert Share(0, 0).rate is None and Share(0, 0).percent is None


def test_share_percent_rounds_half_up():
    assert Share(1, 8).percent == 13  # 12.5


def test_weekly_accuracy_weeks_end_today():
    today = D(2026, 3, 28)
    answers = Counter(
        {
            (D(2026, 3, 28), True): 2,
            (D(2026, 3, 22), False): 1,  # 6 days ago: this week
            (D(2026, 3, 21), True): 1,  # 7 days ago: last week
            (D(2025, 1, 1), True): 4,  # long ago: left out
        }
    )
    weeks = progress.weekly_accuracy(answers, today=today, weeks=3)
    assert [w.start for w in weeks] == [D(2026, 3, 8), D(2026, 3, 15), D(2026, 3, 22)]
    assert [w.share for w in weeks] == [Share(0, 0), Share(1, 1), Share(2, 3)]


@pytest.mark.parametrize(
    ("recall", "stability", "expected"),
    [
        (None, None, Mastery.NOT_SEEN),
        (0.95, 30.0, Mastery.MASTERED),
        (0.90, 21.0, Mastery.MASTERED),  # both bounds are inclusive
        (0.89, 30.0, Mastery.LEARNING),  # stable but not recalled well enough now
        (0.99, 20.9, Mastery.LEARNING),  # recalled but not yet stable
    ],
)
def test_mastery(recall, stability, expected):
    assert progress.mastery(recall=recall, stability=stability, desired_retention=0.9) == expected


def test_topic_counts_sum_recall_probabilities():
    counts = progress.topic_counts(
        10,
        [(Mastery.MASTERED, 0.95), (Mastery.LEARNING, 0.5), (Mastery.LEARNING, 0.25)],
    )
    assert (counts.facts, counts.not_seen, counts.learning, counts.mastered) == (10, 7, 2, 1)
    assert counts.known == pytest.approx(1.7)


def test_bars_scale_and_mirror_in_rtl():
    ltr = progress.bars([1, 2, 0, 4], width=400, height=100, rtl=False, gap=0.5)
    assert [(b.x, b.y, b.width, b.height) for b in ltr] == [
        (25.0, 75.0, 50.0, 25.0),
        (125.0, 50.0, 50.0, 50.0),
        (225.0, 100.0, 50.0, 0.0),
        (325.0, 0.0, 50.0, 100.0),
    ]
    rtl = progress.bars([1, 2, 0, 4], width=400, height=100, rtl=True, gap=0.5)
    assert [b.x for b in rtl] == [325.0, 225.0, 125.0, 25.0]  # the first bar on the right


def test_bars_against_a_fixed_maximum_and_of_zeros():
    assert progress.bars([50], width=10, height=100, rtl=False, maximum=100)[0].height == 50.0
    assert [b.height for b in progress.bars([0, 0], width=10, height=10, rtl=False)] == [0, 0]


def test_calendar_columns_are_weeks_ending_today():
    today = D(2026, 3, 11)  # a Wednesday
    counts = Counter({D(2026, 3, 11): 8, D(2026, 3, 2): 2, D(2026, 3, 1): 1})
    cells = progress.calendar(counts, today=today, weeks=2, first_weekday=0)
    # Two weeks from Monday 2 March: 7 days, then Monday 9 to Wednesday 11.
    assert [c.day for c in cells] == [D(2026, 3, 2) + dt.timedelta(days=i) for i in range(10)]
    assert (cells[0].column, cells[0].row, cells[0].count, cells[0].level) == (0, 0, 2, 1)
    assert (cells[-1].column, cells[-1].row, cells[-1].level) == (1, 2, 4)
    assert cells[1].level == 0


def test_calendar_week_may_start_on_saturday():
    cells = progress.calendar(Counter(), today=D(2026, 3, 11), weeks=1, first_weekday=5)
    assert cells[0].day == D(2026, 3, 7)  # Saturday
    assert cells[-1].row == 4
