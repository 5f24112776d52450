"""The event timeline as server-rendered SVG: the dated events on one axis, each marked by a value.

The layout is pure (learning.core.timeline); this tag turns its fractions into viewBox units and
words in the page's language for includes/timeline.html. One component for two pages: the
learner's dashboard passes recall probabilities, the teacher's class view the share of the class
that remembers each event.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from learning.core import timeline as core
from learning.core.values import FactData
from learning.presenters import content_language

register = template.Library()

WIDTH = 720  # viewBox units; the figure scrolls sideways inside its region on a narrow screen
SIDE = 16  # room at each end, so a symbol at the edge is not cut
LANE = 26  # one row of marks: a 24-unit target each, as WCAG 2.2 asks of a pointer target
TOP = 16
BAR = 8  # the height of a span's bar
SYMBOL = 14  # the width of a mark's symbol
AXIS_ROOM = 22  # below the axis, for the years
_ids = itertools.count(1)


def _number(value: float) -> str:
    """A coordinate as SVG reads it, never localized (Arabic would write a decimal comma)."""
    return f"{value:.1f}"


def _legend(unseen_label: str) -> list[dict[str, str]]:
    """The key: each band's symbol and the percentages it stands for."""
    strong, fair = core.STRONG, core.FAIR  # whole percentages
    return [
        {"band": core.Band.STRONG, "text": _("%(low)s%% or more") % {"low": strong}},
        {
            "band": core.Band.FAIR,
            "text": _("%(low)s%% to %(high)s%%") % {"low": fair, "high": strong - 1},
        },
        {"band": core.Band.WEAK, "text": _("under %(high)s%%") % {"high": fair}},
        {"band": core.Band.UNSEEN, "text": unseen_label},
    ]


@register.inclusion_tag("learning/includes/timeline.html")
def timeline(
    facts: Sequence[FactData],
    values: Mapping[str, float | None],
    *,
    title: str,
    desc: str,
    value_heading: str,
    unseen_label: str,
) -> dict[str, Any]:
    """Every dated fact on one axis (right to left in Arabic), marked by its value in 0..1.

    `values` maps a fact's slug to its value; a slug missing or None reads `unseen_label`. Each
    mark links to its row of the table below (label, date, value, link to the fact page).
    """
    lang = content_language()
    chart_id = f"timeline-{next(_ids)}"
    plot = WIDTH - 2 * SIDE
    found = core.layout(facts, values, rtl=get_language_bidi(), marker=(LANE + 2) / plot)
    axis_y = TOP + found.lanes * LANE
    marks = []
    for mark in found.marks:
        fact = mark.fact
        label = (fact.label or fact.stem)[lang]
        date = fact.value_text(lang)
        value = unseen_label if mark.percent is None else f"{mark.percent}%"
        row_id = f"{chart_id}-{fact.slug}"
        cy = TOP + mark.lane * LANE + LANE / 2
        marks.append(
            {
                "mark": mark,
                "label": label,
                "date": date,
                "value": value,
                "row_id": row_id,
                "url": reverse("learning:fact", kwargs={"slug": fact.slug}),
                "title": " — ".join(
                    (label, date, value if mark.value is None else f"{value_heading}: {value}")
                ),
                "x": _number(SIDE + mark.x * plot),
                "width": _number(max(mark.width * plot, 1.0)),
                "cx": _number(SIDE + mark.centre * plot),
                "cy": _number(cy),
                "bar_y": _number(cy - BAR / 2),
            }
        )
    years = [
        {
            "year": str(tick.year),
            "x": _number(SIDE + tick.x * plot),
            "middle": _number(SIDE + tick.middle * plot),
        }
        for tick in found.ticks
    ]
    return {
        "id": chart_id,
        "marks": marks,
        "years": years,
        "axis_end": _number(SIDE + found.end_x * plot),
        "width": WIDTH,
        "height": axis_y + AXIS_ROOM,
        "axis_y": axis_y,
        "label_y": axis_y + AXIS_ROOM - 6,
        "bar_height": BAR,
        "title": title,
        "desc": desc,
        "value_heading": value_heading,
        "unseen_label": unseen_label,
        "legend": _legend(unseen_label),
    }
