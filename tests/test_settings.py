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
    # Not the test run's own switches: conftest allows async-unsafe calls for Playwright, and
    # tests.settings turns DEBUG on; here the project's own settings meet only `env`.
    skip = {*PRODUCTION, "SQLITE_PATH", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, "DJANGO_SETTINGS_MODULE": "quizsite.settings", **env},
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
    result = manage(
        "shell", "-c", probe, env={"DEBUG": "1", "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    )
    assert result.returncode == 0, result.stderr
    journal, timeout_ms, mode = result.stdout.split()[-3:]
    assert journal == "wal"
    assert int(timeout_ms) >= 5000
    assert mode == "IMMEDIATE"


def test_debug_is_off_unless_the_environment_turns_it_on():
    """A deployment that forgets DEBUG must not run in debug mode with the development key."""
    probe = "from django.conf import settings; print(settings.DEBUG)"
    forgotten = manage("shell", "-c", probe, env={"SECRET_KEY": PRODUCTION["SECRET_KEY"]})
    assert forgotten.returncode == 0, forgotten.stderr
    assert forgotten.stdout.split()[-1] == "False"
    development = manage("shell", "-c", probe, env={"DEBUG": "1"})
    assert development.stdout.split()[-1] == "True"


def test_forgetting_debug_and_the_key_refuses_to_start_with_a_clear_message():
    result = manage("check", env={})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_admin_lives_under_the_prefix_from_the_environment():
    probe = "from django.urls import reverse; print(reverse('admin:index'))"
    moved = manage("shell", "-c", probe, env={"DEBUG": "1", "ADMIN_URL": "/staff-8c1f/"})
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.split()[-1].endswith("/staff-8c1f/")
    default = manage("shell", "-c", probe, env={"DEBUG": "1"})
    assert default.stdout.split()[-1].endswith("/admin/")


def test_the_rate_limit_cache_is_shared_by_every_worker():
    """Redis where REDIS_URL is set, else the database: never a per-process memory cache."""
    probe = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    plain = manage("shell", "-c", probe, env={"DEBUG": "1"})
    assert plain.stdout.split()[-1] == "django.core.cache.backends.db.DatabaseCache"
    redis = manage("shell", "-c", probe, env={"DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:1/0"})
    assert redis.stdout.split()[-1] == "django.core.cache.backends.redis.RedisCache"
