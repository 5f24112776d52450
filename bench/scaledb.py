"""The database side of the scale bench: fill the configured database with bench.scalegen's
rows, find a typical learner, explain the due-queue query, the database's size. Django must
be set up (bench.site.prepare)."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from bench import scalegen
from learning.core import questions
from learning.models import Card, Fact, Learner
from learning.study import fact_pool, kind_for


@dataclass
class Filled(scalegen.Generated):
    total_s: float = 0.0
    cpu_s: float = 0.0
    finish_s: float = 0.0


def _sqlite_writer(cursor: Any) -> scalegen.Writer:
    def write(table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        marks = ", ".join(["?"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    return write


def _pg_writer(cursor: Any) -> scalegen.Writer:
    def write(table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    return write


# Their secondary indexes are built once after the load, by sorting, rather than row by row.
BIG_TABLES = ("learning_card", "learning_review")


def _drop_indexes(cursor: Any, tables: Sequence[str]) -> list[str]:
    """Drop the tables' secondary indexes (not those behind a table constraint); the
    statements that make them again."""
    names = ", ".join(f"'{t}'" for t in tables)
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN (" + names + ") "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
    else:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN (" + names + ")"
        )
    found = cursor.fetchall()
    for name, _sql in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def fill(
    learners: int, *, facts: int = 100, now: dt.datetime | None = None, checked: bool = False
) -> Filled:
    """Write `learners` × `facts` of history into the default database, in one transaction.

    Unless `checked` (the fast test), the load takes the shortcuts of a bulk load into a
    throwaway database: SQLite writes without a rollback journal and with a large page cache
    (one WAL of gigabytes makes every page read search it), PostgreSQL without the foreign
    keys' triggers (session_replication_role = replica: millions of deferred per-row checks);
    on both the card and review tables' secondary indexes are built once, after the rows.
    The rows' ids come from the tables they point to; the fast test loads with every check on.
    The connection is closed afterwards: the app's next one has its usual settings.
    """
    began, cpu = time.perf_counter(), time.process_time()
    now = now or timezone.now()
    base = list(Fact.objects.order_by("pk"))
    templates = templates_for(base, fact_pool())
    sizes = scalegen.Sizes(learners=learners, facts=facts)
    pg = connection.vendor == "postgresql"
    first_ids = {}
    with connection.cursor() as cursor:
        for table in scalegen.TABLES:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            first_ids[table] = cursor.fetchone()[0]
    if not (pg or checked):
        with connection.cursor() as cursor:
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -400000"):
                cursor.execute(f"PRAGMA {pragma}")
    with transaction.atomic(), connection.cursor() as cursor:
        if pg and not checked:
            cursor.execute("SET LOCAL session_replication_role = replica")
        raw = cursor.cursor if pg else connection.connection
        rebuild = [] if checked else _drop_indexes(cursor, BIG_TABLES)
        generated = scalegen.generate(
            sizes,
            fact_ids=[f.pk for f in base],
            templates=templates,
            now=now,
            write=_pg_writer(raw) if pg else _sqlite_writer(raw),
            stamps=scalegen.Stamps(suffix="+00" if pg else ""),
            first_ids=first_ids,
        )
        finishing = time.perf_counter()
        for statement in rebuild:
            cursor.execute(statement)
        if pg:
            for table in scalegen.TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
    if pg:
        with connection.cursor() as cursor:
            # What autovacuum would do within a minute of such a load.
            cursor.execute("ANALYZE")
    if not checked:
        connection.close()
    filled = Filled(rows=generated.rows, make_s=generated.make_s, write_s=generated.write_s)
    filled.finish_s = time.perf_counter() - finishing
    filled.total_s = time.perf_counter() - began
    filled.cpu_s = time.process_time() - cpu
    return filled


def typical_learner(*, now: dt.datetime | None = None, due: int = 12) -> tuple[Learner, int]:
    """A learner from the middle of the generated ones, the first there with `due` cards due."""
    now = now or timezone.now()
    ids = list(
        Learner.objects.filter(user__username__startswith="scale-")
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    for pk in ids[len(ids) // 2 :] + ids[: len(ids) // 2]:
        count = Card.objects.filter(learner_id=pk, due__lte=now).count()
        if count >= due:
            return Learner.objects.select_related("user").get(pk=pk), count
    raise LookupError(f"no generated learner has {due} cards due")


def explain_due(learner: Learner) -> str:
    """The database's plan for the due queue (the first query of picking a question)."""
    query = Card.objects.select_related("fact", "learner").due(learner, now=timezone.now())[:1]
    sql, params = query.query.sql_with_params()
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    return "due queue plan:\n" + "\n".join("  " + " ".join(str(c) for c in row) for row in rows)


def question_on(html: str) -> int:
    found = re.search(r"/study/questions/(\d+)/", html)
    if found is None:
        raise AssertionError(f"no question on the page: {html[:300]}")
    return int(found.group(1))


def right_answer(client: Any, pk: int) -> dict[str, Any]:
    """The form data answering question `pk` rightly (a flashcard is turned over first)."""
    from learning import study
    from learning.core.questions import QuestionKind
    from learning.models import AskedQuestion

    question = study.stored_question(AskedQuestion.objects.get(pk=pk))
    if question.kind == QuestionKind.FLASHCARD:
        client.post(f"/en/study/questions/{pk}/reveal/")
        return {"rating": "3"}
    if isinstance(question.answer, tuple):
        return {"order": [str(i) for i in question.answer]}
    return {"choice": str(question.answer)}


def size_mb() -> float:
    """The database's size: SQLite's file with the WAL checkpointed, pg_database_size."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 1e6
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return os.path.getsize(connection.settings_dict["NAME"]) / 1e6


def templates_for(
    facts: Iterable[Any], pool: Any, *, variants: int = 3
) -> dict[int, list[scalegen.Template]]:
    """A few questions a fact, made by the app's own generator, as payloads to store."""
    found: dict[int, list[scalegen.Template]] = {}
    for fact in facts:
        data = pool[fact.slug]
        made = []
        for position in range(variants):
            rng = random.Random(f"{fact.slug}:{position}")
            kind = kind_for(position, 7, data, pool, Counter())
            question = questions.make_question(kind, data, pool, rng)
            answer = question.answer
            if isinstance(answer, tuple):
                right: Any = list(answer)
                wrong: Any = right[::-1]
            else:
                right, wrong = answer, (answer + 1) % question.choice_count
            payload = json.dumps(question.to_json(), ensure_ascii=False)
            made.append(
                scalegen.Template(
                    question.kind.value, payload, json.dumps(right), json.dumps(wrong)
                )
            )
        found[fact.pk] = made
    return found
