"""WSGI entry point of the bench's server: `gunicorn bench.wsgi` (bench/serve.py starts it)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

application = get_wsgi_application()
