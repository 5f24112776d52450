"""The learner's review history as CSV for the FSRS optimizer: its exact bytes, only one's
own reviews, and who may download it."""

import datetime as dt

import pytest

from learning import progress
from learning.core.scheduling import State
from learning.models import Card, Review

URL = "/en/progress/reviews.csv"


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def card_of(learner, fact):
    return Card.objects.create(
        learner=learner, fact=fact, due=utc(2026, 4, 1), created_at=utc(2026, 3, 1)
    )


def review(card, at, *, rating, state_before, duration_ms):
    Review.objects.create(
        card=card,
        rating=rating,
        reviewed_at=at,
        kind="mcq",
        correct=rating > 1,
        duration_ms=duration_ms,
        state_before=state_before,
    )


@pytest.fixture
def history(learner, study_facts):
    """Two cards: the first reviewed new, in learning, then in review (created out of order,
    to show the file is sorted by card then time); the second once, new."""
    first = card_of(learner, study_facts["fighters"])
    second = card_of(learner, study_facts["accounts"])
    review(first, utc(2026, 3, 5, 18, 30), rating=4, state_before=State.REVIEW, duration_ms=1200)
    review(
        first,
        utc(2026, 3, 1, 10, 0, 0, 250000),
        rating=3,
        state_before=State.LEARNING,
        duration_ms=2500,
    )
    review(second, utc(2026, 3, 3, 7, 15), rating=1, state_before=State.LEARNING, duration_ms=61000)
    review(first, utc(2026, 3, 2, 10), rating=1, state_before=State.LEARNING, duration_ms=4000)
    return first, second


@pytest.mark.django_db
def test_the_file_is_the_optimizers_review_log(client, learner, history):
    """UTF-8 with a BOM, CRLF lines; times in Unix milliseconds; the state the card was in
    when reviewed, a card's first review 0 (New) although we store a new card as learning."""
    first, second = history
    client.force_login(learner.user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mudhakara-reviews.csv"'
    a, b = first.pk, second.pk
    expected = (
        "\ufeffcard_id,review_time,review_rating,review_state,review_duration\r\n"
        f"{a},1772359200250,3,0,2500\r\n"  # 2026-03-01 10:00:00.250 UTC, new
        f"{a},1772445600000,1,1,4000\r\n"  # 2026-03-02 10:00, learning
        f"{a},1772735400000,4,2,1200\r\n"  # 2026-03-05 18:30, review
        f"{b},1772522100000,1,0,61000\r\n"  # 2026-03-03 07:15, new
    )
    assert response.content == expected.encode("utf-8")


@pytest.mark.django_db
def test_relearning_is_state_3_and_a_later_learning_review_stays_learning(learner, study_facts):
    card = card_of(learner, study_facts["fighters"])
    review(card, utc(2026, 3, 1), rating=3, state_before=State.LEARNING, duration_ms=1)
    review(card, utc(2026, 3, 9), rating=1, state_before=State.REVIEW, duration_ms=1)
    review(card, utc(2026, 3, 9, 0, 10), rating=3, state_before=State.RELEARNING, duration_ms=1)
    assert [row[3] for row in progress.review_log(learner)] == [0, 2, 3]


@pytest.mark.django_db
def test_another_learners_reviews_never_appear(client, learner, make_learner, study_facts, history):
    other = make_learner("omar")
    theirs = card_of(other, study_facts["palmyra"])
    review(theirs, utc(2026, 3, 4), rating=2, state_before=State.LEARNING, duration_ms=999)
    client.force_login(learner.user)
    lines = client.get(URL).content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 4
    assert not any(line.startswith(f"{theirs.pk},") or ",999" in line for line in lines)
    client.force_login(other.user)
    lines = client.get(URL).content.decode("utf-8-sig").splitlines()
    assert lines[1:] == [f"{theirs.pk},1772582400000,2,0,999"]


@pytest.mark.django_db
def test_one_query_for_the_whole_history(learner, history, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = progress.review_log(learner)
    assert len(rows) == 4


@pytest.mark.django_db
def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.django_db
def test_a_guest_downloads_their_own_history(client, study_facts):
    client.post("/en/study/start/")  # a visitor becomes a guest learner
    from learning.models import Learner

    guest = Learner.objects.get()
    card = card_of(guest, study_facts["origin"])
    review(card, utc(2026, 3, 1), rating=3, state_before=State.LEARNING, duration_ms=10)
    lines = client.get(URL).content.decode("utf-8-sig").splitlines()
    assert lines[1:] == [f"{card.pk},1772323200000,3,0,10"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_dashboard_links_the_download_and_says_what_it_is_for(client, learner, history, lang):
    client.force_login(learner.user)
    page = client.get(f"/{lang}/progress/").content.decode()
    assert f'href="/{lang}/progress/reviews.csv"' in page
    assert ("مُحسِّن FSRS" if lang == "ar" else "the FSRS optimizer reads") in page
