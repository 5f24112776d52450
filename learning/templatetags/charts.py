"""Server-rendered SVG charts (no chart library, no JavaScript), mirrored in Arabic.

Each chart is an <svg role="img"> with a <title> and <desc>, followed by a table of the same
figures in a <details> element (the text alternative, reachable by keyboard). The geometry is
pure (learning.core.progress); these tags only arrange it for the templates in includes/.
"""

from __future__ import annotations

import calendar as stdcalendar
import datetime as dt
import itertools
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.translation import get_language_bidi, ngettext

from learning.core import progress, values
from learning.presenters import content_language

register = template.Library()

WIDTH = 320  # viewBox units: small, so the labels stay legible when a phone shrinks it
PLOT = 110  # height of the bars' area
TOP = 18  # room above for the maximum's label
BOTTOM = 22  # room below for the axis labels
CELL = 11
CELL_STEP = 13
MONTH_ROW = 16
_chart_ids = itertools.count(1)


@register.filter
def day_text(day: dt.date) -> str:
    """A study day as '3 December 2026' or '3 كانون الأول/ديسمبر 2026'."""
    return values.format_date(day, None, "day", content_language())


@register.filter
def percent(rate: float | None) -> str:
    return "" if rate is None else f"{round(rate * 100)}"


def _short_month(month: int, lang: str) -> str:
    if lang == "ar":
        return values.month_name(month, "ar").split("/")[-1]  # the international name
    return stdcalendar.month_abbr[month]


@register.inclusion_tag("includes/bar_chart.html")
def bar_chart(
    figures: Sequence[float | None],
    labels: Sequence[str | dt.date],
    *,
    title: str,
    desc: str,
    start_label: str,
    end_label: str,
    label_heading: str,
    value_heading: str,
    maximum: float | None = None,
    suffix: str = "",
    counts: Sequence[int] = (),
) -> dict[str, Any]:
    """A bar per figure, the first where the line starts (left in English, right in Arabic).

    A figure None (a week without answers) has no bar and reads "—"; `counts`, when given, is
    the number of answers behind each figure.
    """
    rtl = get_language_bidi()
    known = [f or 0 for f in figures]
    top = maximum if maximum is not None else max(known, default=0)
    chart_bars = progress.bars(known, width=WIDTH, height=PLOT, rtl=rtl, maximum=top or 1)
    rows = []
    for bar in chart_bars:
        label = labels[bar.index]
        figure = figures[bar.index]
        note = ""
        if counts:
            n = counts[bar.index]
            note = ngettext("%(n)s answer", "%(n)s answers", n) % {"n": n}
        rows.append(
            {
                "bar": bar,
                "y": bar.y + TOP,
                "label": day_text(label) if isinstance(label, dt.date) else label,
                "value": "—" if figure is None else f"{figure:g}{suffix}",
                "note": note,
            }
        )
    return {
        "id": f"chart-{next(_chart_ids)}",
        "rows": rows,
        "title": title,
        "desc": desc,
        "width": WIDTH,
        "height": TOP + PLOT + BOTTOM,
        "baseline": TOP + PLOT,
        "label_y": TOP + PLOT + BOTTOM - 4,
        "start_x": WIDTH if rtl else 0,
        "end_x": 0 if rtl else WIDTH,
        "start_label": start_label,
        "end_label": end_label,
        "top_label": f"{top:g}{suffix}",
        "label_heading": label_heading,
        "value_heading": value_heading,
    }


@register.inclusion_tag("includes/heatmap.html")
def heatmap(
    counts: Counter[dt.date],
    today: dt.date,
    *,
    title: str,
    desc: str,
    label_heading: str,
    value_heading: str,
) -> dict[str, Any]:
    """The last six months of study days, a column a week; the table lists the days studied."""
    lang = content_language()
    rtl = get_language_bidi()
    first_weekday = 5 if lang == "ar" else 0  # the week starts on Saturday in Arabic
    cells = progress.calendar(counts, today=today, first_weekday=first_weekday)
    columns = cells[-1].column + 1
    width = columns * CELL_STEP

    def x_of(column: int) -> int:
        return (columns - 1 - column if rtl else column) * CELL_STEP

    # Numbers as strings: the template would otherwise localize each of some 500 of them.
    shown = [
        {
            "cell": c,
            "x": str(x_of(c.column)),
            "y": str(MONTH_ROW + c.row * CELL_STEP),
            "title": f"{day_text(c.day)}: {c.count}",
        }
        for c in cells
    ]
    months: list[dict[str, Any]] = []
    for cell in cells:
        if cell.day.day == 1 or (cell is cells[0]):
            months.append(
                {
                    "x": x_of(cell.column) + (CELL if rtl else 0),
                    "text": _short_month(cell.day.month, lang),
                    "column": cell.column,
                }
            )
    # A month whose first day falls too near the start leaves no room for the one before; a
    # label needs three columns of room before the end of the line.
    if len(months) > 1 and abs(months[1]["x"] - months[0]["x"]) < 3 * CELL_STEP:
        months.pop(0)
    months = [m for m in months if m["column"] <= columns - 3]
    return {
        "id": f"chart-{next(_chart_ids)}",
        "cells": shown,
        "months": months,
        "studied": [c for c in cells if c.count],
        "title": title,
        "desc": desc,
        "width": width,
        "height": MONTH_ROW + 7 * CELL_STEP,
        "cell_size": str(CELL),
        "label_heading": label_heading,
        "value_heading": value_heading,
    }
