"""Template helpers that read a fact in the current language."""

from django import template
from django.utils.translation import get_language

from learning.models import Fact

register = template.Library()


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "ar"


@register.filter
def sentence(fact: Fact) -> str:
    """The fact's statement with its value in place."""
    return fact.sentence(_lang())


@register.filter
def value_text(fact: Fact) -> str:
    return fact.value_text(_lang())


@register.filter
def as_of_text(fact: Fact) -> str:
    return fact.as_of_text(_lang())


@register.filter
def published_text(source: object) -> str:
    return source.published_text(_lang())  # type: ignore[attr-defined]
