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

Nothing here reads a clock or the database: `now` and the rows are passed in.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from learning.core.progress import Mastery, TopicCounts, mastery

# Where a member is with an assignment (learning.models.classes.Status values; kept as strings:
# this module needs no Django).
LATE = "late"
TO_DO = "to_do"


@dataclass(frozen=True, slots=True)
class Seen:
    """A member's reviewed card: whose, which topic and fact, recall now, and stability."""

    learner: int
    topic: int
    fact: str
    recall: float
    stability: float


def grid(
    seen: Iterable[Seen], *, learners: Mapping[int, float], topics: Mapping[int, int]
) -> dict[tuple[int, int], TopicCounts]:
    """(learner, topic) -> that member's facts of the topic by mastery, for every member and
    topic. `learners`: member -> desired retention; `topics`: topic -> number of facts."""
    mastered: Counter[tuple[int, int]] = Counter()
    recalls: defaultdict[tuple[int, int], list[float]] = defaultdict(list)
    for card in seen:
        retention = learners.get(card.learner)
        if retention is None or card.topic not in topics:
            continue
        key = (card.learner, card.topic)
        recalls[key].append(card.recall)
        level = mastery(recall=card.recall, stability=card.stability, desired_retention=retention)
        if level is Mastery.MASTERED:
            mastered[key] += 1
    cells = {}
    for learner in learners:
        for topic, facts in topics.items():
            found = recalls.get((learner, topic), [])
            done = mastered[learner, topic]
            cells[learner, topic] = TopicCounts(
                facts=facts, learning=len(found) - done, mastered=done, known=math.fsum(found)
            )
    return cells


def shares(
    seen: Iterable[Seen], *, learners: Mapping[int, float], facts: Iterable[str]
) -> dict[str, float | None]:
    """fact slug -> the share of the members who remember it now (see the module docstring);
    None for a fact no member has reviewed. `learners`: member -> desired retention."""
    reviewed: set[str] = set()
    remember: Counter[str] = Counter()
    for card in seen:
        if card.learner not in learners:
            continue
        reviewed.add(card.fact)
        remember[card.fact] += card.recall >= learners[card.learner]
    members = len(learners)
    return {
        slug: remember[slug] / members if slug in reviewed and members else None for slug in facts
    }


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


def mastery_bar(counts: TopicCounts, *, rtl: bool, width: float = 100.0) -> MasteryBar:
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
