"""PURE: item analysis of an assignment and what a class remembers — numbers in, numbers out.

An *item* is one fact of the assignment. Per learner who submitted and per item, the caller
gives the item's score in [0, 1] (ordering: the fact's partial credit; multiple choice and
true/false: 0 or 1; flashcards: 1 if recalled, else 0) and, for multiple choice and true/false,
the option chosen (a key that is the same for every learner, the label to show, and whether it
was the correct one). An item a submitted learner left unanswered scores 0, as on a handed-in
paper, and counts in n.

The figures, over the learners who submitted (n):

- facility: the mean item score (the share correct for 0/1 items);
- discrimination: the Pearson correlation of the item score with the REST of the assignment
  score (the learner's total minus this item: the corrected item-total correlation), which is
  the point-biserial correlation for 0/1 items;
- the upper/lower 27% difference: the mean item score of the top 27% of learners by total score
  minus that of the bottom 27%. A group holds g = round(0.27 n) learners (at least 1); learners
  tied on total at a group's edge share its remaining places equally (two tied for one place
  count half each), so the figure never depends on the order the learners come in;
- the distractors chosen (wrong options, most chosen first) out of the learners who answered
  the item with a choice;
- reliability: Cronbach's alpha, k/(k-1) * (1 - sum of item variances / variance of totals),
  which is KR-20 when every score is 0 or 1. Variances are population variances (divided by n)
  throughout; alpha is a ratio of variances, so dividing all of them by n - 1 instead gives the
  same value. Given only from RELIABLE_FROM submissions on.

A figure that is undefined (fewer than two learners, a variance of zero, a single item) is None:
nothing here divides by zero or raises on a degenerate class. Variances at or below TINY count
as zero, so float rounding in a constant column does not pass for a spread. Sums use math.fsum,
which rounds once, so every figure is exactly the same whatever order the learners come in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

RELIABLE_FROM = 5  # submissions: below this the page says the statistics are not yet reliable
GROUP_SHARE = 0.27  # Kelley's upper and lower groups
TINY = 1e-12  # a population variance at or below this is zero
_TIE_DIGITS = 9  # totals equal to this many decimals are tied

type LearnerId = int | str


@dataclass(frozen=True, slots=True)
class Choice:
    """The option a learner chose in a multiple-choice or true/false question."""

    key: str  # the same for every learner who saw this option (e.g. the value's JSON)
    label: str  # what the teacher reads
    correct: bool


@dataclass(frozen=True, slots=True)
class Answer:
    """A learner's result on one item (fact) of the assignment."""

    item: str
    score: float  # in [0, 1]
    choice: Choice | None = None  # multiple choice and true/false only

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:  # NaN fails too
            raise ValueError(f"an item score is in [0, 1], not {self.score!r} ({self.item})")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One learner's work on the assignment; submitted_at None while not submitted."""

    learner: LearnerId
    answers: tuple[Answer, ...]
    submitted_at: datetime | None = None

    def __post_init__(self) -> None:
        items = [answer.item for answer in self.answers]
        if len(set(items)) != len(items):
            raise ValueError(f"one answer per item, learner {self.learner!r}: {items}")


@dataclass(frozen=True, slots=True)
class DistractorCount:
    """A wrong option and how many chose it: `count` of the item's `chosen`."""

    key: str
    label: str
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class ItemStats:
    """The figures of one item over the learners who submitted."""

    item: str
    n: int  # learners who submitted
    answered: int  # of them, those who answered this item
    facility: float | None
    discrimination: float | None  # corrected item-total (point-biserial) correlation
    upper_lower: float | None  # upper 27% mean minus lower 27% mean
    chosen: int  # learners who answered it with a choice (multiple choice, true/false)
    distractors: tuple[DistractorCount, ...]  # most chosen first

    @property
    def top_distractor_share(self) -> float:
        """The share of `chosen` who picked the most chosen wrong option; 0.0 if none."""
        return self.distractors[0].share if self.distractors else 0.0


@dataclass(frozen=True, slots=True)
class Analysis:
    """An assignment's item analysis."""

    n: int  # learners who submitted
    items: tuple[ItemStats, ...]  # in the order the items were given
    mean_score: float | None  # mean share of the assignment's score
    reliability: float | None  # KR-20 / Cronbach's alpha; None below RELIABLE_FROM
    dichotomous: bool  # every score 0 or 1: `reliability` is KR-20

    @property
    def reliable(self) -> bool:
        """Enough submissions for the statistics to mean something."""
        return self.n >= RELIABLE_FROM


def analyze(attempts: Iterable[Attempt], *, items: Sequence[str]) -> Analysis:
    """Item analysis over the submitted attempts (the others are left out)."""
    if len(set(items)) != len(items):
        raise ValueError(f"the items repeat: {list(items)}")
    column_of = {item: j for j, item in enumerate(items)}
    submitted = [attempt for attempt in attempts if attempt.submitted_at is not None]
    # One pass over the answers: each learner's row of scores (an item left blank scores 0)
    # and each item's answers, in the learners' order.
    matrix: list[list[float]] = []
    given: list[list[Answer]] = [[] for _ in items]
    for attempt in submitted:
        row = [0.0] * len(items)
        for answer in attempt.answers:
            j = column_of.get(answer.item)
            if j is None:
                stray = sorted({a.item for a in attempt.answers} - column_of.keys())
                raise ValueError(f"answers to items not in the assignment: {stray}")
            row[j] = answer.score
            given[j].append(answer)
        matrix.append(row)
    columns = [list(column) for column in zip(*matrix, strict=True)] or [[] for _ in items]
    totals = [math.fsum(row) for row in matrix]
    upper, lower = _group(totals, top=True), _group(totals, top=False)
    stats = []
    for item, scores, answers in zip(items, columns, given, strict=True):
        chosen, distractors = _choices(answers)
        stats.append(
            ItemStats(
                item=item,
                n=len(scores),
                answered=len(answers),
                facility=_mean(scores),
                discrimination=correlation(
                    scores, [t - s for t, s in zip(totals, scores, strict=True)]
                ),
                upper_lower=_group_difference(scores, upper, lower),
                chosen=chosen,
                distractors=distractors,
            )
        )
    mean_total = _mean(totals)
    return Analysis(
        n=len(submitted),
        items=tuple(stats),
        mean_score=mean_total / len(items) if mean_total is not None and items else None,
        reliability=cronbach_alpha(matrix) if len(matrix) >= RELIABLE_FROM else None,
        dichotomous=set().union(*columns) <= {0.0, 1.0},
    )


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, in [-1, 1]; None for fewer than two pairs or a variable without spread."""
    if len(xs) != len(ys):
        raise ValueError(f"{len(xs)} values against {len(ys)}")
    n = len(xs)
    if n < 2:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    dx, dy = [x - mx for x in xs], [y - my for y in ys]
    sxx, syy = math.fsum([d * d for d in dx]), math.fsum([d * d for d in dy])
    if sxx <= TINY * n or syy <= TINY * n:
        return None
    r = math.fsum([a * b for a, b in zip(dx, dy, strict=True)]) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))


def cronbach_alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """Alpha (KR-20 for 0/1 scores) of rows of learners × columns of items; at most 1.

    None for fewer than two learners or two items, or totals without spread. Cauchy–Schwarz
    bounds alpha by 1; the clamp only absorbs float rounding. It has no lower bound: items that
    contradict each other give a negative alpha, and that is what it reports.
    """
    n = len(matrix)
    k = len(matrix[0]) if matrix else 0
    if n < 2 or k < 2:
        return None
    total_variance = _variance([math.fsum(row) for row in matrix])
    if total_variance <= TINY:
        return None
    item_variances = math.fsum(_variance([row[j] for row in matrix]) for j in range(k))
    return min(1.0, k / (k - 1) * (1.0 - item_variances / total_variance))


def distractor_counts(answers: Iterable[Answer]) -> tuple[DistractorCount, ...]:
    """The wrong options chosen, most chosen first (then by label, then key)."""
    return _choices(answers)[1]


def _choices(answers: Iterable[Answer]) -> tuple[int, tuple[DistractorCount, ...]]:
    """How many answered with a choice, and the wrong options chosen (distractor_counts)."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    chosen = 0
    for answer in answers:
        if answer.choice is None:
            continue
        chosen += 1
        if answer.choice.correct:
            continue
        key = answer.choice.key
        counts[key] = counts.get(key, 0) + 1
        # One label per key; the smallest, should two learners' labels differ.
        labels[key] = min(labels.get(key, answer.choice.label), answer.choice.label)
    found = [
        DistractorCount(key, labels[key], count, count / chosen) for key, count in counts.items()
    ]
    return chosen, tuple(sorted(found, key=lambda d: (-d.count, d.label, d.key)))


def struggling_key(stats: ItemStats) -> tuple[bool, float, float, str]:
    """Sort key: lowest facility first, then the most chosen confusion, then the item."""
    facility = stats.facility if stats.facility is not None else math.inf
    return (stats.facility is None, facility, -stats.top_distractor_share, stats.item)


def struggling_first(stats: Iterable[ItemStats]) -> tuple[ItemStats, ...]:
    """The items the class struggles with first (items nobody submitted go last)."""
    return tuple(sorted(stats, key=struggling_key))


class Status(StrEnum):
    """Where a learner stands with an assignment."""

    SUBMITTED = "submitted"  # on time (or no due date)
    LATE = "late"  # submitted after the due date
    MISSING = "missing"  # not submitted and the due date has passed
    PENDING = "pending"  # not submitted, not yet due


@dataclass(frozen=True, slots=True)
class LearnerResult:
    """One row of the learners table."""

    learner: LearnerId
    score: float  # share of the assignment: sum of item scores / total (unanswered count 0)
    answered: int
    total: int
    submitted_at: datetime | None
    status: Status

    @property
    def late(self) -> bool:
        return self.status is Status.LATE


def learner_result(
    attempt: Attempt, *, items: Sequence[str], due: datetime | None, now: datetime
) -> LearnerResult:
    """A learner's score, answered/total and status; answers outside `items` are ignored."""
    known = set(items)
    answers = [answer for answer in attempt.answers if answer.item in known]
    submitted = attempt.submitted_at
    if submitted is not None:
        status = Status.LATE if due is not None and submitted > due else Status.SUBMITTED
    else:
        status = Status.MISSING if due is not None and now > due else Status.PENDING
    return LearnerResult(
        learner=attempt.learner,
        score=math.fsum(answer.score for answer in answers) / len(items) if items else 0.0,
        answered=len(answers),
        total=len(items),
        submitted_at=submitted,
        status=status,
    )


@dataclass(frozen=True, slots=True)
class Recall:
    """What the class remembers of a fact now: the mean recall probability over n cards."""

    mean: float | None  # None when no learner has a card
    n: int


def class_recall(probabilities: Iterable[float]) -> Recall:
    """The mean of the learners' recall probabilities (from scheduling.retrievability)."""
    values = list(probabilities)
    for p in values:
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"a recall probability is in [0, 1], not {p!r}")
    return Recall(_mean(values), len(values))


def recall_by_item(probabilities: Mapping[str, Iterable[float]]) -> dict[str, Recall]:
    """class_recall for each item."""
    return {item: class_recall(values) for item, values in probabilities.items()}


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _variance(values: Sequence[float]) -> float:
    """The population variance (divided by n) of a non-empty sequence."""
    mean = math.fsum(values) / len(values)
    return math.fsum([(v - mean) ** 2 for v in values]) / len(values)


def _group(totals: Sequence[float], *, top: bool) -> list[tuple[int, float]]:
    """The upper (or lower) 27% group: each member's index and place (1, or a tie's share)."""
    n = len(totals)
    if n < 2:
        return []
    size = max(1, math.floor(GROUP_SHARE * n + 0.5))
    keys = [round(t, _TIE_DIGITS) * (1 if top else -1) for t in totals]
    edge = sorted(keys, reverse=True)[size - 1]
    inside = sum(key > edge for key in keys)
    share = (size - inside) / sum(key == edge for key in keys)
    return [(i, 1.0 if key > edge else share) for i, key in enumerate(keys) if key >= edge]


def _group_difference(
    scores: Sequence[float], upper: Sequence[tuple[int, float]], lower: Sequence[tuple[int, float]]
) -> float | None:
    """Mean score of the upper group minus the lower; None without groups (n < 2)."""
    if not upper or not lower:
        return None
    return _group_mean(scores, upper) - _group_mean(scores, lower)


def _group_mean(scores: Sequence[float], group: Sequence[tuple[int, float]]) -> float:
    return math.fsum([w * scores[i] for i, w in group]) / math.fsum([w for _, w in group])
