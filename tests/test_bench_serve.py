"""The throughput bench's own pieces (bench/load.py, bench/urls.py, bench/studying.py): its
arithmetic, what it counts as a failed response, that its bare views never reach the site, and
the bookkeeping that makes every answer POST answer a fresh question. No timing is asserted."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from bench import load
from bench.studying import Studiers
from learning.models import AskedQuestion


def test_percentile_is_a_measured_value_by_nearest_rank():
    samples = [5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0]
    assert load.percentile(samples, 50) == 5.0
    assert load.percentile(samples, 99) == 10.0
    assert load.percentile(samples, 10) == 1.0
    assert load.percentile([7.0], 99) == 7.0
    with pytest.raises(ValueError):
        load.percentile([], 50)


def test_median_of_odd_and_even_counts():
    assert load.median([3.0, 1.0, 2.0]) == 2.0
    assert load.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        load.median([])


def test_a_run_counts_its_rate_from_good_responses_only():
    assert load.Run(requests=300, seconds=3.0, p50_ms=1, p99_ms=2).per_second == 100
    assert load.Run(requests=0, seconds=0.0, p50_ms=1, p99_ms=2).per_second == 0


@pytest.mark.parametrize(
    ("status", "hx_redirect", "problem"),
    [
        (200, None, ""),
        (204, None, ""),
        (302, None, "status 302"),
        (403, None, "status 403"),
        (500, None, "status 500"),
        (200, "/en/study/sessions/3/summary/", "HX-Redirect"),
    ],
)
def test_only_a_2xx_that_is_not_an_htmx_redirect_is_measured(status, hx_redirect, problem):
    assert load.problem_of(status, hx_redirect) == problem


WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:8000/en/
  2 threads and 10 connections
WRK {"requests": 1200, "duration_us": 3000000, "p50_us": 8000, "p99_us": 25500, "bad": %d, \
"connect": 0, "read": 0, "write": 0, "timeout": %d}
"""


def test_wrk_figures_are_read_from_our_scripts_line():
    run = load.parse_wrk(WRK_OUTPUT % (0, 0))
    assert (run.requests, run.seconds, run.p50_ms, run.p99_ms) == (1200, 3.0, 8.0, 25.5)
    assert run.per_second == 400
    assert not run.bad


def test_wrk_responses_that_are_not_2xx_or_time_out_are_counted_as_bad():
    run = load.parse_wrk(WRK_OUTPUT % (7, 2))
    assert run.requests == 1193
    assert run.bad == Counter({"status not 2xx": 7, "socket timeout errors": 2})


def test_wrk_output_without_our_line_is_an_error():
    with pytest.raises(RuntimeError, match="no figures"):
        load.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_a_one_shot_source_hands_each_request_out_once_across_threads():
    source = load.Source([load.Request("POST", f"/{i}/", {}, tag=i) for i in range(500)])
    taken: list[int] = []
    lock = threading.Lock()

    def take() -> None:
        for request in source:
            with lock:
                taken.append(request.tag)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == list(range(500))
    assert source.take() is None


def test_a_cycling_source_starts_again_after_its_last_request():
    source = load.Source(
        [load.Request("GET", "/a/", {}), load.Request("GET", "/b/", {})], cycle=True
    )
    assert [source.take().path for _ in range(5)] == ["/a/", "/b/", "/a/", "/b/", "/a/"]


def test_the_bare_views_are_not_in_the_sites_urls():
    with pytest.raises(Resolver404):
        resolve("/bench/constant/", urlconf="quizsite.urls")
    with pytest.raises(Resolver404):
        resolve("/bench/insert/", urlconf="quizsite.urls")
    assert resolve("/bench/constant/", urlconf="bench.urls").url_name == "bench_constant"
    with translation.override("en"):
        assert resolve("/en/", urlconf="bench.urls").url_name == "home"  # and the whole site


def test_the_site_answers_404_at_the_bare_views_address(client, db):
    assert client.get("/bench/constant/").status_code == 404


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_insert_view_inserts_one_row_a_post(db):
    from bench.urls import INSERT_TABLE, create_insert_table

    create_insert_table()
    client = Client()
    assert client.get("/bench/insert/").status_code == 405
    for _ in range(3):
        response = client.post("/bench/insert/", {"note": "x"})
        assert response.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {INSERT_TABLE}")
        assert cursor.fetchone()[0] == 3


def send(client: Client, request: load.Request):
    """A generator's request through the test client: its own Cookie and CSRF headers."""
    headers = {k: v for k, v in request.headers.items() if k != "Content-Type"}
    headers["Host"] = "127.0.0.1:8000"  # the server the Origin header names
    return client.generic(
        request.method,
        request.path,
        request.body or b"",
        content_type=request.headers.get("Content-Type", "application/octet-stream"),
        headers=headers,
    )


@pytest.fixture
def strict_client():
    """Checks CSRF as the server does: the generator's tokens must pass."""
    return Client(enforce_csrf_checks=True)


def test_each_learner_answers_a_fresh_question_once(strict_client, study_facts):
    studiers = Studiers(3, now=timezone.now())
    assert len(studiers.ready()) == 3 and not studiers.waiting()

    requests = studiers.next_question_requests(8000)
    for request in requests:
        response = send(strict_client, request)
        assert response.status_code == 200 and not response.has_header("HX-Redirect")
    studiers.asked(tuple(r.tag for r in requests), now=timezone.now())
    waiting = {s.waiting for s in studiers.waiting()}
    assert len(waiting) == 3
    assert (
        set(AskedQuestion.objects.filter(answered_at__isnull=True).values_list("pk", flat=True))
        == waiting
    )

    answers = studiers.answer_requests(8000)
    assert {r.path for r in answers} == {f"/en/study/questions/{pk}/answer/" for pk in waiting}
    for request in answers:
        assert send(strict_client, request).status_code == 200
    studiers.answered(tuple(r.tag for r in answers), now=timezone.now())
    assert AskedQuestion.objects.filter(pk__in=waiting, answered_at__isnull=False).count() == 3
    assert len(studiers.ready()) == 3  # ready for the next question, not the same one again


def test_a_next_question_that_stored_nothing_stops_the_bench(study_facts):
    studiers = Studiers(1, now=timezone.now())
    with pytest.raises(RuntimeError, match="0 questions waiting"):
        studiers.asked((0,), now=timezone.now())


def test_an_answer_that_was_not_recorded_stops_the_bench(strict_client, study_facts):
    studiers = Studiers(1, now=timezone.now())
    [request] = studiers.next_question_requests(8000)
    send(strict_client, request)
    studiers.asked((0,), now=timezone.now())
    with pytest.raises(RuntimeError, match="1 answers sent, 0 recorded"):
        studiers.answered((0,), now=timezone.now())


def test_an_answer_sent_twice_stops_the_bench(strict_client, study_facts):
    studiers = Studiers(1, now=timezone.now())
    [request] = studiers.next_question_requests(8000)
    send(strict_client, request)
    studiers.asked((0,), now=timezone.now())
    [answer] = studiers.answer_requests(8000)
    send(strict_client, answer)
    with pytest.raises(RuntimeError, match="sent twice"):
        studiers.answered((0, 0), now=timezone.now())


def test_the_bare_views_are_sent_with_a_csrf_token_and_the_session_when_asked(
    strict_client, study_facts
):
    from bench.urls import create_insert_table

    create_insert_table()
    studiers = Studiers(2, now=timezone.now())
    with override_settings(ROOT_URLCONF="bench.urls"):
        for insert in (False, True):
            for signed_in in (False, True):
                requests = studiers.bare_requests(8000, insert=insert, signed_in=signed_in)
                for request in requests:
                    response = send(strict_client, request)
                    assert response.status_code == 200
                    assert response.wsgi_request.user.is_authenticated is signed_in
