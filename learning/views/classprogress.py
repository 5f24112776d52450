"""A teacher's class progress: the learners x topics mastery grid, and one learner's topic.

Teach's door as everywhere in it (learning.views.teach.teacher_only), and only the teacher's own
class and its members: another class's id, a learner not in it or an unknown topic is a 404.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_safe

from learning import classprogress, learnertopic, progress
from learning.models import Learner, Topic
from learning.views import HtmxHttpRequest
from learning.views.teach import _own_class, teacher_only


@require_safe
@teacher_only
def class_progress(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    figures = classprogress.class_progress(
        _own_class(teacher, pk), now=timezone.now(), rtl=get_language_bidi()
    )
    return render(
        request,
        "learning/teach/class_progress.html",
        {
            "progress": figures,
            "classroom": figures.classroom,
            "shares": figures.shares,
            "events": progress.dated_facts(),
        },
    )


@require_safe
@teacher_only
def learner_topic(
    request: HtmxHttpRequest, teacher: Learner, pk: int, learner: int, slug: str
) -> HttpResponse:
    """One member's state on each fact of one topic, for their teacher."""
    classroom = _own_class(teacher, pk)
    topic = get_object_or_404(Topic, slug=slug)
    view = learnertopic.learner_topic(
        classroom, learner_pk=learner, topic=topic, now=timezone.now()
    )
    if view is None:
        raise Http404("not a member of this class")
    with timezone.override(teacher.zone):
        return render(
            request,
            "learning/teach/learner_topic.html",
            {"classroom": classroom, "view": view, "time_zone": teacher.time_zone},
        )
