"""The progress page: both languages, the empty state, a guest's, and only one's own data."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.core.scheduling import Rating, State
from learning.models import Card


def studied(learner, fact, *, rating=Rating.GOOD, days_ago=3):
    """A fact answered through the real write, some days ago."""
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    card = Card.new(learner=learner, fact=fact, now=at)
    card.save()
    card.record_review(rating=rating, now=at, kind="mcq", correct=rating > 1, duration_ms=2000)
    return card


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner.user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_empty_state_says_how_to_start(signed_in, topic, lang):
    response = signed_in.get(f"/{lang}/progress/")
    assert response.status_code == 200
    page = response.content.decode()
    assert ("لا شيء لعرضه بعد" if lang == "ar" else "Nothing to show yet") in page
    assert f'href="/{lang}/study/"' in page
    assert "<svg" not in page


@pytest.mark.django_db
def test_a_visitor_sees_the_empty_state(client, topic):
    page = client.get("/en/progress/").content.decode()
    assert "Nothing to show yet" in page


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_dashboard_in_both_languages(signed_in, learner, study_facts, lang):
    studied(learner, study_facts["fighters"], rating=Rating.AGAIN)
    studied(learner, study_facts["accounts"])
    response = signed_in.get(f"/{lang}/progress/")
    assert response.status_code == 200
    page = response.content.decode()
    words = {
        "ar": [
            "تقدّمك",
            "الاحتفاظ الفعلي",
            "أضعف الحقائق",
            "المراجعات المستحقة خلال الأيام الثلاثين القادمة",
        ],
        "en": [
            "Your progress",
            "True retention",
            "Your weakest facts",
            "Reviews due in the next 30 days",
        ],
    }[lang]
    for word in words:
        assert word in page
    assert page.count('role="img"') == 3  # forecast, calendar, weekly accuracy
    assert page.count("<details") == 3  # each with its table
    # The weakest fact links to its page, with a practice form carrying CSRF.
    assert f'href="/{lang}/facts/fighters/"' in page
    assert f'action="/{lang}/study/practice/military/"' in page
    assert "csrfmiddlewaretoken" in page


@pytest.mark.django_db
def test_the_arabic_dashboard_names_months_in_arabic(signed_in, learner, study_facts):
    studied(learner, study_facts["fighters"])
    page = signed_in.get("/ar/progress/").content.decode()
    months = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس")
    months += ("سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
    assert any(month in page for month in months)
    assert not re.search(r"\b(January|February|March|April|May|June|July|August)\b", page)


@pytest.mark.django_db
def test_the_forecast_mirrors_in_arabic(signed_in, learner, study_facts):
    """Today's bar is at the left in English and at the right in Arabic."""
    studied(learner, study_facts["fighters"], days_ago=0)  # due today (a learning step)

    def first_bar_x(lang):
        page = signed_in.get(f"/{lang}/progress/").content.decode()
        chart = page[page.index('class="bar-chart"') :]
        return float(re.search(r'<rect class="bar" x="([\d.]+)"', chart).group(1))

    assert first_bar_x("en") < 100 < first_bar_x("ar")


@pytest.mark.django_db
def test_only_the_learners_own_data(signed_in, learner, make_learner, study_facts):
    studied(learner, study_facts["fighters"])
    other = make_learner("omar")
    studied(other, study_facts["palmyra"], rating=Rating.AGAIN)
    page = signed_in.get("/en/progress/").content.decode()
    assert "/en/facts/fighters/" in page
    assert "/en/facts/palmyra/" not in page


@pytest.mark.django_db
def test_a_guest_has_a_dashboard(client, study_facts):
    client.post("/en/study/start/")  # a visitor becomes a guest learner
    from learning.models import Learner

    guest = Learner.objects.get()
    studied(guest, study_facts["origin"])
    page = client.get("/en/progress/").content.decode()
    assert "Your weakest facts" in page
    assert "/en/facts/origin/" in page


@pytest.mark.django_db
def test_progress_is_in_the_navigation_and_marked_current(signed_in, topic):
    page = signed_in.get("/en/progress/").content.decode()
    assert re.search(r'<a href="/en/progress/" aria-current="page">Progress</a>', page)
    assert 'href="/en/progress/"' in signed_in.get("/en/").content.decode()


@pytest.mark.django_db
def test_the_session_summary_links_to_progress(signed_in, learner, study_facts):
    from learning import study

    session = study.start_session(learner=learner, now=dt.datetime.now(dt.UTC))
    page = signed_in.get(f"/en/study/sessions/{session.pk}/summary/").content.decode()
    assert 'href="/en/progress/"' in page


@pytest.mark.django_db
def test_a_post_is_refused(signed_in, topic):
    assert signed_in.post("/en/progress/").status_code == 405


@pytest.mark.django_db
def test_the_page_runs_as_many_queries_for_a_long_history_as_for_a_short_one(
    signed_in, learner, study_facts
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get("/en/progress/").status_code == 200
        return len(captured)

    studied(learner, study_facts["fighters"])
    short = queries()
    for slug in ("accounts", "palmyra", "origin", "event-1", "event-2"):
        card = studied(learner, study_facts[slug], days_ago=40)
        for days_ago in (20, 9, 2):
            at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
            card.record_review(rating=Rating.GOOD, now=at, kind="mcq", correct=True, duration_ms=1)
    page = signed_in.get("/en/progress/").content.decode()
    assert "/en/facts/event-2/" in page  # the longer history is on the page
    assert queries() == short


@pytest.mark.django_db
def test_true_retention_without_a_due_review_says_why_it_is_empty(signed_in, learner, study_facts):
    # First answers only: the weekly bars have them, true retention has none yet.
    studied(learner, study_facts["accounts"], days_ago=0)
    page = signed_in.get("/en/progress/").content.decode()
    assert "None has come due yet" in page
    # Once a fact in review has come due and been answered, the figure stands alone.
    card = studied(learner, study_facts["fighters"], days_ago=40)
    while card.state != State.REVIEW:
        card.record_review(
            rating=Rating.GOOD, now=card.due, kind="mcq", correct=True, duration_ms=2000
        )
    card.record_review(rating=Rating.GOOD, now=card.due, kind="mcq", correct=True, duration_ms=2000)
    page = signed_in.get("/en/progress/").content.decode()
    assert "None has come due yet" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "place"), [("en", "Riyadh, Saudi Arabia"), ("ar", "الرياض")])
def test_the_time_zone_is_named_as_settings_lists_it(signed_in, learner, study_facts, lang, place):
    learner.time_zone = "Asia/Riyadh"
    learner.save()
    studied(learner, study_facts["accounts"])
    page = signed_in.get(f"/{lang}/progress/").content.decode()
    assert place in page and "Asia/Riyadh" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_facts_all_above_the_desired_retention_are_not_called_weak(
    signed_in, learner, study_facts, lang
):
    studied(learner, study_facts["fighters"], days_ago=0)  # just answered right: near 100 %
    page = signed_in.get(f"/{lang}/progress/").content.decode()
    sure = {"ar": "الحقائق التي أنت أقل ثقة بها", "en": "The facts you are least sure of"}
    weakest = {"ar": "أضعف الحقائق", "en": "Your weakest facts"}
    assert sure[lang] in page
    assert weakest[lang] not in page
    assert ("لا ضعيف بينها" if lang == "ar" else "none is weak") in page


@pytest.mark.django_db
def test_a_fact_below_the_desired_retention_keeps_the_weakest_heading(
    signed_in, learner, study_facts
):
    studied(learner, study_facts["fighters"], days_ago=0)
    studied(learner, study_facts["accounts"], rating=Rating.AGAIN)
    page = signed_in.get("/en/progress/").content.decode()
    assert "Your weakest facts" in page
    assert "none is weak" not in page
