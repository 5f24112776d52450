"""The date filters of the pages: the app's month names, the Arabic comma, the active zone."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from learning.templatetags.timing import day, due_in, interval_text, when

MOMENT = dt.datetime(2026, 12, 2, 22, 30, tzinfo=dt.UTC)


def test_a_moment_reads_with_the_apps_month_names_and_the_arabic_comma():
    """Bug: Arabic pages read '3 ديسمبر 2026, 00:46', a Latin comma and another month style."""
    with timezone.override("Asia/Riyadh"), translation.override("ar"):
        assert when(MOMENT) == "3 كانون الأول/ديسمبر 2026، 01:30"
        assert day(MOMENT) == "3 كانون الأول/ديسمبر 2026"
    with timezone.override("UTC"), translation.override("en"):
        assert when(MOMENT) == "2 December 2026, 22:30"
        assert day(MOMENT) == "2 December 2026"


def test_no_moment_reads_as_nothing():
    assert when(None) == "" and day(None) == ""


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(seconds=20), "less than a minute"),
        (dt.timedelta(seconds=40), "1 minute"),
        (dt.timedelta(minutes=9, seconds=50), "10 minutes"),
        (dt.timedelta(minutes=59, seconds=40), "1 hour"),
        (dt.timedelta(hours=5, minutes=29), "5 hours"),
        (dt.timedelta(hours=23, minutes=40), "1 day"),
        (dt.timedelta(days=5, hours=23), "6 days"),
        (dt.timedelta(days=5, hours=11), "5 days"),
        (dt.timedelta(days=29, hours=14), "1 month"),
        (dt.timedelta(days=45), "1 month, 15 days"),
        (dt.timedelta(days=60, hours=3), "2 months"),
        (dt.timedelta(days=400), "1 year, 1 month"),
        (dt.timedelta(days=730), "2 years"),
    ],
)
def test_an_interval_reads_in_its_largest_unit_rounded(delta, text):
    """Bug: a rating button previewed "5 days, 23 hours" where a learner reads "6 days"."""
    with translation.override("en"):
        # A number keeps to its unit on one line (a no-break space between them).
        assert interval_text(delta).replace("\xa0", " ") == text


def test_an_interval_reads_in_arabic_with_the_arabic_comma():
    with translation.override("ar"):
        assert interval_text(dt.timedelta(days=5, hours=23)).replace("\xa0", " ") == "6 أيام"
        assert interval_text(dt.timedelta(days=100)).replace("\xa0", " ") == "3 أشهر، 10 أيام"
        assert interval_text(dt.timedelta(seconds=5)) == "أقل من دقيقة"


def test_due_in_rounds_the_time_left_until_a_moment():
    with translation.override("en"):
        assert due_in(timezone.now() + dt.timedelta(days=5, hours=23)) == "6\xa0days"  # nbsp
        assert due_in(timezone.now() - dt.timedelta(minutes=5)) == "less than a minute"
        assert due_in(None) == ""


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(days=1), "يوم واحد"),
        (dt.timedelta(days=2), "يومين"),  # the dual alone, as in «بعد يومين»
        (dt.timedelta(days=6), "6 أيام"),
        (dt.timedelta(days=12), "12 يومًا"),
        (dt.timedelta(minutes=2), "دقيقتين"),
        (dt.timedelta(hours=11), "11 ساعة"),
        (dt.timedelta(days=60), "شهرين"),
        (dt.timedelta(days=365 * 3), "3 سنوات"),
    ],
)
def test_an_interval_takes_the_arabic_plural_form_of_its_number(delta, text):
    with translation.override("ar"):
        assert interval_text(delta).replace("\xa0", " ") == text
