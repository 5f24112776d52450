"""The fact base as the question generator needs it, built once per process."""

from __future__ import annotations

from dataclasses import dataclass

from learning.core import questions
from learning.models import Fact, FactBaseStamp


@dataclass(frozen=True)
class _BuiltPool:
    stamp: int
    pool: questions.FactPool


_built: _BuiltPool | None = None


def fact_pool() -> questions.FactPool:
    """The whole fact base, detached and indexed for question generation.

    Built once per process (all facts with their sources, and the distractors as they are
    asked for) and reused while the fact base stamp is unchanged: one small query per call.
    """
    global _built
    # The stamp is read before the facts: a pool is never newer-stamped than its facts.
    stamp = FactBaseStamp.current()
    built = _built
    if built is None or built.stamp != stamp:
        pool = questions.FactPool(f.to_data() for f in Fact.objects.with_source())
        built = _built = _BuiltPool(stamp, pool)
    return built.pool


def forget_fact_pool() -> None:
    """Drop this process's pool, so the next call builds it afresh (tests, benchmarks)."""
    global _built
    _built = None
