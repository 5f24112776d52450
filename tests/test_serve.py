"""`make serve`'s server: gunicorn with quizsite/gunicorn.conf.py and production settings
(DEBUG off), over real HTTP on 127.0.0.1. Pages and hashed static files are served (whitenoise,
cached for a year), and every request has an id, in its response and in its log lines."""

import multiprocessing
import re
import runpy
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest
from django.db import connections

from tests.conftest import REPO
from tests.servers import gunicorn, prepare, production_env

TRUSTED = "HTTP_X_REQUEST_ID"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    env = production_env(tmp, REQUEST_ID_HEADER=TRUSTED)
    prepare(env)
    log = tmp / "gunicorn.log"
    with gunicorn(env, log) as base:
        yield base, log


def fetch(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def log_lines_with(log, request_id: str) -> list[str]:
    """The log's lines that name the id; the access line is written just after the response."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in log.read_text().splitlines() if request_id in line]
        if any('"GET ' in line for line in lines) or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_a_page_is_served_with_production_settings_and_a_request_id(server):
    base, log = server
    status, headers, body = fetch(f"{base}/en/")
    assert status == 200
    assert "Traceback" not in body and "DEBUG" not in body
    request_id = headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    access = [line for line in log_lines_with(log, request_id) if '"GET /en/ ' in line]
    assert len(access) == 1, log.read_text()
    assert access[0].rstrip().endswith(f"request_id={request_id}")


def test_each_request_gets_its_own_id(server):
    base, _log = server
    ids = {fetch(f"{base}/en/")[1]["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3


def test_django_log_lines_carry_the_id_of_their_request(server):
    base, log = server
    status, headers, _body = fetch(f"{base}/en/facts/no-such-fact/")
    assert status == 404
    request_id = headers["X-Request-ID"]
    lines = log_lines_with(log, request_id)
    django_line = [line for line in lines if "django.request" in line and "Not Found" in line]
    assert len(django_line) == 1, log.read_text()


def test_the_trusted_proxys_id_is_kept(server):
    base, log = server
    status, headers, _body = fetch(f"{base}/en/", {"X-Request-ID": "edge-7f3a:42"})
    assert status == 200
    assert headers["X-Request-ID"] == "edge-7f3a:42"
    assert any('"GET /en/ ' in line for line in log_lines_with(log, "request_id=edge-7f3a:42"))


def test_an_id_that_could_break_a_log_line_is_replaced(server):
    base, log = server
    forged = 'x" 200 request_id=forged'
    _status, headers, _body = fetch(f"{base}/en/", {"X-Request-ID": forged})
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
    assert "forged" not in log.read_text()


def test_a_hashed_static_file_is_served_and_cached_for_a_year(server):
    base, _log = server
    _status, _headers, body = fetch(f"{base}/en/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page links no hashed stylesheet"
    status, headers, css = fetch(base + stylesheet[1])
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert css.strip()
    max_age = re.search(r"max-age=(\d+)", headers["Cache-Control"])
    assert max_age and int(max_age[1]) >= 365 * 24 * 3600
    assert "immutable" in headers["Cache-Control"]
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])


def gunicorn_config(monkeypatch, **env: str) -> dict:
    for name in ("WEB_CONCURRENCY", "HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "quizsite" / "gunicorn.conf.py"))


def test_workers_and_address_come_from_the_environment(monkeypatch):
    config = gunicorn_config(monkeypatch, WEB_CONCURRENCY="3", PORT="8123")
    assert config["workers"] == 3
    assert config["bind"] == ["127.0.0.1:8123"]
    default = gunicorn_config(monkeypatch)
    assert default["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert default["bind"] == ["127.0.0.1:8000"]


def test_the_warm_up_before_forking_opens_no_database_connection(monkeypatch):
    """Workers forked from the master must not share its connection; pytest-django refuses
    any database access here (no django_db mark), so a query would fail this test."""
    config = gunicorn_config(monkeypatch)
    server = SimpleNamespace(cfg=SimpleNamespace(preload_app=True))
    # An earlier test in the same process may have left its connection open (an in-memory
    # test database keeps it): what counts is that the warm-up opens none.
    before = {alias for alias in connections if connections[alias].connection is not None}
    config["on_starting"](server)
    after = {alias for alias in connections if connections[alias].connection is not None}
    assert after == before
