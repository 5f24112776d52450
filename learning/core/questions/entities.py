"""Distractors of an entity: names of other entity facts of the same type, never invented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from learning.core.questions.distractors import (
    Candidate,
    Distractors,
    Seen,
    other_allowed,
    text_keys,
    unique,
)
from learning.core.questions.question import CHOICES, EntityValue, fact_value
from learning.core.values import LANGS, FactData, Kind

if TYPE_CHECKING:
    from learning.core.questions.pool import FactPool


def entity_distractors(fact: FactData, pool: FactPool) -> Distractors:
    true = fact_value(fact)
    assert isinstance(true, EntityValue)

    def candidate(v: EntityValue, topic: str) -> Candidate:
        closeness = 0.6 if topic == fact.topic else 0.4
        return Candidate(v, text_keys((v.ar, v.en)), 0.0, None, closeness, v.slug)

    true_c = candidate(true, fact.topic)
    others = pool.by_entity_type.get(fact.entity_type, ()) if fact.entity_type else ()
    found = []
    for other in others:
        value = fact_value(other)
        if other_allowed(fact, other) and isinstance(value, EntityValue):
            found.append(candidate(value, other.topic))
    # A name of the fact's own list is never a distractor, whichever fact lends it: "Paris"
    # (the Christchurch Call) is no distractor for a list of attacked cities that holds Paris.
    seen = Seen(true_c)
    for mate in pool.group_mates(fact):
        if mate.kind == Kind.ENTITY and mate.answer:
            seen.add(text_keys(mate.answer[lang] for lang in LANGS))
    kept = unique(found, seen)
    blocker = "" if len(kept) >= CHOICES - 1 else f"only {len(kept)} good distractor(s)"
    # Names from the same topic first: the confusions a learner of that topic can make.
    same_topic = tuple(c for c in kept if c.closeness > 0.5)
    other_topics = tuple(c for c in kept if c.closeness <= 0.5)
    return Distractors(true_c, (same_topic, other_topics), ((), ()), False, blocker)
