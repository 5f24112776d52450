"""Shared test fixtures: a few rows built on demand, and the browser set-up."""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
# from a thread with a running loop unless told this is on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = REPO / "fixtures"


def pytest_report_header() -> str:
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture
def source(db: Any) -> Any:
    from learning.models import Source

    return Source.objects.create(
        slug="uk-test",
        filename="000_test.txt",
        title_ar="عنوان الوثيقة",
        title_en="Document title",
        publisher_ar="وزارة الخارجية",
        publisher_en="Foreign Office",
        published_on=dt.date(2016, 9, 26),
        published_precision="day",
        paragraph_count=8,
    )


@pytest.fixture
def topic(db: Any) -> Any:
    from learning.models import Topic

    return Topic.objects.create(
        slug="military",
        name_ar="الصعيد العسكري",
        name_en="Military",
        description_ar="الضربات الجوية والتدريب.",
        description_en="Airstrikes and training.",
        position=1,
    )


@pytest.fixture
def make_fact(source: Any, topic: Any) -> Any:
    """Build a fact; keyword arguments override the defaults (a quantity)."""
    from learning.models import Fact

    counter = iter(range(1, 10_000))

    def build(**overrides: Any) -> Any:
        n = next(counter)
        fields: dict[str, Any] = {
            "slug": f"fact-{n}",
            "topic": topic,
            "source": source,
            "paragraph": 2,
            "kind": "quantity",
            "number": Decimal("25000"),
            "unit": "personnel",
            "qualifier": "more_than",
            "as_of": dt.date(2016, 9, 26),
            "as_of_precision": "day",
            "statement_ar": "عدد أفراد القوات العراقية الذين درّبتهم المملكة المتحدة: {value}",
            "statement_en": "Members of the Iraqi forces trained by the UK: {value}",
            "stem_ar": "كم عدد أفراد القوات العراقية الذين درّبتهم المملكة المتحدة؟",
            "stem_en": "How many members of the Iraqi forces had the UK trained?",
            "explanation_ar": "التدريب جزء من الدعم العسكري.",
            "explanation_en": "Training is part of the military support.",
        }
        fields.update(overrides)
        return Fact.objects.create(**fields)

    return build
