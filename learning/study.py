"""Study sessions: what to ask next, and what an answer changes. Every write is one call here.

A session serves due cards first (most overdue first), then new facts up to the learner's daily
limit, then learning steps coming due within a few minutes, in a rotation of question kinds.
Each question is stored (answer included) before it is shown, and graded from that copy; an
answer is recorded once, however many times it is sent. Practice asks about one topic without
touching the schedule.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils.translation import gettext as _

from learning.core import grading, questions, scheduling
from learning.core.questions import Question, QuestionKind
from learning.core.scheduling import Rating, State
from learning.core.values import FactData
from learning.models import (
    AskedQuestion,
    AssignmentItem,
    Card,
    Fact,
    FactBaseStamp,
    Learner,
    StudySession,
    Topic,
)

SESSION_SIZE = 20
PRACTICE_SIZE = 10
# Learning steps (1 and 10 minutes) coming due this soon are asked rather than left waiting,
# as Anki's "learn ahead limit" does, so a session can finish what it started.
LEARN_AHEAD = dt.timedelta(minutes=20)
# A fact just asked is not asked again until this many other questions have come between.
RECENT_GAP = 3
# Another event of an ordering question reviewed this recently is not rated again.
SAME_SITTING = dt.timedelta(minutes=10)
# A right multiple-choice answer this fast on a card already in review counts as Easy.
FAST_MS = 4000
KIND_ROTATION = (
    QuestionKind.MCQ,
    QuestionKind.TRUEFALSE,
    QuestionKind.ORDERING,
    QuestionKind.FLASHCARD,
)


class StudyError(Exception):
    """A request the study flow cannot honour (the view answers 400 with the message)."""


@dataclass(frozen=True)
class _BuiltPool:
    stamp: int
    pool: questions.FactPool


_built: _BuiltPool | None = None


def fact_pool() -> questions.FactPool:
    """The whole fact base, detached and indexed for question generation.

    Built once per process (all facts with their sources, and the distractors as they are
    asked for) and reused while the fact base stamp is unchanged: one small query per call.
    """
    global _built
    # The stamp is read before the facts: a pool is never newer-stamped than its facts.
    stamp = FactBaseStamp.current()
    built = _built
    if built is None or built.stamp != stamp:
        pool = questions.FactPool(f.to_data() for f in Fact.objects.with_source())
        built = _built = _BuiltPool(stamp, pool)
    return built.pool


def forget_fact_pool() -> None:
    """Drop this process's pool, so the next call builds it afresh (tests, benchmarks)."""
    global _built
    _built = None


# --- starting -------------------------------------------------------------------------------


def start_session(
    *, learner: Learner, now: dt.datetime, topic: Topic | None = None, practice: bool = False
) -> StudySession:
    """A new study session (or practice of one topic, which moves no schedule)."""
    if practice and topic is None:
        raise StudyError(_("Practice needs a topic."))
    with transaction.atomic():
        # Starts take turns per learner. Under PostgreSQL's READ COMMITTED, two at once would
        # each end the sessions they saw and open one each; one_open_session_per_learner would
        # refuse the second with an error. Locked, the second waits, then ends the first's.
        # (SQLite's IMMEDIATE transactions already take turns; select_for_update is a no-op.)
        Learner.objects.select_for_update(no_key=True).get(pk=learner.pk)
        # One session at a time: a question left waiting in an older one (another tab, a
        # session walked away from) can no longer be answered, so no card is asked twice over.
        # An assignment's attempt is kept open until the learner submits it.
        StudySession.objects.filter(learner=learner, finished_at__isnull=True).exclude(
            mode=StudySession.Mode.ASSIGNMENT
        ).update(finished_at=now)
        return StudySession.objects.create(
            learner=learner,
            mode=StudySession.Mode.PRACTICE if practice else StudySession.Mode.STUDY,
            topic=topic,
            size=PRACTICE_SIZE if practice else SESSION_SIZE,
            seed=secrets.randbits(48),
            started_at=now,
        )


@dataclass(frozen=True)
class Workload:
    """What a learner has waiting: the numbers on the study page."""

    due: int
    new_available: int
    new_today: int
    next_due: dt.datetime | None
    ahead: int = 0  # learning steps coming due within LEARN_AHEAD, which a session asks now

    @property
    def can_study(self) -> bool:
        """Whether a study session would have something to ask."""
        return bool(self.due or self.new_available or self.ahead)


def workload(learner: Learner, *, now: dt.datetime) -> Workload:
    """Due cards, new facts still allowed today, and when the next review falls due."""
    day_start, day_end = learner.study_day(now=now)
    # Aliases must not shadow the field names their own filters use.
    cards = Card.objects.filter(learner=learner).aggregate(
        due_count=Count("pk", filter=Q(due__lte=now)),
        ahead_count=Count(
            "pk",
            filter=Q(due__gt=now, due__lte=now + LEARN_AHEAD) & ~Q(state=State.REVIEW),
        ),
        new_count=Count("pk", filter=Q(created_at__gte=day_start, created_at__lt=day_end)),
        soonest=Min("due", filter=Q(due__gt=now)),
        total=Count("pk"),
    )
    unseen = Fact.objects.count() - cards["total"]
    allowance = max(0, learner.new_per_day - cards["new_count"])
    return Workload(
        due=cards["due_count"],
        new_available=min(unseen, allowance),
        new_today=cards["new_count"],
        next_due=cards["soonest"],
        ahead=cards["ahead_count"],
    )


# --- choosing what to ask -------------------------------------------------------------------


@dataclass(frozen=True)
class Pick:
    fact: Fact
    card: Card | None  # None: a fact the learner has never met


def _recent_slugs(session: StudySession) -> set[str]:
    """Every fact shown in the last few questions, the other events of an ordering included:
    their answers were just on screen, so asking about them now would give the answer away."""
    payloads = session.questions.order_by("-position").values_list("payload", flat=True)
    return {slug for payload in payloads[:RECENT_GAP] for slug in payload["facts"]}


def _pick_study(session: StudySession, *, now: dt.datetime) -> Pick | None:
    learner = session.learner
    recent = _recent_slugs(session)
    cards = Card.objects.select_related("fact", "learner").exclude(fact__slug__in=recent)
    if session.topic_id:
        cards = cards.filter(fact__topic_id=session.topic_id)
    due = cards.due(learner, now=now).first()
    if due is not None:
        return Pick(due.fact, due)
    day_start, day_end = learner.study_day(now=now)
    introduced = Card.objects.introduced_between(learner, day_start, day_end).count()
    if introduced < learner.new_per_day:
        fact = _next_new_fact(learner, topic_id=session.topic_id, recent=recent)
        if fact is not None:
            return Pick(fact, None)
    ahead = (
        cards.filter(learner=learner, due__lte=now + LEARN_AHEAD)
        .exclude(state=State.REVIEW)
        .order_by("due", "pk")
        .first()
    )
    return Pick(ahead.fact, ahead) if ahead is not None else None


def _next_new_fact(learner: Learner, *, topic_id: int | None, recent: set[str]) -> Fact | None:
    """The next fact to introduce: the topics take turns, each in its own order.

    One topic after another would open with a run of one kind of fact (the first topics are
    mostly statements), so a first session would be nearly all true/false. A fact just shown
    as another event of an ordering question waits its turn, unless nothing else is left.
    """
    unseen = Fact.objects.exclude(cards__learner=learner)
    if topic_id:
        unseen = unseen.filter(topic_id=topic_id)
    rows = list(unseen.values_list("pk", "slug", "topic_id"))  # a fact base is small
    if not rows:
        return None
    met = Counter(Card.objects.filter(learner=learner).values_list("fact__topic_id", flat=True))
    turn: Counter[int] = Counter()
    order = []
    for index, (pk, slug, topic) in enumerate(rows):  # rows come in the facts' own order
        order.append((slug in recent, met[topic] + turn[topic], index, pk))
        turn[topic] += 1
    return Fact.objects.get(pk=min(order)[-1])


def _pick_practice(session: StudySession) -> Pick | None:
    asked = session.questions.values_list("fact", flat=True)
    facts = list(Fact.objects.filter(topic=session.topic_id).exclude(pk__in=asked).order_by("pk"))
    if not facts:
        return None
    recent = _recent_slugs(session)
    facts = [f for f in facts if f.slug not in recent] or facts
    fact = random.Random(f"{session.seed}:{session.questions.count()}").choice(facts)
    card = Card.objects.filter(learner=session.learner, fact=fact).first()
    return Pick(fact, card)


def _pick_assignment(session: StudySession, position: int) -> Pick | None:
    """The assignment's question at `position`: the same fact for every learner."""
    item = (
        AssignmentItem.objects.filter(assignment=session.assignment, position=position)
        .select_related("fact")
        .first()
    )
    if item is None:
        return None
    card = Card.objects.filter(learner=session.learner, fact=item.fact).first()
    return Pick(item.fact, card)


def _can_ask(kind: QuestionKind, fact: FactData, pool: questions.FactPool) -> bool:
    match kind:
        case QuestionKind.MCQ:
            return not pool.mcq_blocker(fact)
        case QuestionKind.TRUEFALSE:
            return not pool.truefalse_blocker(fact)
        case QuestionKind.ORDERING:
            return pool.orderable(fact)
    return True


def _kind_for(
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


def _rotation(session: StudySession) -> tuple[QuestionKind, ...]:
    """The kinds a session may ask: an assignment's allowed kinds, else every kind."""
    if session.assignment is None:
        return KIND_ROTATION
    allowed = set(cast(list[str], session.assignment.kinds))
    return tuple(k for k in KIND_ROTATION if k.value in allowed) or KIND_ROTATION


def current_question(
    session: StudySession, *, now: dt.datetime, pool: questions.FactPool | None = None
) -> AskedQuestion | None:
    """The question the session is on: the unanswered one, else a new one; None when done."""
    with transaction.atomic():
        # One request at a time per session: two tabs must not both add question N.
        session = (
            StudySession.objects.select_for_update(of=("self",))
            .select_related("learner", "assignment")
            .get(pk=session.pk)
        )
        if session.finished_at is not None:
            return None
        if session.assignment is not None:
            refusal = session.assignment.answer_refusal(session.learner, now=now)
            if refusal:
                raise StudyError(refusal)
        waiting = session.questions.filter(answered_at__isnull=True).order_by("position").first()
        if waiting is not None:
            return waiting
        kinds = list(session.questions.values_list("kind", flat=True))
        position = len(kinds)
        pick = None
        if position < session.size:
            if session.mode == StudySession.Mode.ASSIGNMENT:
                pick = _pick_assignment(session, position)
            elif session.mode == StudySession.Mode.PRACTICE:
                pick = _pick_practice(session)
            else:
                pick = _pick_study(session, now=now)
        if pick is None:
            if session.mode == StudySession.Mode.ASSIGNMENT:
                return None  # every question answered: the attempt waits for its submission
            session.finished_at = now
            session.save(update_fields=["finished_at"])
            return None
        pool = pool or fact_pool()
        data = pool[pick.fact.slug]
        rng = random.Random(f"{session.seed}:{position}")
        kind = _kind_for(position, session.seed, data, pool, Counter(kinds), _rotation(session))
        question = questions.make_question(kind, data, pool, rng)
        card = pick.card
        if card is None and session.moves_schedule:
            card = Card.new(learner=session.learner, fact=pick.fact, now=now)
            card.save()
        return AskedQuestion.objects.create(
            session=session,
            learner=session.learner,
            position=position,
            kind=question.kind,
            fact=pick.fact,
            card=card,
            payload=question.to_json(),
            created_at=now,
        )


# --- answering ------------------------------------------------------------------------------


def stored_question(asked: AskedQuestion) -> Question:
    return Question.from_json(asked.payload)


@dataclass
class Outcome:
    """What an answer did: the grade, and whether this request was the one that recorded it."""

    asked: AskedQuestion
    grade: grading.Grade
    recorded: bool
    ratings: dict[str, Rating] = field(default_factory=dict)


def answer(asked: AskedQuestion, *, response: Any, now: dt.datetime) -> Outcome:
    """Grade the stored question and record the answer once; a replay returns the first result.

    StudyError when the question cannot take an answer (yet): a flashcard not turned over, a
    question whose session has ended.
    """
    question = stored_question(asked)
    grade = grading.grade(question, response)
    if not asked.is_answered:
        if asked.session.finished_at is not None:
            raise StudyError(session_ended_message())
        if asked.kind == QuestionKind.FLASHCARD and asked.revealed_at is None:
            raise StudyError(_("Show the answer before rating yourself."))
        if asked.session.assignment is not None:
            refusal = asked.session.assignment.answer_refusal(asked.learner, now=now)
            if refusal:
                raise StudyError(refusal)
    with transaction.atomic():
        # The session row is locked first, as current_question locks it: the answers of one
        # session, its next question and a new session ending it take turns, and the session
        # cannot end between the check below and the answer's commit.
        session = StudySession.objects.select_for_update().get(pk=asked.session_id)
        asked.session = session
        # Only the first request to set answered_at goes on; a replay, a double click or a
        # second tab finds it set and changes nothing. The claim tests the row's own column
        # only: PostgreSQL re-checks those on the newest version of a row it waited for, but
        # not a sub-select's (a claim that joined the session let both copies through).
        claimed = session.finished_at is None and AskedQuestion.objects.filter(
            pk=asked.pk, answered_at__isnull=True
        ).update(answered_at=now, response=response, correct=grade.correct, score=grade.score)
        if not claimed:
            asked.refresh_from_db(fields=["answered_at", "response", "correct", "score"])
            if not asked.is_answered:  # its session ended first (a newer one was started)
                raise StudyError(session_ended_message())
            return Outcome(asked, grading.grade(question, asked.response), recorded=False)
        asked.answered_at, asked.response = now, response
        asked.correct, asked.score = grade.correct, grade.score
        ratings: dict[str, Rating] = {}
        if asked.session.moves_schedule:
            ratings = _record_reviews(asked, question, grade, now=now)
    return Outcome(asked, grade, recorded=True, ratings=ratings)


def _record_reviews(
    asked: AskedQuestion, question: Question, grade: grading.Grade, *, now: dt.datetime
) -> dict[str, Rating]:
    learner = asked.learner
    duration = asked.duration_ms(now=now)
    # The cards are read afresh inside the answer's transaction (and locked where the database
    # locks rows): a card answered at the same moment in another tab is then moved twice, in
    # turn, instead of one answer overwriting the other.
    cards = {
        c.fact.slug: c
        for c in Card.objects.select_for_update(of=("self",))
        .filter(learner=learner, fact__slug__in=list(grade.fact_results))
        .select_related("fact")
        .order_by("pk")  # every request locks cards in one order: it may wait, never deadlock
    }
    if asked.fact.slug in cards:
        asked.card = cards[asked.fact.slug]  # the feedback shows the card's new due date
    ratings = {}
    for slug, right in grade.fact_results.items():
        card = cards.get(slug)
        if card is None:
            # An ordering question's other events may be facts the learner has not met yet:
            # they are context here, and are introduced (within the daily limit) in their turn.
            continue
        if slug != asked.fact.slug and _reviewed_within(card, SAME_SITTING, now=now):
            # Another event of an ordering question, answered on its own minutes ago: rating
            # it again would count one recollection twice (a second Again cuts its stability
            # again; a second Good skips a learning step).
            continue
        card.learner = learner  # already loaded: spares a query per card
        if question.kind == QuestionKind.FLASHCARD:
            rating = Rating(cast(int, asked.response))
        else:
            rating = scheduling.rating_for_answer(
                correct=bool(right),
                fast=question.kind == QuestionKind.MCQ and duration < FAST_MS,
                state=State(card.state),
                is_new=card.is_new,
            )
        card.record_review(
            rating=rating,
            now=now,
            kind=question.kind,
            correct=None if question.kind == QuestionKind.FLASHCARD else right,
            duration_ms=duration,
            question=asked,
        )
        ratings[slug] = rating
    return ratings


def _reviewed_within(card: Card, span: dt.timedelta, *, now: dt.datetime) -> bool:
    return card.last_review is not None and now - card.last_review < span


def session_ended_message() -> str:
    return _(
        "This session has ended, so its questions can no longer be answered. "
        "Start a new session to go on."
    )


def reveal(asked: AskedQuestion, *, now: dt.datetime) -> AskedQuestion:
    """Turn a flashcard over (once)."""
    if asked.kind != QuestionKind.FLASHCARD:
        raise StudyError(_("Only a flashcard has a back to show."))
    if asked.session.finished_at is not None and not asked.is_answered:
        raise StudyError(session_ended_message())
    AskedQuestion.objects.filter(pk=asked.pk, revealed_at__isnull=True).update(revealed_at=now)
    asked.refresh_from_db(fields=["revealed_at"])
    return asked


# --- the end of a session -------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    answered: int
    right: int
    to_review: list[Fact]
    next_due: dt.datetime | None
    due_tomorrow: int


def summary(session: StudySession, *, now: dt.datetime) -> Summary:
    """How the session went, which facts to look at again, and when reviews come back."""
    answered = list(session.questions.filter(answered_at__isnull=False))
    weak_slugs: set[str] = set()
    for asked in answered:
        if asked.kind == QuestionKind.FLASHCARD:
            if asked.response == Rating.AGAIN:
                weak_slugs.add(asked.payload["facts"][0])
            continue
        grade = grading.grade(stored_question(asked), asked.response)
        weak_slugs.update(slug for slug, right in grade.fact_results.items() if not right)
    weak = list(Fact.objects.filter(slug__in=weak_slugs).select_related("topic"))
    horizon = now + dt.timedelta(days=1)
    upcoming = Card.objects.filter(learner=session.learner, due__gt=now).aggregate(
        soonest=Min("due"), within_a_day=Count("pk", filter=Q(due__lte=horizon))
    )
    return Summary(
        answered=len(answered),
        # A full score: right, every event in place, or a flashcard remembered (not Again).
        right=sum(1 for a in answered if a.score == 1.0),
        to_review=weak,
        next_due=upcoming["soonest"],
        due_tomorrow=upcoming["within_a_day"],
    )


def facts_of(asked_questions: Iterable[AskedQuestion]) -> dict[str, FactData]:
    """The facts the given questions need to be rendered, detached (one query)."""
    slugs = {slug for a in asked_questions for slug in a.payload["facts"]}
    return {f.slug: f.to_data() for f in Fact.objects.with_source().filter(slug__in=slugs)}
