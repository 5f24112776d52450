"""The class view's arithmetic on a constructed class, every figure worked out by hand.

Three members: A aims at 90% retention, B at 80%, C at 90% and has seen one fact. Topic 1 has
facts f1, f2, f3; topic 2 has f4, f5. D is not a member: their card counts nowhere.
"""

from learning.core.classprogress import (
    Behind,
    CellCounts,
    MasteryBar,
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
# (learner, topic, cards reviewed, cards mastered) as the database counts them.
COUNTED = [
    (A, T1, 2, 1),
    (A, T2, 1, 0),
    (B, T1, 1, 1),
    (B, T2, 1, 1),
    (C, T2, 1, 0),
    (D, T1, 1, 1),  # not a member: counts nowhere
    (A, 99, 1, 1),  # a topic not on the page
]


def test_the_grid_has_a_cell_for_every_member_and_topic_seen_or_not():
    cells = grid(COUNTED, learners=MEMBERS, topics=TOPICS)
    assert cells == {
        (A, T1): CellCounts(facts=3, learning=1, mastered=1),
        (A, T2): CellCounts(facts=2, learning=1, mastered=0),
        (B, T1): CellCounts(facts=3, learning=0, mastered=1),
        (B, T2): CellCounts(facts=2, learning=0, mastered=1),
        (C, T1): CellCounts(facts=3, learning=0, mastered=0),
        (C, T2): CellCounts(facts=2, learning=1, mastered=0),
    }
    assert cells[A, T1].not_seen == 1
    assert cells[C, T1].not_seen == 3


def test_the_share_that_remembers_counts_every_member_and_is_none_for_an_unseen_fact():
    # (fact, members who reviewed it, members who remember it)
    counted = [("f1", 2, 2), ("f2", 1, 1), ("f4", 2, 1), ("f5", 1, 0)]
    assert shares(counted, members=3, facts=["f1", "f2", "f3", "f4", "f5"]) == {
        "f1": 2 / 3,  # the class, not only those who reviewed it, is the denominator
        "f2": 1 / 3,
        "f3": None,  # no member has reviewed it
        "f4": 1 / 3,
        "f5": 0.0,  # seen, and forgotten: not the same as never seen
    }


def test_a_class_without_members_remembers_nothing_and_divides_by_nothing():
    assert shares([], members=0, facts=["f1"]) == {"f1": None}


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
