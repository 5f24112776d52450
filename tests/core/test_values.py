"""How values read in Arabic and English (learning/core/values.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from learning.core import values


@pytest.mark.parametrize(
    ("number", "unit", "qualifier", "ar", "en"),
    [
        ("25000", "personnel", "more_than", "أكثر من 25,000", "more than 25,000"),
        ("7700000", "people", "exact", "7.7 مليون", "7.7 million"),
        ("3000000", "people", "exact", "3 ملايين", "3 million"),
        ("11000000", "people", "exact", "11 مليون", "11 million"),
        (
            "2300000000",
            "gbp",
            "more_than",
            "أكثر من 2.3 مليار جنيه إسترليني",
            "more than £2.3 billion",
        ),
        ("90", "percent", "exact", "90%", "90%"),
        ("0.2", "fraction", "exact", "الخُمس", "one fifth"),
        ("0.20", "fraction", "exact", "الخُمس", "one fifth"),
        ("750000", "people", "more_than", "أكثر من 750,000", "more than 750,000"),
        ("1", "years", "exact", "عام واحد", "one year"),
        ("1", "days", "exact", "يوم واحد", "one day"),
        ("100", "days", "exact", "100 يوم", "100 days"),
        ("1000", "years", "exact", "1,000 عام", "1,000 years"),
        ("103", "days", "exact", "103 أيام", "103 days"),
        ("111", "days", "exact", "111 يومًا", "111 days"),
        ("2", "years", "exact", "عامان", "two years"),
        ("5", "years", "exact", "خمسة أعوام", "five years"),
        ("3", "days", "exact", "ثلاثة أيام", "three days"),
        ("10", "days", "exact", "عشرة أيام", "ten days"),
        ("11", "years", "exact", "11 عامًا", "11 years"),
        ("2", "years", "more_than", "أكثر من عامين", "more than two years"),
        ("2", "days", "about", "نحو يومين", "about two days"),
        ("0.6667", "fraction", "exact", "الثلثان", "two thirds"),
        ("0.6667", "fraction", "more_than", "أكثر من الثلثين", "more than two thirds"),
        ("12", "years", "exact", "12 عامًا", "12 years"),
        ("18000", "followers", "up_to", "ما يصل إلى 18,000", "up to 18,000"),
        ("67", "partners", "about", "نحو 67", "about 67"),
    ],
)
def test_quantities_read_with_unit_and_qualifier(number, unit, qualifier, ar, en):
    assert values.format_quantity(Decimal(number), unit, qualifier, "ar") == ar
    assert values.format_quantity(Decimal(number), unit, qualifier, "en") == en


@pytest.mark.parametrize(
    ("start", "end", "precision", "ar", "en"),
    [
        (dt.date(2018, 1, 1), None, "year", "2018", "2018"),
        (dt.date(2019, 3, 1), None, "month", "آذار/مارس 2019", "March 2019"),
        (dt.date(2019, 3, 28), None, "day", "28 آذار/مارس 2019", "28 March 2019"),
        (
            dt.date(2019, 11, 7),
            dt.date(2019, 11, 8),
            "day",
            "7–8 تشرين الثاني/نوفمبر 2019",
            "7–8 November 2019",
        ),
        (dt.date(2014, 1, 1), dt.date(2016, 1, 1), "year", "2014 – 2016", "2014 – 2016"),
    ],
)
def test_dates_read_with_month_names_of_the_language(start, end, precision, ar, en):
    assert values.format_date(start, end, precision, "ar") == ar
    assert values.format_date(start, end, precision, "en") == en


def test_a_date_must_be_written_at_its_precision():
    assert values.date_is_at_precision(dt.date(2018, 1, 1), "year")
    assert not values.date_is_at_precision(dt.date(2018, 4, 1), "year")
    assert values.date_is_at_precision(dt.date(2018, 4, 1), "month")
    assert not values.date_is_at_precision(dt.date(2018, 4, 2), "month")
    assert values.date_is_at_precision(dt.date(2018, 4, 2), "day")


def test_order_is_decided_only_when_spans_do_not_overlap():
    year_2018 = values.date_span(dt.date(2018, 1, 1), None, "year")
    april_2018 = values.date_span(dt.date(2018, 4, 1), None, "month")
    march_2019 = values.date_span(dt.date(2019, 3, 1), None, "month")
    day_in_march = values.date_span(dt.date(2019, 3, 28), None, "day")
    assert not values.spans_ordered(year_2018, april_2018)
    assert values.spans_ordered(april_2018, march_2019)
    assert not values.spans_ordered(march_2019, day_in_march)
    assert values.spans_ordered(year_2018, march_2019)


def test_february_ends_on_its_last_day():
    assert values.period_end(dt.date(2016, 2, 1), "month") == dt.date(2016, 2, 29)
    assert values.period_end(dt.date(2015, 2, 1), "month") == dt.date(2015, 2, 28)


def test_a_dual_takes_the_genitive_after_a_preposition_and_nothing_else_changes():
    """'انخفض إلى الثلثان' is wrong: after إلى the dual ends in -ين."""
    assert values.format_number(Decimal("0.6667"), "fraction", "ar", genitive=True) == "الثلثين"
    assert values.format_number(Decimal("2"), "days", "ar", genitive=True) == "يومين"
    for number, unit in (("0.2", "fraction"), ("5", "years"), ("25000", "personnel")):
        for lang in ("ar", "en"):
            assert values.format_number(Decimal(number), unit, lang, genitive=True) == (
                values.format_number(Decimal(number), unit, lang)
            )
    assert values.genitive_slot("انخفض العدد إلى {value} مما كان عليه", "ar")
    assert not values.genitive_slot("كان قد مضى على إطلاقها {value}.", "ar")
    assert not values.genitive_slot("fell to {value}", "en")


def test_a_sentence_puts_a_dual_in_the_case_its_slot_asks_for():
    fact = values.FactData(
        slug="share",
        kind=values.Kind.QUANTITY,
        topic="t",
        source="s",
        paragraph=1,
        as_of=dt.date(2016, 9, 26),
        as_of_precision=values.Precision.DAY,
        statement={"ar": "انخفض العدد إلى {value} مما كان عليه.", "en": "It fell to {value}."},
        stem={"ar": "إلى كم انخفض؟", "en": "To what did it fall?"},
        explanation={"ar": "شرح.", "en": "Why."},
        document={"ar": "المصدر", "en": "Source"},
        number=Decimal("0.6667"),
        unit="fraction",
    )
    assert fact.sentence("ar") == "انخفض العدد إلى الثلثين مما كان عليه."
    assert fact.value_text("ar") == "الثلثان"
    assert fact.sentence("en") == "It fell to two thirds."


@pytest.mark.parametrize(
    ("number", "unit", "qualifier", "arabic"),
    [
        ("2000000", "people", "more_than", "أكثر من مليونين"),
        ("2000000", "people", "exact", "مليونان"),
        ("1000000", "people", "more_than", "أكثر من مليون"),
        ("2000000000", "gbp", "more_than", "أكثر من ملياري جنيه إسترليني"),
        ("2000000000", "gbp", "exact", "مليارا جنيه إسترليني"),
        ("2300000000", "gbp", "more_than", "أكثر من 2.3 مليار جنيه إسترليني"),
        ("5000000", "people", "exact", "5 ملايين"),
        ("0.75", "fraction", "exact", "ثلاثة أرباع"),
    ],
)
def test_arabic_writes_one_and_two_millions_as_words_and_three_quarters_without_the_article(
    number, unit, qualifier, arabic
):
    """Bug: «أكثر من 2 مليون» and «ثلاثة الأرباع» read as no Arabic writer writes them."""
    assert values.format_quantity(Decimal(number), unit, qualifier, "ar") == arabic
