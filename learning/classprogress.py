"""Read-only queries for a teacher's class progress: the learners x topics mastery grid, who has
overdue reviews and who is behind on assignments, what the class remembers of each fact (one
learner's view of one topic, which a cell opens, is learning.learnertopic).

The class view reads six queries whatever the class size (the members, the topics, the facts,
the counts of the members' reviewed cards, the class's assignments and attempts). The database
lists each member's cards in one pass, each marked with its state, and Python counts the marks
per member and topic and per fact (`_counts`): whether a card is remembered is decided in SQL by
learning.core.scheduling.recall_threshold, exactly as learning.core.progress.mastery() decides
it from the recall probability (fsrs's forgetting curve at the fractional days since the last
review); 30,000 cards of a class of 300 reach Python as 300 rows. The rest of the arithmetic
is learning.core.classprogress.

A member's overdue reviews are their reviewed cards that came due a day or more ago
(OVERDUE_AFTER): a card never reviewed is a question asked and left unanswered, not a review the
learner owes; and a fact missed in class comes back within minutes, at its learning step, which
is not yet a review put off.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import (
    Case,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)

from learning.core import classprogress, progress, scheduling
from learning.core.classprogress import Behind, CellCounts, MasteryBar
from learning.dbfunctions import Remembers
from learning.models import (
    Assignment,
    Card,
    Classroom,
    Fact,
    Learner,
    Membership,
    StudySession,
    Topic,
)
from learning.models.classes import status_of

# How long past its due time a review must be to count as overdue on the class view.
OVERDUE_AFTER = dt.timedelta(days=1)


def _remembers(members: list[Member], *, now: dt.datetime) -> Case:
    """1 for a card recalled now at least as likely as its learner's own desired retention, as
    SQL: 1 + F * days / stability <= the limit of the learner's retention, days fractional
    (scheduling.recall_threshold; the same floats fsrs's forgetting curve works with); 0 for a
    card whose last answer was wrong, as scheduling.recall_shown counts it."""
    thresholds = {
        retention: scheduling.recall_threshold(retention)
        for retention in {learner.desired_retention for learner in members}
    }
    factor = scheduling.recall_threshold(scheduling.DEFAULT_RETENTION).factor
    limit = Case(
        *(
            When(learner__desired_retention=retention, then=Value(threshold.limit))
            for retention, threshold in thresholds.items()
        ),
        output_field=FloatField(),
    )
    return Case(
        When(last_rating=scheduling.Rating.AGAIN, then=Value(0)),
        default=Remembers(
            "last_review", stability="stability", limit=limit, factor=factor, now=now
        ),
        output_field=IntegerField(),
    )


def _flag(condition: Any) -> Case:
    """1 if the row meets `condition`, else 0."""
    return Case(When(condition, then=1), default=0, output_field=IntegerField())


@dataclass(frozen=True)
class _Counts:
    """The database's counts of the members' reviewed cards."""

    cells: list[tuple[int, int, int, int]]  # (learner, topic, reviewed, mastered)
    overdue: dict[int, int]  # learner -> reviewed cards due a day or more ago
    facts: list[tuple[int, int, int]]  # (fact, members who reviewed it, who remember it)


def _counts(
    classroom: Classroom,
    members: list[Member],
    *,
    topic_of: dict[int, int],
    now: dt.datetime,
) -> _Counts:
    """In one query, the members' reviewed cards counted per member and topic and per fact
    (`topic_of`: fact -> its topic). Each card's mastery is decided in SQL (`_remembers`).

    The database reads each member's cards in the order of its index on the learner and groups
    them by member with no sort (EXPLAIN QUERY PLAN: no temporary B-tree), listing each card's
    fact marked with its state: 300 rows for a class of 300, whose 30,000 marks are counted in
    Python by topic and by fact through a table of the few hundred distinct marks. At 300
    learners x 100 facts the counts took ~57 ms of CPU with the cards materialized and grouped
    twice (by member and topic, by fact), ~34 ms so.
    """
    connection = connections[Card.objects.db]
    query = Card.objects.all().query
    compiler = query.get_compiler(connection=connection)

    def compiled(expression: Any) -> tuple[str, list[Any]]:
        return compiler.compile(expression.resolve_expression(query))

    remembers, remembers_params = compiled(_remembers(members, now=now))
    stable, stable_params = compiled(_flag(Q(stability__gte=progress.MASTERED_STABILITY)))
    overdue, overdue_params = compiled(_flag(Q(due__lte=now - OVERDUE_AFTER)))
    quote = connection.ops.quote_name
    card_t, learner_t, member_t = (
        quote(model._meta.db_table) for model in (Card, Learner, Membership)
    )
    # Each card listed as twice its fact's id, negated if the member has mastered it, plus one
    # if they do not remember it: integers are cheaper for SQLite to list than marked text.
    marked = (
        f"(CASE WHEN ({remembers}) = 1 THEN CASE WHEN ({stable}) = 1 THEN -2 * {card_t}.fact_id "
        f"ELSE 2 * {card_t}.fact_id END ELSE 2 * {card_t}.fact_id + 1 END)"
    )
    listed = (
        f"string_agg({marked}::text, ',')"
        if connection.vendor == "postgresql"
        else f"group_concat({marked}, ',')"
    )
    # CROSS JOIN: SQLite joins the tables in this order (PostgreSQL plans as it sees fit).
    text = (
        f"SELECT {member_t}.learner_id, {listed}, SUM({overdue}) "
        f"FROM {member_t} CROSS JOIN {learner_t} CROSS JOIN {card_t} "
        f"WHERE {member_t}.classroom_id = %s AND {learner_t}.id = {member_t}.learner_id "
        f"AND {card_t}.learner_id = {member_t}.learner_id AND {card_t}.last_review IS NOT NULL "
        f"GROUP BY {member_t}.learner_id"
    )
    params = [*remembers_params, *stable_params, *overdue_params, classroom.pk]
    with connection.cursor() as cursor:
        cursor.execute(text, params)
        rows: list[tuple[int, str, int]] = cursor.fetchall()
    if not rows:
        return _Counts(cells=[], overdue={}, facts=[])
    # Each distinct mark once: its fact's counts, and its (topic, mastered) for the cells.
    seen: Counter[int] = Counter()
    remembered: Counter[int] = Counter()
    kinds: dict[str, tuple[int, bool]] = {}
    for mark, members_marking in Counter(
        ",".join(marks for _l, marks, _o in rows).split(",")
    ).items():
        value = int(mark)
        fact = abs(value) // 2
        seen[fact] += members_marking
        if value % 2 == 0:
            remembered[fact] += members_marking
        # A fact added since its topic was read: topic 0, which the grid ignores.
        kinds[mark] = (topic_of.get(fact, 0), value < 0)
    cells: list[tuple[int, int, int, int]] = []
    for learner, marks, _o in rows:
        topics: dict[int, tuple[int, int]] = {}
        for (topic, mastered), cards in Counter(map(kinds.__getitem__, marks.split(","))).items():
            reviewed, were_mastered = topics.get(topic, (0, 0))
            topics[topic] = (reviewed + cards, were_mastered + cards * mastered)
        cells.extend((learner, topic, reviewed, n) for topic, (reviewed, n) in topics.items())
    return _Counts(
        cells=cells,
        overdue={learner: late for learner, _m, late in rows},
        facts=[(fact, n, remembered[fact]) for fact, n in seen.items()],
    )


@dataclass(frozen=True)
class Cell:
    """One learner's facts of one topic."""

    topic: Topic
    counts: CellCounts
    bar: MasteryBar


@dataclass(frozen=True, slots=True)
class Member:
    """What the class view shows of a member: 300 Learner and User objects cost ~8 ms to build."""

    pk: int
    name: str
    is_guest: bool
    desired_retention: float


@dataclass(frozen=True)
class LearnerRow:
    learner: Member
    cells: list[Cell]  # in the topics' order
    overdue: int
    behind: Behind

    @property
    def name(self) -> str:
        return self.learner.name


@dataclass(frozen=True)
class ClassProgress:
    classroom: Classroom
    topics: list[Topic]
    rows: list[LearnerRow]
    shares: dict[str, float | None]  # fact slug -> share of the class that remembers it
    assignments: int


def class_progress(classroom: Classroom, *, now: dt.datetime, rtl: bool) -> ClassProgress:
    """Every figure of the class view at `now` (six queries, whatever the class size)."""
    # Only what the page shows of each member: 300 Learner and User objects cost ~8 ms to build.
    # The name is Learner.display_name's: the one given to teachers, else the username.
    members = sorted(
        (
            Member(
                pk,
                Learner.name_shown(first_name=first_name, username=username),
                bool(guest),
                float(retention),
            )
            for pk, username, first_name, guest, retention in Learner.objects.filter(
                memberships__classroom=classroom
            ).values_list(
                "pk", "user__username", "user__first_name", "is_guest", "desired_retention"
            )
        ),
        key=lambda member: (member.name.casefold(), member.pk),
    )
    retention = {learner.pk: learner.desired_retention for learner in members}
    topics = list(Topic.objects.with_fact_counts())
    columns = [(topic.pk, topic) for topic in topics]
    facts: dict[int, str] = {}
    topic_of: dict[int, int] = {}
    for pk, slug, topic in Fact.objects.values_list("pk", "slug", "topic_id"):
        facts[pk], topic_of[pk] = slug, topic
    counted = _counts(classroom, members, topic_of=topic_of, now=now)
    grid = classprogress.grid(
        counted.cells, learners=retention, topics={pk: t.fact_count for pk, t in columns}
    )

    assignments = list(Assignment.objects.filter(classroom=classroom))
    attempts = {
        (s.learner_id, s.assignment_id): s
        for s in StudySession.objects.filter(assignment__classroom=classroom).only(
            "learner_id", "assignment_id", "finished_at"
        )
    }
    behind = classprogress.behind(
        (
            (learner.pk, status_of(a, attempts.get((learner.pk, a.pk)), now=now).value)
            for learner in members
            for a in assignments
        ),
        learners=retention,
    )
    # Cells of the same topic and counts are one object, drawn once (templatetags/classgrid.py).
    shared: dict[tuple[int, int, int], Cell] = {}
    rows = [
        LearnerRow(
            learner=learner,
            cells=[_cell(pk, t, grid[learner.pk, pk], shared, rtl=rtl) for pk, t in columns],
            overdue=counted.overdue.get(learner.pk, 0),
            behind=behind[learner.pk],
        )
        for learner in members
    ]
    return ClassProgress(
        classroom=classroom,
        topics=topics,
        rows=rows,
        shares=classprogress.shares(
            (
                (facts[fact], seen, remember)
                for fact, seen, remember in counted.facts
                if fact in facts
            ),
            members=len(members),
            facts=facts.values(),
        ),
        assignments=len(assignments),
    )


def _cell(
    pk: int,
    topic: Topic,
    counts: CellCounts,
    shared: dict[tuple[int, int, int], Cell],
    *,
    rtl: bool,
) -> Cell:
    """The topic's cell of these counts, made once per page (`pk`: the topic's, read once)."""
    key = (pk, counts.learning, counts.mastered)
    cell = shared.get(key)
    if cell is None:
        cell = shared[key] = Cell(topic, counts, classprogress.mastery_bar(counts, rtl=rtl))
    return cell
