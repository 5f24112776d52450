"""How far along a session is: "Question 4 of 12", for its progress bar.

What "of N" means, by mode:

- an assignment asks each of its questions: N is their number;
- practice asks each fact of its topic once, up to its size: N is the smaller of the two;
  practice of chosen facts (the weakest) asks each of them once: N is their number, its size;
- a study session stops at its size, or earlier when nothing is left to ask. N is the number
  still possible now: the questions before this one, this one, and what the learner has
  waiting (due cards, new facts still allowed today, learning steps coming due within
  LEARN_AHEAD), never more than the session's size. It is what Anki's counts are: a card
  forgotten comes back in the same session, so N grows by one when a card is rated Again; and
  a session can end a question or two short when all that is left was just asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from learning.models import AskedQuestion, Fact, StudySession
from learning.study.waiting import Workload, workload


@dataclass(frozen=True)
class Progress:
    number: int  # this question's place, from 1
    total: int  # "of N", at least `number`
    exact: bool  # False: a study session's N, which can still change

    @property
    def percent(self) -> int:
        return round(100 * self.number / self.total)


def progress(
    asked: AskedQuestion, *, now: dt.datetime, waiting: Workload | None = None
) -> Progress:
    """Where `asked` stands in its session (see the module doc for what the total means);
    `waiting`: the learner's workload now, if already worked out."""
    session = asked.session
    number = asked.position + 1
    if session.mode == StudySession.Mode.ASSIGNMENT:
        return Progress(number, max(number, session.size), exact=True)
    if session.mode == StudySession.Mode.PRACTICE and session.topic_id is None:
        return Progress(number, max(number, session.size), exact=True)
    if session.mode == StudySession.Mode.PRACTICE:
        facts = Fact.objects.filter(topic=session.topic_id).count()
        return Progress(number, max(number, min(session.size, facts)), exact=True)
    if waiting is None:
        waiting = workload(session.learner, now=now)
    left = waiting.due + waiting.new_available + waiting.ahead
    # An unanswered question's card is among those waiting; an answered one's is not (unless
    # it comes back in a learning step, when it will be asked again and counts again).
    before = asked.position if not asked.is_answered else number
    total = max(number, min(session.size, before + left))
    # The session's last question by its size is its last whatever comes due: "of 20", not
    # "of about 20".
    return Progress(number, total, exact=number >= session.size)
