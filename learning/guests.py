"""Guests who never studied, and guests whom no browser can sign in any more: found by what
we know of them, removed with their user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import DateTimeField, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from learning.models import AskedQuestion, Card, Learner, Membership, Review, StudySession

# Session engines that keep every session in the database table that is read here.
DATABASE_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}
DELETE_CHUNK = 500


def _latest(queryset: QuerySet, field: str) -> Subquery:
    rows = queryset.filter(learner=OuterRef("pk"), **{f"{field}__isnull": False})
    return Subquery(rows.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


def idle_guests(*, seen_before: dt.datetime) -> QuerySet[Learner]:
    """Guests with no progress (no answer, no review, no reviewed card) last seen before then.

    Last seen is the latest of: the user's last log-in and joining, the learner's creation,
    their latest session, question shown and answer revealed.
    """
    answered = AskedQuestion.objects.filter(learner=OuterRef("pk"), answered_at__isnull=False)
    reviewed = Review.objects.filter(card__learner=OuterRef("pk"))
    card_reviewed = Card.objects.filter(learner=OuterRef("pk"), last_review__isnull=False)
    return (
        Learner.objects.filter(is_guest=True)
        .exclude(Exists(answered))
        .exclude(Exists(reviewed))
        .exclude(Exists(card_reviewed))
        .annotate(last_seen=_last_seen_without_progress())
        .filter(last_seen__lt=seen_before)
    )


def _last_seen_without_progress() -> Greatest:
    joined = F("user__date_joined")
    return Greatest(
        joined,
        "created_at",
        Coalesce("user__last_login", joined),
        Coalesce(_latest(StudySession.objects.all(), "started_at"), joined),
        Coalesce(_latest(AskedQuestion.objects.all(), "created_at"), joined),
        Coalesce(_latest(AskedQuestion.objects.all(), "revealed_at"), joined),
    )


@transaction.atomic
def remove_idle_guests(*, seen_before: dt.datetime) -> int:
    """Delete the idle guests' users (their learner, sessions and cards go with them)."""
    users = get_user_model().objects.filter(
        pk__in=idle_guests(seen_before=seen_before).values("user_id")
    )
    ids = list(users.values_list("pk", flat=True))
    get_user_model().objects.filter(pk__in=ids).delete()
    return len(ids)


def signed_in_user_ids(*, now: dt.datetime) -> set[int]:
    """The users an unexpired session signs in. ValueError when sessions are not kept in the
    database (signed cookies, a cache alone): then nobody can tell which guests are lost."""
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        raise ValueError(f"sessions are not kept in the database ({settings.SESSION_ENGINE})")
    store = SessionStore()
    rows = Session.objects.filter(expire_date__gt=now).values_list("session_data", flat=True)
    ids = (store.decode(data).get(SESSION_KEY) for data in rows)
    return {int(user_id) for user_id in ids if user_id is not None}


def abandoned_guests(*, seen_before: dt.datetime, now: dt.datetime) -> list[int]:
    """The users of guests, with progress or without, last seen before then, whom no
    unexpired session signs in, and who are in no class (their teacher still reads their
    results). A guest has no password: once their browser's session has gone, nobody can
    see or continue their progress again."""
    answered = AskedQuestion.objects.all()
    reviews = Review.objects.filter(card__learner=OuterRef("pk")).order_by("-reviewed_at")
    candidates = (
        Learner.objects.filter(is_guest=True)
        .exclude(Exists(Membership.objects.filter(learner=OuterRef("pk"))))
        .annotate(
            last_seen=Greatest(
                _last_seen_without_progress(),
                Coalesce(_latest(answered, "answered_at"), F("user__date_joined")),
                Coalesce(
                    Subquery(reviews.values("reviewed_at")[:1], output_field=DateTimeField()),
                    F("user__date_joined"),
                ),
            )
        )
        .filter(last_seen__lt=seen_before)
        .values_list("user_id", flat=True)
    )
    # Compared here rather than in SQL: the signed-in users may be more than a query's
    # parameters allow (SQLite: 32,766).
    signed_in = signed_in_user_ids(now=now)
    return [user_id for user_id in candidates if user_id not in signed_in]


def remove_users(user_ids: Iterable[int]) -> int:
    """Delete these users, their learner and everything it owns, a transaction a chunk."""
    ids = list(user_ids)
    for start in range(0, len(ids), DELETE_CHUNK):
        with transaction.atomic():
            get_user_model().objects.filter(pk__in=ids[start : start + DELETE_CHUNK]).delete()
    return len(ids)


@transaction.atomic
def end_guest(*, learner: Learner) -> None:
    """Delete a guest and everything they did (their user; learner, cards, sessions, answers
    and class memberships go with it). A full account is refused: ValueError."""
    if not learner.is_guest:
        raise ValueError("only a guest profile can be ended")
    get_user_model().objects.filter(pk=learner.user_id).delete()
