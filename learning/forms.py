"""Forms and request parsing: sign-up (which also turns a guest into an account), study
preferences, and the study card's answers and moves."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from learning import zonenames
from learning.core import grading, joincodes
from learning.core.questions import Question, QuestionKind
from learning.core.scheduling import MAX_RETENTION, MIN_RETENTION
from learning.models import Assignment, Classroom, Fact, Learner
from learning.models.learners import NAME_MAX_LENGTH, time_zone_names
from learning.models.study import QUESTION_KIND_CHOICES
from learning.presenters import Arrangement, content_language
from learning.study import StudyError, only_flashcards_ask


class SignUpForm(UserCreationForm):
    """A username and a password; given a guest's user as instance, it keeps their progress."""

    is_teacher = forms.BooleanField(
        label=_("I teach"),
        required=False,
        help_text=_("Lets you create classes and set assignments to them."),
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username",)


class TimeZoneField(forms.ChoiceField):
    """The zones by region and place, in the interface language (learning.zonenames); any id
    of the tz database is accepted, listed or not (an alias a browser reports, Etc/GMT-3)."""

    default_error_messages = {"invalid_choice": _("Choose a time zone from the list.")}

    def __init__(self, *, keep: str = "", **kwargs: Any) -> None:
        super().__init__(choices=functools.partial(_zone_choices, keep), **kwargs)

    def valid_value(self, value: Any) -> bool:
        return value in time_zone_names()


def _zone_choices(keep: str) -> list[Any]:
    return zonenames.choices(
        language=translation.get_language() or settings.LANGUAGE_CODE,
        now=timezone.now(),
        keep=keep,
    )


class RetentionField(forms.IntegerField):
    """Desired retention entered as a percentage (90), kept as a share (0.90)."""

    def __init__(self, **kwargs: Any) -> None:
        low, high = round(MIN_RETENTION * 100), round(MAX_RETENTION * 100)
        super().__init__(min_value=low, max_value=high, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "step": "1", "inputmode": "numeric"}

    def prepare_value(self, value: Any) -> Any:
        # The stored share (a float) becomes a percentage; what the learner typed stays as is.
        return round(value * 100) if isinstance(value, float) else value


class NameField(forms.CharField):
    """The name a learner's teachers see them by (Learner.display_name)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Your name for your teachers"))
        kwargs.setdefault(
            "help_text",
            _("Your teachers see you by this name in their class lists and results."),
        )
        super().__init__(max_length=NAME_MAX_LENGTH, **kwargs)
        self.widget.attrs.update({"autocomplete": "name", "dir": "auto"})


class PreferencesForm(forms.ModelForm):
    name = NameField(
        required=False,
        help_text=_(
            "Your teachers see you by this name in their class lists and results; "
            "left empty, they see your username."
        ),
    )
    desired_retention = RetentionField(
        label=_("Desired retention (%)"),
        help_text=_(
            "The share of reviews you want to get right, from 70 to 97 %. It trades reviews "
            "for remembering: at 90 % a fact comes back when you would still recall it 9 "
            "times in 10; at 95 % it comes back about two and a half times as soon (more "
            "reviews), at 80 % about three times as late (fewer reviews, more forgotten)."
        ),
    )
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)

    class Meta:
        model = Learner
        fields = ("desired_retention", "new_per_day", "language", "time_zone")
        widgets = {"new_per_day": forms.NumberInput(attrs={"min": "0", "max": "200"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("name", self.instance.user.first_name)
        stored = self.instance.time_zone
        self.fields["time_zone"] = TimeZoneField(
            label=_("Time zone"),
            keep=stored,
            help_text=Learner._meta.get_field("time_zone").help_text,
        )
        # An old alias a browser once reported shows as its place in the list.
        self.initial["time_zone"] = zonenames.listed_id(stored)
        if stored == Learner._meta.get_field("time_zone").default:
            # Never chosen (guests and sign-ups without JavaScript get UTC): the page's script
            # may preselect the browser's zone in its place.
            self.fields["time_zone"].widget.attrs["data-browser-zone"] = "preselect"

    def clean_desired_retention(self) -> float:
        return self.cleaned_data["desired_retention"] / 100


# --- the study card: answers and no-JS moves, from form data --------------------------------


def _invalid_message(kind: QuestionKind) -> str:
    """What to tell a learner whose answer does not fit the question (shown with a 400)."""
    match kind:
        case QuestionKind.ORDERING:
            return str(_("Send every event of the list exactly once, in the order you chose."))
        case QuestionKind.FLASHCARD:
            return str(_("Rate yourself with one of: Again, Hard, Good or Easy."))
    return str(_("Choose one of the answers shown."))


def parse_response(question: Question, data: QueryDict) -> Any:
    """The learner's answer from form data, checked against the question; StudyError if not."""
    try:
        match question.kind:
            case QuestionKind.ORDERING:
                response: Any = [int(v) for v in data.getlist("order")]
            case QuestionKind.FLASHCARD:
                response = _single_int(data, "rating")
            case _:
                response = _single_int(data, "choice")
        # The pure grader is the one judge of what fits the question.
        grading.grade(question, response)
    except (grading.InvalidResponse, ValueError) as error:
        raise StudyError(str(_invalid_message(question.kind))) from error
    return response


def _single_int(data: QueryDict, name: str) -> int:
    values = data.getlist(name)
    if len(values) != 1:
        raise ValueError(f"expected one {name}, got {len(values)}")
    return int(values[0])


def parse_arrangement(data: QueryDict) -> Arrangement:
    """How the learner has arranged an ordering question so far: ?order=0,2,1&moved=2:up.

    Anything unreadable is the order shown; the presenter also ignores an order that is not
    every event once.
    """
    raw = data.get("order", "")
    try:
        order = tuple(int(part) for part in raw.split(",")) if raw else ()
    except ValueError:
        order = ()
    moved, _colon, toward = data.get("moved", "").partition(":")
    return Arrangement(order=order, moved=moved, toward=toward)


@dataclass(frozen=True)
class Move:
    """One press of Earlier or Later without JavaScript."""

    order: list[int]  # the arrangement the press was made on
    index: int  # the event moved
    direction: str  # "up" or "down"

    def result(self) -> list[int]:
        """The arrangement after the move (unchanged at either end of the list)."""
        order = list(self.order)
        at = order.index(self.index)
        to = at - 1 if self.direction == "up" else at + 1
        if 0 <= to < len(order):
            order[at], order[to] = order[to], order[at]
        return order


def parse_move(data: QueryDict, *, size: int) -> Move:
    """The move asked for by an ordering form of `size` events; ValueError if it is not one."""
    order = [int(v) for v in data.getlist("order")]
    index, direction = data.get("move", "").split(":")
    move = Move(order=order, index=int(index), direction=direction)
    if (
        sorted(order) != list(range(size))
        or move.index not in order
        or direction not in {"up", "down"}
    ):
        raise ValueError(f"not a move among {size} events")
    return move


# --- the teacher side: classes, joining, assignments ----------------------------------------


class ClassForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ("name",)
        labels = {"name": _("Name of the class")}
        widgets = {"name": forms.TextInput(attrs={"dir": "auto"})}  # typed in either language
        help_texts = {"name": _("In any language, e.g. “Year 10 history” or “العاشر ب”.")}


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Class code"),
        max_length=32,
        help_text=_("The 8-character code your teacher gave you. Capitals or not, either works."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    name = NameField(required=False)

    def clean_code(self) -> str:
        return joincodes.normalise(self.cleaned_data["code"])


DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


DEFAULT_QUESTION_COUNT = 10


class AssignmentForm(forms.Form):
    """An assignment's settings. Dates are read in the current time zone: the view activates
    the teacher's (Learner.time_zone), and Django stores them in UTC."""

    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    facts = forms.ModelMultipleChoiceField(
        label=_("Facts"),
        queryset=Fact.objects.all(),
        error_messages={"required": _("Choose at least one fact.")},
    )
    kinds = forms.MultipleChoiceField(
        label=_("Question kinds"),
        choices=QUESTION_KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=[QuestionKind.MCQ.value, QuestionKind.TRUEFALSE.value, QuestionKind.ORDERING.value],
        error_messages={"required": _("Allow at least one question kind.")},
    )
    question_count = forms.IntegerField(
        label=_("Number of questions"),
        min_value=1,
        max_value=200,
        initial=DEFAULT_QUESTION_COUNT,
        help_text=_("At most the number of facts chosen; each question asks about another fact."),
    )
    # The number the page put in the field itself (min(10, facts ticked)): a count still equal
    # to it was not typed, so it follows the facts ticked instead of refusing the form.
    suggested_count = forms.IntegerField(
        required=False, widget=forms.HiddenInput, initial=DEFAULT_QUESTION_COUNT
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME_INPUT)
    due_at = forms.DateTimeField(label=_("Due"), widget=DATETIME_INPUT)
    feedback = forms.ChoiceField(
        label=_("Learners see the correct answers"),
        choices=Assignment.Feedback.choices,
        widget=forms.RadioSelect,
        initial=Assignment.Feedback.IMMEDIATE,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        facts, count = data.get("facts"), data.get("question_count")
        if facts and count is not None and count > len(facts):
            if count == data.get("suggested_count"):
                data["question_count"] = min(DEFAULT_QUESTION_COUNT, len(facts))
            else:
                self.add_error(
                    "question_count",
                    _("There are only %(facts)d facts chosen: ask at most that many questions.")
                    % {"facts": len(facts)},
                )
        opens, due = data.get("opens_at"), data.get("due_at")
        if opens and due and due <= opens:
            self.add_error("due_at", _("The due date must come after the opening date."))
        kinds, feedback = data.get("kinds") or [], data.get("feedback")
        if QuestionKind.FLASHCARD.value in kinds and feedback != Assignment.Feedback.IMMEDIATE:
            # A flashcard's back is its answer: it cannot be kept until later.
            self.add_error(
                "kinds",
                _(
                    "A flashcard shows its answer when turned over: allow flashcards only "
                    "when answers are shown right after each answer."
                ),
            )
        if facts and feedback and feedback != Assignment.Feedback.IMMEDIATE:
            # Such a fact is asked as a flashcard whatever kinds are allowed (see
            # study.kind_for), and turning it over would show its answer before the setting.
            flashcard_only = only_flashcards_ask(facts)
            if flashcard_only:
                self.add_error(
                    "facts",
                    _(
                        "These facts can only be asked as flashcards, which show the answer "
                        "when turned over: untick them, or show the correct answers right "
                        "after each answer. %(facts)s"
                    )
                    % {"facts": " · ".join(f.sentence(content_language()) for f in flashcard_only)},
                )
        return data

    @classmethod
    def carried(
        cls, query: QueryDict, *, ticked: int, opens_at: dt.datetime, due_at: dt.datetime
    ) -> AssignmentForm:
        """The form as a GET (picking topics) carried it, unbound so a half-filled form shows
        no errors; the number of questions, unless typed, is min(10, facts ticked)."""
        initial: dict[str, Any] = {"opens_at": opens_at, "due_at": due_at}
        if "title" in query:
            for name in ("title", "opens_at", "due_at", "feedback"):
                if name in query:
                    initial[name] = query[name]
            initial["kinds"] = query.getlist("kinds")
        typed, suggested = query.get("question_count", "").strip(), query.get("suggested_count")
        if typed and typed != suggested:
            initial.update(question_count=typed, suggested_count=suggested)
        elif ticked:
            count = min(DEFAULT_QUESTION_COUNT, ticked)
            initial.update(question_count=count, suggested_count=count)
        return cls(initial=initial)
