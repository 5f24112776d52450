"""Cards (FSRS memory in columns), reviews, and the questions learners are asked."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from learning.core import scheduling
from learning.core.questions import QuestionKind
from learning.core.scheduling import Rating, State
from learning.models.facts import Fact, Topic
from learning.models.learners import Learner

# Migration 0003 names the validator by its first home, learning.models.study.
from learning.models.learners import validate_time_zone as validate_time_zone

RATING_LABELS = {
    Rating.AGAIN: _("Again"),
    Rating.HARD: _("Hard"),
    Rating.GOOD: _("Good"),
    Rating.EASY: _("Easy"),
}
RATING_CHOICES = [(rating.value, label) for rating, label in RATING_LABELS.items()]
STATE_CHOICES = [
    (State.LEARNING.value, _("learning")),
    (State.REVIEW.value, _("review")),
    (State.RELEARNING.value, _("relearning")),
]
MAX_DURATION_MS = 3_600_000
KIND_LABELS = {
    QuestionKind.MCQ: _("multiple choice"),
    QuestionKind.TRUEFALSE: _("true or false"),
    QuestionKind.ORDERING: _("date ordering"),
    QuestionKind.FLASHCARD: _("flashcard"),
}
QUESTION_KIND_CHOICES = [(kind.value, label) for kind, label in KIND_LABELS.items()]


# The columns a review moves (Card.apply_review): recording one writes only these.
REVIEWED_FIELDS = (
    "due",
    "stability",
    "difficulty",
    "state",
    "step",
    "last_review",
    "reps",
    "lapses",
    "last_rating",
)


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

    # No index of its own for a foreign key that a composite index below begins with: at a
    # million cards and millions of reviews it would be disk and a write per answer, unused.
    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="cards", db_index=False
    )
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="cards")
    due = models.DateTimeField()
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    state = models.PositiveSmallIntegerField(choices=STATE_CHOICES, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    # The rating of the last answer (None before the first): a fact missed at its last answer
    # is not counted as remembered, whatever fsrs predicts just after showing it
    # (scheduling.recall_shown).
    last_rating = models.PositiveSmallIntegerField(null=True, blank=True)
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
    def new(cls, *, learner: Learner, fact: Fact | int, now: dt.datetime) -> Card:
        """An unsaved card for a fact (or a fact's id) the learner has never met."""
        if isinstance(fact, Fact):
            return cls(learner=learner, fact=fact, due=now, created_at=now)
        return cls(learner=learner, fact_id=fact, due=now, created_at=now)

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

    def apply_review(self, rating: Rating, *, now: dt.datetime, desired_retention: float) -> State:
        """Move the card's schedule columns by one rating, unsaved; the state it was in.

        The one place a rating changes a card: recording an answer, and replaying a card's
        reviews (undoing the last one) both go through it."""
        before = State(self.state)
        was_reviewed = not self.is_new
        memory = scheduling.review(
            self.memory(), rating=rating, now=now, desired_retention=desired_retention
        )
        self.due = memory.due
        self.stability = memory.stability
        self.difficulty = memory.difficulty
        self.state = memory.state
        self.step = memory.step
        self.last_review = memory.last_review
        self.reps += 1
        self.last_rating = rating
        if was_reviewed and before == State.REVIEW and rating == Rating.AGAIN:
            self.lapses += 1
        return before

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
        retention = self.learner.desired_retention
        before = self.apply_review(rating, now=now, desired_retention=retention)
        self.save(update_fields=REVIEWED_FIELDS)
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

    card = models.ForeignKey(  # indexed by review_card_time
        Card, on_delete=models.CASCADE, related_name="reviews", db_index=False
    )
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
        ASSIGNMENT = "assignment", _("assignment")

    learner = models.ForeignKey(  # indexed by session_learner_started
        Learner, on_delete=models.CASCADE, related_name="sessions", db_index=False
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.STUDY)
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True)
    # An assignment's session is the learner's attempt at it; finishing it is submitting.
    assignment = models.ForeignKey(
        "learning.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
    )
    # Practice of chosen facts (the dashboard's weakest), each asked once; empty otherwise.
    facts = models.ManyToManyField(Fact, blank=True, related_name="+")
    size = models.PositiveSmallIntegerField(default=20)
    seed = models.BigIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        constraints = [
            # Starting a session ends the open one: a question waiting in an older session
            # must not be answerable, or one card could be asked twice over. An assignment's
            # attempt stays open beside it until submitted (one attempt per assignment).
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(finished_at__isnull=True) & ~Q(mode="assignment"),
                name="one_open_session_per_learner",
            ),
            models.UniqueConstraint(
                fields=["learner", "assignment"],
                condition=Q(assignment__isnull=False),
                name="one_attempt_per_assignment",
            ),
            models.CheckConstraint(
                condition=Q(mode="assignment", assignment__isnull=False)
                | (~Q(mode="assignment") & Q(assignment__isnull=True)),
                name="assignment_session_has_assignment",
            ),
        ]
        indexes = [models.Index(fields=["learner", "started_at"], name="session_learner_started")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def moves_schedule(self) -> bool:
        """Study and assignments move the learner's cards; practice does not."""
        return self.mode != self.Mode.PRACTICE


class AskedQuestion(models.Model):
    """A question exactly as it was shown, stored before the page is sent: grading reads it."""

    session = models.ForeignKey(  # indexed by one_question_per_slot
        StudySession, on_delete=models.CASCADE, related_name="questions", db_index=False
    )
    learner = models.ForeignKey(  # indexed by asked_learner_answered
        Learner, on_delete=models.CASCADE, related_name="questions", db_index=False
    )
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
        indexes = [
            models.Index(fields=["learner", "answered_at"], name="asked_learner_answered"),
            # Covers the results page's read of an assignment's scores and choices: the
            # database answers from the index without reading each row's payload (the
            # generated question, several hundred bytes), only the wrong options' rows.
            models.Index(
                fields=[
                    "session",
                    "position",
                    "fact",
                    "answered_at",
                    "score",
                    "kind",
                    "correct",
                    "response",
                ],
                name="asked_session_results",
            ),
        ]

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
