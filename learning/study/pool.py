"""The fact base as the question generator needs it, built once per process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.signals import request_finished, request_started
from django.db import models
from django.db.models import QuerySet, Subquery
from django.db.models.functions import Coalesce

from learning.core import questions
from learning.models import Fact, FactBaseStamp
from learning.models.stamps import STAMP_ID


@dataclass(frozen=True)
class FactRow:
    """A fact's database keys, for the queries and rows that name it by id."""

    pk: int
    topic_id: int


@dataclass(frozen=True)
class _BuiltPool:
    stamp: int
    pool: questions.FactPool
    rows: dict[str, FactRow]
    kept: dict[str, Any] = field(default_factory=dict)  # see kept_with_pool


_built: _BuiltPool | None = None
# Per thread: the stamp as the request being served has read it (None: not yet). A request
# reads the stamp once at most, however many times it asks for the pool, and not at all when
# it was read along with another row (with_stamp); outside a request, every call reads it.
_request = threading.local()
_UNREAD = None


def _request_started(**kwargs: Any) -> None:
    _request.stamp = _UNREAD


def _request_finished(**kwargs: Any) -> None:
    _request.__dict__.pop("stamp", None)


request_started.connect(_request_started, dispatch_uid="learning.study.pool.started")
request_finished.connect(_request_finished, dispatch_uid="learning.study.pool.finished")


def _current() -> _BuiltPool:
    global _built
    built = _built
    stamp = getattr(_request, "stamp", _UNREAD)
    if stamp is _UNREAD:
        # The stamp is read before the facts: a pool is never newer-stamped than its facts.
        stamp = FactBaseStamp.current()
    if built is None or built.stamp != stamp:
        facts = list(Fact.objects.with_source())
        built = _built = _BuiltPool(
            stamp,
            questions.FactPool(f.to_data() for f in facts),
            {f.slug: FactRow(f.pk, f.topic_id) for f in facts},
        )
    if hasattr(_request, "stamp"):
        _request.stamp = stamp
    return built


STAMP_ALIAS = "fact_base_stamp"


def with_stamp[M: models.Model](queryset: QuerySet[M]) -> QuerySet[M]:
    """`queryset` reading the fact base stamp along with its rows, for note_stamp: a request
    that reads a row anyway spares the stamp its own query."""
    number = FactBaseStamp.objects.filter(pk=STAMP_ID).values("number")[:1]
    return queryset.annotate(**{STAMP_ALIAS: Coalesce(Subquery(number), 0)})


def note_stamp(row: models.Model) -> None:
    """Take the stamp read with `row` (see with_stamp) as this request's."""
    if hasattr(_request, "stamp") and hasattr(row, STAMP_ALIAS):
        _request.stamp = getattr(row, STAMP_ALIAS)


def fact_pool() -> questions.FactPool:
    """The whole fact base, detached and indexed for question generation.

    Built once per process (all facts with their sources, and the distractors as they are
    asked for) and reused while the fact base stamp is unchanged: one small query per request
    at most, the first time a request asks for it.
    """
    return _current().pool


def fact_rows() -> dict[str, FactRow]:
    """Every fact's ids by slug, from the same build as fact_pool()."""
    return _current().rows


def kept_with_pool[T](name: str, build: Callable[[], T]) -> T:
    """`build()`, kept with the pool for as long as the fact base is unchanged: for what is read
    from the fact base alone (the topics and sources with their fact counts) and shown on every
    page, in either language. Treat what it returns as read-only."""
    kept = _current().kept
    if name not in kept:
        kept[name] = build()
    return cast(T, kept[name])


def forget_fact_pool() -> None:
    """Drop this process's pool, so the next call builds it afresh (tests, benchmarks)."""
    global _built
    _built = None
