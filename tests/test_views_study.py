"""Study views: full pages and htmx fragments, the answer never in the page, bad posts refused."""

import datetime as dt
import random
import re

import pytest
from django.test import Client

from learning import learners, study
from learning.core import questions
from learning.core.questions import Question, QuestionKind
from learning.core.questions.question import FALSE, TRUE
from learning.core.scheduling import State
from learning.models import AskedQuestion, Card, Fact, Learner, Review

HTMX = {"HX-Request": "true"}


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner.user)
    return client


@pytest.fixture
def pool(study_facts):
    return study.fact_pool()


def unanswered_html(client, asked, lang="en", **headers):
    response = client.get(f"/{lang}/study/questions/{asked.pk}/", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def question_markup(html):
    """The study card only, where a leak would matter."""
    return html[html.index('id="study-card"') :]


@pytest.mark.django_db
def test_a_visitor_starts_studying_as_a_guest(client, study_facts):
    response = client.post("/en/study/start/")
    assert response.status_code == 302
    learner = Learner.objects.get()
    assert learner.is_guest
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'data-kind="' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_study_home_in_both_languages(client, signed_in, study_facts, lang):
    page = client.get(f"/{lang}/study/").content.decode()
    assert ("ابدأ جلسة مذاكرة" if lang == "ar" else "Start a study session") in page


@pytest.mark.django_db
def test_study_home_invites_a_visitor_to_start(client, study_facts):
    page = client.get("/en/study/").content.decode()
    assert "Start studying" in page


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_unanswered_multiple_choice_gives_nothing_away(signed_in, pool, ask, lang):
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    html = question_markup(unanswered_html(signed_in, asked, lang))
    rendered = questions.render(question, pool, lang)
    buttons = re.findall(r"<button[^>]*name=\"choice\"[^>]*>", html)
    assert len(buttons) == 4
    # The buttons differ only by their value, which is the position shown.
    assert [re.sub(r'value="\d"', "", b) for b in buttons] == [
        re.sub(r'value="\d"', "", buttons[0])
    ] * 4
    assert re.findall(r'name="choice" value="(\d)"', html) == ["0", "1", "2", "3"]
    for word in ("correct", "is-right", "answer-statement", "data-answer"):
        assert word not in html
    assert rendered.back.explanation not in html
    assert rendered.back.statement not in html


@pytest.mark.django_db
def test_an_unanswered_true_false_does_not_show_the_true_statement(signed_in, pool, ask):
    for seed in range(30):
        question = questions.make_truefalse(pool["origin"], pool, random.Random(seed))
        if question.answer == questions.FALSE:
            break
    asked = ask(question)
    html = question_markup(unanswered_html(signed_in, asked))
    assert "Syrian branch" in html
    assert "Iraqi branch" not in html


@pytest.mark.django_db
def test_an_unanswered_ordering_question_hides_the_order(signed_in, pool, ask):
    question = questions.make_ordering(pool, random.Random(2), size=5)
    asked = ask(question)
    html = question_markup(unanswered_html(signed_in, asked))
    labels = re.findall(r'class="ordering-label"[^>]*>([^<]+)<', html)
    rendered = questions.render(question, pool, "en")
    assert labels == rendered.options, "the markup follows the shuffled order shown"
    assert list(question.answer) != list(range(5))
    ids = re.findall(r'id="event-(\d)"', html)
    assert ids == ["0", "1", "2", "3", "4"], "ids are shown positions, not chronology"
    for date in rendered.notes:
        assert date not in html, "no event's date is in the page"


@pytest.mark.django_db
def test_a_flashcard_back_is_not_in_the_page_before_it_is_turned(signed_in, pool, ask):
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    html = question_markup(unanswered_html(signed_in, asked))
    assert "Palmyra" not in html
    assert signed_in.post(f"/en/study/questions/{asked.pk}/reveal/").status_code == 302
    assert "Palmyra" in unanswered_html(signed_in, asked)


@pytest.mark.django_db
def test_answering_without_javascript_redirects_to_the_result(signed_in, pool, ask):
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    response = signed_in.post(
        f"/en/study/questions/{asked.pk}/answer/", {"choice": str(question.answer)}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/study/questions/{asked.pk}/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Right!" in page
    assert f'href="/en/study/sessions/{asked.session_id}/"' in page


@pytest.mark.django_db
def test_answering_with_htmx_returns_the_feedback_fragment(signed_in, pool, ask):
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    wrong = (question.answer + 1) % 4
    response = signed_in.post(
        f"/ar/study/questions/{asked.pk}/answer/", {"choice": str(wrong)}, headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "ليس تمامًا" in html
    assert "90%" in html
    assert response["HX-Push-Url"] == f"/ar/study/questions/{asked.pk}/"


@pytest.mark.django_db
def test_the_next_question_comes_as_a_fragment_with_htmx(signed_in, study_facts, learner):
    session = study.start_session(learner=learner, now=dt.datetime.now(dt.UTC))
    response = signed_in.get(f"/en/study/sessions/{session.pk}/", headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert 'data-kind="' in response.content.decode()


@pytest.mark.django_db
def test_a_replayed_answer_is_recorded_once_and_shows_the_first_result(signed_in, pool, ask):
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    wrong = (question.answer + 1) % 4
    url = f"/en/study/questions/{asked.pk}/answer/"
    signed_in.post(url, {"choice": str(wrong)})
    replay = signed_in.post(url, {"choice": str(question.answer)}, headers=HTMX)
    assert replay.status_code == 200
    assert "Not quite." in replay.content.decode()
    assert Review.objects.count() == 1


@pytest.mark.django_db
def test_another_choice_sent_to_an_answered_question_is_told_the_first_answer_counts(
    signed_in, pool, ask
):
    """Back to an answered question, another option clicked: the page showed the first
    answer's result without a word."""
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    wrong = (question.answer + 1) % 4
    url = f"/en/study/questions/{asked.pk}/answer/"
    told = "You had already answered this question: your first answer counts."
    assert told not in signed_in.post(url, {"choice": str(wrong)}, headers=HTMX).content.decode()
    assert (
        told in signed_in.post(url, {"choice": str(question.answer)}, headers=HTMX).content.decode()
    )
    assert told not in signed_in.post(url, {"choice": str(wrong)}, headers=HTMX).content.decode()
    # Without JavaScript the same, on the page the answer redirects to.
    page = signed_in.post(url, {"choice": str(question.answer)}, follow=True).content.decode()
    assert told in page
    assert Review.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading"), [("ar", "انتهت الجلسة مبكرًا"), ("en", "Session ended early")]
)
def test_a_session_ended_by_a_new_one_is_not_called_complete(
    signed_in, learner, study_facts, lang, heading
):
    """A session cut short by starting another in a second tab was summed up as complete."""
    now = dt.datetime.now(dt.UTC)
    session = study.start_session(learner=learner, now=now)
    assert study.current_question(session, now=now) is not None  # left waiting
    study.start_session(learner=learner, now=now)  # ends the first
    page = signed_in.get(f"/{lang}/study/sessions/{session.pk}/summary/").content.decode()
    assert heading in page
    assert ("اكتملت الجلسة" if lang == "ar" else "Session complete") not in page


@pytest.mark.django_db
def test_another_learners_question_is_a_404(client, pool, ask):
    other = learners.create_guest(now=dt.datetime.now(dt.UTC))
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question, who=other)
    intruder = learners.create_guest(now=dt.datetime.now(dt.UTC))
    client.force_login(intruder.user)
    assert client.get(f"/en/study/questions/{asked.pk}/").status_code == 404
    answer = client.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": "0"})
    assert answer.status_code == 404
    assert client.get(f"/en/study/sessions/{asked.session_id}/").status_code == 404
    assert not AskedQuestion.objects.filter(answered_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_visitor_cannot_open_a_question(client, pool, ask):
    asked = ask(questions.make_mcq(pool["fighters"], pool, random.Random(11)))
    assert client.get(f"/en/study/questions/{asked.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [{"choice": "7"}, {"choice": "x"}, {}, {"choice": ["0", "1"]}, {"choice": "-1"}]
)
def test_a_malformed_multiple_choice_answer_is_a_400(signed_in, pool, ask, data):
    asked = ask(questions.make_mcq(pool["fighters"], pool, random.Random(11)))
    response = signed_in.post(f"/en/study/questions/{asked.pk}/answer/", data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    asked.refresh_from_db()
    assert asked.answered_at is None and Review.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "order",
    [
        ["0", "1", "2"],
        ["0", "1", "2", "3", "4", "4"],
        ["0", "0", "1", "2", "3"],
        ["a"] * 5,
        ["0", "1", "2", "3", "9"],
    ],
)
def test_a_malformed_ordering_answer_is_a_400(signed_in, pool, ask, order):
    asked = ask(questions.make_ordering(pool, random.Random(2), size=5))
    response = signed_in.post(f"/en/study/questions/{asked.pk}/answer/", {"order": order})
    assert response.status_code == 400
    assert Review.objects.count() == 0


@pytest.mark.django_db
def test_a_flashcard_rating_out_of_range_or_before_turning_is_a_400(signed_in, pool, ask):
    asked = ask(questions.make_flashcard(pool["origin"]))
    url = f"/en/study/questions/{asked.pk}/answer/"
    assert signed_in.post(url, {"rating": "3"}).status_code == 400, "not turned over yet"
    signed_in.post(f"/en/study/questions/{asked.pk}/reveal/")
    assert signed_in.post(url, {"rating": "7"}).status_code == 400
    assert signed_in.post(url, {"rating": "3"}).status_code == 302
    assert Review.objects.get().rating == 3


@pytest.mark.django_db
def test_moving_an_event_without_javascript(signed_in, pool, ask):
    question = questions.make_ordering(pool, random.Random(2), size=4)
    asked = ask(question)
    url = f"/en/study/questions/{asked.pk}/move/"
    response = signed_in.post(url, {"order": ["0", "1", "2", "3"], "move": "2:up"})
    assert response.status_code == 302
    # Plain commas and colon, not %2C and %3A; only the learner's own arrangement.
    assert response["Location"].endswith("?order=0,2,1,3&moved=2:up")
    page = signed_in.get(response["Location"]).content.decode()
    assert re.findall(r'name="order" value="(\d)"', page) == ["0", "2", "1", "3"]
    assert signed_in.post(url, {"order": ["0", "1"], "move": "1:up"}).status_code == 400
    assert signed_in.post(url, {"order": ["0", "1", "2", "3"], "move": "zz"}).status_code == 400


@pytest.mark.django_db
def test_htmx_posts_need_the_csrf_header(learner, pool, ask):
    asked = ask(questions.make_mcq(pool["fighters"], pool, random.Random(11)))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner.user)
    url = f"/en/study/questions/{asked.pk}/answer/"
    assert strict.post(url, {"choice": "0"}, headers=HTMX).status_code == 403
    page = strict.get(f"/en/study/questions/{asked.pk}/").content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    response = strict.post(url, {"choice": "0"}, headers={**HTMX, "X-CSRFToken": token})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_finished_session_leads_to_its_summary(signed_in, learner, study_facts):
    learner.new_per_day = 1
    learner.save()
    session = study.start_session(learner=learner, now=dt.datetime.now(dt.UTC))
    # One new fact, answered right until its learning steps are done: the steps coming due
    # within LEARN_AHEAD are asked in the same session, the same fact again when nothing else
    # is left (as Anki's learn-ahead does).
    answered = 0
    page = signed_in.get(f"/en/study/sessions/{session.pk}/")
    while page.status_code == 200 and answered < 5:
        qid = re.search(r"/study/questions/(\d+)/", page.content.decode()).group(1)
        asked = AskedQuestion.objects.get(pk=qid)
        question = study.stored_question(asked)
        if asked.kind == "flashcard":
            signed_in.post(f"/en/study/questions/{qid}/reveal/")
            signed_in.post(f"/en/study/questions/{qid}/answer/", {"rating": "3"})
        elif asked.kind == "ordering":
            signed_in.post(
                f"/en/study/questions/{qid}/answer/", {"order": [str(i) for i in question.answer]}
            )
        else:
            signed_in.post(f"/en/study/questions/{qid}/answer/", {"choice": str(question.answer)})
        answered += 1
        page = signed_in.get(f"/en/study/sessions/{session.pk}/")
    assert page.status_code == 302
    assert 1 < answered < 5
    assert set(AskedQuestion.objects.filter(session=session).values_list("fact", flat=True)) == {
        asked.fact_id
    }
    summary = signed_in.get(page["Location"]).content.decode()
    assert "Session complete" in summary
    assert f"You answered {answered} of {answered} questions right." in summary
    htmx_done = signed_in.get(f"/en/study/sessions/{session.pk}/", headers=HTMX)
    assert htmx_done["HX-Redirect"] == f"/en/study/sessions/{session.pk}/summary/"


@pytest.mark.django_db
def test_practice_can_be_started_from_a_topic(client, study_facts, topic):
    response = client.post(f"/en/study/practice/{topic.slug}/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Practice: Military" in page


@pytest.mark.django_db
def test_a_question_of_an_ended_session_is_refused_with_a_message(signed_in, learner, study_facts):
    """A question left waiting in a session the learner has since replaced (a second tab, a
    new start) could still be answered, reviewing a card that the new session asks too."""
    old = study.start_session(learner=learner, now=dt.datetime.now(dt.UTC))
    page = signed_in.get(f"/en/study/sessions/{old.pk}/").content.decode()
    qid = re.search(r"/study/questions/(\d+)/", page).group(1)
    assert signed_in.post("/en/study/start/").status_code == 302
    asked = AskedQuestion.objects.get(pk=qid)
    question = study.stored_question(asked)
    data = {
        "mcq": {"choice": "0"},
        "truefalse": {"choice": "0"},
        "ordering": {"order": [str(i) for i in range(len(question.options))]},
        "flashcard": {"rating": "3"},
    }[asked.kind]
    response = signed_in.post(f"/en/study/questions/{qid}/answer/", data, headers=HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This session has ended" in html
    assert 'name="choice"' not in html and 'name="rating"' not in html
    assert Review.objects.count() == 0
    shown = signed_in.get(f"/en/study/questions/{qid}/").content.decode()
    assert 'data-state="ended"' in shown and "/answer/" not in shown
    assert signed_in.get(f"/en/study/sessions/{old.pk}/").status_code == 302


@pytest.mark.django_db
def test_the_study_page_offers_to_go_on_when_learning_steps_come_due_in_minutes(
    signed_in, learner, study_facts
):
    """'Nothing is due right now. Your next review is due in 0 minutes.', and no button."""
    now = dt.datetime.now(dt.UTC)
    Card.objects.create(
        learner=learner,
        fact=study_facts["fighters"],
        due=now + dt.timedelta(seconds=30),
        created_at=now,
        stability=1.0,
        difficulty=5.0,
        last_review=now,
        step=1,
    )
    learner.new_per_day = 1
    learner.save()
    page = signed_in.get("/en/study/").content.decode()
    assert "Start a study session" in page
    assert "0 minutes" not in page


@pytest.mark.django_db
def test_a_review_due_within_the_minute_reads_less_than_a_minute(signed_in, learner, study_facts):
    now = dt.datetime.now(dt.UTC)
    Card.objects.create(
        learner=learner,
        fact=study_facts["fighters"],
        due=now + dt.timedelta(seconds=30),
        created_at=now - dt.timedelta(days=2),
        stability=3.0,
        difficulty=5.0,
        last_review=now,
        state=2,
        step=None,
    )
    session = study.start_session(learner=learner, now=now)
    session.finished_at = now
    session.save()
    for lang, text in [("en", "due in less than a minute"), ("ar", "بعد أقل من دقيقة")]:
        page = signed_in.get(f"/{lang}/study/sessions/{session.pk}/summary/").content.decode()
        assert text in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"),
    [("ar", "لا يستقبل هذا العنوان"), ("en", "This address only takes what the study page")],
)
@pytest.mark.parametrize("endpoint", ["answer", "reveal", "move"])
def test_opening_an_answer_address_says_why_it_is_not_a_page(
    signed_in, pool, ask, lang, text, endpoint
):
    """GET on the POST-only endpoints answered 405 with an empty body: a blank page."""
    asked = ask(questions.make_mcq(pool["fighters"], pool, random.Random(11)))
    response = signed_in.get(f"/{lang}/study/questions/{asked.pk}/{endpoint}/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert text in response.content.decode()
    asked.refresh_from_db()
    assert asked.answered_at is None and asked.revealed_at is None


@pytest.mark.django_db
def test_opening_the_start_address_says_why_it_is_not_a_page(client, study_facts):
    response = client.get("/en/study/start/")
    assert response.status_code == 405
    assert "This address only takes what the study page" in response.content.decode()
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_without_javascript_focus_stays_on_the_button_that_was_pressed(signed_in, pool, ask):
    """After moving an event later, focus came back on its Earlier button: a keyboard user
    moving it two places had to find the Later button again each time."""
    asked = ask(questions.make_ordering(pool, random.Random(2), size=4))
    url = f"/en/study/questions/{asked.pk}/move/"

    def focused_after(order, move):
        response = signed_in.post(url, {"order": order, "move": move})
        page = signed_in.get(response["Location"]).content.decode()
        return re.findall(r'value="(\d:\w+)"[^>]*\sautofocus', page)

    assert focused_after(["0", "1", "2", "3"], "1:down") == ["1:down"]
    assert focused_after(["0", "1", "2", "3"], "2:up") == ["2:up"]
    # At an end the pressed button can do no more: focus goes to the one that can.
    assert focused_after(["0", "1", "2", "3"], "2:down") == ["2:up"]
    assert focused_after(["1", "0", "2", "3"], "0:up") == ["0:down"]


@pytest.mark.django_db
def test_each_move_button_tells_a_screen_reader_where_its_event_stands(signed_in, pool, ask):
    """Without JavaScript the page reloads after a move, and nothing said the event's new
    position: the visible number is hidden from screen readers."""
    asked = ask(questions.make_ordering(pool, random.Random(2), size=4))
    url = f"/en/study/questions/{asked.pk}/move/"
    response = signed_in.post(url, {"order": ["0", "1", "2", "3"], "move": "3:up"})
    page = signed_in.get(response["Location"]).content.decode()
    moved = re.search(r'<button[^>]*value="3:up"[^>]*>', page).group(0)
    assert 'aria-describedby="event-3-position"' in moved
    assert re.search(r'id="event-3-position"[^>]*>Position 3 of 4\.<', page)


@pytest.mark.django_db
def test_a_rated_flashcard_shows_its_question_and_answer_with_the_explanation(signed_in, pool, ask):
    """After rating, the feedback kept only the explanation and the source: reloaded, or
    without JavaScript, the learner no longer saw what the card asked nor its answer."""
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    signed_in.post(f"/en/study/questions/{asked.pk}/reveal/")
    response = signed_in.post(f"/en/study/questions/{asked.pk}/answer/", {"rating": "3"})
    page = question_markup(signed_in.get(response["Location"]).content.decode())
    rendered = questions.render(study.stored_question(asked), pool, "en")
    assert 'data-state="answered"' in page
    assert rendered.prompt in page
    assert rendered.back.statement in page and "Palmyra" in page


def swapped_answer(question):
    """The right order with its first two events swapped."""
    order = list(question.answer)
    order[0], order[1] = order[1], order[0]
    return order


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "in_order", "out_of_order", "belongs"),
    [
        ("en", "in the right order", "out of order", "belongs at position 1"),
        ("ar", "في ترتيبه الصحيح", "خارج ترتيبه الصحيح", "موضعه الصحيح: 1"),
    ],
)
def test_a_wrong_order_ticks_as_many_events_as_it_scores_and_says_where_the_others_go(
    signed_in, pool, ask, lang, in_order, out_of_order, belongs
):
    """Bug: the ticks did not match the score; and the ✓/✗ had nothing but colour and a
    symbol to tell them apart. Two neighbours swapped: each is on the wrong side of the other."""
    question = questions.make_ordering(pool, random.Random(2), size=5)
    asked = ask(question)
    order = swapped_answer(question)
    response = signed_in.post(f"/{lang}/study/questions/{asked.pk}/answer/", {"order": order})
    page = question_markup(signed_in.get(response["Location"]).content.decode())
    rendered = questions.render(question, pool, lang)
    assert page.count('class="result-item is-right"') == 3
    assert page.count('class="result-item is-wrong"') == 2
    # The earliest event, placed second, is crossed and says where it belongs.
    wrongs = re.findall(r'class="result-item is-wrong">(.*?)</li>', page, re.S)
    (wrong,) = [w for w in wrongs if rendered.options[question.answer[0]] in w]
    assert out_of_order in wrong and belongs in wrong
    assert page.count(f">{in_order}<") == 3
    # The right order, earliest first, each event with its date.
    timeline = page[page.index('class="timeline"') :]
    dates = re.findall(r'class="timeline-date">([^<]+)<', timeline)
    assert dates == [rendered.notes[i] for i in question.answer]


@pytest.mark.django_db
def test_a_right_order_is_not_followed_by_the_same_list_again(signed_in, pool, ask):
    question = questions.make_ordering(pool, random.Random(2), size=4)
    asked = ask(question)
    signed_in.post(f"/en/study/questions/{asked.pk}/answer/", {"order": list(question.answer)})
    page = question_markup(signed_in.get(f"/en/study/questions/{asked.pk}/").content.decode())
    assert page.count('class="result-item is-right"') == 4
    assert "The right order" not in page and "are out of order" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Question 1 of about 3"), ("ar", "السؤال 1 من نحو 3")]
)
def test_the_question_number_reads_naturally(signed_in, learner, pool, ask, lang, label):
    """It read "Question 1 of 20 at most", and a session that had 3 things to ask ended there."""
    learner.new_per_day = 3  # the fact asked (introduced today) and two more
    learner.save()
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    assert label in unanswered_html(signed_in, asked, lang)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading", "single"),
    [
        ("en", "Next review of these events:", "Next review of this fact"),
        ("ar", "المراجعة القادمة لهذه الأحداث:", "المراجعة القادمة لهذه الحقيقة"),
    ],
)
def test_ordering_feedback_gives_the_next_review_of_each_event(
    signed_in, pool, ask, learner, lang, heading, single
):
    """Bug: an ordering question, which reviews several facts, said "Next review of this fact"."""
    question = questions.make_ordering(pool, random.Random(2), size=3)
    asked = ask(question)
    for slug in question.facts[1:]:
        Card.new(learner=learner, fact=Fact.objects.get(slug=slug), now=asked.created_at).save()
    signed_in.post(f"/{lang}/study/questions/{asked.pk}/answer/", {"order": question.answer})
    page = question_markup(signed_in.get(f"/{lang}/study/questions/{asked.pk}/").content.decode())
    assert heading in page and single not in page
    reviews = page[page.index("next-reviews-title") :]
    rendered = questions.render(question, pool, lang)
    assert all(rendered.options[i] in reviews for i in question.answer)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_true_statement_shown_is_said_once_in_its_feedback(signed_in, pool, ask, lang):
    """Bug: answered, a true/false statement shown true appeared twice, as the question and
    again as the right statement."""
    question = Question(QuestionKind.TRUEFALSE, ("origin",), (True,), TRUE, 0.5)
    asked = ask(question)
    signed_in.post(f"/{lang}/study/questions/{asked.pk}/answer/", {"choice": str(TRUE)})
    page = question_markup(signed_in.get(f"/{lang}/study/questions/{asked.pk}/").content.decode())
    statement = questions.render(question, pool, lang).back.statement
    assert page.count(statement) == 1


@pytest.mark.django_db
def test_a_false_statement_shown_is_followed_by_the_true_one(signed_in, pool, ask):
    question = Question(QuestionKind.TRUEFALSE, ("origin",), (False,), FALSE, 0.5)
    asked = ask(question)
    signed_in.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": str(TRUE)})
    page = question_markup(signed_in.get(f"/en/study/questions/{asked.pk}/").content.decode())
    assert "Daesh emerged from the Syrian branch of al-Qaeda." in page
    assert "Daesh emerged from the Iraqi branch of al-Qaeda." in page


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_question_has_a_progress_bar_the_htmx_swap_brings_too(
    signed_in, learner, pool, ask, lang
):
    learner.new_per_day = 3
    learner.save()
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    label = "Question 1 of about 3" if lang == "en" else "السؤال 1 من نحو 3"
    bar = f'<progress id="session-progress" max="3" value="1" aria-valuetext="{label}">'
    for headers in ({}, HTMX):
        html = unanswered_html(signed_in, asked, lang, **headers)
        assert bar in html
        assert f'<label for="session-progress">{label}</label>' in html
    swapped = signed_in.post(
        f"/{lang}/study/questions/{asked.pk}/reveal/", headers=HTMX
    ).content.decode()
    assert bar in swapped


@pytest.mark.django_db
def test_practice_shows_an_exact_count(signed_in, learner, study_facts, topic):
    session = study.start_session(
        learner=learner, now=dt.datetime.now(dt.UTC), topic=topic, practice=True
    )
    page = signed_in.get(f"/en/study/sessions/{session.pk}/").content.decode()
    assert f"Question 1 of {study.PRACTICE_SIZE}<" in page
    assert f'max="{study.PRACTICE_SIZE}" value="1"' in page


# --- undo, the summary's answers, the shortcut help -------------------------------------------


def rated_flashcard(client, ask, pool, rating="1", lang="en"):
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    client.post(f"/{lang}/study/questions/{asked.pk}/reveal/")
    client.post(f"/{lang}/study/questions/{asked.pk}/answer/", {"rating": rating})
    asked.refresh_from_db()
    return asked


def undo_token_in(html):
    return re.search(r'name="answer" value="([^"]+)"', html).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Undo your last flashcard rating"), ("ar", "تراجع عن")]
)
def test_a_rated_flashcard_offers_undo_which_shows_it_again_to_rate(
    signed_in, pool, ask, lang, label
):
    asked = rated_flashcard(signed_in, ask, pool, lang=lang)
    card = Card.objects.get(pk=asked.card_id)
    page = signed_in.get(f"/{lang}/study/questions/{asked.pk}/").content.decode()
    assert label in page and f'action="/{lang}/study/questions/{asked.pk}/undo/"' in page
    response = signed_in.post(
        f"/{lang}/study/questions/{asked.pk}/undo/", {"answer": undo_token_in(page)}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/study/questions/{asked.pk}/"
    again = signed_in.get(response["Location"]).content.decode()
    assert again.count('name="rating"') == 4, "turned over, to be rated again"
    assert not Review.objects.filter(question=asked).exists()
    assert Card.objects.get(pk=asked.card_id).reps == card.reps - 1


@pytest.mark.django_db
def test_undo_with_htmx_swaps_the_card_and_the_address(signed_in, pool, ask):
    asked = rated_flashcard(signed_in, ask, pool)
    page = signed_in.get(f"/en/study/questions/{asked.pk}/").content.decode()
    response = signed_in.post(
        f"/en/study/questions/{asked.pk}/undo/", {"answer": undo_token_in(page)}, headers=HTMX
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"/en/study/questions/{asked.pk}/"
    html = response.content.decode()
    assert "<html" not in html and html.count('name="rating"') == 4


@pytest.mark.django_db
def test_the_next_question_offers_undo_of_the_rating_before_it(signed_in, learner, study_facts):
    session = study.start_session(learner=learner, now=dt.datetime.now(dt.UTC))
    for _ in range(12):
        asked = study.current_question(session, now=dt.datetime.now(dt.UTC))
        if asked.kind == "flashcard":
            break
        question = study.stored_question(asked)
        study.answer(asked, response=question.answer, now=dt.datetime.now(dt.UTC))
    assert asked.kind == "flashcard"
    signed_in.post(f"/en/study/questions/{asked.pk}/reveal/")
    signed_in.post(f"/en/study/questions/{asked.pk}/answer/", {"rating": "2"})
    page = signed_in.get(f"/en/study/sessions/{session.pk}/").content.decode()
    following = AskedQuestion.objects.get(session=session, position=asked.position + 1)
    assert f"/en/study/questions/{following.pk}/" in page
    assert f'action="/en/study/questions/{asked.pk}/undo/"' in page
    signed_in.post(f"/en/study/questions/{asked.pk}/undo/", {"answer": undo_token_in(page)})
    back = signed_in.get(f"/en/study/sessions/{session.pk}/").content.decode()
    assert f"/en/study/questions/{asked.pk}/answer/" in back, "the session shows it again first"


@pytest.mark.django_db
def test_no_undo_after_a_multiple_choice_answer(signed_in, pool, ask):
    question = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(question)
    signed_in.post(f"/en/study/questions/{asked.pk}/answer/", {"choice": "0"})
    page = signed_in.get(f"/en/study/questions/{asked.pk}/").content.decode()
    assert "/undo/" not in page
    response = signed_in.post(f"/en/study/questions/{asked.pk}/undo/", {"answer": "x"})
    assert response.status_code == 400
    assert "Only a flashcard rating can be undone." in response.content.decode()
    assert Review.objects.filter(question=asked).count() == 1


@pytest.mark.django_db
def test_a_stale_undo_is_refused_with_a_message_and_changes_nothing(signed_in, pool, ask):
    asked = rated_flashcard(signed_in, ask, pool)
    page = signed_in.get(f"/en/study/questions/{asked.pk}/").content.decode()
    token = undo_token_in(page)
    signed_in.post(f"/en/study/questions/{asked.pk}/undo/", {"answer": token})
    signed_in.post(f"/en/study/questions/{asked.pk}/answer/", {"rating": "3"})
    response = signed_in.post(f"/en/study/questions/{asked.pk}/undo/", {"answer": token})
    assert response.status_code == 400
    assert "already undone" in response.content.decode()
    assert list(Review.objects.filter(question=asked).values_list("rating", flat=True)) == [3]


@pytest.mark.django_db
def test_undo_needs_csrf_and_a_post_and_the_learners_own_question(learner, make_learner, pool, ask):
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    study.reveal(asked, now=dt.datetime.now(dt.UTC))
    study.answer(asked, response=1, now=dt.datetime.now(dt.UTC))
    asked.refresh_from_db()
    token = study.undo_token(asked)
    url = f"/en/study/questions/{asked.pk}/undo/"
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner.user)
    assert strict.post(url, {"answer": token}).status_code == 403
    assert strict.get(url).status_code == 405
    other = Client()
    other.force_login(make_learner("omar").user)
    assert other.post(url, {"answer": token}).status_code == 404
    assert Review.objects.filter(question=asked).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_summary_lists_each_answer_with_the_right_one(signed_in, learner, pool, ask, lang):
    mcq = questions.make_mcq(pool["fighters"], pool, random.Random(11))
    asked = ask(mcq)
    session = asked.session
    wrong = next(i for i in range(4) if i != mcq.answer)
    signed_in.post(f"/{lang}/study/questions/{asked.pk}/answer/", {"choice": str(wrong)})
    order = questions.make_ordering(pool, random.Random(2), size=4)
    second = AskedQuestion.objects.create(
        session=session,
        learner=learner,
        position=1,
        kind="ordering",
        fact_id=Card.objects.get().fact_id,
        payload=order.to_json(),
        created_at=asked.created_at,
    )
    answer = [str(i) for i in order.answer]
    signed_in.post(f"/{lang}/study/questions/{second.pk}/answer/", {"order": answer})
    page = signed_in.get(f"/{lang}/study/sessions/{session.pk}/summary/").content.decode()
    review = page[page.index('class="session-answers"') :]
    shown = questions.render(mcq, pool, lang)
    items = re.findall(r'<li class="session-answer ([^"]*)">', review)
    assert items == ["is-wrong", "is-right"], "in the order asked, marked"
    assert shown.prompt in review
    mine = review.index(shown.options[wrong])
    assert review.index(shown.options[mcq.answer]) > mine, "the right answer after theirs"
    wrong_word = "خطأ" if lang == "ar" else "Wrong"
    assert f'<span aria-hidden="true">✗</span> {wrong_word}' in review, "in words, not colour alone"
    placed = questions.render(order, pool, lang)
    for label in placed.options:
        assert label in review


@pytest.mark.django_db
def test_the_summary_shows_a_flashcards_rating_and_reads_in_constant_queries(
    signed_in, learner, pool, ask
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    asked = rated_flashcard(signed_in, ask, pool, rating="2")
    url = f"/en/study/sessions/{asked.session_id}/summary/"
    with CaptureQueriesContext(connection) as one:
        page = signed_in.get(url).content.decode()
    assert "Flashcard, rated “Hard”" in page and "Palmyra" in page
    for position, slug in enumerate(["nimrud", "hatra", "mosul"], start=1):
        more = AskedQuestion.objects.create(
            session=asked.session,
            learner=learner,
            position=position,
            kind="flashcard",
            fact=Card.objects.get().fact,
            payload=questions.make_flashcard(pool[slug]).to_json(),
            created_at=asked.created_at,
            revealed_at=asked.created_at,
            answered_at=asked.answered_at,
            response=3,
            score=1.0,
        )
        assert more.pk
    with CaptureQueriesContext(connection) as four:
        page = signed_in.get(url).content.decode()
    assert page.count('class="session-answer ') == 4
    assert len(four) == len(one)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title", "undo"),
    [
        ("en", "Keyboard shortcuts", "Undo your last flashcard rating"),
        ("ar", "اختصارات لوحة المفاتيح", "تراجع عن آخر تقييم لبطاقة تعليمية"),
    ],
)
def test_the_shortcuts_are_listed_without_javascript(signed_in, pool, ask, lang, title, undo):
    asked = ask(questions.make_flashcard(pool["palmyra"]))
    page = unanswered_html(signed_in, asked, lang)
    details = page[page.index('<details class="shortcuts"') :]
    assert f"<summary>{title}" in details and undo in details
    assert '<dialog class="shortcut-dialog"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "in_place"),
    [
        ("en", "in its place, but an event before it belongs after it, and one after it before it"),
        ("ar", "في موضعه الصحيح، لكن حدثًا قبله مكانه بعده، وحدثًا بعده مكانه قبله"),
    ],
)
def test_an_event_in_its_place_but_marked_wrong_says_why(signed_in, pool, ask, lang, in_place):
    """Found on the walk: an event left at its right position was marked ✗ with "belongs at
    position 3" beside it at position 3 (✓ needs every other event on its right side)."""
    question = questions.make_ordering(pool, random.Random(2), size=3)
    asked = ask(question)
    reversed_order = [str(i) for i in reversed(question.answer)]  # the middle stays in place
    signed_in.post(f"/{lang}/study/questions/{asked.pk}/answer/", {"order": reversed_order})
    page = question_markup(signed_in.get(f"/{lang}/study/questions/{asked.pk}/").content.decode())
    result = page[page.index('class="result-list"') :]
    items = result.split('<li class="result-item')[1:]
    assert len(items) == 3 and all("is-wrong" in item for item in items)
    assert in_place in items[1]
    assert in_place not in items[0] and in_place not in items[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "now_word", "later_word"),
    [("ar", "مستحقّة الآن", "مستحقّة لاحقًا اليوم"), ("en", "Due now", "Due later today")],
)
def test_the_study_page_tells_due_now_from_due_later_today(
    signed_in, learner, study_facts, time_machine, lang, now_word, later_word
):
    """A learner read "Reviews due 0" beside a dashboard's "Due today 16": both true, one
    counting what is due now, the other the whole study day."""
    now = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)  # a UTC learner's day ends at 04:00
    time_machine.move_to(now, tick=False)
    for (_slug, fact), hours in zip(study_facts.items(), [-1, 2, 3, 30], strict=False):
        Card.objects.create(
            learner=learner,
            fact=fact,
            due=now + dt.timedelta(hours=hours),
            created_at=now - dt.timedelta(days=3),
            state=State.REVIEW,
            step=None,
        )
    page = signed_in.get(f"/{lang}/study/").content.decode()
    assert f"<dt>{now_word}</dt><dd>1</dd>" in page
    assert f"<dt>{later_word}</dt><dd>2</dd>" in page
