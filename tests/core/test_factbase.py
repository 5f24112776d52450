"""The fact base itself (fixtures/): complete, bilingual, and right about the traps of the two
documents. Its checks against the documents' own text are in tests/sources/."""

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest

from learning.core import values
from learning.core.factbase import (
    FIXTURE_DIRECTORY,
    fixture_paths,
    read,
    read_fact_base,
    validate,
)
from learning.core.values import Kind

UK = "uk-fcdo-2016"
FR = "fr-meae-2019"


@pytest.fixture(scope="module")
def facts() -> list[values.FactData]:
    return read_fact_base(FIXTURE_DIRECTORY)


def quantities(facts, source, number):
    return [
        f
        for f in facts
        if f.kind == Kind.QUANTITY and f.source == source and f.number == Decimal(number)
    ]


def test_the_fact_base_passes_validation():
    fixture = read(fixture_paths(FIXTURE_DIRECTORY))
    assert validate(fixture) == []


def test_every_translated_field_is_filled_in_both_languages(facts):
    for fact in facts:
        texts = [fact.statement, fact.stem, fact.explanation]
        if fact.kind == Kind.DATE:
            texts.append(fact.label)
        if fact.kind == Kind.ENTITY:
            texts.append(fact.answer)
        if fact.kind == Kind.STATEMENT:
            texts.append(fact.false_statement)
        for text in texts:
            assert text is not None, fact.slug
            assert text["ar"].strip() and text["en"].strip(), fact.slug
            assert re.search(r"[\u0621-\u064A]", text["ar"]), fact.slug
            assert not re.search(r"[\u0621-\u064A]", text["en"]), fact.slug


def test_every_date_matches_its_precision(facts):
    for fact in facts:
        assert values.date_is_at_precision(fact.as_of, fact.as_of_precision), fact.slug
        if fact.kind == Kind.DATE:
            assert values.date_is_at_precision(fact.date_start, fact.precision), fact.slug
            if fact.date_end:
                assert values.date_is_at_precision(fact.date_end, fact.precision), fact.slug


def test_statements_read_with_their_value_in_both_languages(facts):
    for fact in facts:
        for lang in values.LANGS:
            sentence = fact.sentence(lang)
            assert "{" not in sentence and "}" not in sentence, fact.slug
            if fact.kind != Kind.STATEMENT:
                assert fact.value_text(lang) in sentence, fact.slug


def test_slugs_are_unique(facts):
    assert not [s for s, n in Counter(f.slug for f in facts).items() if n > 1]


def test_coverage_of_numbers_and_dated_events(facts):
    by_source = Counter((f.source, f.kind) for f in facts)
    assert by_source[(UK, Kind.QUANTITY)] >= 12
    assert by_source[(FR, Kind.QUANTITY)] >= 5
    assert by_source[(FR, Kind.DATE)] >= 18
    assert sum(1 for f in facts if f.kind == Kind.DATE and f.label) >= 20
    for topic in ("origins", "coalition", "military", "financing", "ideological-online"):
        assert any(f.topic == topic for f in facts), topic


def test_arabic_decimal_comma_is_seven_point_seven_million(facts):
    [freed] = quantities(facts, FR, "7700000")
    assert freed.unit == "people"
    assert not quantities(facts, FR, "77") and not quantities(facts, FR, "77000000")


@pytest.mark.parametrize("number", ["1000", "25000", "2300000000", "18000", "750000"])
def test_more_than_qualifies_the_uk_figures(facts, number):
    [fact] = quantities(facts, UK, number)
    assert fact.qualifier == values.Qualifier.MORE_THAN


def test_foreign_fighters_fell_by_ninety_percent_with_no_up_to(facts):
    [fact] = quantities(facts, UK, "90")
    assert (fact.unit, fact.qualifier) == ("percent", values.Qualifier.EXACT)


def test_followers_fell_to_one_fifth_not_by(facts):
    [fact] = [f for f in facts if f.kind == Kind.QUANTITY and f.unit == "fraction"]
    assert fact.number == Decimal("0.2")
    assert "fifth" in fact.sentence("en")
    assert "by one fifth" not in fact.sentence("en").lower()


def test_two_percent_is_what_daesh_still_held_in_2018(facts):
    [fact] = [f for f in quantities(facts, FR, "2") if f.unit == "percent"]
    assert fact.as_of.year == 2018
    assert "2018" in fact.statement["en"] and "2018" in fact.statement["ar"]


@pytest.mark.parametrize(
    ("uk_number", "fr_number"),
    [("67", "79"), ("750000", "7700000")],
)
def test_facts_that_would_clash_carry_their_as_of_date_in_the_wording(facts, uk_number, fr_number):
    [uk] = quantities(facts, UK, uk_number)
    [fr] = quantities(facts, FR, fr_number)
    assert "2016" in uk.statement["en"] and "2016" in uk.statement["ar"]
    assert "2019" in fr.statement["en"] and "2019" in fr.statement["ar"]


def test_2006_is_when_daesh_flourished_not_its_founding(facts):
    dated_2006 = [f for f in facts if f.kind == Kind.DATE and f.date_start == dt.date(2006, 1, 1)]
    assert dated_2006
    for fact in dated_2006:
        assert "found" not in fact.sentence("en").lower()
        assert "تأسس" not in fact.sentence("ar")


def test_dated_events_of_the_french_page_are_all_there(facts):
    dates = {(f.date_start, f.precision) for f in facts if f.kind == Kind.DATE and f.source == FR}
    expected = {
        (dt.date(2015, 11, 1), "month"),  # Paris attacks
        (dt.date(2016, 3, 1), "month"),  # Brussels
        (dt.date(2017, 3, 1), "month"),  # London
        (dt.date(2014, 9, 1), "month"),  # coalition formed
        (dt.date(2015, 1, 1), "month"),  # Kobani
        (dt.date(2017, 7, 1), "month"),  # Mosul
        (dt.date(2017, 10, 1), "month"),  # Raqqa
        (dt.date(2017, 12, 1), "month"),  # Iraq liberated
        (dt.date(2019, 3, 1), "month"),  # Baghuz
        (dt.date(2018, 4, 1), "month"),  # No Money for Terror, Paris
        (dt.date(2019, 11, 7), "day"),  # Melbourne
        (dt.date(2019, 3, 28), "day"),  # resolution 2462
        (dt.date(2019, 5, 15), "day"),  # Christchurch Call
    }
    assert expected <= dates


def test_examples_are_not_presented_as_complete_lists(facts):
    attack_facts = [f for f in facts if f.topic == "attacks-abroad"]
    assert attack_facts
    assert not any("only" in f.sentence("en").lower() for f in attack_facts)
