"""A confirmation step for actions that cannot be undone with one press (a new join code,
removing a learner, leaving a class): the first POST shows what will happen, with a form that
posts again (with CSRF, without JavaScript) to confirm, and a link to cancel; only that
confirmed POST acts."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from learning.views import HtmxHttpRequest

CONFIRM_FIELD = "confirmed"


def isolated(text: str) -> str:
    """`text` as a bidi isolate (FSI ... PDI), so that a name in one script does not reorder
    the sentence around it in the other (the plain-text form of <bdi>)."""
    return f"\u2068{text}\u2069"


def confirmed(request: HtmxHttpRequest) -> bool:
    """True when the POST comes from the confirmation page's button."""
    return request.POST.get(CONFIRM_FIELD) == "yes"


def confirmation_page(
    request: HtmxHttpRequest, *, title: str, consequences: str, confirm: str, cancel_url: str
) -> HttpResponse:
    """The page that asks: `title`, what will happen, a `confirm` button and a way back."""
    return render(
        request,
        "learning/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "confirm": confirm,
            "cancel_url": cancel_url,
            "field": CONFIRM_FIELD,
        },
    )
