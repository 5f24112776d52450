"""PURE: a class's progress in numbers — the learners x topics mastery grid, the assignments
each member is behind on, and what the class remembers of each fact.

Mastery is the learner dashboard's (learning.core.progress.mastery), each member judged by their
own desired retention.

**The share of the class that remembers a fact** is the share of the class's members whose card
of the fact is recalled now at least as likely as that member's own desired retention: members
who remember it / members. A member who has never reviewed the fact counts in the denominator
and not in the numerator (the class, not only those who have started, is what a teacher
teaches); the share is None when no member has reviewed the fact at all, so an untouched fact
reads as "not seen" rather than as "0% remember". We chose the share over the mean recall
probability because it answers the teacher's question ("how many of them know this now?") in
the same terms as mastery and the timeline's colour ("18 of 30 remember it"), with each learner's
own target; the results page already shows the mean recall of an assignment's facts.

The database counts the cards (learning.classprogress: each card's mastery is decided in SQL by
learning.core.scheduling.recall_threshold, float for float as mastery() decides it); here those
counts become the grid and the shares. Nothing here reads a clock or the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from learning.core.progress import TopicCounts

# Where a member is with an assignment (learning.models.classes.Status values; kept as strings:
# this module needs no Django).
LATE = "late"
TO_DO = "to_do"


@dataclass(frozen=True, slots=True)
class CellCounts:
    """One member's facts of one topic by mastery (the grid shows no sum of recalls: unlike
    the dashboard's TopicCounts, it needs no recall probability of any card)."""

    facts: int
    learning: int
    mastered: int

    @property
    def not_seen(self) -> int:
        return self.facts - self.learning - self.mastered


def grid(
    counted: Iterable[tuple[int, int, int, int]],
    *,
    learners: Iterable[int],
    topics: Mapping[int, int],
) -> dict[tuple[int, int], CellCounts]:
    """(learner, topic) -> that member's facts of the topic by mastery, for every member and
    topic, from (learner, topic, cards reviewed, cards mastered) as the database counts them.
    `topics`: topic -> number of facts; rows of a non-member or an unknown topic are ignored."""
    found = {(learner, topic): (seen, mastered) for learner, topic, seen, mastered in counted}
    # 3,000 cells of a class of 300 hold a few hundred distinct counts: one object for each.
    made: dict[tuple[int, int, int], CellCounts] = {}
    cells = {}
    for learner in learners:
        for topic, facts in topics.items():
            seen, mastered = found.get((learner, topic), (0, 0))
            counts = made.get((facts, seen, mastered))
            if counts is None:
                counts = made[facts, seen, mastered] = CellCounts(
                    facts=facts, learning=seen - mastered, mastered=mastered
                )
            cells[learner, topic] = counts
    return cells


def shares(
    counted: Iterable[tuple[str, int, int]], *, members: int, facts: Iterable[str]
) -> dict[str, float | None]:
    """fact slug -> the share of the members who remember it now (see the module docstring),
    from (slug, members who reviewed it, members who remember it); None for a fact no member
    has reviewed."""
    found = {slug: remember for slug, seen, remember in counted if seen}
    return {slug: found[slug] / members if slug in found and members else None for slug in facts}


@dataclass(frozen=True, slots=True)
class Behind:
    """A member's assignments of the class: past due and not submitted, and open and to do."""

    late: int
    to_do: int


def behind(statuses: Iterable[tuple[int, str]], *, learners: Iterable[int]) -> dict[int, Behind]:
    """learner -> their late and to-do assignments, from (learner, status) pairs."""
    found: Counter[tuple[int, str]] = Counter(statuses)
    return {
        learner: Behind(late=found[learner, LATE], to_do=found[learner, TO_DO])
        for learner in learners
    }


@dataclass(frozen=True, slots=True)
class MasteryBar:
    """A cell's bar in a 100-wide viewBox: the mastered part from the start of the line, then
    the learning part; the rest (not seen) is the track."""

    mastered_x: float
    mastered_width: float
    learning_x: float
    learning_width: float


def mastery_bar(counts: CellCounts | TopicCounts, *, rtl: bool, width: float = 100.0) -> MasteryBar:
    """The bar of one grid cell, mirrored for a right-to-left page."""
    if counts.facts == 0:
        return MasteryBar(0.0, 0.0, 0.0, 0.0)
    mastered = round(width * counts.mastered / counts.facts, 2)
    learning = round(width * counts.learning / counts.facts, 2)
    if rtl:
        return MasteryBar(
            mastered_x=round(width - mastered, 2),
            mastered_width=mastered,
            learning_x=round(width - mastered - learning, 2),
            learning_width=learning,
        )
    return MasteryBar(0.0, mastered, mastered, learning)
