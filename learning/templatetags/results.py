"""Figures and lists of the teacher's pages: shares as percentages, correlations to two
decimals, lists joined with the comma of the page's language."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

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
    return f"{round(value, 2) + 0.0:.2f}"  # + 0.0: a rounded -0.001 reads 0.00, not -0.00


@register.filter
def listed(items: Iterable[object]) -> str:
    """Items joined with the language's comma: "a, b" in English, "a، b" in Arabic."""
    return CITATION_SEPARATOR[content_language()].join(str(item) for item in items)
