"""Views, split by concern: reference pages, accounts, study."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as the views see it: django-htmx's middleware has added `htmx`."""

    htmx: HtmxDetails
