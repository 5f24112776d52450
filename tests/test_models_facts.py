"""The Fact model follows the one declaration of a fact (learning/core/fields.py)."""

from typing import Any

from django.core.management import call_command

from learning.core import fields
from learning.core.factbase import FIXTURE_DIRECTORY, read_fact_base
from learning.models import Fact, Source, Topic


def stored_names(model: Any) -> set[str]:
    return {f.name for f in model._meta.concrete_fields} - {"id"}


def test_each_model_stores_the_declared_fields_and_their_translations():
    for model, plain, translated in (
        (Fact, fields.FACT_PLAIN, fields.FACT_TRANSLATED),
        (Source, fields.SOURCE_PLAIN, fields.SOURCE_TRANSLATED),
        (Topic, fields.TOPIC_PLAIN, fields.TOPIC_TRANSLATED),
    ):
        # modeltranslation keeps the original column beside statement_ar and statement_en.
        assert stored_names(model) == set(fields.columns(plain, translated)) | set(translated)


def test_the_model_and_the_fixtures_give_the_same_fact_data_for_every_fact(db: Any):
    """The two converters (Fact.to_data from a row, factbase from a record) agree."""
    call_command("load_facts", verbosity=0)
    from_fixtures = {fact.slug: fact for fact in read_fact_base(FIXTURE_DIRECTORY)}
    from_rows = {fact.slug: fact.to_data() for fact in Fact.objects.with_source()}
    assert len(from_rows) == len(from_fixtures) > 100
    for slug, fact in from_fixtures.items():
        assert from_rows[slug] == fact, slug
