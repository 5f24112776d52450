"""Distractor candidates and how three of them are chosen: apart from the answer and each
other, other facts' values before variations, the answer's rank drawn among those possible."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from learning.core.questions.question import CHOICES, Value
from learning.core.values import FactData, spans_ordered

# Two numbers are told apart at this ratio (7%): an exact figure's distractors keep it, and so
# do the options among themselves.
EXACT_RATIO = 1.07
CLOSE_RATIO = math.log(4)  # a 4x ratio counts as easy (difficulty 0)
FAR_DAYS = math.log1p(3650)  # ten years apart counts as easy


@dataclass(frozen=True, slots=True)
class Candidate:
    value: Value
    keys: tuple[str, str]  # as rendered in ar and en, casefolded
    position: float  # log of the number, or the date's first day as an ordinal
    span: tuple[dt.date, dt.date] | None  # dates only
    closeness: float  # to the true value, 0..1
    source: str  # the slug of the fact it came from; "" for a variation
    rest: float | None = None  # exact percentages: log of what is left (100 - x)


@dataclass(frozen=True, slots=True)
class Distractors:
    """A fact's good distractors, computed once per pool, each side in two tiers drawn in turn.

    Quantities and dates keep the two sides apart (below/earlier, above/later) so the answer's
    rank among the options can be drawn uniformly; their tiers are (other facts' values,
    variations). Entity names have no side: all `below`, tiered (same topic, other topics).
    """

    true: Candidate
    below: tuple[tuple[Candidate, ...], tuple[Candidate, ...]]
    above: tuple[tuple[Candidate, ...], tuple[Candidate, ...]]
    ordered: bool
    mcq_blocker: str  # why no multiple-choice question can be made; "" when one can
    ranks: tuple[int, ...] = ()  # ordered: how many distractors can lie below the answer
    # The sides (below, above) whose values a false statement may show. A bound read as a
    # bound is true of every value on one side of it ("more than 9,000" of a figure "more
    # than 18,000"): only a multiple-choice stem asking for the figure given offers those.
    truefalse_sides: tuple[bool, bool] = (True, True)

    @property
    def all(self) -> tuple[Candidate, ...]:
        return self.below[0] + self.above[0] + self.below[1] + self.above[1]

    @property
    def for_truefalse(self) -> tuple[Candidate, ...]:
        """The values a false statement may show."""
        if all(self.truefalse_sides):
            return self.all
        below, above = self.truefalse_sides
        return tuple(c for c in self.all if (below if c.position < self.true.position else above))

    @property
    def from_facts(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.all if c.source)


def text_keys(texts: Iterable[str]) -> tuple[str, str]:
    ar, en = (" ".join(t.split()).casefold() for t in texts)
    return ar, en


def apart(a: Candidate, b: Candidate, min_log_gap: float) -> bool:
    """Two options a learner can tell apart: different in both languages, not too close."""
    if a.keys[0] == b.keys[0] or a.keys[1] == b.keys[1]:
        return False
    if a.span is not None and b.span is not None:
        return spans_ordered(a.span, b.span)
    if isinstance(a.value, Decimal):
        if a.rest is not None and b.rest is not None and abs(a.rest - b.rest) >= min_log_gap:
            return True  # 90% and 95%: 10% left against 5%
        return abs(a.position - b.position) >= min_log_gap
    return True


def number_closeness(x: Decimal, true: Decimal) -> float:
    return max(0.0, 1.0 - abs(math.log(float(x / true))) / CLOSE_RATIO)


def days_closeness(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> float:
    days = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return max(0.0, 1.0 - math.log1p(days) / FAR_DAYS)


def other_allowed(fact: FactData, other: FactData) -> bool:
    return other.slug != fact.slug and not (fact.group and other.group == fact.group)


class Seen:
    """What options already read like, in each language."""

    def __init__(self, *candidates: Candidate) -> None:
        self.texts: tuple[set[str], set[str]] = (set(), set())
        for c in candidates:
            self.add(c.keys)

    def add(self, keys: tuple[str, str]) -> None:
        self.texts[0].add(keys[0])
        self.texts[1].add(keys[1])

    def __contains__(self, keys: tuple[str, str]) -> bool:
        return keys[0] in self.texts[0] or keys[1] in self.texts[1]


def unique(found: list[Candidate], seen: Seen) -> list[Candidate]:
    """Drop candidates that read like the true value or an earlier candidate in either language."""
    kept = []
    for c in found:
        if c.keys not in seen:
            seen.add(c.keys)
            kept.append(c)
    return kept


def _min_gap(true: Candidate) -> float:
    return math.log(EXACT_RATIO) if isinstance(true.value, Decimal) else 0.0


def sided(
    true: Candidate,
    found: list[Candidate],
    *,
    one_sided: bool,
    qualifier: str = "",
    truefalse_sides: tuple[bool, bool] = (True, True),
) -> Distractors:
    def split(side: list[Candidate]) -> tuple[tuple[Candidate, ...], tuple[Candidate, ...]]:
        return tuple(c for c in side if c.source), tuple(c for c in side if not c.source)

    below = split([c for c in found if c.position < true.position])
    above = split([c for c in found if c.position > true.position])
    draft = Distractors(true, below, above, True, "")
    ranks = tuple(r for r in range(CHOICES) if at_rank(draft, r, None) is not None)
    if one_sided:
        blocker = f"one-sided ({qualifier}): the answer would always be the extreme option"
    elif not ranks:
        blocker = f"only {_max_apart(draft)} good distractor(s)"
    elif len(ranks) == 1:  # one year: 2, 3 and 4 years only, the answer always the smallest
        side = "lowest" if ranks[0] == 0 else "highest"
        blocker = f"no room on one side: the answer would always be the {side} option"
    else:
        blocker = ""
    return Distractors(true, below, above, True, blocker, ranks, truefalse_sides)


def at_rank(d: Distractors, rank: int, rng: random.Random | None) -> list[Candidate] | None:
    """Three distractors apart from the answer and each other, `rank` of them below it."""
    chosen = [d.true]
    gap = _min_gap(d.true)
    if _fill(d.below, rank, chosen, gap, rng) and _fill(
        d.above, CHOICES - 1 - rank, chosen, gap, rng
    ):
        return chosen[1:]
    return None


def _max_apart(d: Distractors) -> int:
    chosen = [d.true]
    for c in d.all:
        if all(apart(c, o, _min_gap(d.true)) for o in chosen):
            chosen.append(c)
    return len(chosen) - 1


def choose(d: Distractors, rng: random.Random | None) -> list[Candidate] | None:
    """Three distractors apart from the answer and each other (rng None: the first that fit)."""
    if not d.ordered:  # names have no side: all of them are `below`
        return at_rank(d, CHOICES - 1, rng)
    ranks = list(d.ranks)
    if rng is not None:
        rng.shuffle(ranks)  # the answer's rank among the options: uniform over what is possible
    for r in ranks:
        if (picked := at_rank(d, r, rng)) is not None:
            return picked
    return None


def _fill(
    groups: tuple[tuple[Candidate, ...], ...],
    n: int,
    chosen: list[Candidate],
    gap: float,
    rng: random.Random | None,
) -> bool:
    """Add n candidates to `chosen`, from the first group (other facts) before the next."""
    need = n
    for group in groups:
        if need == 0:
            break
        for c in _draw_order(group, rng):
            if all(apart(c, o, gap) for o in chosen):
                chosen.append(c)
                need -= 1
                if need == 0:
                    break
    return need == 0


def _draw_order(group: Sequence[Candidate], rng: random.Random | None) -> Iterator[Candidate]:
    """Candidates in random order; for long lists a few random draws, then a scan."""
    if rng is None:
        yield from group
        return
    if len(group) <= 16:
        order = list(group)
        rng.shuffle(order)
        yield from order
        return
    for _ in range(12):
        yield group[rng.randrange(len(group))]
    start = rng.randrange(len(group))
    for i in range(len(group)):
        yield group[(start + i) % len(group)]
