"""Learners, their cards (FSRS memory in columns), reviews, and the questions they are asked."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from learning import scheduling
from learning.models.facts import Fact, Topic
from learning.scheduling import Rating, State

RATING_CHOICES = [
    (Rating.AGAIN.value, _("Again")),
    (Rating.HARD.value, _("Hard")),
    (Rating.GOOD.value, _("Good")),
    (Rating.EASY.value, _("Easy")),
]
STATE_CHOICES = [
    (State.LEARNING.value, _("learning")),
    (State.REVIEW.value, _("review")),
    (State.RELEARNING.value, _("relearning")),
]
MAX_DURATION_MS = 3_600_000
QUESTION_KIND_CHOICES = [
    ("mcq", _("multiple choice")),
    ("truefalse", _("true or false")),
    ("ordering", _("date ordering")),
    ("flashcard", _("flashcard")),
]


# A study day begins at 4 a.m. in the learner's time zone, as Anki's does: a session after
# midnight still belongs to the evening's day.
DAY_STARTS_AT = dt.timedelta(hours=4)


@functools.cache
def time_zone_names() -> frozenset[str]:
    """Every IANA time zone this machine knows (the tz database; read from disk once)."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(name: str) -> None:
    if name not in time_zone_names():
        raise ValidationError(_("Choose a time zone from the list."), code="time_zone")


class Learner(models.Model):
    """A person who studies: their scheduling preferences, and whether they are still a guest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner"
    )
    is_guest = models.BooleanField(default=False)
    desired_retention = models.FloatField(
        _("desired retention"),
        default=scheduling.DEFAULT_RETENTION,
        validators=[
            MinValueValidator(scheduling.MIN_RETENTION),
            MaxValueValidator(scheduling.MAX_RETENTION),
        ],
        help_text=_(
            "The share of reviews you want to get right, from 0.70 to 0.97. Higher means "
            "more frequent reviews."
        ),
    )
    new_per_day = models.PositiveSmallIntegerField(
        _("new facts per day"),
        default=20,
        validators=[MaxValueValidator(200)],
        help_text=_("How many facts you have not seen before a study day may bring, up to 200."),
    )
    language = models.CharField(
        _("interface language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_(
            "Your study day starts at 4 a.m. here: it decides when the new facts of a day "
            "are counted."
        ),
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_retention__gte=scheduling.MIN_RETENTION)
                & Q(desired_retention__lte=scheduling.MAX_RETENTION),
                name="learner_retention_in_range",
            ),
            models.CheckConstraint(
                condition=Q(new_per_day__lte=200), name="learner_new_per_day_at_most_200"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def guest_username() -> str:
        return f"guest-{secrets.token_hex(6)}"

    def study_day(self, *, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """The learner's study day that `now` falls in, as [start, end) in UTC."""
        zone = zoneinfo.ZoneInfo(self.time_zone)
        shifted = now.astimezone(zone) - DAY_STARTS_AT
        # Midnight of that calendar day, then 4 a.m., as wall-clock times: on a day the clocks
        # change the day is 23 or 25 hours long, and it still starts at 4 a.m.
        day = shifted.date()
        start = dt.datetime.combine(day, dt.time(), zone) + DAY_STARTS_AT
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone) + DAY_STARTS_AT
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


class CardQuerySet(models.QuerySet):
    def due(self, learner: Learner, *, now: dt.datetime) -> CardQuerySet:
        """The learner's cards due at `now`: learning steps first, then the most overdue.

        A fact answered wrong a few minutes ago comes back at its step, as in Anki, instead of
        queuing behind a backlog of older reviews that could keep it away all session.
        """
        stepping = Q(last_review__isnull=False) & ~Q(state=State.REVIEW)
        return (
            self.filter(learner=learner, due__lte=now)
            .alias(stepping=Case(When(stepping, then=0), default=1))
            .order_by("stepping", "due", "pk")
        )

    def introduced_between(
        self, learner: Learner, start: dt.datetime, end: dt.datetime
    ) -> CardQuerySet:
        """Cards the learner met for the first time in [start, end): their new facts of the day."""
        return self.filter(learner=learner, created_at__gte=start, created_at__lt=end)


class Card(models.Model):
    """One learner's memory of one fact, whatever the question kind or language."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="cards")
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="cards")
    due = models.DateTimeField()
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    state = models.PositiveSmallIntegerField(choices=STATE_CHOICES, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    objects = CardQuerySet.as_manager()

    class Meta:
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        constraints = [
            models.UniqueConstraint(fields=["learner", "fact"], name="one_card_per_learner_fact"),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in State]), name="card_state_known"
            ),
            # Mirrors scheduling.Memory: a never-reviewed card has no memory values at all.
            models.CheckConstraint(
                condition=Q(
                    stability__isnull=True, difficulty__isnull=True, last_review__isnull=True
                )
                | Q(stability__isnull=False, difficulty__isnull=False, last_review__isnull=False),
                name="card_memory_all_or_nothing",
            ),
            models.CheckConstraint(
                condition=Q(state=State.REVIEW, step__isnull=True)
                | (~Q(state=State.REVIEW) & Q(step__isnull=False)),
                name="card_step_only_while_learning",
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "due"], name="card_learner_due"),
            models.Index(fields=["learner", "created_at"], name="card_learner_created"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.fact}"

    @classmethod
    def new(cls, *, learner: Learner, fact: Fact, now: dt.datetime) -> Card:
        """An unsaved card for a fact the learner has never met."""
        return cls(learner=learner, fact=fact, due=now, created_at=now)

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    def memory(self) -> scheduling.Memory:
        return scheduling.Memory(
            card_id=self.pk or 0,
            due=self.due,
            stability=self.stability,
            difficulty=self.difficulty,
            state=State(self.state),
            step=self.step,
            last_review=self.last_review,
        )

    def retrievability(self, *, now: dt.datetime) -> float:
        return scheduling.retrievability(self.memory(), now=now)

    def record_review(
        self,
        *,
        rating: Rating,
        now: dt.datetime,
        kind: str,
        correct: bool | None,
        duration_ms: int,
        question: AskedQuestion | None = None,
    ) -> Review:
        """Move the schedule by one rated answer and keep the answer as a Review row."""
        before = State(self.state)
        was_reviewed = not self.is_new
        retention = self.learner.desired_retention
        memory = scheduling.review(
            self.memory(),
            rating=rating,
            now=now,
            desired_retention=retention,
        )
        self.due = memory.due
        self.stability = memory.stability
        self.difficulty = memory.difficulty
        self.state = memory.state
        self.step = memory.step
        self.last_review = memory.last_review
        self.reps += 1
        if was_reviewed and before == State.REVIEW and rating == Rating.AGAIN:
            self.lapses += 1
        self.save()
        return Review.objects.create(
            card=self,
            rating=rating,
            reviewed_at=now,
            kind=kind,
            correct=correct,
            duration_ms=duration_ms,
            state_before=before,
            retention=retention,
            question=question,
        )


class Review(models.Model):
    """One rated answer: what moved a card's schedule, and when."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(choices=RATING_CHOICES)
    reviewed_at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=QUESTION_KIND_CHOICES)
    correct = models.BooleanField(null=True, help_text=_("Empty for self-graded flashcards."))
    duration_ms = models.PositiveIntegerField()
    state_before = models.PositiveSmallIntegerField(choices=STATE_CHOICES)
    # With the ratings and times, the retention aimed at lets the history be replayed to the
    # same due dates, after the learner has changed it.
    retention = models.FloatField(default=scheduling.DEFAULT_RETENTION)
    question = models.ForeignKey(
        "AskedQuestion", on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=4), name="review_rating"),
            # An answer rates each of its cards once, however many times it is sent.
            models.UniqueConstraint(
                fields=["question", "card"],
                condition=Q(question__isnull=False),
                name="one_review_per_question_card",
            ),
        ]
        indexes = [models.Index(fields=["card", "reviewed_at"], name="review_card_time")]

    def __str__(self) -> str:
        return f"{self.card} · {self.get_rating_display()}"


class StudySession(models.Model):
    """A run of questions: due cards first, then new facts; or practice that moves nothing."""

    class Mode(models.TextChoices):
        STUDY = "study", _("study")
        PRACTICE = "practice", _("practice")

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="sessions")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.STUDY)
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True)
    size = models.PositiveSmallIntegerField(default=20)
    seed = models.BigIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        constraints = [
            # Starting a session ends the open one: a question waiting in an older session
            # must not be answerable, or one card could be asked twice over.
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(finished_at__isnull=True),
                name="one_open_session_per_learner",
            ),
        ]
        indexes = [models.Index(fields=["learner", "started_at"], name="session_learner_started")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def moves_schedule(self) -> bool:
        return self.mode == self.Mode.STUDY


class AskedQuestion(models.Model):
    """A question exactly as it was shown, stored before the page is sent: grading reads it."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="questions")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=QUESTION_KIND_CHOICES)
    fact = models.ForeignKey(
        Fact, on_delete=models.CASCADE, related_name="+", help_text=_("The fact being studied.")
    )
    card = models.ForeignKey(Card, on_delete=models.SET_NULL, null=True, blank=True)
    payload = models.JSONField(help_text=_("The generated question, answer included."))
    created_at = models.DateTimeField()
    revealed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    response = models.JSONField(null=True, blank=True)
    correct = models.BooleanField(null=True)
    score = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("asked question")
        verbose_name_plural = _("asked questions")
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="one_question_per_slot"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(response__isnull=False),
                name="answered_question_has_response",
            ),
        ]
        indexes = [models.Index(fields=["learner", "answered_at"], name="asked_learner_answered")]

    def __str__(self) -> str:
        return f"{self.session} #{self.position}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def duration_ms(self, *, now: dt.datetime) -> int:
        """Time from showing the question to answering it, at most an hour.

        A question left open overnight says nothing of how long the answer took, and
        Review.duration_ms (an integer column) cannot hold more than about 24 days.
        """
        elapsed = int((now - self.created_at).total_seconds() * 1000)
        return min(max(0, elapsed), MAX_DURATION_MS)
