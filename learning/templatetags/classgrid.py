"""The rows of a class's mastery grid, written in Python rather than in template tags.

A class of 300 learners has 3,000 cells: Django's template engine took seconds to render them
(a {% url %} and a dozen lookups a cell), this a few milliseconds. Every text from the
database is escaped here; the words are translated once per page.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from learning.classprogress import Cell, ClassProgress, LearnerRow

register = template.Library()

_LEARNER = 987654321  # placeholders, replaced in the one reversed URL
_TOPIC = "topic-placeholder"


@register.simple_tag
def grid_rows(progress: ClassProgress) -> SafeString:
    """The <tr> of each learner: a cell per topic linking to their view of it, then their
    overdue reviews and assignments behind."""
    url = reverse("learning:teach_learner_topic", args=[progress.classroom.pk, _LEARNER, _TOPIC])
    # Each topic's link escaped once per page; each row only puts its learner in.
    links = [str(escape(url.replace(_TOPIC, topic.slug))) for topic in progress.topics]
    words = _Words()
    # Cells of the same counts are one object (learning.classprogress): each is drawn once.
    drawn: dict[int, str] = {}
    return mark_safe("".join(_row(row, links, words, drawn) for row in progress.rows))


class _Words:
    """The grid's words in the active language."""

    def __init__(self) -> None:
        self.mastered = escape(_("mastered"))
        self.learning = escape(_("%(n)s learning"))
        self.late = escape(_("%(n)s late"))
        self.to_do = escape(_("%(n)s to do"))
        self.none = escape(_("none"))
        self.guest = escape(_("guest"))


def _row(row: LearnerRow, links: list[str], words: _Words, drawn: dict[int, str]) -> str:
    learner = row.learner
    badge = f' <span class="badge">{words.guest}</span>' if learner.is_guest else ""
    placeholder, pk = str(_LEARNER), str(learner.pk)
    cells = "".join(
        f'<td><a class="mastery-cell" href="{link.replace(placeholder, pk)}">'
        f"{drawn.get(id(cell)) or drawn.setdefault(id(cell), _cell(cell, words))}</a></td>"
        for cell, link in zip(row.cells, links, strict=True)
    )
    overdue = f"<strong>{row.overdue}</strong>" if row.overdue else "0"
    return (
        f'<tr><th scope="row"><bdi>{escape(row.name)}</bdi>{badge}</th>'
        f"<td>{overdue}</td><td>{_behind(row, words)}</td>{cells}</tr>"
    )


def _cell(cell: Cell, words: _Words) -> str:
    """What one cell's link holds."""
    counts, bar = cell.counts, cell.bar
    parts = '<rect class="track" x="0" y="0" width="100" height="8"/>'
    if bar.mastered_width:
        parts += (
            f'<rect class="mastered" x="{bar.mastered_x}" y="0" '
            f'width="{bar.mastered_width}" height="8"/>'
        )
    if bar.learning_width:
        parts += (
            f'<rect class="learning" x="{bar.learning_x}" y="0" '
            f'width="{bar.learning_width}" height="8"/>'
        )
    return (
        f'<span class="cell-figure">{counts.mastered}/{counts.facts}</span>'
        f'<span class="visually-hidden"> {words.mastered},</span> '
        '<svg class="mastery-bar" viewBox="0 0 100 8" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{parts}</svg> '
        f'<span class="cell-learning">{words.learning % {"n": counts.learning}}</span>'
    )


def _behind(row: LearnerRow, words: _Words) -> str:
    late, to_do = row.behind.late, row.behind.to_do
    if not late and not to_do:
        return words.none
    parts = []
    if late:
        parts.append(f"<strong>{words.late % {'n': late}}</strong>")
    if to_do:
        parts.append(words.to_do % {"n": to_do})
    return " · ".join(parts)
