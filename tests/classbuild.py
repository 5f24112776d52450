"""A class with submitted attempts written straight into the database (results tests, browser
tests, the bench): each learner answers the assignment's facts with the options given.

The questions are built by hand, so the options a learner chose are known: `fighters`,
`accounts` and `palmyra` as multiple choice (option 0 right), `origin` as true/false.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from learning.core.questions import Question, QuestionKind
from learning.core.questions.question import TRUE, EntityValue
from learning.core.scheduling import State
from learning.models import AskedQuestion, Assignment, Card, Learner, Membership, StudySession

START = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def question_for(slug: str) -> Question:
    """The question a learner is asked on one of the study facts (option 0 is right)."""
    match slug:
        case "fighters":
            options: tuple[Any, ...] = tuple(Decimal(n) for n in ("90", "45", "60", "75"))
        case "accounts":
            options = tuple(Decimal(n) for n in ("58", "29", "40", "70"))
        case "palmyra":
            options = (
                EntityValue("palmyra", "تدمر", "Palmyra"),
                EntityValue("mosul", "الموصل", "Mosul"),
                EntityValue("hatra", "الحضر", "Hatra"),
                EntityValue("nimrud", "نمرود", "Nimrud"),
            )
        case "origin":
            return Question(QuestionKind.TRUEFALSE, (slug,), (True,), TRUE, 0.5)
        case _:
            # Any other quantity fact: its own number first, three others after.
            raise ValueError(f"no hand-built question for {slug}")
    return Question(QuestionKind.MCQ, (slug,), options, 0, 0.5)


def learners(count: int, *, prefix: str = "learner") -> list[Learner]:
    """`count` full-account learners, created in two queries."""
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"{prefix}-{n:03}") for n in range(count)]
    )
    return Learner.objects.bulk_create([Learner(user=user, created_at=START) for user in users])


def submit_class(
    assignment: Assignment,
    responses: Sequence[Mapping[str, int | None]],
    *,
    prefix: str = "learner",
    submitted: Sequence[bool] | None = None,
    questions: Mapping[str, Question] | None = None,
) -> list[Learner]:
    """One learner per entry of `responses` (slug -> option chosen; None or absent: not
    answered) joins the class and answers; `submitted[i]` False leaves attempt i open.

    Every learner also gets a reviewed card for each fact answered, as an assignment answer
    would leave it: a right answer a stable card, a wrong one a card relearning.
    """
    made = learners(len(responses), prefix=prefix)
    items = {item.fact.slug: item.fact for item in assignment.items.select_related("fact")}
    given = questions or {}
    asked = {slug: given.get(slug) or question_for(slug) for slug in items}
    Membership.objects.bulk_create(
        [
            Membership(classroom=assignment.classroom, learner=learner, joined_at=START)
            for learner in made
        ]
    )
    sessions = StudySession.objects.bulk_create(
        [
            StudySession(
                learner=learner,
                mode=StudySession.Mode.ASSIGNMENT,
                assignment=assignment,
                size=assignment.question_count,
                seed=n,
                started_at=START,
                finished_at=(
                    START + dt.timedelta(minutes=n) if submitted is None or submitted[n] else None
                ),
            )
            for n, learner in enumerate(made)
        ]
    )
    rows, cards = [], []
    for learner, session, chosen in zip(made, sessions, responses, strict=True):
        for position, (slug, fact) in enumerate(items.items()):
            question = asked[slug]
            response = chosen.get(slug)
            right = response == question.answer
            rows.append(
                AskedQuestion(
                    session=session,
                    learner=learner,
                    position=position,
                    kind=question.kind,
                    fact=fact,
                    payload=question.to_json(),
                    created_at=START,
                    answered_at=START if response is not None else None,
                    response=response,
                    correct=right if response is not None else None,
                    score=(1.0 if right else 0.0) if response is not None else None,
                )
            )
            if response is not None:
                cards.append(
                    Card(
                        learner=learner,
                        fact=fact,
                        due=START + dt.timedelta(days=3 if right else 0),
                        stability=8.0 if right else 0.5,
                        difficulty=5.0,
                        state=State.REVIEW if right else State.RELEARNING,
                        step=None if right else 0,
                        last_review=START,
                        reps=1,
                        created_at=START,
                    )
                )
    AskedQuestion.objects.bulk_create(rows)
    Card.objects.bulk_create(cards)
    return made
