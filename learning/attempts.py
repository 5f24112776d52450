"""A learner's own attempt at an assignment, as their assignment page lists it back to them.

Read-only. Whether the correct answers may be shown is the caller's to decide (the teacher's
setting, Assignment.shows_answers); when they may not, nothing here carries them: no verdict,
no right option, no event's date, no explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from learning import presenters, study
from learning.core import grading, questions
from learning.models import AskedQuestion


@dataclass(frozen=True)
class Reviewed:
    """One question of the attempt, as the learner saw it, with what they answered."""

    number: int
    asked: AskedQuestion
    prompt: str
    options: list[dict[str, Any]]  # mcq and true/false: text and chosen, in the order shown
    yours: dict[str, Any] | None  # presenters.your_answer; None if left unanswered
    feedback: dict[str, Any] | None  # presenters.feedback, only when answers may be shown
    explanation: str
    source: str


def review(asked: list[AskedQuestion], *, lang: str, shows_answers: bool) -> list[Reviewed]:
    """The attempt's questions in the order asked, rendered in `lang`; the correct answers,
    verdicts and explanations only if `shows_answers`."""
    facts = study.facts_of(asked)
    reviewed = []
    for number, one in enumerate(asked, start=1):
        question = study.stored_question(one)
        rendered = questions.render(question, facts, lang)
        yours = presenters.your_answer(one, rendered) if one.is_answered else None
        feedback = None
        if shows_answers and one.is_answered:
            feedback = presenters.feedback(
                one, question, rendered, grading.grade(question, one.response)
            )
        choices = one.kind in (questions.QuestionKind.MCQ, questions.QuestionKind.TRUEFALSE)
        reviewed.append(
            Reviewed(
                number=number,
                asked=one,
                prompt=rendered.prompt,
                options=(
                    [
                        {"text": text, "chosen": one.is_answered and i == one.response}
                        for i, text in enumerate(rendered.options)
                    ]
                    if choices
                    else []
                ),
                yours=yours,
                feedback=feedback,
                explanation=rendered.back.explanation if shows_answers else "",
                source=rendered.back.source if shows_answers else "",
            )
        )
    return reviewed
