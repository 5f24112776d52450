"""The settings gunicorn serves under `make bench`: the project's own (production: DEBUG off),
with bench/urls.py as the URLconf, which adds two bare views. Never used outside the bench."""

from quizsite.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Pages name their static files: without collectstatic there is no manifest to read, and the
# bench measures pages, not the serving of static files.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
