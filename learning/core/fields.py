"""PURE: the fields the fact base stores, declared once, and a fact built from them.

A fact's fields are those of `FactData` (values.py), each plain or translated (stored once per
language: statement_ar, statement_en). The modeltranslation registration, the fixture
validator and both converters — `Fact.to_data` from a row, `factbase.to_fact_data` from a
fixture record — take them from here, so a new field is declared in FactData, added to the
model, and migrated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from learning.core.values import LANGS, FactData, Text, format_date, format_document

FACT_TRANSLATED: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(FactData) if f.metadata.get("translated")
)
FACT_PLAIN: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(FactData) if not f.metadata)
SOURCE_TRANSLATED = ("title", "publisher")
SOURCE_PLAIN = (
    "slug",
    "filename",
    "published_on",
    "published_precision",
    "paragraph_count",
    "non_content_paragraphs",
)
TOPIC_TRANSLATED = ("name", "description")
TOPIC_PLAIN = ("slug", "position")


def columns(plain: tuple[str, ...], translated: tuple[str, ...]) -> tuple[str, ...]:
    """Every stored field's name: the plain ones, then each translated one per language."""
    return (*plain, *(f"{name}_{lang}" for name in translated for lang in LANGS))


FACT_COLUMNS = columns(FACT_PLAIN, FACT_TRANSLATED)
SOURCE_COLUMNS = columns(SOURCE_PLAIN, SOURCE_TRANSLATED)
TOPIC_COLUMNS = columns(TOPIC_PLAIN, TOPIC_TRANSLATED)

_HINTS = typing.get_type_hints(FactData)


def _parse(hint: Any, raw: Any) -> Any:
    """A stored value as FactData holds it: a date from a date or YYYY-MM-DD, a number from a
    Decimal or its text, an enum from its value."""
    kind = next((t for t in typing.get_args(hint) if t is not type(None)), hint)  # X | None: X
    if kind is dt.date:
        return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(raw)
    if kind is Decimal:
        return raw if isinstance(raw, Decimal) else Decimal(str(raw))
    return kind(raw)


def cited_document(source: Mapping[str, Any]) -> Text:
    """A source document as cited in each language (title, publisher, date), from its stored
    fields (`SOURCE_COLUMNS`)."""
    published_on = _parse(dt.date, source["published_on"])
    return {
        lang: format_document(
            title=source[f"title_{lang}"],
            publisher=source[f"publisher_{lang}"],
            published=format_date(published_on, None, source["published_precision"], lang),
            lang=lang,
        )
        for lang in LANGS
    }


def fact_data(stored: Mapping[str, Any], *, document: Text) -> FactData:
    """A fact from its stored fields (`FACT_COLUMNS`, a related row named by its slug) and its
    source's cited document. An empty field takes FactData's default; a translated field
    empty in both languages too (None), unless FactData requires it."""
    found: dict[str, Any] = {"document": document}
    for f in dataclasses.fields(FactData):
        if f.metadata.get("translated"):
            texts = {lang: stored.get(f"{f.name}_{lang}") or "" for lang in LANGS}
            if any(texts.values()) or f.default is dataclasses.MISSING:
                found[f.name] = texts
        elif not f.metadata and stored.get(f.name) not in (None, ""):
            found[f.name] = _parse(_HINTS[f.name], stored[f.name])
    return FactData(**found)
