"""The test run's settings: the project's own, with the development switch `make run` uses.

DEBUG defaults to off (production-safe); the suite runs as a developer does, with DEBUG=1.
Tests of production behaviour start manage.py or gunicorn with their own environment.
"""

import os

os.environ.setdefault("DEBUG", "1")

from quizsite.settings import *  # noqa: F403
