"""Request parsing (learning/forms.py): an answer or a move from form data, or a clear refusal."""

import pytest
from django.http import QueryDict
from django.utils import translation

from learning import forms
from learning.core.questions import Question, QuestionKind
from learning.presenters import Arrangement
from learning.study import StudyError

MCQ = Question(QuestionKind.MCQ, ("a",), (1, 2, 3, 4), 2, 0.5)
ORDERING = Question(QuestionKind.ORDERING, ("a", "b", "c"), (1, 2, 3), (2, 0, 1), 0.5)
FLASHCARD = Question(QuestionKind.FLASHCARD, ("a",), (1,), 0, 0.0)


def form(query: str) -> QueryDict:
    return QueryDict(query)


@pytest.mark.parametrize(
    ("question", "query", "response"),
    [
        (MCQ, "choice=3", 3),
        (ORDERING, "order=1&order=2&order=0", [1, 2, 0]),
        (FLASHCARD, "rating=4", 4),
    ],
)
def test_an_answer_that_fits_the_question_is_read(question, query, response):
    assert forms.parse_response(question, form(query)) == response


@pytest.mark.parametrize(
    ("question", "query", "message"),
    [
        (MCQ, "", "Choose one of the answers shown."),
        (MCQ, "choice=1&choice=2", "Choose one of the answers shown."),
        (MCQ, "choice=two", "Choose one of the answers shown."),
        (MCQ, "choice=4", "Choose one of the answers shown."),
        (ORDERING, "order=0&order=1", "Send every event of the list exactly once"),
        (ORDERING, "order=0&order=0&order=1", "Send every event of the list exactly once"),
        (FLASHCARD, "rating=5", "Rate yourself with one of: Again, Hard, Good or Easy."),
        (FLASHCARD, "choice=1", "Rate yourself with one of: Again, Hard, Good or Easy."),
    ],
)
def test_an_answer_that_does_not_fit_is_refused_with_what_to_send(question, query, message):
    with translation.override("en"), pytest.raises(StudyError, match=message):
        forms.parse_response(question, form(query))


def test_the_refusal_is_in_the_pages_language():
    with translation.override("ar"), pytest.raises(StudyError) as refused:
        forms.parse_response(MCQ, form("choice=9"))
    assert "Choose" not in str(refused.value)
    assert str(refused.value).strip()


def test_an_arrangement_is_read_from_the_address():
    assert forms.parse_arrangement(form("order=0,2,1&moved=2:up")) == Arrangement(
        order=(0, 2, 1), moved="2", toward="up"
    )


@pytest.mark.parametrize("query", ["", "order=", "order=0,x,1", "order=,"])
def test_an_unreadable_arrangement_is_the_order_shown(query):
    assert forms.parse_arrangement(form(query)).order == ()


def test_a_move_is_read_and_applied():
    move = forms.parse_move(form("order=0&order=2&order=1&move=2:up"), size=3)
    assert (move.index, move.direction) == (2, "up")
    assert move.result() == [2, 0, 1]
    down = forms.parse_move(form("order=0&order=2&order=1&move=2:down"), size=3)
    assert down.result() == [0, 1, 2]


@pytest.mark.parametrize(
    ("query", "result"),
    [
        ("order=0&order=1&order=2&move=0:up", [0, 1, 2]),
        ("order=0&order=1&order=2&move=2:down", [0, 1, 2]),
    ],
)
def test_a_move_past_either_end_leaves_the_order(query, result):
    assert forms.parse_move(form(query), size=3).result() == result


@pytest.mark.parametrize(
    "query",
    [
        "order=0&order=1&order=2&move=1:sideways",
        "order=0&order=1&order=2&move=7:up",
        "order=0&order=1&move=1:up",
        "order=0&order=0&order=1&move=1:up",
        "order=0&order=1&order=2&move=1",
        "order=0&order=1&order=2&move=one:up",
        "order=a&order=1&order=2&move=1:up",
        "order=0&order=1&order=2",
    ],
)
def test_anything_else_is_not_a_move(query):
    with pytest.raises(ValueError):
        forms.parse_move(form(query), size=3)


def test_fields_typed_in_either_language_take_the_direction_of_what_is_typed():
    from learning.forms import AssignmentForm, ClassForm, JoinForm, PreferencesForm

    for form, field in (
        (ClassForm, "name"),
        (JoinForm, "name"),
        (PreferencesForm, "name"),
        (AssignmentForm, "title"),
    ):
        assert form.base_fields[field].widget.attrs.get("dir") == "auto", (form.__name__, field)
