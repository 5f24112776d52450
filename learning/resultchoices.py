"""Read-only: the option each learner chose in an assignment's multiple-choice and true/false
questions, read in SQL and labelled in the teacher's language (its results page's distractors).

The query reads, per answer, the option index picked and, for a wrong answer only, that
option's stored value as JSON text: the page does not decode 15,000 stored questions, and the
right answers' (a right option is the fact's own value) are not read at all. Learners get their
own option orders, so a wrong option is known by its value, never by its place.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Case, F, Func, IntegerField, TextField, Value, When

from learning.core import analysis, questions
from learning.core.questions import QuestionKind, fact_value
from learning.core.questions.question import CHOICES, FALSE, TRUE, option_value
from learning.core.questions.rendering import TRUE_FALSE_WORDS, statement_with, value_text
from learning.core.values import FactData, Kind

TF_REJECTED_TRUE: dict[str, str] = {
    "ar": "«خطأ» لعبارة صحيحة",
    "en": "“False” for a true statement",
}


class _StoredOption(Func):
    """The option at `index` of the stored question, as JSON text; NULL without one.

    One JSON parse a row: Django's key transforms on SQLite parse the payload twice (JSON_TYPE,
    then JSON_EXTRACT), and that parse is most of this query's time.
    """

    output_field = TextField()

    def __init__(self, index: int) -> None:
        super().__init__(F("payload"))
        self.index = index

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        payload, params = compiler.compile(self.source_expressions[0])
        # SQLite's -> gives the JSON text of the value at the path (SQLite 3.38+).
        return f"({payload} -> %s)", [*params, f"$.options[{self.index}]"]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        payload, params = compiler.compile(self.source_expressions[0])
        return f"(({payload} -> 'options' -> %s)::text)", [*params, self.index]


# `picked`: the response when it is an option index (else NULL). `option`: the stored option
# at that index when the answer was wrong (NULL when right).
PICKED = Case(
    *(When(response=i, then=Value(i)) for i in range(CHOICES)), output_field=IntegerField()
)
OPTION = Case(
    *(When(response=i, correct=False, then=_StoredOption(i)) for i in range(CHOICES)),
    output_field=TextField(),
)


class Labels:
    """The option a learner chose, as a Choice labelled in the teacher's language: each
    distinct option is decoded and rendered once, however many learners chose it."""

    def __init__(self, facts: dict[str, FactData], lang: str) -> None:
        self.facts, self.lang = facts, lang
        self.seen: dict[tuple[str, str], tuple[str, str]] = {}

    def choice(
        self, slug: str, kind: str, picked: int | None, option: str | None, correct: bool
    ) -> analysis.Choice | None:
        """None for ordering and flashcards, and for a response that is not an option index."""
        if kind not in (QuestionKind.MCQ, QuestionKind.TRUEFALSE) or picked is None:
            return None
        # True/false: a "True" accepted the value put into the statement (wrongly: that is
        # the confusion); a "False" rejected it (wrongly: the statement was true).
        if kind == QuestionKind.TRUEFALSE and picked != TRUE:
            if correct:
                return analysis.Choice("tf:false", TRUE_FALSE_WORDS[self.lang][FALSE], True)
            return analysis.Choice("tf:rejected-true", TF_REJECTED_TRUE[self.lang], False)
        if correct:
            return analysis.Choice(*self._right(slug), True)
        if option is None:
            return None
        return analysis.Choice(*self._option(slug, option), False)

    def _right(self, slug: str) -> tuple[str, str]:
        """The right option: the fact's own value, whatever its place."""
        found = self.seen.get((slug, ""))
        if found is None:
            label = self._label(slug, fact_value(self.facts[slug]))
            found = self.seen[(slug, "")] = ("right", label)
        return found

    def _option(self, slug: str, option: str) -> tuple[str, str]:
        found = self.seen.get((slug, option))
        if found is None:
            stored = json.loads(option)
            # The option's stored fields name its value, whatever place it was shown in (and
            # however the database spells its JSON).
            key = "|".join(f"{k}={v}" for k, v in sorted(stored.items()))
            found = self.seen[(slug, option)] = (key, self._label(slug, option_value(stored)))
        return found

    def _label(self, slug: str, value: questions.Value) -> str:
        fact = self.facts[slug]
        if fact.kind == Kind.STATEMENT:
            return statement_with(fact, value, self.lang)
        return value_text(value, fact, self.lang)
