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
        column, params = compiler.compile(self.source_expressions[0])
        # SQLite keeps a UTC datetime as 'YYYY-MM-DD HH:MM:SS[.ffffff]': julianday() of its whole
        # seconds, in milliseconds, is an exact integer; the microseconds are added from the text.
        since = self.now - _EPOCH
        now = ((since.days * 86400 + since.seconds) * 1000 + _JULIAN_MS) * 1000 + since.microseconds
        sql = (
            f"(MAX(0, %s - (CAST(julianday(substr({column}, 1, 19)) * 86400000.0 + 0.5 AS INTEGER)"
            f" * 1000 + CAST(substr({column}, 21) AS INTEGER))) / {_DAY_MICROSECONDS}.0)"
        )
        return sql, [now, *params, *params]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        column, params = compiler.compile(self.source_expressions[0])
        # EXTRACT returns an exact numeric (PostgreSQL 14+): whole microseconds, then one
        # double-precision division.
        sql = (
            f"(GREATEST(0, EXTRACT(EPOCH FROM (%s - {column})) * 1000000)::bigint"
            f"::double precision / {_DAY_MICROSECONDS}::double precision)"
        )
        return sql, [self.now, *params]


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
