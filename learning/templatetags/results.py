"""Figures of the results page: shares as percentages, correlations to two decimals."""

from __future__ import annotations

from django import template

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
