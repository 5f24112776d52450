"""Study sessions: what to ask next, and what an answer changes. Every write is one call here.

A session serves due cards first (most overdue first), then new facts up to the learner's daily
limit, then learning steps coming due within a few minutes, in a rotation of question kinds.
Each question is stored (answer included) before it is shown, and graded from that copy; an
answer is recorded once, however many times it is sent. Practice asks about one topic, or
about chosen facts, without touching the schedule.

The package, one concern a module: `pool` (the fact base built once per process), `starting`
(a new session), `picking` (what to ask next), `waiting` (what a learner has waiting: the
workload), `asking` (the question a session is on, stored when none is waiting),
`answering` (grading and recording an answer, turning a flashcard over), `undoing` (taking back
a flashcard's rating), `progress` (how far along a session is), `summary` (the end of a
session), `errors`.
Callers import from the package.
"""

from learning.study.answering import FAST_MS, SAME_SITTING, Outcome, answer, reveal, stored_question
from learning.study.asking import Step, current_question, current_step
from learning.study.errors import StudyError, session_ended_message
from learning.study.picking import (
    KIND_ROTATION,
    RECENT_GAP,
    Pick,
    kind_for,
    only_flashcards_ask,
)
from learning.study.pool import (
    fact_pool,
    forget_fact_pool,
    kept_with_pool,
    note_stamp,
    with_stamp,
)
from learning.study.progress import Progress, progress
from learning.study.starting import (
    PRACTICE_SIZE,
    SESSION_SIZE,
    start_fact_practice,
    start_session,
)
from learning.study.summary import Answered, Summary, facts_of, summary
from learning.study.undoing import undo, undo_token, undoable
from learning.study.waiting import LEARN_AHEAD, Workload, workload

__all__ = [
    "FAST_MS",
    "KIND_ROTATION",
    "LEARN_AHEAD",
    "PRACTICE_SIZE",
    "RECENT_GAP",
    "SAME_SITTING",
    "SESSION_SIZE",
    "Answered",
    "Outcome",
    "Pick",
    "Progress",
    "Step",
    "StudyError",
    "Summary",
    "Workload",
    "answer",
    "current_question",
    "current_step",
    "fact_pool",
    "facts_of",
    "forget_fact_pool",
    "kept_with_pool",
    "kind_for",
    "note_stamp",
    "only_flashcards_ask",
    "progress",
    "reveal",
    "session_ended_message",
    "start_fact_practice",
    "start_session",
    "stored_question",
    "summary",
    "undo",
    "undo_token",
    "undoable",
    "with_stamp",
    "workload",
]
