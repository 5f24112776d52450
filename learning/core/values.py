"""PURE: the values a fact can hold, and how each reads in Arabic and English.

No Django import: the question generator, the fixture validator and the pages all format a
number, a unit, a qualifier or a date the same way through this module.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

LANGS = ("ar", "en")
Text = Mapping[str, str]  # one string per language code in LANGS


class Kind(StrEnum):
    QUANTITY = "quantity"
    DATE = "date"
    ENTITY = "entity"
    STATEMENT = "statement"


class Qualifier(StrEnum):
    EXACT = "exact"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    ABOUT = "about"


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class UnitStyle(StrEnum):
    COUNT = "count"  # a bare number; the noun lives in the stem or statement
    PERCENT = "percent"
    MONEY_GBP = "money_gbp"
    FRACTION = "fraction"  # a share of a reference amount: one fifth, a quarter…
    DURATION_YEARS = "duration_years"
    DURATION_DAYS = "duration_days"


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    style: UnitStyle
    label: Text  # a plural noun naming what is counted, for tables and the fact page
    integral: bool = True  # whole numbers only (counts of people, countries…)


UNITS: dict[str, Unit] = {
    u.code: u
    for u in (
        Unit("percent", UnitStyle.PERCENT, {"ar": "نسبة مئوية", "en": "percent"}, False),
        Unit("gbp", UnitStyle.MONEY_GBP, {"ar": "جنيه إسترليني", "en": "pounds sterling"}, False),
        Unit("fraction", UnitStyle.FRACTION, {"ar": "كسر", "en": "fraction"}, False),
        Unit("years", UnitStyle.DURATION_YEARS, {"ar": "أعوام", "en": "years"}),
        Unit("days", UnitStyle.DURATION_DAYS, {"ar": "أيام", "en": "days"}),
        Unit("partners", UnitStyle.COUNT, {"ar": "شركاء", "en": "partners"}),
        Unit("countries", UnitStyle.COUNT, {"ar": "دول", "en": "countries"}),
        Unit("organisations", UnitStyle.COUNT, {"ar": "منظمات", "en": "organisations"}),
        Unit("people", UnitStyle.COUNT, {"ar": "أشخاص", "en": "people"}, False),
        Unit("personnel", UnitStyle.COUNT, {"ar": "أفراد", "en": "personnel"}),
        Unit("airstrikes", UnitStyle.COUNT, {"ar": "ضربات جوية", "en": "airstrikes"}),
        Unit("followers", UnitStyle.COUNT, {"ar": "متابعون", "en": "followers"}),
        Unit("accounts", UnitStyle.COUNT, {"ar": "حسابات", "en": "accounts"}),
        Unit("attacks", UnitStyle.COUNT, {"ar": "اعتداءات", "en": "attacks"}),
        Unit("items", UnitStyle.COUNT, {"ar": "عناصر", "en": "items"}),
    )
}

# Arabic month names as the sources write them: Levantine name / international name.
MONTHS_AR = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)
MONTHS_EN = tuple(calendar.month_name[m] for m in range(1, 13))

QUALIFIER_TEXT: dict[Qualifier, Text] = {
    Qualifier.EXACT: {"ar": "{}", "en": "{}"},
    Qualifier.MORE_THAN: {"ar": "أكثر من {}", "en": "more than {}"},
    Qualifier.UP_TO: {"ar": "ما يصل إلى {}", "en": "up to {}"},
    Qualifier.ABOUT: {"ar": "نحو {}", "en": "about {}"},
}

# Shares of a whole, keyed by their value to four places (1/3 is stored as 0.3333).
FRACTIONS: dict[Decimal, Text] = {
    Decimal("0.5"): {"ar": "النصف", "en": "one half"},
    Decimal("0.3333"): {"ar": "الثلث", "en": "one third"},
    Decimal("0.25"): {"ar": "الربع", "en": "one quarter"},
    Decimal("0.2"): {"ar": "الخُمس", "en": "one fifth"},
    Decimal("0.1"): {"ar": "العُشر", "en": "one tenth"},
    Decimal("0.6667"): {"ar": "الثلثان", "en": "two thirds"},
    Decimal("0.75"): {"ar": "ثلاثة أرباع", "en": "three quarters"},
}
FRACTIONS_AR_GENITIVE: dict[Decimal, str] = {Decimal("0.6667"): "الثلثين"}  # the one dual


def fraction_key(number: Decimal) -> Decimal:
    """The FRACTIONS key for a share, whatever trailing zeros it was written with."""
    return number.quantize(Decimal("0.0001")).normalize()


def _plain(number: Decimal) -> str:
    """25000 -> '25,000'; 2.30 -> '2.3'; Western digits, comma for thousands, point for decimals."""
    number = number.normalize()
    if number == number.to_integral_value():
        return f"{int(number):,}"
    whole, _, frac = f"{number:f}".partition(".")
    return f"{int(whole):,}.{frac}"


# Arabic scale words: one, two (nominative, genitive; and, before the noun it counts, the
# construct forms that drop the final ن), three to ten, and any other count.
AR_SCALES = {
    "billion": ("مليار", ("ملياران", "مليارين"), ("مليارا", "ملياري"), "مليارات", "مليار"),
    "million": ("مليون", ("مليونان", "مليونين"), ("مليونا", "مليوني"), "ملايين", "مليون"),
}


def _scaled(
    number: Decimal, lang: str, *, genitive: bool = False, before_noun: bool = False
) -> str:
    """Large round numbers read with a scale word: 7,700,000 -> '7.7 million' / '7.7 مليون'.

    Arabic writes one and two of them as words, the two as a dual ("أكثر من مليونين", and
    before the noun it counts "ملياري جنيه"), not "2 مليون".
    """
    for scale, en in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if number >= scale and (number * 10 / scale) == (number * 10 / scale).to_integral_value():
            head = number / scale
            if lang == "en":
                return f"{_plain(head)} {en}"
            one, dual, construct, few, other = AR_SCALES[en]
            whole = head == head.to_integral_value()
            if whole and head == 1:
                return one
            if whole and head == 2:
                return (construct if before_noun else dual)[1 if genitive else 0]
            # 3 to 10 whole ones take the plural noun; every other count the singular.
            return f"{_plain(head)} {few if whole and 3 <= head <= 10 else other}"
    return _plain(number)


# Durations up to ten are written in words in both languages, so that in a list of options
# "one year" is not the only one spelled out. The counted nouns (عام، يوم) are masculine, so
# Arabic 3-10 take the feminine form of the numeral.
EN_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
AR_NUMBER_WORDS = ("ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")  # 3-10


def _duration(
    number: Decimal,
    lang: str,
    en: tuple[str, str],
    ar: tuple[str, str, str, str, str],
    *,
    genitive: bool,
) -> str:
    """Durations with Arabic number agreement, decided by the last two digits.

    one and two have their own words (the dual in the nominative, or in the genitive after a
    preposition or a qualifier: عامان / أكثر من عامين); 3-10 take the plural; 11-99 the
    singular accusative; a round hundred or thousand (and 101, 102…) the singular genitive.
    """
    n = int(number)
    if lang == "en":
        if n == 1:
            return f"one {en[0]}"
        return f"{EN_NUMBER_WORDS[n - 1] if n <= 10 else f'{n:,}'} {en[1]}"
    one, dual, dual_genitive, plural, accusative = ar
    singular = accusative.removesuffix("ًا").removesuffix("ا")
    if n == 1:
        return one
    if n == 2:
        return dual_genitive if genitive else dual
    if n <= 10:
        return f"{AR_NUMBER_WORDS[n - 3]} {plural}"
    tail = n % 100
    if 3 <= tail <= 10:
        noun = plural
    elif 11 <= tail <= 99:
        noun = accusative
    else:
        noun = singular
    return f"{n:,} {noun}"


def format_number(number: Decimal, unit_code: str, lang: str, *, genitive: bool = False) -> str:
    """The number with its unit, as it reads inside a sentence or an option.

    `genitive`: the Arabic after a preposition or a qualifier, where a dual changes its ending
    (الثلثان -> إلى الثلثين). Every other form this module writes is spelled the same in all
    cases.
    """
    unit = UNITS[unit_code]
    match unit.style:
        case UnitStyle.PERCENT:
            return f"{_plain(number)}%"
        case UnitStyle.MONEY_GBP:
            if lang == "en":
                return f"£{_scaled(number, lang)}"
            return f"{_scaled(number, lang, genitive=genitive, before_noun=True)} جنيه إسترليني"
        case UnitStyle.FRACTION:
            key = fraction_key(number)
            if genitive and lang == "ar" and key in FRACTIONS_AR_GENITIVE:
                return FRACTIONS_AR_GENITIVE[key]
            return FRACTIONS[key][lang]
        case UnitStyle.DURATION_YEARS:
            years = ("عام واحد", "عامان", "عامين", "أعوام", "عامًا")
            return _duration(number, lang, ("year", "years"), years, genitive=genitive)
        case UnitStyle.DURATION_DAYS:
            days = ("يوم واحد", "يومان", "يومين", "أيام", "يومًا")
            return _duration(number, lang, ("day", "days"), days, genitive=genitive)
        case UnitStyle.COUNT:
            return _scaled(number, lang, genitive=genitive)
    raise ValueError(f"unknown unit style {unit.style!r}")


def format_quantity(
    number: Decimal, unit_code: str, qualifier: str, lang: str, *, genitive: bool = False
) -> str:
    """'more than 25,000', 'أكثر من 2.3 مليار جنيه إسترليني', '90%'.

    Every Arabic qualifier (أكثر من، نحو، ما يصل إلى) puts the number in the genitive.
    """
    qualifier = Qualifier(qualifier)
    genitive = genitive or qualifier != Qualifier.EXACT
    text = format_number(number, unit_code, lang, genitive=genitive)
    return QUALIFIER_TEXT[qualifier][lang].format(text)


# Arabic words after which the value takes the genitive: the prepositions a statement may put
# right before {value} ("انخفض إلى {value}").
AR_PREPOSITIONS = frozenset(
    {
        *("في", "إلى", "الى", "من", "على", "عن", "حتى", "منذ", "مع", "بعد", "قبل", "نحو"),
        *("خلال", "عند", "لدى", "دون", "حوالى", "حوالي"),
    }
)


def genitive_slot(statement: str, lang: str) -> bool:
    """True when `statement` puts {value} right after an Arabic preposition."""
    if lang != "ar":
        return False
    before = statement.partition("{value}")[0].split()
    return bool(before) and before[-1] in AR_PREPOSITIONS


def fill_statement(statement: str, lang: str, value_text: Callable[[bool], str]) -> str:
    """`statement` with a value in place of {value}: `value_text(genitive)` gives it as it
    reads there (after an Arabic preposition, or not)."""
    return statement.replace("{value}", value_text(genitive_slot(statement, lang)))


def month_name(month: int, lang: str) -> str:
    return (MONTHS_AR if lang == "ar" else MONTHS_EN)[month - 1]


def _one_date(day: dt.date, precision: Precision, lang: str) -> str:
    if precision == Precision.YEAR:
        return str(day.year)
    month = month_name(day.month, lang)
    if precision == Precision.MONTH:
        return f"{month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_date(start: dt.date, end: dt.date | None, precision: str, lang: str) -> str:
    """'March 2019', '28 آذار/مارس 2019', '7–8 November 2019', '2014–2016'."""
    precision = Precision(precision)
    if end is None or end == start:
        return _one_date(start, precision, lang)
    if precision == Precision.DAY and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_one_date(end, precision, lang)}"
    if precision == Precision.MONTH and start.year == end.year:
        return f"{month_name(start.month, lang)} – {_one_date(end, precision, lang)}"
    return f"{_one_date(start, precision, lang)} – {_one_date(end, precision, lang)}"


def date_is_at_precision(day: dt.date, precision: str) -> bool:
    """A year is written as 1 January, a month as its first day."""
    precision = Precision(precision)
    if precision == Precision.YEAR:
        return (day.month, day.day) == (1, 1)
    if precision == Precision.MONTH:
        return day.day == 1
    return True


def period_end(day: dt.date, precision: str) -> dt.date:
    """The last day of the year, month or day that `day` stands for at `precision`."""
    precision = Precision(precision)
    if precision == Precision.YEAR:
        return dt.date(day.year, 12, 31)
    if precision == Precision.MONTH:
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def date_span(start: dt.date, end: dt.date | None, precision: str) -> tuple[dt.date, dt.date]:
    """The first and last day an event may fall on, given what its precision tells."""
    return start, period_end(end or start, precision)


def spans_ordered(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """True when the two spans do not overlap, so their order is decided by the dates."""
    return a[1] < b[0] or b[1] < a[0]


CITATION_SEPARATOR: Text = {"ar": "، ", "en": ", "}


def format_document(*, title: str, publisher: str, published: str, lang: str) -> str:
    """A source document as cited: title, publisher and date."""
    return CITATION_SEPARATOR[lang].join((title, publisher, published))


def format_paragraphs(numbers: Iterable[int], lang: str) -> str:
    """'paragraph 3', 'paragraphs 3 and 10', 'paragraphs 3, 10 and 12' (sorted, once each); in
    Arabic the singular, the dual or the plural, each number after the first joined by و."""
    found = sorted(set(numbers))
    if lang == "ar":
        noun = {1: "الفقرة", 2: "الفقرتان"}.get(len(found), "الفقرات")
        return f"{noun} {' و'.join(map(str, found))}"
    if len(found) == 1:
        return f"paragraph {found[0]}"
    *rest, last = found
    return f"paragraphs {', '.join(map(str, rest))} and {last}"


def format_citation(document: str, paragraphs: Iterable[int], lang: str) -> str:
    """Where facts come from: the document as `format_document` gives it, and paragraphs."""
    return f"{document}{CITATION_SEPARATOR[lang]}{format_paragraphs(paragraphs, lang)}"


# How FactData's fields are stored (learning/core/fields.py reads these): a translated field
# once per language (statement_ar, statement_en); the cited document is built from the source.
TRANSLATED = MappingProxyType({"translated": True})
DERIVED = MappingProxyType({"derived": True})


@dataclass(frozen=True, slots=True)
class FactData:
    """One fact, detached from the database: what the question generator works on.

    The one declaration of what a fact holds: the model's fields, the translation
    registration, the fixture validator and both converters follow it (see fields.py). Text
    fields map each language code to its string. `statement` holds `{value}` where the
    value goes (quantity, date and entity facts), so a distractor can be put in its place.
    """

    slug: str
    kind: Kind
    topic: str
    source: str
    paragraph: int
    as_of: dt.date
    as_of_precision: Precision
    statement: Text = field(metadata=TRANSLATED)
    stem: Text = field(metadata=TRANSLATED)
    explanation: Text = field(metadata=TRANSLATED)
    # as cited: "Counter Daesh Communications: 1 year on, FCO, 26 September 2016"
    document: Text = field(metadata=DERIVED)
    group: str = ""  # facts sharing a group are never set against each other in one question
    number: Decimal | None = None
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    precision: Precision | None = None
    # the event's short name, for ordering questions
    label: Text | None = field(default=None, metadata=TRANSLATED)
    # what the event's date is counted from, when the document dates it relative to itself
    # and its text does not state that date: "the UK Foreign Office article of 26 September
    # 2016" ("exactly one year ago"); every question about the event shows it (SPEC section 1)
    basis: Text | None = field(default=None, metadata=TRANSLATED)
    entity_type: str = ""
    answer: Text | None = field(default=None, metadata=TRANSLATED)  # an entity's name
    # a statement fact's false counterpart
    false_statement: Text | None = field(default=None, metadata=TRANSLATED)

    @property
    def citation(self) -> Text:
        """Where the fact comes from, in each language: its document and paragraph."""
        return {
            lang: format_citation(self.document[lang], [self.paragraph], lang) for lang in LANGS
        }

    def value_text(self, lang: str, *, genitive: bool = False) -> str:
        """The fact's own value as it reads in `lang` (alone, or after a preposition)."""
        match self.kind:
            case Kind.QUANTITY:
                assert self.number is not None
                return format_quantity(
                    self.number, self.unit, self.qualifier, lang, genitive=genitive
                )
            case Kind.DATE:
                assert self.date_start is not None and self.precision is not None
                return format_date(self.date_start, self.date_end, self.precision, lang)
            case Kind.ENTITY:
                assert self.answer is not None
                return self.answer[lang]
            case Kind.STATEMENT:
                return ""
        raise ValueError(f"unknown kind {self.kind!r}")

    def sentence(self, lang: str) -> str:
        """The statement with the fact's own value in place."""
        return fill_statement(
            self.statement[lang], lang, lambda genitive: self.value_text(lang, genitive=genitive)
        )
