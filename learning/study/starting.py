"""Starting a session: one open at a time per learner."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from learning.models import Card, Learner, StudySession, Topic
from learning.study.errors import StudyError

SESSION_SIZE = 20
PRACTICE_SIZE = 10


def start_session(
    *, learner: Learner, now: dt.datetime, topic: Topic | None = None, practice: bool = False
) -> StudySession:
    """A new study session (or practice of one topic, which moves no schedule)."""
    if practice and topic is None:
        raise StudyError(_("Practice needs a topic."))
    with transaction.atomic():
        return _open_session(
            learner=learner,
            now=now,
            mode=StudySession.Mode.PRACTICE if practice else StudySession.Mode.STUDY,
            topic=topic,
            size=PRACTICE_SIZE if practice else SESSION_SIZE,
        )


def start_fact_practice(
    *, learner: Learner, fact_ids: Sequence[int], now: dt.datetime
) -> StudySession:
    """Practice of exactly these facts, each asked once, moving no schedule (as practice of a
    topic); only facts the learner has answered before, at most SESSION_SIZE of them."""
    wanted = list(dict.fromkeys(fact_ids))
    if not wanted:
        raise StudyError(_("Choose at least one fact to practise."))
    if len(wanted) > SESSION_SIZE:
        raise StudyError(
            _("Practice takes at most %(size)s facts at a time.") % {"size": SESSION_SIZE}
        )
    seen = Card.objects.filter(learner=learner, fact__in=wanted, last_review__isnull=False)
    if seen.count() != len(wanted):
        raise StudyError(_("Practice can only ask about facts you have already answered."))
    with transaction.atomic():
        session = _open_session(
            learner=learner, now=now, mode=StudySession.Mode.PRACTICE, topic=None, size=len(wanted)
        )
        session.facts.set(wanted)
    return session


def _open_session(
    *, learner: Learner, now: dt.datetime, mode: str, topic: Topic | None, size: int
) -> StudySession:
    """End the learner's open session and open a new one (inside the caller's transaction)."""
    # Starts take turns per learner. Under PostgreSQL's READ COMMITTED, two at once would
    # each end the sessions they saw and open one each; one_open_session_per_learner would
    # refuse the second with an error. Locked, the second waits, then ends the first's.
    # (SQLite's IMMEDIATE transactions already take turns; select_for_update is a no-op.)
    Learner.objects.select_for_update(no_key=True).get(pk=learner.pk)
    # One session at a time: a question left waiting in an older one (another tab, a
    # session walked away from) can no longer be answered, so no card is asked twice over.
    # An assignment's attempt is kept open until the learner submits it.
    StudySession.objects.filter(learner=learner, finished_at__isnull=True).exclude(
        mode=StudySession.Mode.ASSIGNMENT
    ).update(finished_at=now)
    return StudySession.objects.create(
        learner=learner,
        mode=mode,
        topic=topic,
        size=size,
        seed=secrets.randbits(48),
        started_at=now,
    )
