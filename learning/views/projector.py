"""A class's join code, link and QR code, large enough to read across a room, and printable.

Shown by the teacher on a projector, or printed for the wall: the class page links to it. The
steps are written in the page's language and again in the other one, for a class of both.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_safe

from learning.models import Classroom, Learner
from learning.views import HtmxHttpRequest
from learning.views.teach import join_url, qr_svg, teacher_only


@require_safe
@teacher_only
def class_projector(request: HtmxHttpRequest, teacher: Learner, pk: int) -> HttpResponse:
    classroom = get_object_or_404(Classroom, pk=pk, teacher=teacher)
    link = join_url(request, classroom)
    current = translation.get_language() or settings.LANGUAGE_CODE
    others = [
        {"code": code, "dir": "rtl" if translation.get_language_info(code)["bidi"] else "ltr"}
        for code, _name in settings.LANGUAGES
        if not current.startswith(code)
    ]
    return render(
        request,
        "learning/teach/projector.html",
        {
            "classroom": classroom,
            "join_link": link,
            "qr": qr_svg(link),
            "site": request.get_host(),
            "other_languages": others,
        },
    )
