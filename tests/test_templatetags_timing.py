"""The date filters of the pages: the app's month names, the Arabic comma, the active zone."""

import datetime as dt

from django.utils import timezone, translation

from learning.templatetags.timing import day, when

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
