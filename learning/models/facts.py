"""The fact base: sources, topics and facts. Text fields are translated (see translation.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.core import fields, values
from learning.core.values import FactData, Kind, Precision, Qualifier

PRECISION_CHOICES = [
    (Precision.YEAR.value, _("year")),
    (Precision.MONTH.value, _("month")),
    (Precision.DAY.value, _("day")),
]
KIND_CHOICES = [
    (Kind.QUANTITY.value, _("quantity")),
    (Kind.DATE.value, _("date")),
    (Kind.ENTITY.value, _("entity")),
    (Kind.STATEMENT.value, _("statement")),
]
QUALIFIER_CHOICES = [
    (Qualifier.EXACT.value, _("exact")),
    (Qualifier.MORE_THAN.value, _("more than")),
    (Qualifier.UP_TO.value, _("up to")),
    (Qualifier.ABOUT.value, _("about")),
]


class SlugManager(models.Manager):
    """Rows named by their slug in fixtures, so loading twice finds the same rows."""

    def get_by_natural_key(self, slug: str) -> models.Model:
        return self.get(slug=slug)


# django-modeltranslation swaps the managers of a translated model for classes it builds at
# run time, which the django-stubs plugin cannot resolve: hence the ignores below.
class Source(models.Model):  # type: ignore[django-manager-missing]
    slug = models.SlugField(unique=True)
    filename = models.CharField(max_length=100, help_text=_("The seed document's file name."))
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    published_on = models.DateField(_("published on"))
    published_precision = models.CharField(max_length=5, choices=PRECISION_CHOICES)
    paragraph_count = models.PositiveSmallIntegerField(
        help_text=_("Non-empty lines of the document, counted from 1.")
    )
    non_content_paragraphs = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Lines that are not content (headings, a share button): no fact cites them."),
    )

    objects = SlugManager()  # type: ignore[django-manager-missing]

    class Meta:
        ordering = ["published_on"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(paragraph_count__gte=1), name="source_has_paragraphs"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def published_text(self, lang: str) -> str:
        return values.format_date(self.published_on, None, self.published_precision, lang)


class TopicQuerySet(models.QuerySet):
    def with_fact_counts(self) -> TopicQuerySet:
        return self.annotate(fact_count=Count("facts"))


class Topic(models.Model):  # type: ignore[django-manager-missing]
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(default=0)

    objects = SlugManager.from_queryset(TopicQuerySet)()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:topic", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class FactQuerySet(models.QuerySet):
    def with_source(self) -> FactQuerySet:
        return self.select_related("source", "topic")


class Fact(models.Model):
    """One quizzable statement of a source, with its value and the words to ask about it."""

    slug = models.SlugField(max_length=80, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="facts")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="facts")
    paragraph = models.PositiveSmallIntegerField(_("paragraph"))
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES)
    group = models.SlugField(
        max_length=80,
        blank=True,
        help_text=_("Facts of one list or one event share a group and never meet in a question."),
    )

    # quantity
    number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    qualifier = models.CharField(
        max_length=10, choices=QUALIFIER_CHOICES, default=Qualifier.EXACT, blank=True
    )
    # date (an event; a range where the text gives one)
    date_start = models.DateField(null=True, blank=True, db_index=True)
    date_end = models.DateField(null=True, blank=True)
    precision = models.CharField(max_length=5, choices=PRECISION_CHOICES, blank=True)
    # entity
    entity_type = models.SlugField(max_length=30, blank=True)

    as_of = models.DateField(_("as of"), help_text=_("When the statement holds."))
    as_of_precision = models.CharField(max_length=5, choices=PRECISION_CHOICES)

    # translated (see translation.py)
    statement = models.TextField(_("statement"))
    stem = models.TextField(_("question stem"))
    explanation = models.TextField(_("explanation"))
    label = models.CharField(_("event label"), max_length=200, blank=True)
    basis = models.CharField(
        _("date basis"),
        max_length=200,
        blank=True,
        help_text=_("What the document counts the event's date from, when it does not state it."),
    )
    answer = models.CharField(_("answer"), max_length=200, blank=True)
    false_statement = models.TextField(_("false statement"), blank=True)

    objects = SlugManager.from_queryset(FactQuerySet)()

    class Meta:
        ordering = ["topic__position", "source__published_on", "paragraph", "slug"]
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        constraints = [
            models.CheckConstraint(condition=Q(paragraph__gte=1), name="fact_paragraph_positive"),
            models.CheckConstraint(
                condition=~Q(kind=Kind.QUANTITY) | (Q(number__isnull=False) & ~Q(unit="")),
                name="quantity_has_number_and_unit",
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.DATE) | (Q(date_start__isnull=False) & ~Q(precision="")),
                name="date_has_start_and_precision",
            ),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=models.F("date_start")),
                name="date_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in Kind]), name="fact_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("learning:fact", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def document(self) -> dict[str, str]:
        """The fact's source document as cited, in each language."""
        return dict(fields.cited_document(_stored(self.source, fields.SOURCE_COLUMNS)))

    def to_data(self) -> FactData:
        """A detached copy for the pure modules (question generation, grading)."""
        return fields.fact_data(_stored(self, fields.FACT_COLUMNS), document=self.document())

    def value_text(self, lang: str) -> str:
        return self.to_data().value_text(lang)

    def sentence(self, lang: str) -> str:
        return self.to_data().sentence(lang)

    def as_of_text(self, lang: str) -> str:
        return values.format_date(self.as_of, None, self.as_of_precision, lang)


def _stored(row: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """A row's stored fields by name, a related row by its slug (as the fixtures name it)."""
    found = {}
    for name in names:
        value = getattr(row, name)
        found[name] = value.slug if isinstance(value, (Source, Topic)) else value
    return found
