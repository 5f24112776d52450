"""PURE: a learner's review history as the FSRS optimizer reads it (fsrs-optimizer's "Review
Logs Schema": card_id, review_time in Unix milliseconds, review_rating 1-4, review_state
0 New / 1 Learning / 2 Review / 3 Relearning, review_duration in milliseconds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

# The columns of the FSRS optimizer's review logs (fsrs-optimizer, "Review Logs Schema").
REVLOG_HEADER = ("card_id", "review_time", "review_rating", "review_state", "review_duration")
NEW_STATE = 0  # the optimizer's state of a card never reviewed before
LEARNING_STATE = 1  # scheduling.State.LEARNING: how a new card is stored until its first review
_UNIX_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def optimizer_rows(
    reviews: Iterable[tuple[int, dt.datetime, int, int, int]],
) -> list[tuple[int, int, int, int, int]]:
    """Reviews as (card, time, rating, state before, duration in ms), sorted by card then time,
    as the optimizer reads them: time in Unix milliseconds, and the state the card was in
    when it was reviewed, a card's first review being 0 (New) where we store "learning"."""
    rows = []
    previous = None
    for card, moment, rating, state_before, duration in reviews:
        state = NEW_STATE if card != previous and state_before == LEARNING_STATE else state_before
        milliseconds = (moment - _UNIX_EPOCH) // dt.timedelta(milliseconds=1)
        rows.append((card, milliseconds, rating, state, duration))
        previous = card
    return rows
