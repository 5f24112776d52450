"""The site a bench measures: Django set up once per `make bench` run, on a throwaway SQLite file
(the embedded default: WAL, IMMEDIATE transactions) with production settings, migrated, with the
real fact base loaded, and served to Django's test client."""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

_ready = False


def prepare() -> None:
    """Set up Django and the database for the benches (once; later calls do nothing)."""
    global _ready
    if _ready:
        return
    if "SQLITE_PATH" not in os.environ:
        directory = tempfile.mkdtemp(prefix="mudhakara-bench-")
        os.environ["SQLITE_PATH"] = str(Path(directory) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    # The benches log in and fail log-ins on purpose: axes's INFO lines would bury the table.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # whitenoise looks for collected static files; the benches' pages name them uncollected.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    # Whole pages link static files: plain storage, no collectstatic manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_facts", verbosity=0)
    _ready = True
