"""Choosing what to ask: due cards first (most overdue first), then new facts up to the
learner's daily limit, then learning steps coming due within a few minutes, in a rotation of
question kinds. Each question is stored (answer included) before it is shown."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from learning.core import questions
from learning.core.questions import QuestionKind
from learning.core.scheduling import State
from learning.core.values import FactData
from learning.models import AskedQuestion, AssignmentItem, Card, Fact, Learner, StudySession
from learning.study.pool import fact_pool, fact_rows
from learning.study.waiting import ahead_at

# A fact just asked is not asked again until this many other questions have come between.
RECENT_GAP = 3

KIND_ROTATION = (
    QuestionKind.MCQ,
    QuestionKind.TRUEFALSE,
    QuestionKind.ORDERING,
    QuestionKind.FLASHCARD,
)


def _due_order(card: Card) -> tuple[int, dt.datetime, int]:
    """Card.objects.due's order: learning steps first, then the most overdue."""
    stepping = card.last_review is not None and card.state != State.REVIEW
    return (0 if stepping else 1, card.due, card.pk)


@dataclass(frozen=True)
class Pick:
    slug: str
    fact_id: int
    card: Card | None  # None: a fact the learner has never met

    @classmethod
    def of_card(cls, card: Card) -> Pick:
        return cls(card.fact.slug, card.fact_id, card)


def _recent_slugs(asked: list[AskedQuestion]) -> set[str]:
    """Every fact shown in the last few questions (`asked`: the session's, in order), the other
    events of an ordering included: their answers were just on screen, so asking about them
    now would give the answer away."""
    return {slug for a in asked[-RECENT_GAP:] for slug in a.payload["facts"]}


def _pick_study(
    session: StudySession,
    asked: list[AskedQuestion],
    *,
    now: dt.datetime,
    cards: list[Card] | None = None,
) -> Pick | None:
    """Due cards, then a new fact, then learning steps coming due; a fact shown in the last few
    questions waits while anything else can be asked, but does not end the session: when only
    it is left (a learning step answered a moment ago), it is asked again, as Anki does.

    `cards`: all the learner's cards, if already read (else one query reads them: a learner has
    a card a fact at most, and the fact base is small)."""
    if cards is None:
        cards = learners_cards(session.learner)
    recent = _recent_slugs(asked)
    pick = _pick_study_skipping(session, cards, recent, now=now)
    if pick is None and recent:
        pick = _pick_study_skipping(session, cards, set(), now=now)
    return pick


def learners_cards(learner: Learner) -> list[Card]:
    """All of the learner's cards, each knowing its learner (spares a query when it is saved)."""
    cards = list(Card.objects.filter(learner=learner))
    for card in cards:
        card.learner = learner
    return cards


def _pick_study_skipping(
    session: StudySession, cards: list[Card], recent: set[str], *, now: dt.datetime
) -> Pick | None:
    rows = fact_rows()
    slug_of = {row.pk: slug for slug, row in rows.items()}
    mine = [
        card
        for card in cards
        if (slug := slug_of.get(card.fact_id)) is not None
        and slug not in recent
        and (not session.topic_id or rows[slug].topic_id == session.topic_id)
    ]
    due = min((c for c in mine if c.due <= now), key=_due_order, default=None)
    if due is not None:
        return Pick(slug_of[due.fact_id], due.fact_id, due)
    new = _next_new_fact(
        session.learner, topic_id=session.topic_id, recent=recent, now=now, cards=cards
    )
    if new is not None:
        return new
    ahead = min(
        (c for c in mine if ahead_at(c.due, c.state, now=now)),
        key=lambda c: (c.due, c.pk),
        default=None,
    )
    if ahead is None:
        return None
    return Pick(slug_of[ahead.fact_id], ahead.fact_id, ahead)


def _next_new_fact(
    learner: Learner,
    *,
    topic_id: int | None,
    recent: set[str],
    now: dt.datetime,
    cards: list[Card] | None = None,
) -> Pick | None:
    """The next fact to introduce, if the learner's daily limit of new facts allows one: the
    topics take turns, each in the learner's own order.

    One topic after another would open with a run of one kind of fact (the first topics are
    mostly statements), so a first session would be nearly all true/false; and the facts' own
    order would give every learner the same first facts. A fact just shown as another event of
    an ordering question waits its turn, unless nothing else is left.

    The learner's cards (`cards`, or one query: a fact base is small); the facts come from the
    pool.
    """
    day_start, day_end = learner.study_day(now=now)
    if cards is None:
        met_at = list(Card.objects.filter(learner=learner).values_list("fact_id", "created_at"))
    else:
        met_at = [(card.fact_id, card.created_at) for card in cards]
    introduced = sum(1 for _fact, created in met_at if day_start <= created < day_end)
    if introduced >= learner.new_per_day:
        return None
    facts = fact_rows()
    topic_of = {row.pk: row.topic_id for row in facts.values()}
    seen = {fact for fact, _created in met_at}
    rows = [
        (row.pk, slug, row.topic_id)
        for slug, row in facts.items()
        if row.pk not in seen and (not topic_id or row.topic_id == topic_id)
    ]
    if not rows:
        return None
    met = Counter(topic_of[fact] for fact in seen if fact in topic_of)
    rows.sort(key=lambda row: learners_rank(learner.pk, f"fact:{row[1]}"))
    turn: Counter[int] = Counter()
    order = []
    for pk, slug, topic in rows:
        # Round by round, each topic's next fact, the topics in the learner's own order too.
        topic_rank = learners_rank(learner.pk, f"topic:{topic}")
        order.append((slug in recent, met[topic] + turn[topic], topic_rank, pk, slug))
        turn[topic] += 1
    first = min(order)
    return Pick(first[-1], first[-2], None)


def learners_rank(seed: int, name: str) -> bytes:
    """Where a fact or a topic comes in a learner's own order (`seed`: the learner's pk).

    A key per item rather than a shuffle of the items left: the facts still unseen keep their
    order whichever have been met, from one session to the next.
    """
    return hashlib.blake2b(f"{seed}:{name}".encode(), digest_size=8).digest()


def _pick_practice(session: StudySession, asked: list[AskedQuestion]) -> Pick | None:
    """A fact not asked yet in this practice, of its topic or else of its chosen facts, drawn
    in the session's seeded order."""
    candidates: QuerySet[Fact]
    if session.topic_id is not None:
        candidates = Fact.objects.filter(topic=session.topic_id)
    else:
        candidates = session.facts.all()
    done = [a.fact_id for a in asked]
    facts = list(candidates.exclude(pk__in=done).order_by("pk"))
    if not facts:
        return None
    recent = _recent_slugs(asked)
    facts = [f for f in facts if f.slug not in recent] or facts
    fact = random.Random(f"{session.seed}:{len(asked)}").choice(facts)
    card = Card.objects.filter(learner=session.learner, fact=fact).first()
    return Pick(fact.slug, fact.pk, card)


def _pick_assignment(session: StudySession, position: int) -> Pick | None:
    """The assignment's next fact: the same facts for every learner (so results compare), in
    an order of the learner's own (their session's seed), as Moodle shuffles questions, so
    neighbours are not on the same question. The first of that order not asked yet: an
    attempt started in another order goes on without asking a fact twice."""
    items = list(
        AssignmentItem.objects.filter(assignment=session.assignment)
        .select_related("fact")
        .order_by("position")
    )
    asked = set(session.questions.values_list("fact_id", flat=True))
    order = random.Random(session.seed).sample(items, len(items))
    item = next((item for item in order if item.fact_id not in asked), None)
    if item is None or position >= len(items):
        return None
    card = Card.objects.filter(learner=session.learner, fact=item.fact).first()
    return Pick(item.fact.slug, item.fact_id, card)


def _can_ask(kind: QuestionKind, fact: FactData, pool: questions.FactPool) -> bool:
    match kind:
        case QuestionKind.MCQ:
            return not pool.mcq_blocker(fact)
        case QuestionKind.TRUEFALSE:
            return not pool.truefalse_blocker(fact)
        case QuestionKind.ORDERING:
            return pool.orderable(fact)
    return True


def kind_for(
    position: int,
    seed: int,
    fact: FactData,
    pool: questions.FactPool,
    used: Counter[str],
    rotation: tuple[QuestionKind, ...] = KIND_ROTATION,
) -> QuestionKind:
    """Of the kinds the fact can really be asked as, the one the session has asked least; the
    session's rotation breaks ties, so the kinds take turns.

    A fact that none of `rotation` can ask (an assignment allowing only ordering, for a fact
    without a date) is asked in the first kind of KIND_ROTATION that can ask it.
    """
    offset = seed % len(rotation)
    turn = [rotation[(position + offset + step) % len(rotation)] for step in range(len(rotation))]
    askable = [k for k in turn if _can_ask(k, fact, pool)]
    if not askable:
        return next(k for k in KIND_ROTATION if _can_ask(k, fact, pool))
    # min() keeps the first of equals, i.e. the one whose turn it is.
    return min(askable, key=lambda k: used[k.value])


def only_flashcards_ask(facts: Iterable[Fact]) -> list[Fact]:
    """Of `facts`, those that no multiple-choice, true/false or ordering question can ask."""
    pool = fact_pool()
    others = [k for k in KIND_ROTATION if k != QuestionKind.FLASHCARD]
    return [f for f in facts if not any(_can_ask(k, pool[f.slug], pool) for k in others)]
