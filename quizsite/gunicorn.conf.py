"""gunicorn's settings for `make serve` and production: `gunicorn -c quizsite/gunicorn.conf.py`.

Read from the environment: WEB_CONCURRENCY (workers; default 2 x cores + 1), HOST and PORT
(default 127.0.0.1:8000), GUNICORN_TIMEOUT (seconds; default 30). Every log line, gunicorn's
and Django's, goes to stdout; an access line ends with the request's id (learning.middleware).
https://docs.gunicorn.org/en/stable/settings.html
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

wsgi_app = "quizsite.wsgi:application"

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
bind = [f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"]
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 20

# The app is imported once, in the master, then forked: a new worker (at start, after a crash)
# answers at once instead of importing Django and the app. So a HUP restarts the workers with
# the code already loaded: new code needs a new master (USR2, then TERM to the old one; see
# docs/deploy.md) or a restart.
preload_app = True
# gunicorn 27's control socket is one path per user: several instances on one machine would
# share it. Workers are managed with signals (HUP, TERM) instead.
control_socket_disable = True

accesslog = "-"
# %(M)s: the request's duration in milliseconds; {x-request-id}o: our response header.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}


def on_starting(server: Any) -> None:
    """With the app preloaded, do in the master what each worker's first request would do
    otherwise: import the URLs and views, read both languages' catalogs, compile our
    templates. Nothing here opens a database connection, which the workers must not share."""
    if not server.cfg.preload_app:
        return
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (imports quizsite.urls and every view module)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Arabic")
    templates = Path(settings.BASE_DIR, "templates")
    for path in sorted(templates.rglob("*.html")):
        get_template(path.relative_to(templates).as_posix())
