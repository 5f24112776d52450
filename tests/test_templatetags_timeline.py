"""The {% timeline %} tag on its own, as the teacher's class view calls it: any values in 0..1
(here shares of a class), any headings, in both languages; no database needed."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from learning.core.values import FactData, Kind, Precision

CALL = (
    "{% load timeline %}{% timeline facts shares title='Class timeline' desc='By share' "
    "value_heading='Remembered by' unseen_label='nobody yet' %}"
)


def event(slug, start, precision, label_en, label_ar):
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
        date_end=None,
        precision=Precision(precision),
        label={"ar": label_ar, "en": label_en},
    )


FACTS = [
    event("call", dt.date(2019, 5, 15), "day", "Christchurch Call launched", "إطلاق نداء"),
    event("flourish", dt.date(2006, 1, 1), "year", "Daesh flourishes", "داعش يزدهر"),
    event("mosul", dt.date(2017, 7, 1), "month", "Mosul retaken", "استعادة الموصل"),
]
SHARES = {"flourish": 0.746, "mosul": 0.95}  # "call": no one in the class has seen it


def render(lang):
    with translation.override(lang):
        return Template(CALL).render(Context({"facts": FACTS, "shares": SHARES}))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_shares_of_a_class_in_date_order_with_the_callers_words(lang):
    html = render(lang)
    assert "Class timeline" in html and "Remembered by" in html
    rows = re.findall(
        r'<tr id="[^"]+-(\w+)"><th scope="row"><a href="([^"]+)">([^<]+)</a></th>'
        r"<td>([^<]+)</td><td>.*?</svg> ([^<]+)</td></tr>",
        html,
    )
    dates = {
        "en": ["2006", "July 2017", "15 May 2019"],
        "ar": ["2006", "تموز/يوليو 2017", "15 أيار/مايو 2019"],
    }[lang]
    assert rows == [
        ("flourish", f"/{lang}/facts/flourish/", FACTS[1].label[lang], dates[0], "75%"),
        ("mosul", f"/{lang}/facts/mosul/", FACTS[2].label[lang], dates[1], "95%"),
        ("call", f"/{lang}/facts/call/", FACTS[0].label[lang], dates[2], "nobody yet"),
    ]
    assert (
        'data-slug="mosul"><title>'
        + " — ".join((FACTS[2].label[lang], dates[1], "Remembered by: 95%"))
        in html
    )


def test_the_key_names_each_band_in_the_page_language():
    english, arabic = render("en"), render("ar")
    for text in ("90% or more", "70% to 89%", "under 70%", "nobody yet"):
        assert text in english
    for text in ("90% أو أكثر", "من 70% إلى 89%", "أقل من 70%"):
        assert text in arabic


def test_the_marks_are_drawn_by_band_and_the_day_event_has_no_bar():
    html = render("en")
    assert re.search(
        r'data-slug="flourish"><title>[^<]*</title><rect class="tl-span tl-fair"', html
    )
    assert re.search(r'data-slug="mosul"><title>[^<]*</title><rect class="tl-span tl-strong"', html)
    assert re.search(r'data-slug="call"><title>[^<]*</title><circle class="tl-ring"', html)
    assert re.search(r'data-slug="call">.*?<use href="#timeline-\d+-unseen"', html)


def test_the_years_run_right_to_left_in_arabic():
    def first_and_last_year_x(lang):
        found = re.findall(
            r'<text class="axis-label" x="([\d.]+)"[^>]*>(\d{4})</text>', render(lang)
        )
        return float(found[0][0]), float(found[-1][0]), found[0][1], found[-1][1]

    en_first, en_last, *years = first_and_last_year_x("en")
    assert years == ["2006", "2019"] and en_first < en_last
    ar_first, ar_last, *years = first_and_last_year_x("ar")
    assert years == ["2006", "2019"] and ar_first > ar_last


def test_no_dated_events_says_so():
    with translation.override("en"):
        html = Template(CALL).render(Context({"facts": [], "shares": {}}))
    assert "no dated events" in html and "<svg" not in html
