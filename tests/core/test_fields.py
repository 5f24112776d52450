"""One declaration of a fact: field lists derived from FactData, one builder for both stores."""

import datetime as dt
from decimal import Decimal

from learning.core import fields
from learning.core.values import FactData, Kind, Precision, Qualifier

DOCUMENT = {"ar": "الوثيقة", "en": "The document"}


def stored_quantity(**overrides: object) -> dict[str, object]:
    record: dict[str, object] = {
        "slug": "fighters",
        "kind": "quantity",
        "topic": "military",
        "source": "uk-2016",
        "paragraph": 4,
        "as_of": "2016-09-01",
        "as_of_precision": "month",
        "number": "25000",
        "unit": "personnel",
        "qualifier": "more_than",
        "group": "",
        "precision": "",
        "date_start": None,
        **{
            f"{name}_{lang}": f"{name} {lang}"
            for name in ("statement", "stem", "explanation")
            for lang in ("ar", "en")
        },
    }
    record.update(overrides)
    return record


def test_the_field_lists_follow_fact_data():
    assert fields.FACT_TRANSLATED == (
        "statement",
        "stem",
        "explanation",
        "label",
        "basis",
        "answer",
        "false_statement",
    )
    assert "document" not in fields.FACT_PLAIN + fields.FACT_TRANSLATED
    assert set(fields.FACT_PLAIN) | set(fields.FACT_TRANSLATED) | {"document"} == set(
        FactData.__dataclass_fields__
    )
    assert "statement_ar" in fields.FACT_COLUMNS and "statement" not in fields.FACT_COLUMNS


def test_a_fact_reads_the_same_from_text_and_from_python_values():
    from_text = fields.fact_data(stored_quantity(), document=DOCUMENT)
    from_values = fields.fact_data(
        stored_quantity(as_of=dt.date(2016, 9, 1), number=Decimal("25000.0000"), paragraph=4),
        document=DOCUMENT,
    )
    assert from_text == from_values
    assert from_text.kind is Kind.QUANTITY and from_text.qualifier is Qualifier.MORE_THAN
    assert from_text.as_of_precision is Precision.MONTH and from_text.number == 25000
    assert from_text.statement == {"ar": "statement ar", "en": "statement en"}


def test_empty_fields_take_the_defaults():
    fact = fields.fact_data(stored_quantity(qualifier=""), document=DOCUMENT)
    assert fact.qualifier is Qualifier.EXACT and fact.precision is None
    assert fact.date_start is None and fact.group == ""
    assert fact.label is None and fact.answer is None and fact.false_statement is None


def test_the_cited_document_names_title_publisher_and_date_in_each_language():
    source = {
        "title_ar": "عنوان",
        "title_en": "Title",
        "publisher_ar": "الناشر",
        "publisher_en": "Publisher",
        "published_on": "2016-09-26",
        "published_precision": "day",
    }
    assert fields.cited_document(source) == {
        "ar": "عنوان، الناشر، 26 أيلول/سبتمبر 2016",
        "en": "Title, Publisher, 26 September 2016",
    }
