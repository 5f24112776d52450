"""Rows of a school's worth of study history, written in bulk: users, learners, cards with FSRS
memory, reviews, finished sessions and the asked questions of each learner's latest session.

Raw SQL, never the ORM row by row: `executemany` on SQLite, COPY (psycopg's `cursor.copy`) on
PostgreSQL, a chunk of learners at a time so memory stays flat. Every row keeps the models'
constraints (NOT NULL columns, the card's memory all-or-nothing, a step only while learning,
one review per question and card, one open session per learner: none is left open); the ids
are given explicitly and the sequences moved past them afterwards, so the app's own inserts
follow on. The generator is deterministic: the same sizes give the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DAY = 86_400
SESSION_SIZE = 20
CHUNK = 250  # learners a batch

TABLES: dict[str, tuple[str, ...]] = {
    "auth_user": (
        "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name",
        "email", "is_staff", "is_active", "date_joined",
    ),
    "learning_learner": (
        "id", "user_id", "is_guest", "is_teacher", "desired_retention", "new_per_day",
        "language", "time_zone", "created_at",
    ),
    "learning_card": (
        "id", "learner_id", "fact_id", "due", "stability", "difficulty", "state", "step",
        "last_review", "reps", "lapses", "created_at",
    ),
    "learning_studysession": (
        "id", "learner_id", "mode", "topic_id", "assignment_id", "size", "seed", "started_at",
        "finished_at",
    ),
    "learning_askedquestion": (
        "id", "session_id", "learner_id", "position", "kind", "fact_id", "card_id", "payload",
        "created_at", "revealed_at", "answered_at", "response", "correct", "score",
    ),
    "learning_review": (
        "id", "card_id", "rating", "reviewed_at", "kind", "correct", "duration_ms",
        "state_before", "retention", "question_id",
    ),
}  # fmt: skip

LEARNING, REVIEW, RELEARNING = 1, 2, 3
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
KINDS = ["mcq", "truefalse", "ordering", "flashcard"]


@dataclass(frozen=True)
class Sizes:
    learners: int
    facts: int = 100
    reviews_per_card: int = 5  # on average: 1 to 9 a card

    @property
    def cards(self) -> int:
        return self.learners * self.facts


@dataclass
class Generated:
    """What was written, and the seconds spent making the rows and writing each table."""

    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    make_s: float = 0.0
    write_s: dict[str, float] = field(default_factory=lambda: defaultdict(float))


@dataclass(frozen=True)
class Template:
    """A stored question about one fact as the app would have asked it: kind, payload and the
    response of a right answer."""

    kind: str
    payload: str
    right: str  # the response of a right answer, as JSON
    wrong: str  # and of a wrong one


class Stamps:
    """Epoch seconds to the text each database reads as a UTC moment (SQLite: Django's naive
    UTC text; PostgreSQL: the same with +00), from tables of days, minutes and seconds made
    once: millions of rows would otherwise spend most of their time in strftime."""

    def __init__(self, *, suffix: str) -> None:
        self.days: dict[int, str] = {}
        self.minutes = [f"{m // 60:02d}:{m % 60:02d}:" for m in range(1440)]
        self.seconds = [f"{n:02d}{suffix}" for n in range(60)]

    def __call__(self, moment: int) -> str:
        day, rest = divmod(moment, DAY)
        prefix = self.days.get(day)
        if prefix is None:
            text = dt.datetime.fromtimestamp(day * DAY, dt.UTC).strftime("%Y-%m-%d ")
            prefix = self.days[day] = text
        minute, second = divmod(rest, 60)
        return prefix + self.minutes[minute] + self.seconds[second]


Writer = Callable[[str, Sequence[str], list[tuple[Any, ...]]], None]


@dataclass(frozen=True)
class _Draws:
    """Random draws made once and read from a random offset: a review then costs a few list
    reads instead of several calls into `random`."""

    ratings: list[int]
    durations: list[int]
    kinds: list[str]

    @classmethod
    def make(cls, rng: random.Random, n: int = 8192) -> _Draws:
        ratings = rng.choices([AGAIN, HARD, GOOD, EASY], weights=[10, 10, 70, 10], k=n)
        durations = [int(rng.lognormvariate(8.8, 0.6)) for _ in range(n)]
        return cls(ratings, [min(d, 3_600_000) for d in durations], rng.choices(KINDS, k=n))


def generate(
    sizes: Sizes,
    *,
    fact_ids: Sequence[int],
    templates: Mapping[int, Sequence[Template]],
    now: dt.datetime,
    write: Writer,
    stamps: Stamps,
    first_ids: dict[str, int],
    seed: int = 15,
) -> Generated:
    """Write `sizes` of history through `write(table, columns, rows)`, a chunk at a time."""
    if len(fact_ids) < sizes.facts:
        raise ValueError(f"{sizes.facts} facts a learner, but the fact base has {len(fact_ids)}")
    done = Generated()
    ids = dict(first_ids)
    now_s = int(now.timestamp())
    draws = _Draws.make(random.Random(seed))
    for start in range(0, sizes.learners, CHUNK):
        began = time.perf_counter()
        batch: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
        for index in range(start, min(start + CHUNK, sizes.learners)):
            rng = random.Random(f"{seed}:{index}")
            _learner_rows(index, rng, sizes, fact_ids, templates, now_s, stamps, ids, batch, draws)
        done.make_s += time.perf_counter() - began
        for table, rows in batch.items():
            began = time.perf_counter()
            write(table, TABLES[table], rows)
            done.write_s[table] += time.perf_counter() - began
            done.rows[table] += len(rows)
    return done


def _take(ids: dict[str, int], table: str) -> int:
    ids[table] += 1
    return ids[table]


def _learner_rows(
    index: int,
    rng: random.Random,
    sizes: Sizes,
    fact_ids: Sequence[int],
    templates: Mapping[int, Sequence[Template]],
    now_s: int,
    stamp: Stamps,
    ids: dict[str, int],
    batch: dict[str, list[tuple[Any, ...]]],
    draws: _Draws,
) -> None:
    draw = rng.random
    joined = now_s - int((120 + 280 * draw()) * DAY)
    user_id = ids["auth_user"] = ids["auth_user"] + 1
    batch["auth_user"].append(
        (user_id, "!", None, 0, f"scale-{index:06d}", "", "", "", 0, 1, stamp(joined))
    )
    learner_id = ids["learning_learner"] = ids["learning_learner"] + 1
    batch["learning_learner"].append((learner_id, user_id, 0, 0, 0.9, 20, "", "UTC", stamp(joined)))
    # Each card: its history of review times and ratings, then its memory now.
    cards = []
    card_id = ids["learning_card"]
    most = 2 * sizes.reviews_per_card - 1
    for fact_id in rng.sample(fact_ids, sizes.facts):
        card_id += 1
        created = joined + int((now_s - 2 * DAY - joined) * draw())
        count = 1 + int(most * draw())
        stability = min(365.0, rng.lognormvariate(2.3, 1.0))
        # The last review fell within about one interval of now: some are overdue, most not.
        last = max(created + count * 600, now_s - int(1.3 * draw() * stability * DAY))
        last = min(last, now_s - 60)
        step_s = (last - created) // count
        times = [created + step_s * k + int(step_s * draw()) for k in range(count - 1)]
        times.append(last)
        offset = int(draw() * 8000)
        ratings = draws.ratings[offset : offset + count]
        roll = draw()
        if roll < 0.85:
            state, step, due = REVIEW, None, last + max(1, round(stability)) * DAY
            ratings[-1] = GOOD if ratings[-1] == AGAIN else ratings[-1]
        elif roll < 0.95:
            state, step, due = LEARNING, 1, last + 600
            stability = 0.2 + 2.8 * draw()
        else:
            state, step, due = RELEARNING, 0, last + 600
            stability = 0.1 + 1.9 * draw()
            ratings[-1] = AGAIN
        lapses = ratings.count(AGAIN) - (ratings[0] == AGAIN)
        batch["learning_card"].append(
            (
                card_id,
                learner_id,
                fact_id,
                stamp(due),
                round(stability, 4),
                round(1 + 9 * draw(), 4),
                state,
                step,
                stamp(last),
                count,
                lapses,
                stamp(created),
            )
        )
        cards.append((card_id, fact_id, times, ratings, offset))
    ids["learning_card"] = card_id
    asked, _session_id = _sessions(learner_id, joined, cards, rng, templates, stamp, ids, batch)
    review_id = ids["learning_review"]
    rows = batch["learning_review"]
    kinds, durations = draws.kinds, draws.durations
    for card_id, _fact_id, times, ratings, offset in cards:
        before = LEARNING
        last = len(times) - 1
        for n, moment in enumerate(times):
            rating = ratings[n]
            review_id += 1
            question_id, kind = asked.get(card_id, (None, "")) if n == last else (None, "")
            kind = kind or kinds[offset + n]
            correct = None if kind == "flashcard" else int(rating != AGAIN)
            rows.append(
                (
                    review_id,
                    card_id,
                    rating,
                    stamp(moment),
                    kind,
                    correct,
                    durations[offset + n],
                    before,
                    0.9,
                    question_id,
                )
            )
            if rating != AGAIN:
                before = REVIEW
            elif before != LEARNING:
                before = RELEARNING
    ids["learning_review"] = review_id


def _sessions(
    learner_id: int,
    joined: int,
    cards: list[tuple[int, int, list[int], list[int], int]],
    rng: random.Random,
    templates: Mapping[int, Sequence[Template]],
    stamp: Stamps,
    ids: dict[str, int],
    batch: dict[str, list[tuple[Any, ...]]],
) -> tuple[dict[int, tuple[int, str]], int]:
    """Finished sessions of 20 answers; the latest one's questions are the latest reviews of
    its cards. Older sessions' questions are gone (their reviews keep question_id NULL, as a
    clean-up of old questions would leave them): 5,000,000 stored payloads would be gigabytes."""
    latest = sorted(cards, key=lambda c: c[2][-1])[-SESSION_SIZE:]
    total = sum(len(c[2]) for c in cards)
    sessions = max(1, -(-total // SESSION_SIZE))
    latest_start = latest[0][2][-1] - 60
    for n in range(sessions - 1):
        started = joined + (latest_start - joined) * n // sessions
        session_id = _take(ids, "learning_studysession")
        batch["learning_studysession"].append(
            (
                session_id,
                learner_id,
                "study",
                None,
                None,
                SESSION_SIZE,
                rng.getrandbits(48),
                stamp(started),
                stamp(started + 900),
            )
        )
    session_id = _take(ids, "learning_studysession")
    batch["learning_studysession"].append(
        (
            session_id,
            learner_id,
            "study",
            None,
            None,
            SESSION_SIZE,
            rng.getrandbits(48),
            stamp(latest_start),
            stamp(latest[-1][2][-1] + 5),
        )
    )
    asked: dict[int, tuple[int, str]] = {}
    for position, (card_id, fact_id, times, ratings, _offset) in enumerate(latest):
        template = rng.choice(templates[fact_id])
        question_id = _take(ids, "learning_askedquestion")
        right = ratings[-1] != AGAIN
        shown = stamp(times[-1] - rng.randint(3, 40))
        flashcard = template.kind == "flashcard"
        response = str(ratings[-1]) if flashcard else template.right if right else template.wrong
        batch["learning_askedquestion"].append(
            (
                question_id,
                session_id,
                learner_id,
                position,
                template.kind,
                fact_id,
                card_id,
                template.payload,
                shown,
                shown if flashcard else None,
                stamp(times[-1]),
                response,
                None if flashcard else int(right),
                1.0 if right else 0.0,
            )
        )
        asked[card_id] = (question_id, template.kind)
    return asked, session_id
