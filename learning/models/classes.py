"""Classes a teacher runs: their members, and the assignments set to them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learning.core import joincodes
from learning.models.facts import Fact
from learning.models.learners import Learner

if TYPE_CHECKING:
    from learning.models.study import StudySession


class Classroom(models.Model):
    """A teacher's class: learners join it with its code or its link."""

    teacher = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="classes_taught")
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(_("join code"), max_length=joincodes.LENGTH, unique=True)
    created_at = models.DateTimeField()
    members = models.ManyToManyField(
        Learner, through="Membership", related_name="classes_joined", blank=True
    )

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_code(self) -> str:
        return joincodes.display(self.code)


class Membership(models.Model):
    """A learner in a class, since when."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["classroom", "learner"], name="one_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.classroom}"


class AssignmentQuerySet(models.QuerySet):
    def for_learner(self, learner: Learner) -> AssignmentQuerySet:
        """The assignments of every class the learner is in, soonest due first."""
        return (
            self.filter(classroom__memberships__learner=learner)
            .select_related("classroom")
            .order_by("due_at", "pk")
        )


class Assignment(models.Model):
    """A set of questions on chosen facts, the same facts for every learner of the class."""

    class Feedback(models.TextChoices):
        IMMEDIATE = "immediate", _("right after each answer")
        AFTER_SUBMIT = "submitted", _("after submitting")
        AFTER_DUE = "due", _("only after the due date")

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(_("title"), max_length=200)
    kinds = models.JSONField(
        _("question kinds"), help_text=_('The question kinds allowed, e.g. ["mcq"].')
    )
    question_count = models.PositiveSmallIntegerField(_("number of questions"))
    opens_at = models.DateTimeField(_("opens"))
    due_at = models.DateTimeField(_("due"))
    feedback = models.CharField(
        _("correct answers shown"),
        max_length=10,
        choices=Feedback.choices,
        default=Feedback.IMMEDIATE,
    )
    created_at = models.DateTimeField()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__gt=models.F("opens_at")), name="assignment_due_after_open"
            ),
            models.CheckConstraint(
                condition=Q(question_count__gte=1), name="assignment_has_questions"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, *, now: dt.datetime) -> bool:
        return now >= self.opens_at

    def shows_answers(self, *, submitted: bool, now: dt.datetime) -> bool:
        """Whether a learner may see the correct answers now (the teacher's setting)."""
        match self.feedback:
            case self.Feedback.IMMEDIATE:
                return True
            case self.Feedback.AFTER_SUBMIT:
                return submitted
        return submitted and now >= self.due_at

    def answer_refusal(self, learner: Learner, *, now: dt.datetime) -> str:
        """Why `learner` cannot answer this assignment's questions now ("" if they can)."""
        if not Membership.objects.filter(classroom_id=self.classroom_id, learner=learner).exists():
            return str(_("You are not in this assignment's class."))
        if not self.is_open(now=now):
            return str(_("This assignment is not open yet."))
        return ""


class AssignmentItem(models.Model):
    """Question `position` of an assignment asks about `fact`, for every learner alike."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("assignment question")
        verbose_name_plural = _("assignment questions")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "position"], name="one_item_per_slot"),
            models.UniqueConstraint(fields=["assignment", "fact"], name="one_item_per_fact"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} #{self.position}"


class Status(models.TextChoices):
    """Where a learner is with an assignment, as the lists show it."""

    NOT_OPEN = "not_open", _("not open yet")
    TO_DO = "to_do", _("to do")
    LATE = "late", _("late")
    DONE = "done", _("done")
    DONE_LATE = "done_late", _("done late")


def status_of(assignment: Assignment, session: StudySession | None, *, now: dt.datetime) -> Status:
    """A learner's status for an assignment, from their attempt (None: not started)."""
    if session is not None and session.finished_at is not None:
        return Status.DONE_LATE if session.finished_at > assignment.due_at else Status.DONE
    if not assignment.is_open(now=now):
        return Status.NOT_OPEN
    return Status.LATE if now > assignment.due_at else Status.TO_DO
