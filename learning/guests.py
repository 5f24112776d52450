"""Guests who never studied: found by what we know of them, removed with their user."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import DateTimeField, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from learning.models import AskedQuestion, Card, Learner, Review, StudySession


def _latest(queryset: QuerySet, field: str) -> Subquery:
    rows = queryset.filter(learner=OuterRef("pk"), **{f"{field}__isnull": False})
    return Subquery(rows.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


def idle_guests(*, seen_before: dt.datetime) -> QuerySet[Learner]:
    """Guests with no progress (no answer, no review, no reviewed card) last seen before then.

    Last seen is the latest of: the user's last log-in and joining, the learner's creation,
    their latest session, question shown and answer revealed.
    """
    joined = F("user__date_joined")
    answered = AskedQuestion.objects.filter(learner=OuterRef("pk"), answered_at__isnull=False)
    reviewed = Review.objects.filter(card__learner=OuterRef("pk"))
    card_reviewed = Card.objects.filter(learner=OuterRef("pk"), last_review__isnull=False)
    return (
        Learner.objects.filter(is_guest=True)
        .exclude(Exists(answered))
        .exclude(Exists(reviewed))
        .exclude(Exists(card_reviewed))
        .annotate(
            last_seen=Greatest(
                joined,
                "created_at",
                Coalesce("user__last_login", joined),
                Coalesce(_latest(StudySession.objects.all(), "started_at"), joined),
                Coalesce(_latest(AskedQuestion.objects.all(), "created_at"), joined),
                Coalesce(_latest(AskedQuestion.objects.all(), "revealed_at"), joined),
            )
        )
        .filter(last_seen__lt=seen_before)
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


@transaction.atomic
def end_guest(*, learner: Learner) -> None:
    """Delete a guest and everything they did (their user; learner, cards, sessions, answers
    and class memberships go with it). A full account is refused: ValueError."""
    if not learner.is_guest:
        raise ValueError("only a guest profile can be ended")
    get_user_model().objects.filter(pk=learner.user_id).delete()
