"""The admin edits the fact base in both languages and shows study data read-only."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", password="x-long-admin-pass-1")
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_fact_is_edited_in_both_languages(admin_client, make_fact, lang):
    fact = make_fact(slug="trained")
    page = admin_client.get(f"/{lang}/admin/learning/fact/{fact.pk}/change/").content.decode()
    for field in ("statement_ar", "statement_en", "stem_ar", "stem_en", "explanation_en"):
        assert f'name="{field}"' in page


@pytest.mark.django_db
def test_changing_a_translation_in_the_admin_saves_it(admin_client, make_fact):
    from django.forms.models import model_to_dict

    fact = make_fact(slug="trained")
    data = {k: v for k, v in model_to_dict(fact).items() if v is not None}
    data.update(explanation_en="Edited in the admin.", topic=fact.topic_id, source=fact.source_id)
    response = admin_client.post(f"/en/admin/learning/fact/{fact.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    fact.refresh_from_db()
    assert fact.explanation_en == "Edited in the admin."


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["source", "topic", "fact", "learner", "card", "review"])
def test_every_list_page_answers(admin_client, make_fact, model):
    make_fact()
    assert admin_client.get(f"/en/admin/learning/{model}/").status_code == 200


@pytest.mark.django_db
def test_editing_a_fact_in_the_admin_bumps_the_fact_base_stamp(admin_client, make_fact):
    """Every worker process then rebuilds its fact pool with the edit."""
    from django.forms.models import model_to_dict

    from learning import study
    from learning.models import FactBaseStamp

    fact = make_fact(slug="trained")
    before = FactBaseStamp.current()
    assert study.fact_pool()["trained"].explanation["en"] != "Edited in the admin."
    data = {k: v for k, v in model_to_dict(fact).items() if v is not None}
    data.update(explanation_en="Edited in the admin.", topic=fact.topic_id, source=fact.source_id)
    admin_client.post(f"/en/admin/learning/fact/{fact.pk}/change/", data)
    assert FactBaseStamp.current() == before + 1
    assert study.fact_pool()["trained"].explanation["en"] == "Edited in the admin."


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["source", "topic", "fact"])
@pytest.mark.parametrize("how", ["its own page", "the list's action"])
def test_deleting_from_the_fact_base_in_the_admin_bumps_the_stamp(
    admin_client, make_fact, model, how
):
    from learning.models import Fact, FactBaseStamp, Source, Topic

    fact = make_fact(slug="trained")
    if model != "fact":  # a fact protects its source and topic: it goes first
        fact.delete()
    before = FactBaseStamp.current()
    table = {"source": Source, "topic": Topic, "fact": Fact}[model]
    pk = table.objects.get().pk
    if how == "its own page":
        url, data = f"/en/admin/learning/{model}/{pk}/delete/", {"post": "yes"}
    else:
        url = f"/en/admin/learning/{model}/"
        data = {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
    assert admin_client.post(url, data).status_code == 302
    assert not table.objects.exists()
    assert FactBaseStamp.current() == before + 1
