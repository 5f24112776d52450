"""The class view's arithmetic on a constructed class, every figure worked out by hand.

Three members: A aims at 90% retention, B at 80%, C at 90% and has seen one fact. Topic 1 has
facts f1, f2, f3; topic 2 has f4, f5. D is not a member: their card counts nowhere.
"""

import pytest

from learning.core.classprogress import (
    Behind,
    MasteryBar,
    Seen,
    behind,
    grid,
    mastery_bar,
    shares,
)
from learning.core.progress import TopicCounts

A, B, C, D = 1, 2, 3, 4
T1, T2 = 10, 20
MEMBERS = {A: 0.9, B: 0.8, C: 0.9}
TOPICS = {T1: 3, T2: 2}
SEEN = [
    Seen(A, T1, "f1", recall=0.95, stability=30.0),  # mastered: 0.95 >= 0.9 and 30 >= 21 days
    Seen(A, T1, "f2", recall=0.95, stability=10.0),  # learning: not yet stable for 21 days
    Seen(A, T2, "f4", recall=0.85, stability=40.0),  # learning: 0.85 is below A's 0.9
    Seen(B, T1, "f1", recall=0.85, stability=40.0),  # mastered by B's own 0.8
    Seen(B, T2, "f4", recall=0.80, stability=21.0),  # mastered: both bounds met exactly
    Seen(C, T2, "f5", recall=0.50, stability=2.0),  # learning, and forgotten
    Seen(D, T1, "f3", recall=0.99, stability=90.0),  # not a member
]


def test_the_grid_counts_each_members_facts_of_each_topic_by_their_own_retention():
    cells = grid(SEEN, learners=MEMBERS, topics=TOPICS)
    assert cells == {
        (A, T1): TopicCounts(facts=3, learning=1, mastered=1, known=pytest.approx(1.9)),
        (A, T2): TopicCounts(facts=2, learning=1, mastered=0, known=0.85),
        (B, T1): TopicCounts(facts=3, learning=0, mastered=1, known=0.85),
        (B, T2): TopicCounts(facts=2, learning=0, mastered=1, known=0.80),
        (C, T1): TopicCounts(facts=3, learning=0, mastered=0, known=0.0),
        (C, T2): TopicCounts(facts=2, learning=1, mastered=0, known=0.50),
    }
    assert cells[A, T1].not_seen == 1
    assert cells[C, T1].not_seen == 3


def test_the_share_that_remembers_counts_every_member_and_is_none_for_an_unseen_fact():
    assert shares(SEEN, learners=MEMBERS, facts=["f1", "f2", "f3", "f4", "f5"]) == {
        "f1": 2 / 3,  # A (0.95 >= 0.9) and B (0.85 >= 0.8); C never saw it
        "f2": 1 / 3,  # A: remembering needs no stability, only recall >= retention
        "f3": None,  # only D, who is not a member, has seen it
        "f4": 1 / 3,  # B at exactly 0.80; A's 0.85 is under A's 0.9
        "f5": 0.0,  # seen, and forgotten: not the same as never seen
    }


def test_a_class_without_members_remembers_nothing_and_divides_by_nothing():
    assert shares(SEEN, learners={}, facts=["f1"]) == {"f1": None}


def test_behind_counts_late_and_to_do_assignments_for_every_member():
    statuses = [(A, "late"), (A, "to_do"), (A, "to_do"), (B, "done"), (B, "done_late")]
    statuses += [(B, "not_open")]
    assert behind(statuses, learners=MEMBERS) == {
        A: Behind(late=1, to_do=2),
        B: Behind(late=0, to_do=0),
        C: Behind(late=0, to_do=0),
    }


def test_a_cells_bar_starts_with_the_mastered_part_at_the_start_of_the_line():
    counts = TopicCounts(facts=4, learning=2, mastered=1, known=2.5)
    assert mastery_bar(counts, rtl=False) == MasteryBar(0.0, 25.0, 25.0, 50.0)
    # Right to left: mastered from the right edge, learning to its left.
    assert mastery_bar(counts, rtl=True) == MasteryBar(75.0, 25.0, 25.0, 50.0)
    thirds = TopicCounts(facts=3, learning=0, mastered=1, known=1.0)
    assert mastery_bar(thirds, rtl=False).mastered_width == 33.33


def test_a_topic_without_facts_has_an_empty_bar():
    assert mastery_bar(TopicCounts(0, 0, 0, 0.0), rtl=True) == MasteryBar(0.0, 0.0, 0.0, 0.0)
