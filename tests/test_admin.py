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
