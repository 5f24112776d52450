"""Undo under gunicorn, on SQLite and on PostgreSQL (`make test-pg`): a double-sent undo, and an
undo racing the answer to the next question, leave every card where its reviews put it.

Each learner (a guest, its own cookies, real HTTP) studies to its first flashcard, rates it,
sends Undo twice at the same moment, rates it again, then on the next question sends Undo and
that question's answer at the same moment. Whichever wins, the rows must agree: a rated question
has one review per card, an unrated one none, and each card equals its reviews replayed.
"""

from __future__ import annotations

import random
import re
import threading
from collections import Counter, defaultdict

from learning.models import AskedQuestion, Card, Review
from tests.test_concurrency import (
    TIMEOUT,
    Browser,
    Reply,
    Traffic,
    answer_fields,
    connected,
    gunicorn,
    own_database,
    prepare,
    replayed,
    server_env,
    stored,
    twice_at_once,
)

LEARNERS = 8
QUESTION = re.compile(r'action="(/en/study/questions/(\d+))/(?:answer|reveal)/"')


def both_at_once(first, second) -> list:
    """`first()` and `second()` in two threads released together; both results."""
    barrier = threading.Barrier(2, timeout=TIMEOUT)
    results: list = [None, None]

    def run(index: int, call) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    for result in results:
        assert result is not None, "a concurrent request did not finish"
        if isinstance(result, Exception):
            raise result
    return results


def rate(browser: Browser, path: str, rng) -> Reply:
    """Turn the flashcard at `path` over if need be, and rate it."""
    page = browser.get(f"{path}/")
    if reveal := re.search(rf'action="({path}/reveal/)"', page.body):
        assert browser.post(reveal[1], page, []).status == 302
        page = browser.get(f"{path}/")
    reply = browser.post(f"{path}/answer/", page, answer_fields(page, rng))
    assert reply.status == 302, f"rating {path}: {reply.status}"
    return reply


def undo_token(page: Reply) -> str:
    token = re.search(r'name="answer" value="([^"]+)"', page.body)
    assert token, f"no Undo on {page.path}"
    return token[1]


def learner(base: str, number: int, traffic: Traffic, flashcards: list[str]) -> None:
    rng = random.Random(number)
    browser = Browser(base, traffic)
    started = browser.post("/en/study/start/", browser.get("/en/study/"), [])
    session = started.location
    for _ in range(12):  # to the first flashcard, answering the rest
        page = browser.get(session)
        found = QUESTION.search(page.body)
        assert found, f"no question on {session}"
        if 'data-kind="flashcard"' in page.body:
            break
        assert browser.post(f"{found[1]}/answer/", page, answer_fields(page, rng)).status == 302
    else:
        raise AssertionError("no flashcard in twelve questions")
    card = found[1]
    with traffic.lock:
        flashcards.append(card)
    rate(browser, card, rng)

    page = browser.get(f"{card}/")
    undos = twice_at_once(browser.post, f"{card}/undo/", page, [("answer", undo_token(page))])
    assert [u.status for u in undos] == [302, 302], [u.status for u in undos]
    assert 'name="rating"' in browser.get(f"{card}/").body, "undone: to be rated again"
    rate(browser, card, rng)

    following = browser.get(session)
    found = QUESTION.search(following.body)
    assert found and found[1] != card, "the next question"
    token = undo_token(following)
    fields = answer_fields(following, rng) if "/answer/" in following.body else None
    undo = lambda: browser.post(f"{card}/undo/", following, [("answer", token)])  # noqa: E731
    if fields is None:  # an unturned flashcard: race the undo with turning it over
        other = lambda: browser.post(f"{found[1]}/reveal/", following, [])  # noqa: E731
    else:
        other = lambda: browser.post(f"{found[1]}/answer/", following, fields)  # noqa: E731
    replies = both_at_once(undo, other)
    assert replies[0].status in (302, 400) and replies[1].status == 302, [r.status for r in replies]
    if 'name="rating"' in browser.get(f"{card}/").body:
        rate(browser, card, rng)  # the undo won: rated again


def test_undo_twice_at_once_and_racing_an_answer_keeps_cards_and_reviews_agreed(
    tmp_path, django_db_blocker
):
    log = tmp_path / "gunicorn.log"
    flashcards: list[str] = []
    traffic = Traffic()
    with own_database(tmp_path) as database:
        env = server_env(database, tmp_path)
        prepare(env)
        with gunicorn(env, log) as base:

            def run(number: int) -> None:
                try:
                    learner(base, number, traffic, flashcards)
                except Exception as error:
                    with traffic.lock:
                        traffic.errors.append(f"learner {number}: {error!r}")

            threads = [threading.Thread(target=run, args=(n,)) for n in range(LEARNERS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        with connected(database, django_db_blocker) as alias:
            asked = list(AskedQuestion.objects.using(alias).select_related("session"))
            reviews = list(Review.objects.using(alias).order_by("reviewed_at", "pk"))
            cards = list(Card.objects.using(alias))

    assert traffic.errors == []
    assert [r for r in traffic.replies if r.status >= 500] == []
    assert len(flashcards) == LEARNERS
    per_question_card = Counter((r.question_id, r.card_id) for r in reviews)
    assert all(n == 1 for n in per_question_card.values()), "a card reviewed twice for one answer"
    rated = {q for q, _card in per_question_card}
    for question in asked:
        if question.card_id is not None and question.session.mode == "study":
            assert (question.answered_at is not None) == (question.pk in rated), question.pk
    by_pk = {q.pk: q for q in asked}
    for path in flashcards:
        assert by_pk[int(path.rsplit("/", 1)[1])].answered_at is not None, "rated in the end"
    by_card: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_card[review.card_id].append(review)
    for card in cards:
        assert stored(card) == replayed(card, by_card[card.pk]), f"card {card.pk}"
