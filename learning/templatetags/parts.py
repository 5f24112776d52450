"""Parts of a page that are the same for every visitor, rendered once and kept in the process.

    {% load parts %}
    {% factbase_part "topic" topic.slug %} … {% endfactbase_part %}
    {% language_part "footer" %} … {% endlanguage_part %}

A factbase_part is drawn from the fact base: it is kept with the process's fact pool
(learning.study.kept_with_pool), so a bump of the fact base stamp (load_facts, the admin) drops
it in every process at its next request. A language_part depends on nothing but the templates,
the translations and the values it names (the header's links for a kind of visitor): it is
kept for the life of the process.

The key of either always holds the active language and the script prefix, so a page never
shows a part rendered for the other language. What is inside must not depend on the learner
(names, due counts, progress) beyond the values the key names: it is shown to every visitor
whose values are the same. A `{% csrf_token %}` inside is the one exception: the part is
rendered with a marker in place of the token, and each response gets its own token. A part
is rendered without the CSP nonce: the scripts it names are the site's own, allowed by 'self'.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from learning import study

register = template.Library()

type Parts = dict[tuple[str, ...], str]

# Per process, as the parts are: never in a fact, never guessed from outside.
CSRF_MARKER = f"csrf-{secrets.token_hex(16)}"
# A bound on the language parts, in case a part's values were ever open-ended.
MOST_LANGUAGE_PARTS = 1000
_language_parts: Parts = {}


def _factbase_parts() -> Parts:
    return study.kept_with_pool("template parts", dict)


def _language_parts_kept() -> Parts:
    if len(_language_parts) >= MOST_LANGUAGE_PARTS:
        _language_parts.clear()
    return _language_parts


class PartNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        name: str,
        vary_on: list[FilterExpression],
        storage: Callable[[], Parts],
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.storage = storage

    def render(self, context: Context) -> SafeString:
        values = (str(value.resolve(context)) for value in self.vary_on)
        key = (self.name, get_language() or "", get_script_prefix(), *values)
        parts = self.storage()
        text = parts.get(key)
        if text is None:
            # A part is shown to many: never one response's CSP nonce (scripts are ours: 'self').
            with context.push(csrf_token=CSRF_MARKER, csp_nonce=None):
                text = parts[key] = self.nodelist.render(context)
        if CSRF_MARKER in text:
            token = context.get("csrf_token")
            if not token or token == "NOTPROVIDED":  # no request, no token: as Django renders it
                return self.nodelist.render(context)
            text = text.replace(CSRF_MARKER, str(token))
        return mark_safe(text)


def _part(parser: Parser, token: Token, storage: Callable[[], Parts]) -> PartNode:
    bits = token.split_contents()
    tag = bits[0]
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(f"{tag} takes a quoted name, then any values")
    nodelist = parser.parse((f"end{tag}",))
    parser.delete_first_token()
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    return PartNode(nodelist, bits[1][1:-1], vary_on, storage)


@register.tag
def factbase_part(parser: Parser, token: Token) -> PartNode:
    """{% factbase_part "name" [value …] %}…{% endfactbase_part %}: kept until the fact base
    changes."""
    return _part(parser, token, _factbase_parts)


@register.tag
def language_part(parser: Parser, token: Token) -> PartNode:
    """{% language_part "name" [value …] %}…{% endlanguage_part %}: kept for the process."""
    return _part(parser, token, _language_parts_kept)
