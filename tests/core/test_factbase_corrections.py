"""The fact base's last corrections (issue 11, item 7): each pinned so it stays made."""

import pytest

from learning.core import values
from learning.core.factbase import FIXTURE_DIRECTORY, read_fact_base
from learning.core.values import Kind


@pytest.fixture(scope="module")
def facts() -> dict[str, values.FactData]:
    return {f.slug: f for f in read_fact_base(FIXTURE_DIRECTORY)}


def test_territory_since_2014_is_reported_retaken_not_an_effort_still_going_on(facts):
    """The French page says the coalition *succeeded* in retaking all of it since 2014."""
    fact = facts["coalition-retaking-territory-since-2014"]
    assert "has been taking back" not in fact.statement["en"]
    assert "succeeded in taking back all the territory" in fact.statement["en"]
    assert "يعمل" not in fact.statement["ar"] and "نجح" in fact.statement["ar"]
    assert "جميع الأراضي" in fact.statement["ar"]


def test_the_syria_conference_record_is_a_statement_not_a_quantity(facts):
    """'More than any event in three days' was a false option the document never rules out."""
    fact = facts["uk-syria-conference-one-day"]
    assert fact.kind == Kind.STATEMENT
    assert fact.number is None and fact.unit in (None, "")
    assert "single day" in fact.statement["en"] and "يوم واحد" in fact.statement["ar"]
    assert "less than" in fact.false_statement["en"] and "أقل" in fact.false_statement["ar"]


def test_kobani_is_answered_in_arabic_as_the_document_names_it(facts):
    answer = facts["kobani-retaken-city"].answer
    assert "عين العرب" in answer["ar"] and "كوباني" in answer["ar"]


def test_nato_and_the_eu_carry_their_2019_date_like_the_79_countries(facts):
    fact = facts["coalition-includes-nato-and-eu"]
    for text in (fact.statement, fact.false_statement, fact.stem):
        assert "2019" in text["en"] and "2019" in text["ar"]


def test_the_cell_purpose_explanation_says_no_more_than_the_document(facts):
    explanation = facts["uk-cell-purpose"].explanation
    assert "fighters" not in explanation["en"] and "مقاتلي" not in explanation["ar"]


def test_north_east_syria_is_credited_to_operations_in_syria(facts):
    """The document credits the military support with Iraq, and operations in Syria with the
    north-east: the explanation must not merge the two."""
    explanation = facts["coalition-military-support-begins"].explanation
    assert "operations in Syria completed" in explanation["en"]
    assert "العمليات في سورية" in explanation["ar"]


def test_the_uk_articles_opening_is_a_fact(facts):
    fact = facts["uk-coalition-determined-to-defeat"]
    assert fact.kind == Kind.STATEMENT and fact.paragraph == 1
    assert "degrade and defeat" in fact.statement["en"]
    assert "إضعاف داعش وهزيمته" in fact.statement["ar"]
    assert "rather than defeating" in fact.false_statement["en"]
