"""sample_questions prints generated questions from the facts in the database."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

KINDS = ("mcq", "truefalse", "ordering", "flashcard")


def run(*args: str) -> str:
    out = StringIO()
    call_command("sample_questions", *args, stdout=out)
    return out.getvalue()


def lines(*args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in run(*args, "--format", "json").splitlines()]


@pytest.fixture
def fact_base(make_fact: Any) -> None:
    make_fact(
        number=Decimal("67"),
        unit="partners",
        qualifier="exact",
        statement_ar="عدد الشركاء الدوليين في التحالف في أيلول/سبتمبر 2016: {value}",
        statement_en="International partners in the Coalition in September 2016: {value}",
    )
    make_fact(  # more than 25,000 personnel, asked as the figure the UK gave
        statement_ar="قدّرت المملكة المتحدة عدد أفراد القوات العراقية الذين درّبتهم ب{value}.",
        statement_en="The UK put the number of Iraqi forces personnel it had trained at {value}.",
        stem_ar="ما العدد الذي ذكرته المملكة المتحدة لأفراد القوات العراقية الذين درّبتهم؟",
        stem_en="What figure did the UK give for the Iraqi forces personnel it had trained?",
    )
    for n, (month, ar, en) in enumerate(
        [(1, "استعادة كوباني", "Kobani is retaken"), (7, "استعادة الموصل", "Mosul is retaken")]
    ):
        for year in (2015, 2017):
            make_fact(
                kind="date",
                number=None,
                unit="",
                qualifier="exact",
                date_start=dt.date(year, month, 1),
                precision="month",
                statement_ar=f"تاريخ الحدث {n}-{year}: {{value}}",
                statement_en=f"Date of event {n}-{year}: {{value}}",
                label_ar=f"{ar} {year}",
                label_en=f"{en} {year}",
            )
    for ar, en in [
        ("باريس", "Paris"),
        ("بروكسل", "Brussels"),
        ("لندن", "London"),
        ("ملبورن", "Melbourne"),
    ]:
        make_fact(
            kind="entity",
            number=None,
            unit="",
            qualifier="exact",
            entity_type="city",
            answer_ar=ar,
            answer_en=en,
            statement_ar="المدينة: {value}",
            statement_en="The city: {value}",
        )
    make_fact(
        kind="statement",
        number=None,
        unit="",
        qualifier="exact",
        statement_ar="ما زال داعش يمثّل تهديدًا خطيرًا.",
        statement_en="Daesh still poses a serious threat.",
        false_statement_ar="لم يعد داعش يمثّل أي تهديد.",
        false_statement_en="Daesh no longer poses any threat.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_kind_prints_one_json_question_a_line(fact_base, kind, lang):
    found = lines("--kind", kind, "--count", "6", "--seed", "3", "--lang", lang)
    assert len(found) == 6
    for q in found:
        assert {"kind", "facts", "prompt", "options", "answer", "difficulty"} <= set(q)
        assert q["prompt"] and all(isinstance(o, str) and o for o in q["options"])
        assert "{" not in q["prompt"]
        if kind == "ordering":
            assert q["kind"] == "ordering"
            assert sorted(q["answer"]) == list(range(len(q["options"])))
            assert 3 <= len(q["options"]) <= 4 and len(q["facts"]) == len(q["options"])
        else:
            assert 0 <= q["answer"] < len(q["options"]) and len(q["facts"]) == 1
        if kind == "mcq":
            assert q["kind"] in ("mcq", "truefalse")
            assert len(q["options"]) == (4 if q["kind"] == "mcq" else 2)
        if kind == "flashcard":
            assert len(q["options"]) == 1 and q["answer"] == 0
            assert q["back"]["source"] in q["options"][0]
    if kind == "truefalse":
        words = {"ar": ["صحيح", "خطأ"], "en": ["True", "False"]}[lang]
        assert all(q["options"] == words for q in found)


@pytest.mark.django_db
def test_a_more_than_figure_is_multiple_choice_only_when_asked_as_the_figure_given(
    fact_base, make_fact
):
    """Read as a bound, 'more than 12,000' is true of 'more than 25,000' and 'more than 37,000'
    undecided: a figure worded as a bound has no false value and is asked as a flashcard."""
    make_fact(slug="as-a-bound")  # "Members of the Iraqi forces trained by the UK: {value}"
    found = lines("--kind", "mcq", "--count", "40", "--seed", "1")
    asked = {q["facts"][0]: q["kind"] for q in found}
    assert asked["fact-2"] == "mcq"  # what figure did the UK give: more than 25,000
    assert asked["fact-1"] == "mcq"  # 67 partners
    assert asked["as-a-bound"] == "flashcard"


@pytest.mark.django_db
def test_same_seed_same_output(fact_base):
    for kind in KINDS:
        args = ("--kind", kind, "--count", "8", "--seed", "11")
        assert run(*args) == run(*args)
    assert run("--kind", "mcq", "--seed", "1") != run("--kind", "mcq", "--seed", "2")


@pytest.mark.django_db
def test_arabic_output_is_written_as_arabic_not_escaped(fact_base):
    out = run("--kind", "flashcard", "--count", "3", "--lang", "ar")
    assert "\\u06" not in out and "الفقرة" in out


@pytest.mark.django_db
def test_text_format_numbers_questions_letters_options_and_marks_the_answer(fact_base):
    out = run("--kind", "mcq", "--count", "2", "--seed", "5", "--format", "text")
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 2
    for number, block in enumerate(blocks, start=1):
        head, prompt, *options = block.splitlines()
        assert head.startswith(f"{number}. [")
        assert prompt.strip()
        assert sum(line.startswith(" * ") for line in options) == 1
        assert all(line[3:6] in ("a) ", "b) ", "c) ", "d) ") for line in options)
    ordering = run("--kind", "ordering", "--count", "1", "--format", "text", "--lang", "ar")
    assert ordering.strip().splitlines()[-1].startswith(" = ")


@pytest.mark.django_db
def test_an_empty_fact_base_asks_for_load_facts():
    with pytest.raises(CommandError, match="load_facts"):
        run("--kind", "mcq")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [("--count", "0"), ("--kind", "essay"), ("--lang", "fr"), ("--format", "xml")],
)
def test_bad_arguments_are_refused(fact_base, args):
    with pytest.raises(CommandError):
        run(*args)


@pytest.mark.django_db
def test_ordering_needs_three_events_that_can_be_ordered(make_fact):
    make_fact()
    with pytest.raises(CommandError, match="Fewer than three events"):
        run("--kind", "ordering")


@pytest.mark.django_db
def test_a_database_without_its_tables_asks_for_migrate_not_a_traceback(monkeypatch):
    """Bug: run on a fresh checkout before `migrate`, it printed a traceback of SQLite's."""
    from django.db import OperationalError

    from learning.models import Fact

    class NoTable:
        def order_by(self, *fields: str) -> None:
            raise OperationalError("no such table: learning_fact")

    monkeypatch.setattr(type(Fact.objects), "with_source", lambda manager: NoTable())
    with pytest.raises(CommandError, match=r"run `python manage\.py migrate`"):
        run("--kind", "mcq")
