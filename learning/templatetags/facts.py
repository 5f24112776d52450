"""Template helpers that read a fact in the current language."""

from django import template

from learning.models import Fact
from learning.presenters import content_language

register = template.Library()


@register.filter
def sentence(fact: Fact) -> str:
    """The fact's statement with its value in place."""
    return fact.sentence(content_language())


@register.filter
def value_text(fact: Fact) -> str:
    return fact.value_text(content_language())


@register.filter
def as_of_text(fact: Fact) -> str:
    return fact.as_of_text(content_language())


@register.filter
def published_text(source: object) -> str:
    return source.published_text(content_language())  # type: ignore[attr-defined]
