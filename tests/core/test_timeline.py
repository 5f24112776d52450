"""The timeline's layout: events at their precision on one axis, in lanes that never collide,
banded by value, mirrored for Arabic."""

import datetime as dt
import itertools

import pytest

from learning.core import timeline
from learning.core.timeline import Band
from learning.core.values import FactData, Kind, Precision


def event(slug, start, precision, end=None):
    return FactData(
        slug=slug,
        kind=Kind.DATE,
        topic="t",
        source="s",
        paragraph=1,
        as_of=dt.date(2020, 1, 1),
        as_of_precision=Precision.DAY,
        statement={"ar": "{value}", "en": "{value}"},
        stem={"ar": "متى؟", "en": "When?"},
        explanation={"ar": "", "en": ""},
        document={"ar": "", "en": ""},
        date_start=start,
        date_end=end,
        precision=Precision(precision),
        label={"ar": slug, "en": slug},
    )


# 2006 to 2019: fourteen years, 5,113 days (2008, 2012 and 2016 are leap years)
FIRST = event("flourish", dt.date(2006, 1, 1), "year")
LAST = event("call", dt.date(2019, 5, 15), "day")
DAYS = 14 * 365 + 3


def by_slug(found):
    return {m.fact.slug: m for m in found.marks}


def test_a_year_only_event_spans_its_whole_year_and_no_more():
    found = timeline.layout([FIRST, LAST], {})
    mark = by_slug(found)["flourish"]
    assert (mark.start, mark.end, mark.point) == (dt.date(2006, 1, 1), dt.date(2006, 12, 31), False)
    assert mark.x == 0.0
    assert mark.width == pytest.approx(365 / DAYS)
    assert mark.x + mark.width == pytest.approx(found.ticks[1].x)  # where 2007 begins


def test_a_month_event_spans_its_month_and_a_day_event_is_a_point():
    march = event("baghuz", dt.date(2019, 3, 1), "month")
    found = by_slug(timeline.layout([FIRST, march, LAST], {}))
    assert (found["baghuz"].end, found["baghuz"].point) == (dt.date(2019, 3, 31), False)
    assert found["baghuz"].width == pytest.approx(31 / DAYS)
    assert found["call"].point and found["call"].start == found["call"].end
    assert found["call"].width == pytest.approx(1 / DAYS)


def test_a_range_of_days_covers_both_days():
    conference = event("melbourne", dt.date(2019, 11, 7), "day", end=dt.date(2019, 11, 8))
    (mark,) = timeline.layout([conference], {}).marks
    assert (mark.start, mark.end) == (dt.date(2019, 11, 7), dt.date(2019, 11, 8))
    assert mark.width == pytest.approx(2 / 365)


def test_the_axis_runs_from_the_first_events_year_to_the_last_events():
    found = timeline.layout([LAST, FIRST], {})
    assert [t.year for t in found.ticks] == list(range(2006, 2020))
    assert found.ticks[0].x == 0.0 and found.end_x == 1.0
    assert found.ticks[13].x == pytest.approx((DAYS - 365) / DAYS)
    assert found.ticks[0].middle == pytest.approx(365 / 2 / DAYS)


def test_marks_come_in_date_order_whatever_order_the_facts_come_in():
    middle = event("mosul", dt.date(2017, 7, 1), "month")
    found = timeline.layout([LAST, middle, FIRST], {})
    assert [m.fact.slug for m in found.marks] == ["flourish", "mosul", "call"]
    xs = [m.x for m in found.marks]
    assert xs == sorted(xs)


def test_events_of_the_same_month_take_separate_lanes_and_clear_ones_share_the_first():
    same = [event(f"coalition-{n}", dt.date(2014, 9, 1), "month") for n in range(3)]
    found = timeline.layout([FIRST, *same, LAST], {}, marker=0.02)
    lanes = {m.fact.slug: m.lane for m in found.marks}
    assert sorted(lanes[f"coalition-{n}"] for n in range(3)) == [0, 1, 2]
    assert lanes["flourish"] == 0 and lanes["call"] == 0
    assert found.lanes == 3


def test_no_two_marks_in_one_lane_overlap_symbols_included():
    marker = 0.03
    facts = [event(f"m{n}", dt.date(2010 + n // 12, n % 12 + 1, 1), "month") for n in range(40)]
    facts += [
        event(f"d{n}", dt.date(2011, 1, 1) + dt.timedelta(days=9 * n), "day") for n in range(30)
    ]
    found = timeline.layout(facts, {}, marker=marker)

    def extent(mark):
        return (
            min(mark.x, mark.centre - marker / 2),
            max(mark.x + mark.width, mark.centre + marker / 2),
        )

    for lane in range(found.lanes):
        spans = sorted(extent(m) for m in found.marks if m.lane == lane)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), lane
    assert found.lanes > 1  # the symbols did crowd: the test covers lanes, not just one row


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, Band.STRONG),
        (0.9, Band.STRONG),
        (0.896, Band.STRONG),  # reads 90%: never drawn as under 90%
        (0.894, Band.FAIR),  # reads 89%
        (0.7, Band.FAIR),
        (0.696, Band.FAIR),
        (0.694, Band.WEAK),
        (0.0, Band.WEAK),
        (None, Band.UNSEEN),
    ],
)
def test_bands(value, expected):
    assert timeline.band(value) == expected


@pytest.mark.parametrize("value", [-0.1, 1.01])
def test_a_value_outside_0_to_1_is_refused(value):
    with pytest.raises(ValueError, match=r"0\.\.1"):
        timeline.band(value)


@pytest.mark.parametrize(
    ("value", "shown"), [(0.0, 0), (0.125, 13), (0.5, 50), (0.994, 99), (1.0, 100)]
)
def test_the_percentage_shown_rounds_half_up(value, shown):
    assert timeline.percent(value) == shown


def test_each_mark_carries_its_value_and_a_missing_slug_is_unseen():
    found = by_slug(timeline.layout([FIRST, LAST], {"flourish": 0.75, "other": 0.1}))
    assert (found["flourish"].value, found["flourish"].band) == (0.75, Band.FAIR)
    assert found["flourish"].percent == 75
    assert (found["call"].value, found["call"].band, found["call"].percent) == (
        None,
        Band.UNSEEN,
        None,
    )


def test_in_arabic_the_earliest_event_is_at_the_right():
    facts = [FIRST, event("mosul", dt.date(2017, 7, 1), "month"), LAST]
    ltr = by_slug(timeline.layout(facts, {}))
    rtl = timeline.layout(facts, {}, rtl=True)
    mirrored = by_slug(rtl)
    assert mirrored["flourish"].x + mirrored["flourish"].width == 1.0
    assert mirrored["flourish"].centre > mirrored["mosul"].centre > mirrored["call"].centre
    for slug, mark in mirrored.items():
        assert mark.centre == pytest.approx(1 - ltr[slug].centre)
        assert (mark.width, mark.lane) == (ltr[slug].width, ltr[slug].lane)
    assert rtl.ticks[0].x == 1.0 and rtl.end_x == 0.0
    assert rtl.ticks[0].middle == pytest.approx(1 - 365 / 2 / DAYS)


def test_no_events_no_axis():
    found = timeline.layout([], {})
    assert (found.marks, found.ticks, found.lanes) == ([], [], 0)


def test_a_fact_without_a_date_is_refused():
    undated = event("x", None, "year")
    with pytest.raises(ValueError, match="no date"):
        timeline.layout([undated], {})
