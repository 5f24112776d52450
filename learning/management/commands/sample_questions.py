"""Print generated questions, as an author previews what the generator makes of the facts."""

import json
import random
import string
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from learning.core.questions import (
    FactPool,
    Question,
    QuestionKind,
    Rendered,
    make_ordering,
    make_question,
    render,
)
from learning.core.values import LANGS, FactData, Kind
from learning.models import Fact

# The facts each kind is asked about; multiple choice falls back to true/false where a fact
# lacks three good distractors, and the line then says "truefalse", as a learner would see it.
ASKED = {
    QuestionKind.MCQ: (Kind.QUANTITY, Kind.DATE, Kind.ENTITY),
    QuestionKind.TRUEFALSE: tuple(Kind),
    QuestionKind.FLASHCARD: tuple(Kind),
}
BACK_SEPARATOR = " — "


class Command(BaseCommand):
    help = "Print generated questions, one JSON object a line (or readable text)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", choices=[k.value for k in QuestionKind], default=QuestionKind.MCQ.value
        )
        parser.add_argument("--count", type=int, default=10, help="How many questions.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same questions.")
        parser.add_argument("--lang", choices=LANGS, default="en")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["count"]
        if count < 1:
            raise CommandError("--count must be at least 1.")
        kind = QuestionKind(options["kind"])
        try:
            facts = [f.to_data() for f in Fact.objects.with_source().order_by("slug")]
        except DatabaseError as error:  # no tables yet: a fresh checkout before `migrate`
            raise CommandError(
                "The database is not set up: run `python manage.py migrate` and "
                f"`python manage.py load_facts` first ({error})."
            ) from error
        if not facts:
            raise CommandError("The fact base is empty: run `python manage.py load_facts` first.")
        pool = FactPool(facts)
        rng = random.Random(options["seed"])
        lang = options["lang"]
        for number, question in enumerate(_generate(kind, pool, rng, count), start=1):
            shown = render(question, pool, lang)
            if options["format"] == "json":
                self.stdout.write(json.dumps(_as_json(question, shown), ensure_ascii=False))
            else:
                self.stdout.write(_as_text(number, question, shown), ending="\n\n")


def _generate(
    kind: QuestionKind, pool: FactPool, rng: random.Random, count: int
) -> Iterator[Question]:
    if kind == QuestionKind.ORDERING:
        for _ in range(count):
            question = make_ordering(pool, rng)
            if question is None:
                raise CommandError("Fewer than three events of the fact base can be ordered.")
            yield question
        return
    asked = [f for f in pool.facts if f.kind in ASKED[kind]]
    if not asked:
        raise CommandError(f"No fact can be asked as {kind}.")
    order: list[FactData] = []
    for _ in range(count):
        if not order:  # every fact once, in a random order, then again
            order = list(asked)
            rng.shuffle(order)
        yield make_question(kind, order.pop(), pool, rng)


def _options(question: Question, shown: Rendered) -> list[str]:
    if question.kind == QuestionKind.FLASHCARD:
        back = shown.back
        return [BACK_SEPARATOR.join(t for t in (back.answer, back.explanation, back.source) if t)]
    return shown.options


def _as_json(question: Question, shown: Rendered) -> dict[str, Any]:
    line: dict[str, Any] = {
        "kind": question.kind.value,
        "lang": shown.lang,
        "facts": list(question.facts),
        "prompt": shown.prompt,
        "options": _options(question, shown),
        "answer": shown.answer,
        "difficulty": question.difficulty,
    }
    if question.kind == QuestionKind.ORDERING:
        line["dates"] = shown.notes
    if question.kind == QuestionKind.FLASHCARD:
        back = shown.back
        line["back"] = {
            "answer": back.answer,
            "explanation": back.explanation,
            "source": back.source,
        }
    return line


def _as_text(number: int, question: Question, shown: Rendered) -> str:
    """Markers first on every line, so the text reads the same whatever its direction."""
    lines = [
        f"{number}. [{question.kind}] difficulty {question.difficulty:.2f} · "
        + ", ".join(question.facts),
        f"   {shown.prompt}",
    ]
    letters = string.ascii_lowercase
    if question.kind == QuestionKind.FLASHCARD:
        back = shown.back
        lines += [f" = {back.answer}", f"   {back.explanation}", f"   {back.source}"]
    elif question.kind == QuestionKind.ORDERING:
        lines += [
            f"   {letters[i]}) {option}  [{shown.notes[i]}]"
            for i, option in enumerate(shown.options)
        ]
        assert isinstance(shown.answer, list)
        lines.append(" = " + ", ".join(letters[i] for i in shown.answer))
    else:
        lines += [
            f" {'*' if i == shown.answer else ' '} {letters[i]}) {option}"
            for i, option in enumerate(shown.options)
        ]
    return "\n".join(lines)
