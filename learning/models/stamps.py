"""A stamp that changes whenever the fact base does, so every process can tell its copy is stale.

Question generation works from the whole fact base indexed in memory (learning.study.fact_pool),
built once per process. Each request compares the number its copy was built at with this one
row (a primary-key lookup); load_facts and the admin bump it when they change a fact, a topic or
a source, and every worker, on every machine sharing the database, rebuilds on its next request.
"""

from __future__ import annotations

from django.db import connection, models
from django.db.models import F, Q

STAMP_ID = 1


class FactBaseStamp(models.Model):
    """The fact base's version number: one row, bumped by every write to the fact base."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=STAMP_ID), name="one_fact_base_stamp")]

    def __str__(self) -> str:
        return str(self.number)

    @classmethod
    def current(cls) -> int:
        """The fact base's version now (0 before anything has bumped it)."""
        # Raw SQL: every page reads it, and compiling the ORM query cost more than running it.
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [STAMP_ID])
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def bump(cls) -> None:
        """Mark the fact base changed: every process's cached copy is stale from now on."""
        if not cls.objects.filter(pk=STAMP_ID).update(number=F("number") + 1):
            _stamp, created = cls.objects.get_or_create(pk=STAMP_ID, defaults={"number": 1})
            if not created:  # another process made the row in between: bump it all the same
                cls.objects.filter(pk=STAMP_ID).update(number=F("number") + 1)
