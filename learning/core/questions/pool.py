"""The fact pool: the fact base indexed for question generation, built once and reused."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable, Iterator, Mapping, Sequence

from learning.core.questions.dates import date_distractors
from learning.core.questions.distractors import FAR_DAYS, Distractors, text_keys
from learning.core.questions.entities import entity_distractors
from learning.core.questions.quantities import quantity_distractors
from learning.core.questions.question import ORDERING_SIZES, DateValue, fact_value
from learning.core.values import LANGS, FactData, Kind, Precision, date_span, spans_ordered


class FactPool(Mapping[str, FactData]):
    """The fact base indexed for question generation; build once, reuse for every question.

    A Mapping from slug to fact, so it can be passed to `render` too. Facts are kept in slug
    order, so the same seed gives the same questions whatever order the facts came in.
    """

    def __init__(self, facts: Iterable[FactData]) -> None:
        self.facts: tuple[FactData, ...] = tuple(sorted(facts, key=lambda f: f.slug))
        self._by_slug = {f.slug: f for f in self.facts}
        if len(self._by_slug) != len(self.facts):
            raise ValueError("two facts share a slug")
        self._index_lenders()
        self.events: tuple[FactData, ...] = tuple(f for f in self.facts if _is_event(f))
        self._event_index = {e.slug: i for i, e in enumerate(self.events)}
        self._spans = [event_span(e) for e in self.events]
        self._compatible = _compatibility(self.events, self._spans)
        self._distractors: dict[str, Distractors] = {}

    def _index_lenders(self) -> None:
        """The facts that may lend a value to another: by unit, date shape, entity type, group."""
        self.by_unit: dict[str, list[FactData]] = {}
        self.by_date_shape: dict[tuple[Precision, bool], list[FactData]] = {}
        self.by_entity_type: dict[str, list[FactData]] = {}
        self._by_group: dict[str, list[FactData]] = {}
        for f in self.facts:
            if f.group:
                self._by_group.setdefault(f.group, []).append(f)
            if f.kind == Kind.QUANTITY:
                self.by_unit.setdefault(f.unit, []).append(f)
            elif f.kind == Kind.DATE:
                v = fact_value(f)
                assert isinstance(v, DateValue)
                self.by_date_shape.setdefault((v.precision, v.end is not None), []).append(f)
            elif f.kind == Kind.ENTITY and f.entity_type:
                self.by_entity_type.setdefault(f.entity_type, []).append(f)

    def __getitem__(self, slug: str) -> FactData:
        return self._by_slug[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_slug)

    def __len__(self) -> int:
        return len(self._by_slug)

    def group_mates(self, fact: FactData) -> list[FactData]:
        """The other facts of the fact's list or event."""
        if not fact.group:
            return []
        return [f for f in self._by_group.get(fact.group, ()) if f.slug != fact.slug]

    def list_members(self, fact: FactData) -> list[FactData]:
        """The facts that answer the same question as `fact`, itself first: the members of a
        list asked for one at a time ("which country was one of the five…"), i.e. the entity
        facts of its group with the same stem in both languages."""
        if fact.kind != Kind.ENTITY:
            return [fact]
        return [fact] + [
            mate
            for mate in self.group_mates(fact)
            if mate.kind == Kind.ENTITY and all(mate.stem[k] == fact.stem[k] for k in LANGS)
        ]

    def distractors(self, fact: FactData) -> Distractors:
        """The fact's good distractors (cached for the pool's own facts)."""
        own = self._by_slug.get(fact.slug)
        mine = own is fact or own == fact
        cached = self._distractors.get(fact.slug) if mine else None
        if cached is not None:
            return cached
        match fact.kind:
            case Kind.QUANTITY:
                found = quantity_distractors(fact, self)
            case Kind.DATE:
                found = date_distractors(fact, self)
            case Kind.ENTITY:
                found = entity_distractors(fact, self)
            case _:
                raise ValueError(f"a {fact.kind} fact has no distractors")
        if mine:
            self._distractors[fact.slug] = found
        return found

    def mcq_blocker(self, fact: FactData) -> str:
        """Why `fact` cannot be asked as multiple choice; "" when it can."""
        if fact.kind == Kind.STATEMENT:
            return "a statement fact is asked as true/false"
        return self.distractors(fact).mcq_blocker

    def truefalse_blocker(self, fact: FactData) -> str:
        """Why a true/false question about `fact` could only ever be shown true; "" otherwise.

        A question whose answer is always "True" teaches the learner to press True, not the fact.
        """
        if fact.kind == Kind.STATEMENT:
            return "" if fact.false_statement else "a statement without a false counterpart"
        if not all("{value}" in fact.statement[lang] for lang in LANGS):
            return "a statement without a place for a value"
        return "" if self.distractors(fact).for_truefalse else "no distractor to put in its place"

    def orderable(self, fact: FactData) -> bool:
        """True when the fact is an event that some ordering question can include."""
        i = self._event_index.get(fact.slug)
        return i is not None and any(
            self._compatible[i] & self._compatible[j] for j in self._compatible[i]
        )

    def events_to_order(
        self,
        wanted: int,
        rng: random.Random,
        *,
        difficulty: float | None = None,
        include: FactData | None = None,
    ) -> list[FactData]:
        """Up to `wanted` events that can all be ordered together: the most found in a few
        draws, grown from `include` if given (none when `include` is no event)."""
        if include is not None:
            first = self._event_index.get(include.slug)
            if first is None:
                return []
            starts = [first] * 4
        else:
            starts = [rng.randrange(len(self.events)) for _ in range(6)]
        best: list[int] = []
        for start in starts:
            chosen = self._grow(start, wanted, difficulty, rng)
            if len(chosen) > len(best):
                best = chosen
            if len(best) == wanted:
                break
        return [self.events[i] for i in best]

    def _grow(
        self, start: int, size: int, difficulty: float | None, rng: random.Random
    ) -> list[int]:
        """Events that can all be ordered together, grown from `start` (at most `size`)."""
        chosen = [start]
        candidates = self._compatible[start]
        # The gap to its nearest neighbour each new event should have, on the log scale of
        # `days_closeness`: difficulty 0 -> ten years, 0.5 -> two months, 1 -> none.
        target = None if difficulty is None else (1 - difficulty) * FAR_DAYS
        while len(chosen) < size and candidates:
            # Keep to events that leave enough partners to reach the size (or at least three).
            viable: list[int] = []
            for need in (size - len(chosen) - 1, ORDERING_SIZES.start - len(chosen) - 1):
                viable = [
                    j for j in sorted(candidates) if len(candidates & self._compatible[j]) >= need
                ]
                if viable:
                    break
            if not viable:
                break
            if target is not None:
                viable.sort(key=lambda j: abs(math.log1p(self._nearest_gap(j, chosen)) - target))
                viable = viable[:2]  # the best two, for variety
            pick = viable[rng.randrange(len(viable))]
            chosen.append(pick)
            candidates = candidates & self._compatible[pick]
        return chosen

    def _nearest_gap(self, j: int, chosen: Iterable[int]) -> int:
        """Days between event j and the nearest of `chosen`."""
        a = self._spans[j]
        return min(
            max((a[0] - self._spans[i][1]).days, (self._spans[i][0] - a[1]).days) for i in chosen
        )


def event_span(fact: FactData) -> tuple[dt.date, dt.date]:
    assert fact.date_start is not None and fact.precision is not None
    return date_span(fact.date_start, fact.date_end, fact.precision)


def _is_event(fact: FactData) -> bool:
    """A dated fact with a label in both languages: something to put in chronological order."""
    return (
        fact.kind == Kind.DATE
        and fact.label is not None
        and all(fact.label.get(lang) for lang in LANGS)
    )


def _compatibility(
    events: Sequence[FactData], spans: Sequence[tuple[dt.date, dt.date]]
) -> list[frozenset[int]]:
    """For each event, the events it can meet in one question: their spans do not overlap,
    they are not of one group, and their labels differ in both languages."""
    labels = [text_keys(e.label[lang] for lang in LANGS) for e in events if e.label]

    def compatible(i: int, j: int) -> bool:
        return (
            j != i
            and spans_ordered(spans[i], spans[j])
            and not (events[i].group and events[i].group == events[j].group)
            and labels[i][0] != labels[j][0]
            and labels[i][1] != labels[j][1]
        )

    return [
        frozenset(j for j in range(len(events)) if compatible(i, j)) for i in range(len(events))
    ]
