"""Settings read from the environment: safe in development, strict in production."""

import os
import subprocess
import sys

from tests.conftest import REPO

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "mudhakara.example",
    "DATABASE_URL": "postgres://quiz:secret@127.0.0.1:5432/quiz",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Not the test run's own switches: conftest allows async-unsafe calls for Playwright.
    skip = {*PRODUCTION, "SQLITE_PATH", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_sqlite_default_uses_wal_and_immediate_transactions(tmp_path):
    """Readers never wait for the writer, and a busy writer waits instead of failing."""
    probe = (
        "from django.db import connection as c; cur = c.cursor(); "
        "cur.execute('PRAGMA journal_mode'); print(cur.fetchone()[0]); "
        "cur.execute('PRAGMA busy_timeout'); print(cur.fetchone()[0]); "
        "print(c.transaction_mode)"
    )
    result = manage("shell", "-c", probe, env={"SQLITE_PATH": str(tmp_path / "db.sqlite3")})
    assert result.returncode == 0, result.stderr
    journal, timeout_ms, mode = result.stdout.split()[-3:]
    assert journal == "wal"
    assert int(timeout_ms) >= 5000
    assert mode == "IMMEDIATE"
