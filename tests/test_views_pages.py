"""The first pages: home, topic and fact, in both languages."""

import re

import pytest


def html_tag(content: str) -> str:
    return re.search(r"<html[^>]*>", content).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_home_lists_topics_with_fact_counts_in_each_language(client, make_fact, lang, direction):
    make_fact()
    make_fact()
    response = client.get(f"/{lang}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{lang}"' in html_tag(content)
    assert f'dir="{direction}"' in html_tag(content)
    assert ("الصعيد العسكري" if lang == "ar" else "Military") in content
    assert ("حقيقتان" if lang == "ar" else "2 facts") in content


@pytest.mark.django_db
def test_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_topic_page_lists_its_facts_with_values(client, make_fact, topic):
    make_fact(slug="trained")
    content = client.get(f"/en/topics/{topic.slug}/").content.decode()
    assert "Members of the Iraqi forces trained by the UK: more than 25,000" in content
    assert 'href="/en/facts/trained/"' in content


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "word"), [("ar", "تدرّب على"), ("en", "Practise")])
def test_a_topic_page_offers_to_practise_the_topic(make_fact, topic, lang, word):
    """A set's page in Quizlet starts its study; ours listed facts with nothing to do."""
    from django.test import Client

    from learning.models import StudySession

    make_fact(slug="trained")
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/{lang}/topics/{topic.slug}/").content.decode()
    action = f'action="/{lang}/study/practice/{topic.slug}/"'
    assert action in page and word in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(f"/{lang}/study/practice/{topic.slug}/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    session = StudySession.objects.get()
    assert (session.mode, session.topic_id) == (StudySession.Mode.PRACTICE, topic.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", ["أكثر من 25,000", "26 أيلول/سبتمبر 2016", "عنوان الوثيقة", "وزارة الخارجية"]),
        ("en", ["more than 25,000", "26 September 2016", "Document title", "Foreign Office"]),
    ],
)
def test_fact_page_shows_statement_value_as_of_and_source(client, make_fact, lang, expected):
    make_fact(slug="trained", paragraph=2)
    response = client.get(f"/{lang}/facts/trained/")
    content = response.content.decode()
    assert response.status_code == 200
    for text in expected:
        assert text in content
    assert re.search(r"<dd>\s*2\s*</dd>", content), "the paragraph number is shown"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("ar", "عدد أفراد القوات العراقية الذين درّبتهم المملكة المتحدة: أكثر من 25,000"),
        ("en", "Members of the Iraqi forces trained by the UK: more than 25,000"),
    ],
)
def test_a_fact_page_is_titled_with_the_fact_not_its_slug(client, make_fact, lang, title):
    """Bug: the tab read "Military — uk-iraqi-forces-trained", the internal English slug."""
    make_fact(slug="uk-iraqi-forces-trained")
    content = client.get(f"/{lang}/facts/uk-iraqi-forces-trained/").content.decode()
    head = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert title in head
    assert "uk-iraqi-forces-trained" not in head


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "label"), [("ar", "استعادة عين العرب"), ("en", "Kobani retaken")])
def test_an_event_page_is_titled_with_the_events_label(client, make_fact, lang, label):
    import datetime as dt

    make_fact(
        slug="kobani",
        kind="date",
        number=None,
        unit="",
        qualifier="",
        date_start=dt.date(2015, 1, 1),
        precision="month",
        statement_ar="استُعيدت عين العرب في {value}.",
        statement_en="Kobani was retaken in {value}.",
        label_ar="استعادة عين العرب",
        label_en="Kobani retaken",
    )
    content = client.get(f"/{lang}/facts/kobani/").content.decode()
    assert re.search(rf"<title>{label} — ", content)


@pytest.mark.django_db
def test_fact_page_shows_a_date_with_its_precision(client, make_fact):
    import datetime as dt

    make_fact(
        slug="kobani",
        kind="date",
        number=None,
        unit="",
        qualifier="",
        date_start=dt.date(2015, 1, 1),
        precision="month",
        statement_ar="استُعيدت عين العرب في {value}.",
        statement_en="Kobani was retaken in {value}.",
        label_ar="استعادة عين العرب",
        label_en="Kobani retaken",
    )
    assert "Kobani was retaken in January 2015." in client.get("/en/facts/kobani/").content.decode()
    assert "كانون الثاني/يناير 2015" in client.get("/ar/facts/kobani/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "title"), [("ar", "الصفحة غير موجودة"), ("en", "Page not found")])
def test_a_missing_fact_is_a_404_page_in_the_current_language(client, lang, title):
    response = client.get(f"/{lang}/facts/no-such-fact/")
    content = response.content.decode()
    assert response.status_code == 404
    assert title in content
    assert f'lang="{lang}"' in html_tag(content)


@pytest.mark.django_db
def test_a_missing_topic_or_fact_is_a_404_while_the_others_are_kept(client, make_fact):
    make_fact(slug="trained")
    assert client.get("/en/facts/trained/").status_code == 200
    assert client.get("/en/topics/military/").status_code == 200
    assert client.get("/en/facts/no-such-fact/").status_code == 404
    assert client.get("/en/topics/no-such-topic/").status_code == 404


@pytest.mark.django_db
def test_the_language_switch_keeps_the_same_page(client, make_fact):
    make_fact(slug="trained")
    content = client.get("/en/facts/trained/").content.decode()
    assert 'href="/ar/facts/trained/" hreflang="ar"' in content
    content = client.get("/ar/topics/military/").content.decode()
    assert 'href="/en/topics/military/" hreflang="en"' in content


@pytest.mark.django_db
def test_the_language_switch_names_each_page_and_its_query(client, make_fact):
    """The switch's addresses are kept per page: one fact's never shows on another's."""
    make_fact(slug="trained")
    make_fact(slug="strikes")
    for slug in ("trained", "strikes", "trained"):
        content = client.get(f"/en/facts/{slug}/?from=home").content.decode()
        assert f'href="/ar/facts/{slug}/?from=home" hreflang="ar"' in content
        other = "strikes" if slug == "trained" else "trained"
        assert f'href="/ar/facts/{other}/' not in content


@pytest.mark.django_db
def test_pages_refuse_writes(client):
    assert client.post("/en/").status_code == 405


@pytest.mark.django_db
def test_pages_load_nothing_from_other_sites(client, make_fact):
    make_fact(slug="trained")
    for url in ("/ar/", "/en/topics/military/", "/en/facts/trained/"):
        content = client.get(url).content.decode()
        assert not re.search(r'(src|href)="(https?:)?//', content), url


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_topic_and_a_fact_know_their_address_in_each_language(make_fact, lang):
    from django.utils import translation

    fact = make_fact(slug="trained")
    with translation.override(lang):
        assert fact.get_absolute_url() == f"/{lang}/facts/trained/"
        assert fact.topic.get_absolute_url() == f"/{lang}/topics/military/"


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "label"), [("/en/", "Topics"), ("/en/study/", "Study")])
def test_the_menu_marks_the_page_the_visitor_is_on(client, path, label):
    page = client.get(path).content.decode()
    current = re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)</a>', page)
    assert current == [label]


@pytest.mark.django_db
def test_the_home_page_lists_a_topic_added_once_the_fact_base_is_marked_changed(
    client, study_facts
):
    """The topics and sources are kept per process while the fact base stamp is unchanged;
    load_facts and the admin bump it, and every page lists what they changed."""
    from learning.models import FactBaseStamp, Topic

    assert client.get("/en/").status_code == 200
    Topic.objects.create(slug="brand-new", name_ar="جديد", name_en="Brand new topic", position=9)
    FactBaseStamp.bump()
    assert "Brand new topic" in client.get("/en/").content.decode()
