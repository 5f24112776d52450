"""An assignment's results for its teacher: the learners table, each learner's answers, the
per-fact analysis, and both tables as CSV. Another teacher's or a guessed id is a 404."""

from __future__ import annotations

import math
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from learning import presenters, results
from learning.core import analysis, csvexport, grading, questions
from learning.models import Assignment, Learner
from learning.templatetags.results import percent
from learning.templatetags.timing import when
from learning.views import HtmxHttpRequest
from learning.views.teach import teacher_only

STATUS_LABELS = {
    analysis.Status.SUBMITTED: gettext_lazy("submitted"),
    analysis.Status.LATE: gettext_lazy("late"),
    analysis.Status.MISSING: gettext_lazy("missing"),
    analysis.Status.PENDING: gettext_lazy("not yet submitted"),
}


def _assignment(teacher: Learner, pk: int) -> Assignment:
    return get_object_or_404(results.own_assignment(teacher, pk))


def _sort(request: HtmxHttpRequest) -> str:
    sort = request.GET.get("sort", "name")
    return sort if sort in results.SORTS else "name"


@require_safe
@teacher_only
def results_view(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    assignment = _assignment(teacher, pk)
    sort = _sort(request)
    found = results.results(
        assignment, lang=presenters.content_language(), now=timezone.now(), sort=sort
    )
    template = "learning/teach/results.html"
    if request.htmx:
        template += "#learners"
    with timezone.override(teacher.zone):
        return render(
            request,
            template,
            {
                "assignment": assignment,
                "results": found,
                "rows": _learner_rows(found),
                "sort": sort,
                "columns": _columns(sort),
                "reliable_from": analysis.RELIABLE_FROM,
                "time_zone": teacher.time_zone,
            },
        )


def _learner_rows(found: results.Results) -> list[dict[str, str]]:
    """The learners table, cell by cell, as the text it shows (in the active zone).

    Written here rather than in the template: at 300 learners, the template's lookups, tags
    and filters per cell cost more than all the queries of the page (`make bench`).
    """
    statuses = {status: str(label) for status, label in STATUS_LABELS.items()}
    # One reverse() for the table: each row's link is the same but for the learner's id.
    head, _zero, tail = reverse(
        "learning:teach_learner_answers", args=[found.assignment.pk, 0]
    ).rpartition("/0/")
    return [
        {
            "name": row.name,
            "url": f"{head}/{row.learner_id}/{tail}",
            "score": percent(row.result.score),
            "submitted": when(row.result.submitted_at) or "–",
            "status": statuses[row.result.status],
            "answered": f"{row.result.answered} / {row.result.total}",
        }
        for row in found.learners
    ]


def _columns(sort: str) -> list[dict[str, Any]]:
    """The sortable headers: each links to its own sort, or the reverse when already on it."""
    names = {
        "name": _("Learner"),
        "score": _("Score"),
        "submitted": _("Submitted"),
        "status": _("Status"),
    }
    columns = []
    for field, label in names.items():
        current = sort.lstrip("-") == field
        descending = sort.startswith("-")
        columns.append(
            {
                "label": label,
                "sort": f"-{field}" if current and not descending else field,
                "aria": ("descending" if descending else "ascending") if current else "none",
            }
        )
    return columns


@require_safe
@teacher_only
def learner_answers(
    request: HtmxHttpRequest, teacher: Learner, pk: int, learner: int
) -> HttpResponse:
    """One learner's answers, as they saw the questions, in the teacher's language."""
    assignment = _assignment(teacher, pk)
    found = results.learner_answers(assignment, learner)
    if found is None:
        raise Http404
    member, asked, facts = found
    lang = presenters.content_language()
    answers = []
    for one in asked:
        question = questions.Question.from_json(one.payload)
        rendered = questions.render(question, facts, lang)
        entry: dict[str, Any] = {"asked": one, "rendered": rendered}
        if one.is_answered:
            entry["feedback"] = presenters.feedback(
                one, question, rendered, grading.grade(question, one.response)
            )
        answers.append(entry)
    # The score as the learners table counts it: item scores over every question, unanswered 0.
    answered = [one for one in asked if one.is_answered]
    total = max(1, assignment.question_count)
    score = math.fsum(min(1.0, max(0.0, one.score or 0.0)) for one in answered) / total
    with timezone.override(teacher.zone):
        return render(
            request,
            "learning/teach/learner_answers.html",
            {
                "assignment": assignment,
                "member": member,
                "answers": answers,
                "score": percent(score),
                "answered": len(answered),
                "total": assignment.question_count,
            },
        )


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _csv(
    assignment: Assignment, table: str, header: list[str], rows: list[list[Any]]
) -> HttpResponse:
    name = slugify(assignment.title, allow_unicode=True) or f"assignment-{assignment.pk}"
    response = HttpResponse(
        csvexport.csv_bytes(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{name}-{table}.csv"
    )
    return response


@require_safe
@teacher_only
def learners_csv(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    assignment = _assignment(teacher, pk)
    learners = results.learners(assignment, now=timezone.now(), sort=_sort(request))
    zone = teacher.zone
    header = [
        _("Learner"),
        _("Score (%)"),
        _("Answered"),
        _("Questions"),
        _("Submitted (%(zone)s)") % {"zone": teacher.time_zone},
        _("Status"),
    ]
    rows = [
        [
            row.name,
            _percent(row.result.score),
            row.result.answered,
            row.result.total,
            (
                row.result.submitted_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                if row.result.submitted_at
                else None
            ),
            str(STATUS_LABELS[row.result.status]),
        ]
        for row in learners
    ]
    return _csv(assignment, _("learners"), header, rows)


@require_safe
@teacher_only
def facts_csv(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    assignment = _assignment(teacher, pk)
    lang = presenters.content_language()
    found = results.facts(assignment, lang=lang, now=timezone.now())
    header = [
        _("Question"),
        _("Fact"),
        _("Submitted (n)"),
        _("Answered"),
        _("Facility (%)"),
        _("Discrimination (item-rest r)"),
        _("Upper − lower difference"),
        _("Most chosen wrong option"),
        _("Chose it"),
        _("Answered with a choice"),
        _("Remembered now (%)"),
        _("Cards counted"),
    ]
    rows = []
    for row in found:
        stats = row.stats
        top = stats.distractors[0] if stats.distractors else None
        rows.append(
            [
                row.position + 1,
                row.sentence,
                stats.n,
                stats.answered,
                _percent(stats.facility),
                _rounded(stats.discrimination),
                _rounded(stats.upper_lower),
                top.label if top else None,
                top.count if top else None,
                stats.chosen,
                _percent(row.recall.mean),
                row.recall.n,
            ]
        )
    return _csv(assignment, _("facts"), header, rows)
