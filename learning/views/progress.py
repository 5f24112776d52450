"""The learner's progress dashboard: read the figures, render them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from learning import progress
from learning.views.study import _learner


@require_safe
def progress_view(request: HttpRequest) -> HttpResponse:
    """A signed-in learner's (guests included) dashboard; a visitor sees how to start."""
    learner = _learner(request)
    dashboard = None
    if learner is not None:
        dashboard = progress.dashboard(learner, now=timezone.now())
    return render(request, "learning/progress.html", {"dashboard": dashboard})
