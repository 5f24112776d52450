"""Database expressions and reads shared by the read-only pages that go through many rows
(the dashboard, the class's progress, an assignment's results)."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models import Func, IntegerField, QuerySet


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
