"""View-models of a page: what the study card shows while asking, turned over, answered, ended.

Plain data for the templates, built from what the views have parsed and the domain has
decided; nothing here reads the request or writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.utils.translation import get_language

from learning import study
from learning.core import grading, questions, scheduling
from learning.core.questions import QuestionKind
from learning.core.scheduling import Rating
from learning.models import AskedQuestion, Card
from learning.models.study import RATING_LABELS


def content_language() -> str:
    """The language of the fact base to show: the active interface language, Arabic or English."""
    return "en" if (get_language() or "").startswith("en") else "ar"


@dataclass(frozen=True)
class Arrangement:
    """An ordering question as the learner has arranged it without JavaScript (from the URL)."""

    order: tuple[int, ...] = ()  # the events' indices top to bottom; () for the order shown
    moved: str = ""  # the index of the event just moved, as written in the URL
    toward: str = ""  # "up" or "down": the button that moved it


def study_card(
    asked: AskedQuestion,
    *,
    lang: str,
    now: dt.datetime,
    arrangement: Arrangement = Arrangement(),
    outcome: study.Outcome | None = None,
    error: str = "",
) -> dict[str, Any]:
    """The template context of the study card for `asked`, in whatever state it is in."""
    question = study.stored_question(asked)
    facts = study.facts_of([asked])
    rendered = questions.render(question, facts, lang)
    context: dict[str, Any] = {
        "asked": asked,
        "session": asked.session,
        "rendered": rendered,
        "error": error,
    }
    if asked.is_answered and answers_withheld(asked, now=now):
        context["recorded"] = True
        context["yours"] = your_answer(asked, rendered)
    elif asked.is_answered:
        grade = outcome.grade if outcome else grading.grade(question, asked.response)
        context["feedback"] = feedback(asked, question, rendered, grade)
        scheduled = asked.card if asked.session.moves_schedule else None
        if asked.kind == QuestionKind.ORDERING:
            context["next_reviews"] = next_reviews(asked, rendered) if scheduled else []
        else:
            context["next_due"] = scheduled.due if scheduled else None
    elif asked.session.finished_at is not None:
        context["ended"] = True
    elif asked.kind == QuestionKind.ORDERING:
        context["events"] = ordering_events(rendered, arrangement)
        context["total"] = len(rendered.options)
    elif asked.kind == QuestionKind.FLASHCARD and asked.revealed_at is not None:
        context["rating_buttons"] = rating_buttons(asked, now=now)
    return context


def next_reviews(asked: AskedQuestion, rendered: questions.Rendered) -> list[dict[str, Any]]:
    """An ordering question reviews the fact of each of its events: when each comes back,
    earliest event first. An event whose fact the learner has not met yet has no card and no
    review to show (it was context only)."""
    slugs = asked.payload["facts"]
    due = dict(
        Card.objects.filter(learner_id=asked.learner_id, fact__slug__in=slugs).values_list(
            "fact__slug", "due"
        )
    )
    return [
        {"label": rendered.options[i], "due": due[slugs[i]]}
        for i in cast(list[int], rendered.answer)
        if slugs[i] in due
    ]


def answers_withheld(asked: AskedQuestion, *, now: dt.datetime) -> bool:
    """Whether an answered assignment question must not show the correct answer yet: the
    teacher chose to show answers after submitting or after the due date."""
    session = asked.session
    if session.assignment is None:
        return False
    submitted = session.finished_at is not None
    return not session.assignment.shows_answers(submitted=submitted, now=now)


def your_answer(asked: AskedQuestion, rendered: questions.Rendered) -> dict[str, Any]:
    """What the learner answered, and nothing of the correct answer: the option they chose, the
    order they put the events in (without their dates), or the rating they gave."""
    if asked.kind == QuestionKind.ORDERING:
        return {"order": [rendered.options[i] for i in cast(list[int], asked.response)]}
    if asked.kind == QuestionKind.FLASHCARD:
        return {"rating_label": str(RATING_LABELS[Rating(cast(int, asked.response))])}
    return {"choice": rendered.options[cast(int, asked.response)]}


def ordering_events(rendered: questions.Rendered, arrangement: Arrangement) -> list[dict[str, Any]]:
    """The events in the learner's arrangement (the order shown if it is not a whole one)."""
    size = len(rendered.options)
    order = list(arrangement.order)
    if sorted(order) != list(range(size)):
        order = list(range(size))
    last = len(order) - 1
    return [
        {
            "index": index,
            "label": rendered.options[index],
            "position": position + 1,
            "focus": (
                _focus_after_move(arrangement.toward, position, last)
                if arrangement.moved == str(index)
                else ""
            ),
        }
        for position, index in enumerate(order)
    ]


def _focus_after_move(toward: str, position: int, last: int) -> str:
    """The button to focus on the event just moved: the one pressed, unless the event has
    reached that end of the list, where only the other one can still move it."""
    if toward == "down":
        return "down" if position < last else "up"
    return "up" if position > 0 else "down"


def rating_buttons(asked: AskedQuestion, *, now: dt.datetime) -> list[dict[str, Any]]:
    """Again / Hard / Good / Easy, each with when the card would come back (as Anki shows)."""
    previews: dict[Rating, dt.datetime] = {}
    if asked.card is not None and asked.session.moves_schedule:
        previews = scheduling.preview(
            asked.card.memory(), now=now, desired_retention=asked.learner.desired_retention
        )
    return [
        {"value": int(rating), "label": str(RATING_LABELS[rating]), "due": previews.get(rating)}
        for rating in Rating
    ]


def feedback(
    asked: AskedQuestion,
    question: questions.Question,
    rendered: questions.Rendered,
    grade: grading.Grade,
) -> dict[str, Any]:
    """What an answered question shows: the verdict, and the answer against the learner's."""
    result: dict[str, Any] = {"correct": grade.correct, "score": grade.score}
    if asked.kind == QuestionKind.ORDERING:
        chosen = list(cast(list[int], asked.response))
        correct_order = list(cast(list[int], rendered.answer))
        slugs = question.facts
        result["placed"] = [
            {
                "label": rendered.options[i],
                "date": rendered.notes[i],
                "right": grade.fact_results.get(slugs[i], False),
                "belongs": correct_order.index(i) + 1,  # its place in time, 1 = earliest
            }
            for i in chosen
        ]
        result["correct_order"] = [
            {"label": rendered.options[i], "date": rendered.notes[i]} for i in correct_order
        ]
        result["total"] = len(chosen)
        # The events with every other event on their correct side, as the score counts them.
        result["right_count"] = round(grade.score * len(chosen))
    elif asked.kind == QuestionKind.FLASHCARD:
        rating = Rating(cast(int, asked.response))
        result["rating"] = rating
        result["rating_label"] = str(RATING_LABELS[rating])
    else:
        result["options"] = [
            {"text": text, "chosen": i == asked.response, "right": i == rendered.answer}
            for i, text in enumerate(rendered.options)
        ]
    return result
