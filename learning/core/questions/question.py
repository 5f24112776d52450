"""The question value: what is generated once, stored as JSON, graded and rendered later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from learning.core.values import FactData, Kind, Precision, date_span, format_date


class QuestionKind(StrEnum):
    MCQ = "mcq"
    TRUEFALSE = "truefalse"
    ORDERING = "ordering"
    FLASHCARD = "flashcard"


CHOICES = 4  # options of a multiple-choice question
TRUE, FALSE = 0, 1  # answer indices of a true/false question: options are always [True, False]
ORDERING_SIZES = range(3, 6)


# --- option values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date option: its first day, its last day for a range, and its precision."""

    start: dt.date
    end: dt.date | None
    precision: Precision

    def span(self) -> tuple[dt.date, dt.date]:
        return date_span(self.start, self.end, self.precision)

    def text(self, lang: str) -> str:
        return format_date(self.start, self.end, self.precision, lang)


@dataclass(frozen=True, slots=True)
class EntityValue:
    """An entity option: the slug of the fact it names and the name in both languages."""

    slug: str
    ar: str
    en: str

    def text(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en


# A quantity option is its Decimal number (the fact's unit and qualifier apply when rendered);
# a statement fact's true/false option is True (its statement shown) or False (its false one).
Value = Decimal | DateValue | EntityValue | bool


def fact_value(fact: FactData) -> Value:
    """The fact's own (true) value as an option value."""
    match fact.kind:
        case Kind.QUANTITY:
            assert fact.number is not None
            return canonical(fact.number)
        case Kind.DATE:
            assert fact.date_start is not None and fact.precision is not None
            end = fact.date_end if fact.date_end not in (None, fact.date_start) else None
            return DateValue(fact.date_start, end, Precision(fact.precision))
        case Kind.ENTITY:
            assert fact.answer is not None
            return EntityValue(fact.slug, fact.answer["ar"], fact.answer["en"])
        case Kind.STATEMENT:
            return True
    raise ValueError(f"unknown kind {fact.kind!r}")


def canonical(number: Decimal) -> Decimal:
    """One spelling per number: 25000.0000 -> 25000, 0.2000 -> 0.2."""
    number = number.normalize()
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return number.quantize(Decimal(1)) if exponent > 0 else number


def _value_to_json(value: Value) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"type": "statement", "value": value}
    if isinstance(value, Decimal):
        return {"type": "number", "value": str(value)}
    if isinstance(value, DateValue):
        return {
            "type": "date",
            "start": value.start.isoformat(),
            "end": value.end.isoformat() if value.end else None,
            "precision": value.precision.value,
        }
    return {"type": "entity", "slug": value.slug, "ar": value.ar, "en": value.en}


def option_value(data: Mapping[str, Any]) -> Value:
    """One stored option (an entry of `Question.to_json()["options"]`) as its value."""
    return _value_from_json(data)


def _value_from_json(data: Mapping[str, Any]) -> Value:
    match data.get("type"):
        case "statement":
            return bool(data["value"])
        case "number":
            return Decimal(data["value"])
        case "date":
            end = data["end"]
            return DateValue(
                dt.date.fromisoformat(data["start"]),
                dt.date.fromisoformat(end) if end else None,
                Precision(data["precision"]),
            )
        case "entity":
            return EntityValue(str(data["slug"]), str(data["ar"]), str(data["en"]))
    raise ValueError(f"unknown option value {data!r}")


# --- the question -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    """One generated question, as values: what is stored, graded and rendered.

    - mcq: `facts` = (the asked fact,), `options` = the four values, `answer` = the index of
      the true one.
    - truefalse: `facts` = (the fact,), `options` = (the value put into the statement,),
      `answer` = TRUE (0) or FALSE (1), indexing the rendered options [True, False].
    - ordering: `facts` and `options` (their dates) in the order shown; `answer` = the
      chronological order as indices into them.
    - flashcard: `facts` = (the fact,), `options` = (its true value,), `answer` = 0; for one
      member of a list, `options` = every member's value, its own first (any of them is right).
    """

    kind: QuestionKind
    facts: tuple[str, ...]
    options: tuple[Value, ...]
    answer: int | tuple[int, ...]
    difficulty: float

    def __post_init__(self) -> None:
        """A question is consistent or does not exist: grading relies on it."""
        n = len(self.options)
        match self.kind:
            case QuestionKind.ORDERING:
                ok = (
                    isinstance(self.answer, tuple)
                    and sorted(self.answer) == list(range(n))
                    and len(self.facts) == n
                    and n in ORDERING_SIZES
                )
            case QuestionKind.MCQ:
                ok = isinstance(self.answer, int) and 0 <= self.answer < n and len(self.facts) == 1
            case QuestionKind.TRUEFALSE:
                ok = self.answer in (TRUE, FALSE) and n == 1 and len(self.facts) == 1
            case _:  # a flashcard: its value, then the other members of its list if any
                ok = self.answer == 0 and n >= 1 and len(self.facts) == 1
        indices = self.answer if isinstance(self.answer, tuple) else (self.answer,)
        ok = ok and all(type(i) is int for i in indices)
        ok = ok and all(isinstance(f, str) for f in self.facts) and 0 <= self.difficulty <= 1
        if not ok:
            raise ValueError(f"inconsistent {self.kind} question: {self!r}")

    @property
    def choice_count(self) -> int:
        """How many options the learner picks from (true/false: 2)."""
        return 2 if self.kind == QuestionKind.TRUEFALSE else len(self.options)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "facts": list(self.facts),
            "options": [_value_to_json(v) for v in self.options],
            "answer": list(self.answer) if isinstance(self.answer, tuple) else self.answer,
            "difficulty": self.difficulty,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Question:
        """The question `to_json` gave; ValueError on anything else."""
        try:
            answer = data["answer"]
            return cls(
                kind=QuestionKind(data["kind"]),
                facts=tuple(data["facts"]),
                options=tuple(_value_from_json(v) for v in data["options"]),
                answer=tuple(answer) if isinstance(answer, list) else answer,
                difficulty=float(data["difficulty"]),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a stored question: {error!r}") from error
