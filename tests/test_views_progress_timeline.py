"""The event timeline on the dashboard: every dated event, marked by the learner's recall now,
each mark a link to its row of the table (label, date as the app writes it, recall, fact page)."""

import datetime as dt
import re

import pytest

from learning import progress
from learning.core.scheduling import State
from learning.models import Card, Review


def studied(learner, fact, *, stability, days_ago):
    """A card in review, last answered `days_ago` days ago.

    The recall is 0.9 when as many days have passed as the card's stability (FSRS), and under a
    third after 30 days at a stability of one day.
    """
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    card = Card.objects.create(
        learner=learner,
        fact=fact,
        due=at + dt.timedelta(days=stability),
        stability=stability,
        difficulty=5.0,
        state=State.REVIEW,
        step=None,
        last_review=at,
        reps=1,
        created_at=at,
    )
    Review.objects.create(
        card=card,
        rating=3,
        reviewed_at=at,
        kind="mcq",
        correct=True,
        duration_ms=3000,
        state_before=State.LEARNING,
    )
    return card


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner.user)
    return client


@pytest.fixture
def year_event(make_fact):
    return make_fact(
        slug="flourish",
        kind="date",
        number=None,
        unit="",
        qualifier="",
        date_start=dt.date(2006, 1, 1),
        precision="year",
        statement_ar="بدأ داعش يزدهر في العراق عام {value}.",
        statement_en="Daesh began to flourish in Iraq in {value}.",
        stem_ar="متى بدأ داعش يزدهر في العراق؟",
        stem_en="When did Daesh begin to flourish in Iraq?",
        label_ar="داعش يبدأ بالازدهار في العراق",
        label_en="Daesh begins to flourish in Iraq",
    )


def timeline_of(page):
    start = page.index('<figure class="chart event-timeline"')
    return page[start : page.index("</figure>", start)]


def rows_of(section):
    """The table's rows: (row id, fact link, label, date, value)."""
    return re.findall(
        r'<tr id="([^"]+)"><th scope="row"><a href="([^"]+)">([^<]+)</a></th>'
        r"<td>([^<]+)</td><td>.*?</svg> ([^<]+)</td></tr>",
        section,
    )


@pytest.mark.django_db
def test_the_learners_recall_per_fact_leaves_unseen_facts_out(learner, study_facts):
    studied(learner, study_facts["event-0"], stability=10.0, days_ago=10)
    Card.new(learner=learner, fact=study_facts["event-1"], now=dt.datetime.now(dt.UTC)).save()
    board = progress.dashboard(learner, now=dt.datetime.now(dt.UTC))
    assert set(board.recall) == {"event-0"}  # a card never answered is not seen
    assert board.recall["event-0"] == pytest.approx(0.9, abs=1e-6)
    assert [f.slug for f in board.events] == sorted(f"event-{n}" for n in range(5))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words", "dates"),
    [
        (
            "en",
            ["The events, by how well you remember them", "Recall now", "not seen yet"],
            ["2006", "September 2014", "March 2019"],
        ),
        (
            "ar",
            ["الأحداث بحسب تذكّرك لها", "احتمال التذكّر الآن", "لم تره بعد"],
            ["2006", "أيلول/سبتمبر 2014", "آذار/مارس 2019"],
        ),
    ],
)
def test_the_timeline_in_both_languages(
    signed_in, learner, study_facts, year_event, lang, words, dates
):
    studied(learner, study_facts["event-0"], stability=10.0, days_ago=10)  # September 2014: 90%
    studied(learner, year_event, stability=1.0, days_ago=30)  # 2006: weak
    page = signed_in.get(f"/{lang}/progress/").content.decode()
    for word in words:
        assert word in page
    section = timeline_of(page)
    rows = rows_of(section)
    assert [rows[0][3], rows[1][3], rows[-1][3]] == dates  # the date as the app writes it
    assert len(rows) == 6  # every dated event, seen or not
    first, second = rows[0], rows[1]
    assert first[1] == f"/{lang}/facts/flourish/"
    assert first[2] == year_event.label_ar if lang == "ar" else year_event.label_en
    assert second[1] == f"/{lang}/facts/event-0/" and second[4] == "90%"
    assert rows[-1][4] == ("لم تره بعد" if lang == "ar" else "not seen yet")
    # Each mark links to its row and says what the row says.
    for row_id, _url, label, date, _value in rows:
        mark = re.search(
            rf'<a class="tl-mark" href="#{row_id}"[^>]*><title>([^<]+)</title>', section
        )
        assert mark, row_id
        assert label in mark.group(1) and date in mark.group(1)
    # 2006 a year-only event: a bar (span), one symbol per event, four bands in the key.
    assert section.count('<a class="tl-mark"') == 6
    assert section.count('class="tl-span') == 6  # all six are dated to a year or a month
    assert re.search(
        r'data-slug="flourish"><title>[^<]*</title><rect class="tl-span tl-weak"', section
    )
    assert re.search(
        r'data-slug="event-0"><title>[^<]*</title><rect class="tl-span tl-strong"', section
    )


@pytest.mark.django_db
def test_a_day_event_is_a_point_without_a_bar(signed_in, learner, study_facts, make_fact):
    make_fact(
        slug="resolution",
        kind="date",
        number=None,
        unit="",
        qualifier="",
        date_start=dt.date(2019, 3, 28),
        precision="day",
        label_ar="اعتماد القرار",
        label_en="Resolution adopted",
    )
    studied(learner, study_facts["fighters"], stability=10.0, days_ago=1)
    section = timeline_of(signed_in.get("/en/progress/").content.decode())
    mark = re.search(r'data-slug="resolution"><title>([^<]+)</title>(<\w+)', section)
    assert "28 March 2019" in mark.group(1)
    assert mark.group(2) == "<circle"  # its focus ring, then its symbol: no bar


@pytest.mark.django_db
def test_the_axis_runs_right_to_left_in_arabic(signed_in, learner, study_facts, year_event):
    studied(learner, study_facts["fighters"], stability=10.0, days_ago=1)

    def year_labels(lang):
        section = timeline_of(signed_in.get(f"/{lang}/progress/").content.decode())
        return {
            int(year): float(x)
            for x, year in re.findall(
                r'<text class="axis-label" x="([\d.]+)"[^>]*>(\d{4})</text>', section
            )
        }

    en, ar = year_labels("en"), year_labels("ar")
    assert list(en) == list(range(2006, 2020)) == list(ar)
    assert en[2006] < en[2019] and ar[2006] > ar[2019]


@pytest.mark.django_db
def test_the_empty_state_has_no_timeline(signed_in, study_facts):
    page = signed_in.get("/en/progress/").content.decode()
    assert "Nothing to show yet" in page and "tl-mark" not in page
