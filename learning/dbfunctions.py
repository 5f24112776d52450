"""Database expressions and reads shared by the read-only pages that go through many rows
(the dashboard, the class's progress, an assignment's results)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connections
from django.db.models import F, FloatField, Func, IntegerField, QuerySet


class EpochSeconds(Func):
    """Whole seconds since 1970 (UTC) of a datetime column, worked out by the database: many
    rows are then read as plain integers instead of datetimes parsed and built one by one."""

    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # '%%%%s' is formatted to '%%s', which the SQLite backend turns into strftime's '%s'.
        template = "CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "FLOOR(EXTRACT(EPOCH FROM %(expressions)s))::bigint"
        return self.as_sql(compiler, connection, template=template, **extra)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_JULIAN_MS = 210_866_760_000_000  # 1970-01-01 as a Julian day (2440587.5), in milliseconds
_DAY_MICROSECONDS = 86_400_000_000


class DaysSince(Func):
    """Days from a datetime column to `now`, fractional (0.0 for a moment after `now`), worked
    out by the database as scheduling.days_since works them out, float for float: the
    microseconds between, counted exactly, over the microseconds of a day (julianday()
    differences round to the millisecond and can fall a hair either side)."""

    output_field = FloatField()

    def __init__(self, column: str, *, now: dt.datetime) -> None:
        super().__init__(F(column))
        self.now = now

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return _days_sqlite(*compiler.compile(self.source_expressions[0]), now=self.now)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return _days_postgresql(*compiler.compile(self.source_expressions[0]), now=self.now)


class DaysSinceNear(DaysSince):
    """DaysSince within a millisecond, cheaper on SQLite: the difference of julianday()s (which
    rounds the stored time to the millisecond, 1.2e-8 days). Enough where recalls are averaged
    and shown as percentages (an assignment's "remembered now"); where a threshold decides,
    DaysSince or Remembers, which are exact. On PostgreSQL it is DaysSince."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        column, params = compiler.compile(self.source_expressions[0])
        return f"MAX(0.0, %s - julianday({column}))", [
            _julian_microseconds(self.now) / _DAY_MICROSECONDS,
            *params,
        ]


def _days_sqlite(column: str, params: list[Any], *, now: dt.datetime) -> tuple[str, list[Any]]:
    # SQLite keeps a UTC datetime as 'YYYY-MM-DD HH:MM:SS[.ffffff]': julianday() of its whole
    # seconds, in milliseconds, is an exact integer; the microseconds are added from the text.
    sql = (
        f"(MAX(0, %s - (CAST(julianday(substr({column}, 1, 19)) * 86400000.0 + 0.5 AS INTEGER)"
        f" * 1000 + CAST(substr({column}, 21) AS INTEGER))) / {_DAY_MICROSECONDS}.0)"
    )
    return sql, [_julian_microseconds(now), *params, *params]


def _days_postgresql(column: str, params: list[Any], *, now: dt.datetime) -> tuple[str, list[Any]]:
    # EXTRACT returns an exact numeric (PostgreSQL 14+): whole microseconds, then one
    # double-precision division.
    sql = (
        f"(GREATEST(0, EXTRACT(EPOCH FROM (%s - {column})) * 1000000)::bigint"
        f"::double precision / {_DAY_MICROSECONDS}::double precision)"
    )
    return sql, [now, *params]


def _julian_microseconds(moment: dt.datetime) -> int:
    """`moment` as microseconds since the start of the Julian day count."""
    return (moment - _EPOCH) // dt.timedelta(microseconds=1) + _JULIAN_MS * 1000


# How far julianday() of a stored datetime may be from the exact moment, in days, with room to
# spare: it rounds to the millisecond (1.2e-8 days) and a Julian day's float to ~5e-10 days.
_JULIANDAY_SLACK = 1e-6


class Remembers(Func):
    """1 if a reviewed card is recalled now at least as likely as its threshold says, else 0:
    1 + factor * days / stability <= limit, the days since `column` counted as DaysSince counts
    them (scheduling.recall_threshold gives the factor and the limit, which may be an
    expression).

    On SQLite the exact days (two substr() and an integer rebuilt from every datetime) cost
    more than the rest of the class view's query, while julianday() of the stored text costs
    next to nothing and is within _JULIANDAY_SLACK of them. The base 1 + F * t / S never falls
    as t grows, float for float, so a card under the limit even at t + slack is remembered, one
    over it even at t - slack is not, and only the cards within a tenth of a second of their
    boundary are worked out exactly: the exact test's answer for every card (the class view's
    query at 300 learners went from ~80 to ~60 ms of CPU).
    """

    output_field = IntegerField()

    def __init__(
        self, column: str, *, stability: str, limit: Any, factor: float, now: dt.datetime
    ) -> None:
        super().__init__(F(column), F(stability), limit)
        self.factor, self.now = factor, now

    def _within(self, compiler: Any, days: tuple[str, list[Any]]) -> tuple[str, list[Any]]:
        """`1 + factor * days / stability <= limit` as SQL."""
        stability, stability_params = compiler.compile(self.source_expressions[1])
        limit, limit_params = compiler.compile(self.source_expressions[2])
        return (
            f"((1.0 + %s * {days[0]} / {stability}) <= {limit})",
            [self.factor, *days[1], *stability_params, *limit_params],
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        column = compiler.compile(self.source_expressions[0])
        sql, params = self._within(compiler, _days_postgresql(*column, now=self.now))
        return f"CASE WHEN {sql} THEN 1 ELSE 0 END", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        column, column_params = compiler.compile(self.source_expressions[0])
        approx = f"(%s - julianday({column}))"
        now_days = _julian_microseconds(self.now) / _DAY_MICROSECONDS
        params = [now_days, *column_params]
        surely, surely_params = self._within(compiler, (f"({approx} + {_JULIANDAY_SLACK})", params))
        never, never_params = self._within(
            compiler, (f"MAX(0.0, {approx} - {_JULIANDAY_SLACK})", params)
        )
        exact, exact_params = self._within(
            compiler, _days_sqlite(column, column_params, now=self.now)
        )
        return (
            f"CASE WHEN {surely} THEN 1 WHEN NOT {never} THEN 0 WHEN {exact} THEN 1 ELSE 0 END",
            [*surely_params, *never_params, *exact_params],
        )


def fetch_plain(rows: QuerySet[Any, tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of a values_list() as the database driver returns them.

    Without Django's per-row conversions: only for columns that need none (integers, floats,
    text; a boolean is 0/1 on SQLite, so read it with bool()). For 15,000 rows the
    conversions cost as much as the query itself.
    """
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
