"""learning.classprogress against the database: the database decides each card's mastery and
whether it is remembered (scheduling.recall_threshold in SQL, over the fractional days
dbfunctions.DaysSince counts), and decides it as mastery() does from the recall probability, on
SQLite and on PostgreSQL alike — to the microsecond at the boundary too."""

import datetime as dt

import pytest

from learning import classprogress, learnertopic, teaching
from learning.core import progress, scheduling
from learning.core.scheduling import State
from learning.models import Card

NOW = dt.datetime(2026, 3, 2, 9, 30, 0, 250_000, tzinfo=dt.UTC)
MICRO = dt.timedelta(microseconds=1)
AGO = [
    dt.timedelta(0),
    dt.timedelta(hours=23, minutes=59),
    dt.timedelta(days=1, minutes=1),
    dt.timedelta(days=9, hours=23),
    dt.timedelta(days=45, seconds=1),
    -dt.timedelta(hours=2),  # a review stamped after now (clock skew): no time has passed
]


def remembered(retention, stability, ago):
    """Python's judgement: the recall probability at `ago` since the review >= retention."""
    days = scheduling.days_since(NOW - ago, now=NOW)
    [recall] = scheduling.recall_after_days([(stability, days)])
    return recall >= retention


def last_remembered(retention, stability):
    """The longest time since the review, to the microsecond, at which a card of `stability`
    is still recalled at least at `retention`: the card exactly at the threshold."""
    threshold = scheduling.recall_threshold(retention)
    k = (threshold.limit - 1) / threshold.factor  # remembered while days <= about stability * k
    ago = dt.timedelta(days=stability * k)
    while not remembered(retention, stability, ago):
        ago -= MICRO
    while remembered(retention, stability, ago + MICRO):
        ago += MICRO
    return ago


def boundary_cases():
    """(retention, stability, time since the last review) around the moment recall falls under
    the retention: the last microsecond it holds, a microsecond either side, an hour after and
    half the time (far from the boundary, where SQLite decides without the exact days).
    Stabilities of 21 days or more can be mastered; the 5-day one only counts as remembered."""
    cases = []
    for retention in (0.9, 0.8, 0.73, 0.97):
        for stability in (5.0, 21.0, 33.3, 365.0):
            edge = last_remembered(retention, stability)
            for ago in (edge - MICRO, edge, edge + MICRO, edge + dt.timedelta(hours=1), edge / 2):
                cases.append((retention, stability, ago))
    return cases


@pytest.mark.django_db
def test_the_database_decides_mastery_and_remembering_as_mastery_does_at_the_boundary(
    classroom, make_learner, study_facts
):
    fact = study_facts["fighters"]
    expected_mastered, expected_remember = {}, 0
    for n, (retention, stability, ago) in enumerate(boundary_cases()):
        learner = make_learner(f"b{n:04}", desired_retention=retention)
        teaching.join(learner=learner, classroom=classroom, now=NOW)
        card = Card.objects.create(
            learner=learner,
            fact=fact,
            due=NOW + dt.timedelta(days=3),
            stability=stability,
            difficulty=5.0,
            state=State.REVIEW,
            step=None,
            last_review=NOW - ago,
            reps=1,
            created_at=NOW - dt.timedelta(days=400),
        )
        recall = scheduling.retrievability(card.memory(), now=NOW)
        level = progress.mastery(recall=recall, stability=stability, desired_retention=retention)
        expected_mastered[learner.pk] = level is progress.Mastery.MASTERED
        expected_remember += recall >= retention
    figures = classprogress.class_progress(classroom, now=NOW, rtl=False)
    mastered = {row.learner.pk: row.cells[0].counts.mastered == 1 for row in figures.rows}
    assert mastered == expected_mastered
    assert 0 < sum(mastered.values()) < len(mastered)  # both sides of the boundary are here
    assert 0 < expected_remember < len(mastered)
    assert figures.shares["fighters"] == expected_remember / len(mastered)


@pytest.mark.django_db
def test_the_class_view_counts_as_the_learners_own_topic_page(classroom, member_with_cards):
    learner, _cards = member_with_cards
    figures = classprogress.class_progress(classroom, now=NOW, rtl=False)
    [row] = figures.rows
    [cell] = row.cells
    view = learnertopic.learner_topic(classroom, learner_pk=learner.pk, topic=cell.topic, now=NOW)
    assert view is not None
    assert (cell.counts.mastered, cell.counts.learning) == (
        view.counts.mastered,
        view.counts.learning,
    )
    assert cell.counts.learning + cell.counts.mastered == len(AGO)
    assert cell.counts.mastered > 0  # stable cards reviewed lately are mastered


@pytest.fixture
def member_with_cards(classroom, make_learner, study_facts):
    learner = make_learner("rana")
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    cards = [
        Card.objects.create(
            learner=learner,
            fact=fact,
            due=NOW + dt.timedelta(days=3),
            stability=18.0 + n,
            difficulty=5.0,
            state=State.REVIEW,
            step=None,
            last_review=NOW - ago,
            reps=1,
            created_at=NOW - dt.timedelta(days=60),
        )
        for n, (ago, fact) in enumerate(zip(AGO, study_facts.values(), strict=False))
    ]
    return learner, cards


@pytest.mark.django_db
def test_every_cell_and_share_matches_python_with_topics_members_and_an_outsider(
    classroom, make_learner, study_facts
):
    """The grid's (member, topic) counts and each fact's share, read in one query, are those
    Python works out card by card; an outsider's cards count nowhere."""
    from learning.models import Topic

    second = Topic.objects.create(slug="economy", name_ar="الاقتصاد", name_en="Economy", position=2)
    facts = list(study_facts.values())[:6]
    for fact in facts[3:]:
        fact.topic = second
        fact.save()
    members = [make_learner(f"m{n}", desired_retention=r) for n, r in enumerate((0.9, 0.8, 0.97))]
    outsider = make_learner("outsider")  # in the teacher's other class only
    other = teaching.create_class(teacher=classroom.teacher, name="other", now=NOW)
    teaching.join(learner=outsider, classroom=other, now=NOW)
    for learner in members:
        teaching.join(learner=learner, classroom=classroom, now=NOW)
    cards = []
    for n, learner in enumerate([*members, outsider]):
        for m, fact in enumerate(facts):
            if (n + m) % 4 == 3:
                continue  # not every member has seen every fact
            cards.append(
                Card.objects.create(
                    learner=learner,
                    fact=fact,
                    due=NOW + dt.timedelta(days=m - 2),
                    stability=[4.0, 25.0, 60.0][(n + m) % 3],
                    difficulty=5.0,
                    state=State.REVIEW,
                    step=None,
                    last_review=NOW - dt.timedelta(days=[1, 8, 30, 3][(n * m) % 4]),
                    reps=1,
                    created_at=NOW - dt.timedelta(days=400),
                )
            )
    expected_cells, remember, seen, overdue = {}, {}, {}, {}
    for card in cards:
        learner = card.learner
        if learner == outsider:
            continue
        recall = scheduling.retrievability(card.memory(), now=NOW)
        level = progress.mastery(
            recall=recall, stability=card.stability, desired_retention=learner.desired_retention
        )
        key = (learner.pk, card.fact.topic_id)
        learning, mastered = expected_cells.get(key, (0, 0))
        is_mastered = level is progress.Mastery.MASTERED
        expected_cells[key] = (learning + (not is_mastered), mastered + is_mastered)
        slug = card.fact.slug
        seen[slug] = seen.get(slug, 0) + 1
        remember[slug] = remember.get(slug, 0) + (recall >= learner.desired_retention)
        overdue[learner.pk] = overdue.get(learner.pk, 0) + (card.due <= NOW - dt.timedelta(days=1))

    figures = classprogress.class_progress(classroom, now=NOW, rtl=False)
    cells = {
        (row.learner.pk, cell.topic.pk): (cell.counts.learning, cell.counts.mastered)
        for row in figures.rows
        for cell in row.cells
        if cell.counts.learning or cell.counts.mastered
    }
    assert cells == expected_cells
    assert {row.learner.pk: row.overdue for row in figures.rows} == overdue
    assert outsider.pk not in {row.learner.pk for row in figures.rows}
    shares = {slug: share for slug, share in figures.shares.items() if share is not None}
    assert shares == {slug: remember[slug] / len(members) for slug in seen}
    assert 0 < sum(remember.values()) < sum(seen.values())  # both kinds of card are here
    assert any(mastered for _l, mastered in cells.values())


@pytest.mark.django_db
def test_sqlite_counts_the_cards_without_sorting_them(classroom, member_with_cards):
    """The counting query reads each member's cards in its index's order: SQLite groups them
    with no temporary B-tree (the sort that cost the class view ~20 ms at 300 learners)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("the plan checked is SQLite's; PostgreSQL plans its own way")
    with CaptureQueriesContext(connection) as captured:
        classprogress.class_progress(classroom, now=NOW, rtl=False)
    [counting] = [q["sql"] for q in captured.captured_queries if "group_concat" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {counting}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "learning_card" in plan
    assert "TEMP B-TREE" not in plan
