"""load_facts refuses a broken fact base with the slug and field named, loading nothing."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from learning.models import Fact, Source, Topic

SOURCE = {
    "model": "learning.source",
    "fields": {
        "slug": "uk-fcdo-2016",
        "filename": "000_95171a9f53726ad5.txt",
        "title_ar": "مكافحة دعاية داعش: بعد عام",
        "title_en": "Counter Daesh Communications: one year on",
        "publisher_ar": "وزارة الخارجية البريطانية",
        "publisher_en": "UK Foreign Office",
        "published_on": "2016-09-26",
        "published_precision": "day",
        "paragraph_count": 8,
        "non_content_paragraphs": [6],
    },
}
TOPIC = {
    "model": "learning.topic",
    "fields": {
        "slug": "military",
        "name_ar": "الصعيد العسكري",
        "name_en": "Military",
        "description_ar": "الضربات الجوية والتدريب.",
        "description_en": "Airstrikes and training.",
        "position": 1,
    },
}
QUANTITY = {
    "model": "learning.fact",
    "fields": {
        "slug": "uk-airstrikes",
        "topic": ["military"],
        "source": ["uk-fcdo-2016"],
        "paragraph": 2,
        "kind": "quantity",
        "number": "1000",
        "unit": "airstrikes",
        "qualifier": "more_than",
        "as_of": "2016-09-26",
        "as_of_precision": "day",
        "statement_ar": "عدد الضربات الجوية التي نفذتها المملكة المتحدة: {value}",
        "statement_en": "Airstrikes carried out by the UK: {value}",
        "stem_ar": "كم ضربة جوية نفذت المملكة المتحدة؟",
        "stem_en": "How many airstrikes had the UK carried out?",
        "explanation_ar": "الضربات جزء من الجهد العسكري.",
        "explanation_en": "The strikes were part of the military effort.",
    },
}
DATE = {
    "model": "learning.fact",
    "fields": {
        "slug": "cell-launched",
        "topic": ["military"],
        "source": ["uk-fcdo-2016"],
        "paragraph": 3,
        "kind": "date",
        "date_start": "2015-09-01",
        "precision": "month",
        "as_of": "2016-09-26",
        "as_of_precision": "day",
        "statement_ar": "أُطلقت الخلية في {value}.",
        "statement_en": "The cell was launched in {value}.",
        "stem_ar": "متى أُطلقت الخلية؟",
        "stem_en": "When was the cell launched?",
        "explanation_ar": "قبل عام من المقال.",
        "explanation_en": "A year before the article.",
        "label_ar": "إطلاق الخلية",
        "label_en": "Cell launched",
    },
}


def write(tmp_path: Path, facts: list[dict[str, Any]]) -> list[Path]:
    (tmp_path / "sources.json").write_text(json.dumps([SOURCE]), encoding="utf-8")
    (tmp_path / "topics.json").write_text(json.dumps([TOPIC]), encoding="utf-8")
    (tmp_path / "facts.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    return [tmp_path / name for name in ("sources.json", "topics.json", "facts.json")]


def changed(record: dict[str, Any], **fields: Any) -> dict[str, Any]:
    record = copy.deepcopy(record)
    for name, value in fields.items():
        if value is None:
            record["fields"].pop(name, None)
        else:
            record["fields"][name] = value
    return record


def refused(paths: list[Path]) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("load_facts", *paths)
    assert Fact.objects.count() == Source.objects.count() == Topic.objects.count() == 0
    return str(caught.value)


@pytest.mark.django_db
def test_a_valid_file_loads(tmp_path):
    call_command("load_facts", *write(tmp_path, [QUANTITY, DATE]))
    fact = Fact.objects.get(slug="uk-airstrikes")
    assert fact.statement_en == "Airstrikes carried out by the UK: {value}"
    assert fact.sentence("en") == "Airstrikes carried out by the UK: more than 1,000"
    assert fact.topic.slug == "military"


@pytest.mark.django_db
def test_loading_twice_leaves_the_same_rows(tmp_path):
    paths = write(tmp_path, [QUANTITY, DATE])
    call_command("load_facts", *paths)
    first = list(Fact.objects.order_by("pk").values())
    call_command("load_facts", *paths)
    assert list(Fact.objects.order_by("pk").values()) == first
    assert Source.objects.count() == Topic.objects.count() == 1


@pytest.mark.django_db
def test_a_second_load_updates_an_edited_fact_in_place(tmp_path):
    call_command("load_facts", *write(tmp_path, [QUANTITY]))
    pk = Fact.objects.get().pk
    call_command("load_facts", *write(tmp_path, [changed(QUANTITY, explanation_en="Edited.")]))
    fact = Fact.objects.get()
    assert (fact.pk, fact.explanation_en) == (pk, "Edited.")


@pytest.mark.django_db
def test_missing_translation_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(QUANTITY, stem_en="")]))
    assert "fact 'uk-airstrikes', field 'stem_en'" in message


@pytest.mark.django_db
def test_quantity_without_unit_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(QUANTITY, unit=None)]))
    assert "fact 'uk-airstrikes', field 'unit'" in message


@pytest.mark.django_db
def test_month_precision_date_given_as_a_year_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(DATE, date_start="2015")]))
    assert "fact 'cell-launched', field 'date_start'" in message


@pytest.mark.django_db
def test_year_precision_with_a_month_in_the_date_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(DATE, precision="year")]))
    assert "fact 'cell-launched', field 'date_start'" in message
    assert "precision 'year'" in message


@pytest.mark.django_db
def test_a_slug_used_twice_is_refused(tmp_path):
    message = refused(write(tmp_path, [QUANTITY, changed(DATE, slug="uk-airstrikes")]))
    assert "fact 'uk-airstrikes', field 'slug'" in message
    assert "twice" in message


@pytest.mark.django_db
def test_an_unknown_topic_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(QUANTITY, topic=["economy"])]))
    assert "fact 'uk-airstrikes', field 'topic'" in message
    assert "economy" in message


@pytest.mark.django_db
def test_malformed_json_is_refused_with_its_position(tmp_path):
    paths = write(tmp_path, [QUANTITY])
    paths[2].write_text('[{"model": "learning.fact", "fields": {"slug": "x",}}]', encoding="utf-8")
    message = refused(paths)
    assert "facts.json: malformed JSON at line 1" in message


@pytest.mark.django_db
def test_a_paragraph_past_the_end_of_the_document_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(QUANTITY, paragraph=9)]))
    assert "fact 'uk-airstrikes', field 'paragraph'" in message


@pytest.mark.django_db
def test_a_paragraph_that_is_not_content_is_refused(tmp_path):
    """A heading or a share button says nothing a fact could rest on (the French page's second
    line is its share button)."""
    message = refused(write(tmp_path, [changed(QUANTITY, paragraph=6)]))
    assert "fact 'uk-airstrikes', field 'paragraph'" in message
    assert "paragraph 6 is not content" in message


@pytest.mark.django_db
def test_a_non_content_paragraph_outside_the_document_is_refused(tmp_path):
    paths = write(tmp_path, [QUANTITY])
    source = changed(SOURCE, non_content_paragraphs=[2, 40])
    paths[0].write_text(json.dumps([source]), encoding="utf-8")
    message = refused(paths)
    assert "source 'uk-fcdo-2016', field 'non_content_paragraphs'" in message


@pytest.mark.django_db
def test_a_statement_without_its_value_placeholder_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(QUANTITY, statement_ar="ضربات كثيرة.")]))
    assert "fact 'uk-airstrikes', field 'statement_ar'" in message


@pytest.mark.django_db
def test_an_unknown_unit_and_a_percentage_over_100_are_refused(tmp_path):
    message = refused(
        write(
            tmp_path,
            [
                changed(QUANTITY, unit="bananas"),
                changed(QUANTITY, slug="too-much", unit="percent", number="120"),
            ],
        )
    )
    assert "fact 'uk-airstrikes', field 'unit'" in message
    assert "fact 'too-much', field 'number'" in message


@pytest.mark.django_db
def test_an_event_after_its_as_of_date_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(DATE, date_start="2017-03-01")]))
    assert "fact 'cell-launched', field 'date_start'" in message


@pytest.mark.django_db
def test_english_text_in_an_arabic_field_is_refused(tmp_path):
    message = refused(write(tmp_path, [changed(QUANTITY, explanation_ar="Swapped by mistake.")]))
    assert "field 'explanation_ar'" in message


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(tmp_path):
    message = refused(write(tmp_path, [changed(QUANTITY, unit=None, stem_ar="")]))
    assert "field 'unit'" in message
    assert "field 'stem_ar'" in message
    assert "2 problem(s)" in message


@pytest.mark.django_db
def test_check_mode_validates_without_writing(tmp_path):
    call_command("load_facts", *write(tmp_path, [QUANTITY]), "--check")
    assert Fact.objects.count() == 0


@pytest.mark.django_db
def test_the_real_fact_base_loads_completely():
    call_command("load_facts")
    from learning.core.factbase import FIXTURE_DIRECTORY, read_fact_base

    assert Fact.objects.count() == len(read_fact_base(FIXTURE_DIRECTORY)) > 0
    assert Source.objects.count() == 2


@pytest.mark.django_db
def test_a_load_that_changes_a_fact_bumps_the_fact_base_stamp(tmp_path):
    """The stamp tells every worker process to rebuild its fact pool; a load that changes
    nothing leaves them their pools."""
    from learning.models import FactBaseStamp

    call_command("load_facts", *write(tmp_path, [QUANTITY, DATE]))
    first = FactBaseStamp.current()
    assert first > 0
    call_command("load_facts", *write(tmp_path, [QUANTITY, DATE]))
    assert FactBaseStamp.current() == first
    call_command("load_facts", *write(tmp_path, [changed(QUANTITY, stem_en="How many strikes?")]))
    assert FactBaseStamp.current() == first + 1


@pytest.mark.django_db
def test_checking_the_fact_base_does_not_bump_the_stamp(tmp_path):
    from learning.models import FactBaseStamp

    call_command("load_facts", "--check", *write(tmp_path, [QUANTITY, DATE]))
    assert FactBaseStamp.current() == 0


@pytest.mark.django_db
def test_the_fact_pool_shows_a_fact_as_last_loaded(tmp_path):
    from learning import study

    call_command("load_facts", *write(tmp_path, [QUANTITY, DATE]))
    assert study.fact_pool()["uk-airstrikes"].stem["en"] == QUANTITY["fields"]["stem_en"]
    call_command("load_facts", *write(tmp_path, [changed(QUANTITY, stem_en="How many strikes?")]))
    assert study.fact_pool()["uk-airstrikes"].stem["en"] == "How many strikes?"
