"""Context shared by every page."""

from __future__ import annotations

from functools import cache, lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

# The header's links, the same on every page of a language: reversed once per language (and
# script prefix) per process instead of on every page.
NAV_URLS = (
    "home",
    "study",
    "progress",
    "teach",
    "preferences",
    "signup",
    "guest_end",
    "logout",
    "login",
)


@cache
def _nav(language: str, script_prefix: str) -> dict[str, str]:
    return {name: reverse(f"learning:{name}") for name in NAV_URLS}


def _translated(request: HttpRequest, code: str) -> str:
    """This page's address in language `code`, reversed from the URL already resolved for it."""
    match = request.resolver_match
    if match is None or not match.view_name:
        return translate_url(request.get_full_path(), code)
    url = _reversed(
        code,
        match.view_name,
        tuple(match.args),
        tuple(sorted(match.kwargs.items())),
        get_script_prefix(),
        settings.ROOT_URLCONF,
    )
    if url is None:
        return translate_url(request.get_full_path(), code)
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


@lru_cache(maxsize=2048)
def _reversed(
    code: str,
    view_name: str,
    args: tuple[object, ...],
    kwargs: tuple[tuple[str, object], ...],
    script_prefix: str,
    urlconf: str,
) -> str | None:
    """A page's address in language `code` (None if it has none): the same few pages are asked
    for on every request, and reversing one costs more than the rest of the switch."""
    try:
        with override(code):
            return reverse(view_name, args=args, kwargs=dict(kwargs))
    except NoReverseMatch:
        return None


def languages(request: HttpRequest) -> dict[str, object]:
    """Links to this same page in each language, for the switch in the header, and the
    header's links in the current language (`nav.<url name>`)."""
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                # The current language's link is never rendered as a link: no URL to work out.
                "url": "" if code == current else _translated(request, code),
                "current": code == current,
            }
        )
    return {"language_links": links, "nav": _nav(current or "", get_script_prefix())}
