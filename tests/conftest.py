"""Shared test fixtures: a few rows built on demand, and the browser set-up."""

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Hypothesis's examples the same on every run (seeded by each test's name), with no deadline
# and no check of how fast they are made: a test fails for what the code does, not for the
# examples one run happened to draw or for the load of the machine (the 200 ms default
# deadline failed a grading property on a loaded machine).
hypothesis_settings.register_profile(
    "suite",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile("suite")

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
# from a thread with a running loop unless told this is on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
# The two source documents are not in the repository: only `make check-sources` (pytest
# --sources) reads them, from MUDHAKARA_SEEDS or else shared/seeds beside the repository.
# The small fact base the generator tests run on beside the real one.
MINI_FACTBASE = REPO / "tests" / "data" / "factbase"
SEEDS = Path(os.environ.get("MUDHAKARA_SEEDS", REPO.parent / "shared" / "seeds"))
FIXTURES = REPO / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--sources",
        action="store_true",
        help="run only the checks of the fact base against the two source documents "
        "(tests marked `sources`), which need the documents; without it they are deselected",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The suite runs on a clone with nothing beside it; --sources runs the other checks."""
    sources = config.getoption("--sources")
    if sources:
        missing = [name for name in _cited_documents() if not (SEEDS / name).is_file()]
        if missing:
            raise pytest.UsageError(
                f"The source documents are not in {SEEDS} (missing: {', '.join(missing)}). "
                "Set MUDHAKARA_SEEDS to the directory that holds them, or put shared/seeds "
                "beside the repository."
            )
    kept = [i for i in items if (i.get_closest_marker("sources") is not None) == sources]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def _cited_documents() -> list[str]:
    """The file names of the documents the fact base cites (fixtures/sources.json)."""
    records = json.loads((FIXTURES / "sources.json").read_text(encoding="utf-8"))
    return [r["fields"]["filename"] for r in records if r["model"] == "learning.source"]


def pytest_report_header() -> str:
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Real hashing takes ~0.3 s per password by design; tests need no such protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_fact_pool() -> Any:
    """Each test builds its own facts inside a transaction that is rolled back, unseen by the
    fact base stamp: the process's fact pool must not outlive the test that built it."""
    from learning import study

    study.forget_fact_pool()
    yield
    study.forget_fact_pool()


@pytest.fixture
def one_rate_window() -> Any:
    """django-ratelimit counts in fixed windows (each key's own offset within the period): a
    test's requests could straddle the end of one and see the count start again. The clock
    stands still here, so they all fall in the window of the moment the test starts."""
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False):
        yield


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
    from learning.models import Fact, FactBaseStamp

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
        fact = Fact.objects.create(**fields)
        # As load_facts and the admin do: every process's pool (and what is kept with it, the
        # pages' topics and fact counts) sees the fact base changed.
        FactBaseStamp.bump()
        return fact

    return build


MONTHS = [(2014, 9), (2015, 1), (2017, 7), (2017, 10), (2019, 3)]
CITIES = [("تدمر", "Palmyra"), ("نمرود", "Nimrud"), ("الحضر", "Hatra"), ("الموصل", "Mosul")]


@pytest.fixture
def study_facts(make_fact: Any) -> dict[str, Any]:
    """A small fact base with every kind: quantities, five dated events, cities, a statement."""
    facts = {
        "fighters": make_fact(
            slug="fighters",
            unit="percent",
            number=Decimal("90"),
            qualifier="exact",
            statement_ar="تراجع عدد المقاتلين الأجانب بنسبة {value}.",
            statement_en="The number of foreign fighters fell by {value}.",
            stem_ar="بأي نسبة تراجع عدد المقاتلين الأجانب؟",
            stem_en="By what percentage did the number of foreign fighters fall?",
        ),
        "accounts": make_fact(
            slug="accounts",
            unit="percent",
            number=Decimal("58"),
            qualifier="exact",
            statement_ar="انخفض عدد الحسابات الموالية لداعش بنسبة {value}.",
            statement_en="Pro-Daesh accounts fell by {value}.",
            stem_ar="بأي نسبة انخفض عدد الحسابات الموالية لداعش؟",
            stem_en="By what percentage did pro-Daesh accounts fall?",
        ),
    }
    for n, (year, month) in enumerate(MONTHS):
        facts[f"event-{n}"] = make_fact(
            slug=f"event-{n}",
            kind="date",
            number=None,
            unit="",
            qualifier="",
            date_start=dt.date(year, month, 1),
            precision="month",
            statement_ar=f"وقع الحدث {n} في {{value}}.",
            statement_en=f"Event {n} happened in {{value}}.",
            stem_ar=f"متى وقع الحدث {n}؟",
            stem_en=f"When did event {n} happen?",
            label_ar=f"الحدث رقم {n}",
            label_en=f"Event number {n}",
        )
    for ar, en in CITIES:
        facts[en.lower()] = make_fact(
            slug=en.lower(),
            kind="entity",
            number=None,
            unit="",
            qualifier="",
            entity_type="city",
            answer_ar=ar,
            answer_en=en,
            statement_ar="من المدن التي دمّر فيها داعش التراث: {value}.",
            statement_en="One of the cities where Daesh destroyed heritage: {value}.",
            stem_ar="أي مدينة دمّر فيها داعش التراث؟",
            stem_en="In which city did Daesh destroy heritage?",
        )
    facts["origin"] = make_fact(
        slug="origin",
        kind="statement",
        number=None,
        unit="",
        qualifier="",
        statement_ar="انبثق داعش من الفرع العراقي لتنظيم القاعدة.",
        statement_en="Daesh emerged from the Iraqi branch of al-Qaeda.",
        false_statement_ar="انبثق داعش من الفرع السوري لتنظيم القاعدة.",
        false_statement_en="Daesh emerged from the Syrian branch of al-Qaeda.",
        stem_ar="من أي تنظيم انبثق داعش؟",
        stem_en="Which organisation did Daesh emerge from?",
    )
    return facts


@pytest.fixture
def learner(db: Any) -> Any:
    from django.contrib.auth import get_user_model

    from learning.models import Learner

    user = get_user_model().objects.create_user("layla", password="a-long-enough-passphrase-42")
    return Learner.objects.create(user=user, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@pytest.fixture
def ask(learner: Any) -> Any:
    """Store a given question for the learner, as the study flow does before showing it."""
    from learning.models import AskedQuestion, Card, Fact, StudySession

    def build(question: Any, *, who: Any = None, mode: str = "study", now: Any = None) -> Any:
        who = who or learner
        now = now or dt.datetime.now(dt.UTC)
        session = StudySession.objects.create(
            learner=who, mode=mode, size=20, seed=1, started_at=now
        )
        fact = Fact.objects.get(slug=question.facts[0])
        card = None
        if mode == "study":
            card, _ = Card.objects.get_or_create(
                learner=who, fact=fact, defaults={"due": now, "created_at": now}
            )
        return AskedQuestion.objects.create(
            session=session,
            learner=who,
            position=0,
            kind=question.kind,
            fact=fact,
            card=card,
            payload=question.to_json(),
            created_at=now,
        )

    return build


@pytest.fixture
def make_learner(db: Any) -> Any:
    """Build a learner with a full account (or a guest, or a teacher)."""
    from django.contrib.auth import get_user_model

    from learning.models import Learner

    def build(username: str, *, is_teacher: bool = False, is_guest: bool = False, **fields: Any):
        user = get_user_model().objects.create_user(
            username, password="a-long-enough-passphrase-42"
        )
        return Learner.objects.create(
            user=user,
            is_teacher=is_teacher,
            is_guest=is_guest,
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            **fields,
        )

    return build


@pytest.fixture
def teacher(make_learner: Any) -> Any:
    return make_learner("ms-huda", is_teacher=True)


@pytest.fixture
def classroom(teacher: Any) -> Any:
    from learning import teaching

    return teaching.create_class(
        teacher=teacher, name="الصف العاشر", now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    )


@pytest.fixture
def make_assignment(classroom: Any, study_facts: dict[str, Any]) -> Any:
    """Set an assignment on the study facts (open since 2026, due far ahead by default)."""
    from learning import teaching

    def build(**overrides: Any) -> Any:
        fields: dict[str, Any] = {
            "classroom": classroom,
            "title": "Week 1",
            "facts": [study_facts[s] for s in ("fighters", "accounts", "palmyra", "origin")],
            "kinds": ["mcq", "truefalse"],
            "question_count": 3,
            "opens_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            "due_at": dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
            "feedback": "immediate",
            "now": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        }
        fields.update(overrides)
        return teaching.create_assignment(**fields)

    return build
