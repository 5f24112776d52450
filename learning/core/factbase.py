"""PURE: read and validate the fact base in `fixtures/` before anything is written.

The files are Django JSON fixtures with natural keys (slugs, no primary keys). Validation
collects every problem, each naming the file, the record's slug and the field, so an author
can fix a broken file in one pass; `load_facts` loads nothing while any problem remains.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from learning.core import values
from learning.core.fields import (
    FACT_COLUMNS,
    SOURCE_COLUMNS,
    TOPIC_COLUMNS,
    cited_document,
    fact_data,
)
from learning.core.values import Kind, Precision, Qualifier

FIXTURE_DIRECTORY = Path(__file__).resolve().parents[2] / "fixtures"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A]")
LATIN_LETTER_RE = re.compile(r"[A-Za-z]")

SOURCE_MODEL = "learning.source"
TOPIC_MODEL = "learning.topic"
FACT_MODEL = "learning.fact"

ALLOWED = {
    SOURCE_MODEL: set(SOURCE_COLUMNS),
    TOPIC_MODEL: set(TOPIC_COLUMNS),
    FACT_MODEL: set(FACT_COLUMNS),
}
# What belongs to each kind of fact; a field of another kind must stay empty.
KIND_FIELDS = {
    Kind.QUANTITY: {"number", "unit", "qualifier"},
    Kind.DATE: {
        "date_start",
        "date_end",
        "precision",
        "label_ar",
        "label_en",
        "basis_ar",
        "basis_en",
    },
    Kind.ENTITY: {"entity_type", "answer_ar", "answer_en"},
    Kind.STATEMENT: {"false_statement_ar", "false_statement_en"},
}
# The fixture files, in the order they load: what later files name must exist first.
FILE_ORDER = ("sources.json", "topics.json")


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    model: str
    slug: str
    field: str
    message: str

    def __str__(self) -> str:
        what = {SOURCE_MODEL: "source", TOPIC_MODEL: "topic", FACT_MODEL: "fact"}.get(
            self.model, "record"
        )
        if not (self.model or self.slug):
            return f"{self.file}: {self.message}"
        where = f"{self.file}: {what} '{self.slug or '?'}'"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class FixtureError(Exception):
    """The fact base has problems; nothing may be loaded."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class FixtureSet:
    """Every record of the fact base, grouped by model, as read from the files."""

    files: list[tuple[str, list[Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def records(self, model: str) -> list[tuple[str, dict[str, Any]]]:
        found = []
        for name, records in self.files:
            for record in records:
                if isinstance(record, dict) and record.get("model") == model:
                    fields = record.get("fields")
                    found.append((name, fields if isinstance(fields, dict) else {}))
        return found


def fixture_paths(directory: Path) -> list[Path]:
    """sources.json, topics.json, then every facts*.json, in a stable order."""
    ordered = [directory / name for name in FILE_ORDER if (directory / name).exists()]
    return ordered + sorted(directory.glob("facts*.json"))


def read(paths: Iterable[Path]) -> FixtureSet:
    """Parse the files; malformed JSON becomes a problem naming the file, line and column."""
    fixture = FixtureSet()
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            fixture.problems.append(
                Problem(
                    path.name,
                    "",
                    "",
                    "",
                    f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                )
            )
            continue
        except (OSError, UnicodeDecodeError) as exc:
            fixture.problems.append(Problem(path.name, "", "", "", f"cannot read the file: {exc}"))
            continue
        if not isinstance(data, list):
            fixture.problems.append(
                Problem(path.name, "", "", "", "a fixture file holds a JSON list of records")
            )
            continue
        fixture.files.append((path.name, data))
    return fixture


class _Checker:
    """Collects the problems of one record."""

    def __init__(self, file: str, model: str, fields: Mapping[str, Any]) -> None:
        self.file, self.model, self.fields = file, model, fields
        slug = fields.get("slug")
        self.slug = slug if isinstance(slug, str) else ""
        self.problems: list[Problem] = []

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.model, self.slug, field_name, message))

    def present(self, name: str) -> bool:
        return self.fields.get(name) not in (None, "")

    def text(self, name: str) -> None:
        """A translated text, present and in the right script in both languages."""
        for lang in values.LANGS:
            key = f"{name}_{lang}"
            value = self.fields.get(key)
            if not isinstance(value, str) or not value.strip():
                self.fail(key, f"missing: the {name} must be given in both languages")
            elif lang == "ar" and not ARABIC_LETTER_RE.search(value):
                self.fail(key, "the Arabic text has no Arabic letters")
            elif lang == "en" and not LATIN_LETTER_RE.search(value):
                self.fail(key, "the English text has no Latin letters")

    def slug_field(self, name: str) -> str | None:
        value = self.fields.get(name)
        if not isinstance(value, str) or not SLUG_RE.match(value):
            self.fail(name, f"{value!r} is not a slug (lowercase letters, digits and hyphens)")
            return None
        return value

    def date(self, name: str) -> dt.date | None:
        value = self.fields.get(name)
        if not isinstance(value, str):
            self.fail(name, "missing: a date written YYYY-MM-DD")
            return None
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(
            name,
            f"{value!r} is not a date written YYYY-MM-DD "
            "(a year is YYYY-01-01 and a month YYYY-MM-01, with the precision saying which)",
        )
        return None

    def precision(self, name: str) -> Precision | None:
        value = self.fields.get(name)
        try:
            return Precision(str(value))  # JSON: only a string can name one
        except ValueError:
            self.fail(name, f"{value!r} is not one of year, month, day")
            return None

    def dated(self, date_name: str, precision_name: str) -> tuple[dt.date, Precision] | None:
        """A date and its precision, consistent with each other."""
        day = self.date(date_name)
        precision = self.precision(precision_name)
        if day is None or precision is None:
            return None
        if not values.date_is_at_precision(day, precision):
            self.fail(
                date_name,
                f"{day.isoformat()} does not match precision '{precision}' "
                f"(a {precision} is written "
                f"{'YYYY-01-01' if precision == Precision.YEAR else 'YYYY-MM-01'})",
            )
            return None
        return day, precision

    def whole(self, name: str, *, minimum: int) -> int | None:
        value = self.fields.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(name, f"{value!r} is not a whole number of at least {minimum}")
            return None
        return value

    def known_fields(self) -> None:
        for name in self.fields:
            if name not in ALLOWED[self.model]:
                self.fail(name, "unknown field (a typo?)")


def _natural_key(check: _Checker, name: str, known: Mapping[str, Any], what: str) -> Any:
    value = check.fields.get(name)
    if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)):
        check.fail(name, f'a {what} is named by its slug in a list, e.g. ["{what}-slug"]')
        return None
    if value[0] not in known:
        check.fail(name, f"unknown {what} '{value[0]}'")
        return None
    return known[value[0]]


def _check_source(check: _Checker) -> None:
    check.slug_field("slug")
    if not check.present("filename"):
        check.fail("filename", "missing: the seed document's file name")
    check.text("title")
    check.text("publisher")
    check.dated("published_on", "published_precision")
    count = check.whole("paragraph_count", minimum=1)
    skipped = check.fields.get("non_content_paragraphs", [])
    if not (isinstance(skipped, list) and all(type(n) is int for n in skipped)):
        check.fail("non_content_paragraphs", "a list of paragraph numbers, e.g. [2, 9]")
    elif count is not None and any(not 1 <= n <= count for n in skipped):
        check.fail("non_content_paragraphs", f"a paragraph outside 1–{count}")


@dataclass(frozen=True, slots=True)
class Document:
    """What a fact's citation is checked against: how many paragraphs, and which are not
    content (a heading or a share button says nothing a fact could rest on)."""

    paragraph_count: int
    non_content: frozenset[int] = frozenset()


def _check_topic(check: _Checker) -> None:
    check.slug_field("slug")
    check.text("name")
    check.text("description")
    check.whole("position", minimum=0)


def _check_quantity(check: _Checker) -> None:
    number: Decimal | None = None
    raw = check.fields.get("number")
    if raw in (None, ""):
        check.fail("number", "missing: every quantity needs a number")
    else:
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            check.fail("number", f'{raw!r} is not a number (write it as a string: "7700000")')
        if number is not None and (not number.is_finite() or number <= 0):
            check.fail("number", f"{raw!r} must be a positive number")
            number = None
    unit_code = check.fields.get("unit")
    unit = None
    if unit_code in (None, ""):
        check.fail("unit", "missing: every quantity needs a unit")
    elif unit_code not in values.UNITS:
        check.fail("unit", f"unknown unit '{unit_code}' (known: {', '.join(sorted(values.UNITS))})")
    else:
        unit = values.UNITS[unit_code]
    qualifier = check.fields.get("qualifier", Qualifier.EXACT.value)
    if qualifier not in {q.value for q in Qualifier}:
        check.fail("qualifier", f"{qualifier!r} is not one of exact, more_than, up_to, about")
    if number is None or unit is None:
        return
    if unit.integral and number != number.to_integral_value():
        check.fail("number", f"{number} {unit.code} must be a whole number")
    if unit.style == values.UnitStyle.PERCENT and number > 100:
        check.fail("number", f"{number}% is over 100")
    if (
        unit.style == values.UnitStyle.FRACTION
        and values.fraction_key(number) not in values.FRACTIONS
    ):
        check.fail("number", f"{number} is not a share we can name (one half, one fifth…)")


def _check_date(check: _Checker, as_of: tuple[dt.date, Precision] | None) -> None:
    start = check.dated("date_start", "precision")
    check.text("label")
    if check.present("basis_ar") or check.present("basis_en"):
        check.text("basis")
    if start is None:
        return
    day, precision = start
    end_day = None
    if check.present("date_end"):
        end_day = check.date("date_end")
        if end_day is not None and not values.date_is_at_precision(end_day, precision):
            check.fail("date_end", f"{end_day.isoformat()} does not match precision '{precision}'")
        elif end_day is not None and end_day <= day:
            check.fail("date_end", "the end of a range comes after its start")
    if as_of is not None:
        last_known = values.period_end(*as_of)
        if day > last_known:
            check.fail("date_start", "the event is dated after the fact's as-of date")


def _check_fact(
    check: _Checker,
    sources: Mapping[str, Document],
    topics: Mapping[str, bool],
    seen: dict[str, str],
) -> None:
    check.known_fields()
    slug = check.slug_field("slug")
    if slug is not None:
        if slug in seen:
            check.fail("slug", f"the slug is used twice (also in {seen[slug]})")
        else:
            seen[slug] = check.file
    _natural_key(check, "topic", topics, "topic")
    document = _natural_key(check, "source", sources, "source")
    paragraph = check.whole("paragraph", minimum=1)
    if paragraph is not None and document is not None:
        if paragraph > document.paragraph_count:
            check.fail(
                "paragraph",
                f"paragraph {paragraph} is past the document's {document.paragraph_count}",
            )
        elif paragraph in document.non_content:
            check.fail(
                "paragraph", f"paragraph {paragraph} is not content (a heading or a share button)"
            )
    if check.present("group"):
        check.slug_field("group")
    as_of = check.dated("as_of", "as_of_precision")
    for name in ("statement", "stem", "explanation"):
        check.text(name)

    raw_kind = check.fields.get("kind")
    try:
        kind = Kind(str(raw_kind))
    except ValueError:
        check.fail("kind", f"{raw_kind!r} is not one of quantity, date, entity, statement")
        return
    for other, names in KIND_FIELDS.items():
        if other == kind:
            continue
        for name in names:
            # An exact qualifier is the default, harmless on any kind.
            if check.present(name) and not (name == "qualifier" and check.fields[name] == "exact"):
                check.fail(name, f"belongs to a {other} fact, not a {kind} fact")

    for lang in values.LANGS:
        key = f"statement_{lang}"
        text = check.fields.get(key)
        if not isinstance(text, str):
            continue
        holes = text.count("{value}")
        stray = text.replace("{value}", "").count("{") + text.replace("{value}", "").count("}")
        if kind == Kind.STATEMENT and holes:
            check.fail(key, "a statement fact has no {value} to fill")
        elif kind != Kind.STATEMENT and holes != 1:
            check.fail(key, "must hold {value} exactly once, where the value goes")
        if stray:
            check.fail(key, "has a brace that is not part of {value}")

    match kind:
        case Kind.QUANTITY:
            _check_quantity(check)
        case Kind.DATE:
            _check_date(check, as_of)
        case Kind.ENTITY:
            check.text("answer")
            if not check.present("entity_type"):
                check.fail("entity_type", "missing: what kind of name answers (city, country…)")
            else:
                check.slug_field("entity_type")
        case Kind.STATEMENT:
            check.text("false_statement")


def validate(
    fixture: FixtureSet,
    *,
    known_sources: Mapping[str, Document] | None = None,
    known_topics: Iterable[str] = (),
) -> list[Problem]:
    """Every problem of the fact base; `known_*` are rows already in the database."""
    problems = list(fixture.problems)
    for name, records in fixture.files:
        for index, record in enumerate(records, start=1):
            if not isinstance(record, dict) or not isinstance(record.get("fields"), dict):
                problems.append(
                    Problem(name, "", f"#{index}", "", 'a record is {"model": …, "fields": {…}}')
                )
            elif record.get("model") not in ALLOWED:
                problems.append(
                    Problem(
                        name, "", f"#{index}", "model", f"unknown model {record.get('model')!r}"
                    )
                )
            elif "pk" in record:
                slug = record["fields"].get("slug", f"#{index}")
                problems.append(
                    Problem(name, record["model"], slug, "pk", "name records by slug, not by pk")
                )

    sources: dict[str, Document] = dict(known_sources or {})
    for name, fields in fixture.records(SOURCE_MODEL):
        check = _Checker(name, SOURCE_MODEL, fields)
        check.known_fields()
        _check_source(check)
        problems += check.problems
        if not check.problems:
            sources[fields["slug"]] = Document(
                fields["paragraph_count"], frozenset(fields.get("non_content_paragraphs", []))
            )

    topics: dict[str, bool] = dict.fromkeys(known_topics, True)
    for name, fields in fixture.records(TOPIC_MODEL):
        check = _Checker(name, TOPIC_MODEL, fields)
        check.known_fields()
        _check_topic(check)
        problems += check.problems
        if not check.problems:
            topics[fields["slug"]] = True

    seen: dict[str, str] = {}
    for name, fields in fixture.records(FACT_MODEL):
        check = _Checker(name, FACT_MODEL, fields)
        _check_fact(check, sources, topics, seen)
        problems += check.problems
    return problems


def to_fact_data(fixture: FixtureSet) -> list[values.FactData]:
    """The facts of a VALID fixture set as FactData (validate first)."""
    sources = {record["slug"]: record for _, record in fixture.records(SOURCE_MODEL)}
    facts = []
    for _, record in fixture.records(FACT_MODEL):
        # A related row is named by its natural key, ["slug"]: the converter takes the slug.
        stored = {name: v[0] if isinstance(v, list) else v for name, v in record.items()}
        document = cited_document(sources[stored["source"]])
        facts.append(fact_data(stored, document=document))
    return facts


def read_fact_base(directory: Path) -> list[values.FactData]:
    """Read, validate and detach the whole fact base, without a database."""
    fixture = read(fixture_paths(directory))
    problems = validate(fixture)
    if problems:
        raise FixtureError(problems)
    return to_fact_data(fixture)
