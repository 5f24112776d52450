"""The lock-out count holds across gunicorn workers: real HTTP on 127.0.0.1, 3 workers, one
SQLite file in tmp_path (axes keeps its counts in the database, not in a worker's memory).

Each worker serves one request and is replaced (--max-requests 1): the failures are counted
by several processes whatever the machine's load, where three long-lived workers could leave
one of them to answer every request."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import gunicorn, prepare, production_env

LIMIT = 5
TRIES = 9
PASSWORD = "a-long-enough-passphrase-42"


@pytest.fixture
def server(tmp_path):
    env = production_env(tmp_path, WEB_CONCURRENCY="3", LOGIN_FAILURE_LIMIT=str(LIMIT))
    prepare(
        env,
        then=f"from django.contrib.auth.models import User; "
        f"User.objects.create_user('layla', password={PASSWORD!r})",
    )
    log = tmp_path / "gunicorn.log"
    # The access lines (to stdout, as quizsite/gunicorn.conf.py sends them) name the worker.
    options = ["--access-logformat=access-line %(p)s %(m)s %(s)s", "--max-requests=1"]
    with gunicorn(env, log, *options) as base:
        yield base, log


def test_the_failure_count_is_shared_by_every_worker(server):
    base, log = server
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/en/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)

    def log_in(password: str) -> int:
        body = urllib.parse.urlencode(
            {"username": "layla", "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            f"{base}/en/accounts/login/", data=body, headers={"Cookie": cookie}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=TRIES) as pool:
        statuses = list(pool.map(log_in, ["wrong"] * TRIES))
    right = [log_in(PASSWORD) for _ in range(3)]

    assert set(statuses) <= {400, 429}, statuses
    # Counted in each worker's memory, every new worker would answer with the form again.
    assert 1 <= statuses.count(400) <= LIMIT - 1, statuses
    assert right == [429, 429, 429]
    posts = re.findall(r"access-line <(\d+)> POST (\d+)", log.read_text())
    assert len({pid for pid, _status in posts}) >= 2, "every request went to one worker"
