"""Numbers in Arabic pages use the CLDR's separators for Latin digits (quizsite/formats/)."""

import babel.numbers
from django.template import Context, Template
from django.utils import translation


def render(text: str, **context: object) -> str:
    return Template("{% load l10n %}" + text).render(Context(context))


def test_an_arabic_page_writes_a_decimal_point_as_the_cldr_does() -> None:
    with translation.override("ar"):
        shown = render("{{ known|floatformat:1 }}", known=6.04)
    assert shown == "6.0"
    assert babel.numbers.format_decimal(6.0, format="0.0", locale="ar") == shown


def test_an_arabic_page_groups_thousands_with_a_comma() -> None:
    with translation.override("ar"):
        shown = render("{{ n|floatformat:'1g' }}", n=1234.5)
    assert shown == "1,234.5"
    assert shown == babel.numbers.format_decimal(1234.5, locale="ar")
