"""The review history in the FSRS optimizer's columns, on rows worked out by hand."""

import datetime as dt
from zoneinfo import ZoneInfo

from learning.core import revlog

T = dt.datetime(2026, 3, 1, 10, 0, 0, 250900, tzinfo=dt.UTC)  # 1772359200250.9 ms


def test_times_in_whole_unix_milliseconds_whatever_the_zone():
    riyadh = T.astimezone(ZoneInfo("Asia/Riyadh"))
    rows = revlog.optimizer_rows([(7, T, 3, 1, 2500), (8, riyadh, 3, 1, 2500)])
    assert [row[1] for row in rows] == [1772359200250, 1772359200250]


def test_a_cards_first_review_is_new_and_later_ones_keep_their_state():
    later = T + dt.timedelta(days=1)
    rows = revlog.optimizer_rows(
        [
            (7, T, 3, 1, 10),  # first of card 7: new
            (7, later, 1, 1, 20),  # a learning step
            (7, later, 3, 3, 30),  # relearning
            (9, T, 4, 2, 40),  # first of card 9, but already in review: kept as it is
        ]
    )
    assert [(card, state) for card, _t, _r, state, _d in rows] == [(7, 0), (7, 1), (7, 3), (9, 2)]
    assert [row[2] for row in rows] == [3, 1, 3, 4]
    assert [row[4] for row in rows] == [10, 20, 30, 40]
