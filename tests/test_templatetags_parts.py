"""The parts of the read pages rendered once and kept: always in the page's own language, fresh
once the fact base changes, never one visitor's CSRF token or header in another's page."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from learning import learners, teaching
from tests.test_load_facts import DATE, QUANTITY, changed, write


def csrf_tokens(content: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', content))


@pytest.mark.django_db
def test_a_fact_page_shows_the_fact_as_load_facts_last_loaded_it(client, tmp_path):
    call_command("load_facts", *write(tmp_path, [QUANTITY, DATE]))
    before = client.get("/en/facts/uk-airstrikes/").content.decode()
    assert "Airstrikes carried out by the UK: more than 1,000" in before
    edited = changed(QUANTITY, statement_en="Strikes flown by the RAF: {value}")
    call_command("load_facts", *write(tmp_path, [edited, DATE]))
    after = client.get("/en/facts/uk-airstrikes/").content.decode()
    assert "Strikes flown by the RAF: more than 1,000" in after
    assert "Airstrikes carried out by the UK" not in after


@pytest.mark.django_db
def test_topic_and_home_pages_count_a_fact_load_facts_added(client, tmp_path):
    call_command("load_facts", *write(tmp_path, [QUANTITY]))
    assert "1 fact" in client.get("/en/topics/military/").content.decode()
    assert "cell-launched" not in client.get("/en/topics/military/").content.decode()
    call_command("load_facts", *write(tmp_path, [QUANTITY, DATE]))
    topic = client.get("/en/topics/military/").content.decode()
    assert "2 facts" in topic
    assert 'href="/en/facts/cell-launched/"' in topic
    assert "2 facts" in client.get("/en/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("first", ["en", "ar"])
def test_each_language_gets_its_own_parts_whichever_is_asked_first(client, tmp_path, first):
    call_command("load_facts", *write(tmp_path, [QUANTITY, DATE]))
    second = "ar" if first == "en" else "en"
    words = {
        "en": ["Military", "Airstrikes carried out by the UK", "Log in", "Topics"],
        "ar": ["الصعيد العسكري", "عدد الضربات الجوية", "تسجيل الدخول", 'lang="ar" dir="rtl"'],
    }
    for lang in (first, second, first, second):
        for path in ("/", "/topics/military/", "/facts/uk-airstrikes/"):
            content = client.get(f"/{lang}{path}").content.decode()
            other = "ar" if lang == "en" else "en"
            assert words[lang][0] in content, (lang, path)
            assert words[other][0] not in content, (lang, path)
            assert words[other][2] not in content, (lang, path)
        content = client.get(f"/{lang}/facts/uk-airstrikes/").content.decode()
        assert words[lang][1] in content
        assert words[other][1] not in content


@pytest.mark.django_db
def test_a_kept_form_carries_each_visitors_own_working_csrf_token(make_fact):
    make_fact()
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get("/en/study/").content.decode()
        (token,) = csrf_tokens(page)  # the practice, start and join forms: one token each page
        tokens.append(token)
        response = visitor.post("/en/study/practice/military/", {"csrfmiddlewaretoken": token})
        assert response.status_code == 302, "the kept practice form's token is accepted"
    assert tokens[0] != tokens[1]


@pytest.mark.django_db
def test_the_kept_header_follows_the_kind_of_visitor(client, make_learner, make_fact):
    make_fact()
    visitors = {
        "anonymous": None,
        "guest": learners.create_guest(now=timezone.now()).user,
        "learner": make_learner("lina").user,
        "teacher": make_learner("tariq", is_teacher=True).user,
    }
    for _ in range(2):
        for kind, user in visitors.items():
            visitor = Client()
            if user is not None:
                visitor.force_login(user)
            header = visitor.get("/en/").content.decode().split("</header>")[0]
            assert ("Log in" in header) == (kind == "anonymous"), kind
            assert ("Save your progress" in header) == (kind == "guest"), kind
            assert ("Log out" in header) == (kind in {"learner", "teacher"}), kind
            assert ('href="/en/teach/"' in header) == (kind == "teacher"), kind


@pytest.mark.django_db
def test_the_current_page_is_marked_in_the_kept_header(client, make_fact):
    make_fact()
    home = client.get("/en/").content.decode()
    study = client.get("/en/study/").content.decode()
    assert re.search(r'href="/en/"\s+aria-current="page"', home)
    assert re.search(r'href="/en/study/"\s+aria-current="page"', study)
    assert not re.search(r'href="/en/study/"\s+aria-current="page"', home)


@pytest.mark.django_db
def test_two_learners_each_see_their_own_workload_and_classes(make_learner, make_fact, classroom):
    """Nothing of one learner's is kept for another: the study page's counts and classes."""
    make_fact()
    member = make_learner("maya")
    teaching.join(learner=member, classroom=classroom, now=timezone.now())
    outsider = make_learner("omar")
    pages = {}
    for learner in (member, outsider, member):
        visitor = Client()
        visitor.force_login(learner.user)
        pages[learner.user.username] = visitor.get("/en/study/").content.decode()
    assert classroom.name in pages["maya"]
    assert classroom.name not in pages["omar"]
