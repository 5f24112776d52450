"""The learner's progress dashboard: read the figures, render them; practise the weakest facts;
download the review history."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from learning import progress, study
from learning.core import csvexport
from learning.core.revlog import REVLOG_HEADER
from learning.views import HtmxHttpRequest
from learning.views.study import _learner, post_only


@require_safe
def progress_view(request: HttpRequest) -> HttpResponse:
    """A signed-in learner's (guests included) dashboard; a visitor sees how to start."""
    learner = _learner(request)
    dashboard = None
    if learner is not None:
        dashboard = progress.dashboard(learner, now=timezone.now())
    return render(request, "learning/progress.html", {"dashboard": dashboard})


@post_only
def practice_facts(request: HtmxHttpRequest) -> HttpResponse:
    """Practice of the facts posted (the dashboard's weakest): each asked once, none moved."""
    learner = _learner(request)
    fact_ids = _fact_ids(request.POST.getlist("fact"))
    if fact_ids is None:
        return _refused(request, _("Those are not facts that can be practised."))
    if learner is None:
        return _refused(request, _("Practice can only ask about facts you have already answered."))
    try:
        session = study.start_fact_practice(learner=learner, fact_ids=fact_ids, now=timezone.now())
    except study.StudyError as error:
        return _refused(request, str(error))
    return redirect("learning:study_session", pk=session.pk)


def _fact_ids(values: list[str]) -> list[int] | None:
    """The posted fact ids as numbers a database column can hold, or None."""
    try:
        ids = [int(value) for value in values]
    except ValueError:
        return None
    return ids if all(0 < i < 2**63 for i in ids) else None


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "learning/refused.html", {"message": message}, status=400)


@require_safe
def reviews_csv(request: HttpRequest) -> HttpResponse:
    """The learner's own review history as CSV, in the FSRS optimizer's columns."""
    learner = _learner(request)
    if learner is None:
        return redirect_to_login(request.get_full_path())
    body = csvexport.csv_bytes(REVLOG_HEADER, progress.review_log(learner))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename="mudhakara-reviews.csv"
    )
    return response
