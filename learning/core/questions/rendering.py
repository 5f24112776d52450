"""A question as shown in one language: prompt, options, and what the back of the card says."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from learning.core.questions.question import (
    FALSE,
    TRUE,
    DateValue,
    Question,
    QuestionKind,
    Value,
    fact_value,
)
from learning.core.values import (
    LANGS,
    FactData,
    Kind,
    fill_statement,
    format_citation,
    format_quantity,
)

TRUE_FALSE_WORDS: dict[str, tuple[str, str]] = {"ar": ("صحيح", "خطأ"), "en": ("True", "False")}
ORDERING_PROMPT: dict[str, str] = {
    "ar": "رتّب هذه الأحداث ترتيبًا زمنيًا، من الأقدم إلى الأحدث.",
    "en": "Put these events in chronological order, earliest first.",
}
LIST_SEPARATOR: dict[str, str] = {"ar": "؛ ", "en": "; "}
# A date the document counts from its own, unstated date shows that basis (SPEC section 1):
# after the stem or statement, and beside the event's label in an ordering question.
BASIS_NOTE: dict[str, str] = {
    "ar": "(يُحسب التاريخ من {basis}.)",
    "en": "(The date is counted from {basis}.)",
}
BASIS_LABEL: dict[str, str] = {
    "ar": "{label} (يُحسب تاريخه من {basis})",
    "en": "{label} (date counted from {basis})",
}
# The back of a flashcard that asks for one member of a list: every member, any of them right.
ANY_MEMBER: dict[str, str] = {
    "ar": "أيٌّ منها إجابة صحيحة: {members}",
    "en": "Any of these is right: {members}",
}
MEMBER_SEPARATOR: dict[str, str] = {"ar": "، ", "en": ", "}


def value_text(value: Value, fact: FactData, lang: str, *, genitive: bool = False) -> str:
    """An option value as it reads in `lang`, with the asked fact's unit and qualifier.

    `genitive`: as it reads after an Arabic preposition (only a dual changes: الثلثين).
    """
    if isinstance(value, bool):
        return TRUE_FALSE_WORDS[lang][TRUE if value else FALSE]
    if isinstance(value, Decimal):
        return format_quantity(value, fact.unit, fact.qualifier, lang, genitive=genitive)
    return value.text(lang)


def statement_with(fact: FactData, value: Value, lang: str) -> str:
    """The fact's statement with `value` in place of its own (a statement fact: true or false)."""
    if fact.kind == Kind.STATEMENT:
        if value is True or fact.false_statement is None:
            return fact.statement[lang]
        return fact.false_statement[lang]
    return fill_statement(
        fact.statement[lang],
        lang,
        lambda genitive: value_text(value, fact, lang, genitive=genitive),
    )


@dataclass(frozen=True, slots=True)
class Back:
    """What is shown after answering, and on a flashcard's back."""

    answer: str  # the true value as it reads (ordering: the events in order, with their dates)
    statement: str  # the fact's statement with its true value
    explanation: str
    source: str


@dataclass(frozen=True, slots=True)
class Rendered:
    """A question as shown in one language."""

    kind: QuestionKind
    lang: str
    prompt: str
    options: list[str]
    answer: int | list[int]
    back: Back
    notes: list[str]  # ordering: each shown event's date, to reveal after answering


def render(question: Question, facts: Mapping[str, FactData], lang: str) -> Rendered:
    """The question in `lang` ("ar" or "en"); `facts` maps slugs to facts (a FactPool will do)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    if question.kind == QuestionKind.ORDERING:
        return _render_ordering(question, facts, lang)
    fact = facts[question.facts[0]]
    back = _back(fact, lang)
    match question.kind:
        case QuestionKind.MCQ:
            prompt = _with_basis(fact.stem[lang], fact, lang)
            options = [value_text(v, fact, lang) for v in question.options]
        case QuestionKind.TRUEFALSE:
            prompt = _with_basis(statement_with(fact, question.options[0], lang), fact, lang)
            options = list(TRUE_FALSE_WORDS[lang])
        case QuestionKind.FLASHCARD:
            prompt = _with_basis(fact.stem[lang] or fact.statement[lang], fact, lang)
            if len(question.options) > 1:  # one member of a list: any of them is right
                back = _any_member(back, question.options, fact, lang)
            options = [back.answer]
    assert isinstance(question.answer, int)
    return Rendered(question.kind, lang, prompt, options, question.answer, back, [])


def _with_basis(text: str, fact: FactData, lang: str) -> str:
    """The prompt, followed by what the fact's date is counted from when it has a basis."""
    if not fact.basis:
        return text
    return f"{text} {BASIS_NOTE[lang].format(basis=fact.basis[lang])}"


def _label(event: FactData, lang: str) -> str:
    """An event's label in an ordering question, with its basis when it has one."""
    label = event.label[lang] if event.label else event.slug
    if not event.basis:
        return label
    return BASIS_LABEL[lang].format(label=label, basis=event.basis[lang])


def _back(fact: FactData, lang: str) -> Back:
    true = fact_value(fact)
    statement = statement_with(fact, true, lang)
    answer = statement if fact.kind == Kind.STATEMENT else value_text(true, fact, lang)
    return Back(answer, statement, fact.explanation[lang], fact.citation[lang])


def _any_member(back: Back, members: Sequence[Value], fact: FactData, lang: str) -> Back:
    """The back listing every member, in the order the explanation names them (it follows
    the document), those it does not name after."""
    names = [value_text(v, fact, lang) for v in members]
    explanation = fact.explanation[lang]

    def place(name: str) -> int:
        found = explanation.find(name)
        return found if found >= 0 else len(explanation)

    listed = MEMBER_SEPARATOR[lang].join(sorted(names, key=place))
    answer = ANY_MEMBER[lang].format(members=listed)
    return Back(answer, back.statement, back.explanation, back.source)


def _render_ordering(question: Question, facts: Mapping[str, FactData], lang: str) -> Rendered:
    events = [facts[slug] for slug in question.facts]
    labels = [_label(e, lang) for e in events]
    dates = [v.text(lang) if isinstance(v, DateValue) else "" for v in question.options]
    assert isinstance(question.answer, tuple)
    in_order = LIST_SEPARATOR[lang].join(f"{labels[i]} ({dates[i]})" for i in question.answer)
    sources = _grouped_citations([events[i] for i in question.answer], lang)
    return Rendered(
        question.kind,
        lang,
        ORDERING_PROMPT[lang],
        labels,
        list(question.answer),
        Back(in_order, "", "", sources),
        dates,
    )


def _grouped_citations(events: Sequence[FactData], lang: str) -> str:
    """One citation per document, naming all its paragraphs: "<document>, paragraphs 3, 10
    and 12"; documents in the order their first event comes."""
    paragraphs: dict[str, list[int]] = {}
    for event in events:
        paragraphs.setdefault(event.document[lang], []).append(event.paragraph)
    return LIST_SEPARATOR[lang].join(
        format_citation(document, numbers, lang) for document, numbers in paragraphs.items()
    )
