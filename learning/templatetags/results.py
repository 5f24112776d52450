"""Figures and lists of the teacher's pages: shares as percentages, correlations to two
decimals, lists joined with the comma of the page's language; the rows of a results page's
learners table."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from learning.core.values import CITATION_SEPARATOR
from learning.presenters import content_language

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """0.4567 -> "46%"; None -> an en dash (no figure)."""
    return "–" if share is None else f"{round(share * 100)}%"


@register.filter
def figure(value: float | None) -> str:
    """A correlation or difference to two decimals; None -> an en dash."""
    if value is None:
        return "–"
    text = f"{round(value, 2) + 0.0:.2f}"  # + 0.0: a rounded -0.001 reads 0.00, not -0.00
    # In an Arabic (right-to-left) line "-1.00" showed as "1.00-": a negative figure is isolated
    # left to right (U+2066 … U+2069), with the minus sign proper (U+2212).
    return f"\u2066\u2212{text[1:]}\u2069" if text.startswith("-") else text


@register.filter
def listed(items: Iterable[object]) -> str:
    """Items joined with the language's comma: "a, b" in English, "a، b" in Arabic."""
    return CITATION_SEPARATOR[content_language()].join(str(item) for item in items)


@register.simple_tag
def learner_rows(rows: Iterable[dict[str, str]]) -> SafeString:
    """The <tr> of each learner of a results page, from the text of its cells (the view's).

    Written in Python rather than in template tags, as the class grid is: for 300 learners,
    the template's lookups and escaping cell by cell cost more than the page's queries.
    Every text is escaped here.
    """
    return mark_safe(
        "".join(
            f'<tr><td><a href="{escape(row["url"])}"><bdi>{escape(row["name"])}</bdi></a></td>'
            f"<td>{escape(row['score'])}</td><td>{escape(row['submitted'])}</td>"
            f'<td><span class="badge">{escape(row["status"])}</span></td>'
            f"<td>{escape(row['answered'])}</td></tr>"
            for row in rows
        )
    )
