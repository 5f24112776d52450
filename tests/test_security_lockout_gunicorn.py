"""The lock-out count holds across gunicorn workers: real HTTP on 127.0.0.1, 3 workers, one
SQLite file in tmp_path (axes keeps its counts in the database, not in a worker's memory)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import REPO

LIMIT = 5
TRIES = 9
PASSWORD = "a-long-enough-passphrase-42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    skip = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env |= {
        "DJANGO_SETTINGS_MODULE": "quizsite.settings",
        "DEBUG": "1",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "LOGIN_FAILURE_LIMIT": str(LIMIT),
    }

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )

    manage("migrate", "--no-input")
    manage("createcachetable")
    create = (
        "from django.contrib.auth.models import User; User.objects.create_user(%r, password=%r)"
    )
    manage("shell", "-c", create % ("layla", PASSWORD))
    port = free_port()
    access_log = tmp_path / "access.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "quizsite.wsgi",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(p)s %(m)s %(U)s %(s)s",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=30)
                break
            except OSError:  # not listening yet (URLError, a reset, a timeout)
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.3)
        yield base, access_log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_failure_count_is_shared_by_every_worker(server):
    base, access_log = server
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
    # Counted apart, each worker would answer up to LIMIT - 1 failures with the form again.
    assert 1 <= statuses.count(400) <= LIMIT - 1, statuses
    assert right == [429, 429, 429]
    posts = [line.split() for line in access_log.read_text().splitlines() if " POST " in line]
    assert len({pid for pid, *_ in posts}) >= 2, "every request went to one worker"
