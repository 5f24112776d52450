"""Validate the fact base, then load it in one transaction; loading twice changes nothing."""

from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from learning.core import factbase
from learning.models import Fact, FactBaseStamp, Source, Topic


class Command(BaseCommand):
    help = "Validate and load the fact base (sources, topics, facts) from Django JSON fixtures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help="Fixture files to load (default: every fixture in fixtures/).",
        )
        parser.add_argument("--check", action="store_true", help="Validate only; write nothing.")

    def handle(self, *args: Any, paths: list[Path], check: bool, **options: Any) -> None:
        paths = paths or factbase.fixture_paths(factbase.FIXTURE_DIRECTORY)
        if not paths:
            raise CommandError(f"No fixture files in {factbase.FIXTURE_DIRECTORY}.")
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"No such fixture file: {', '.join(missing)}")
        fixture = factbase.read(paths)
        problems = factbase.validate(
            fixture,
            known_sources={
                slug: factbase.Document(count, frozenset(skipped))
                for slug, count, skipped in Source.objects.values_list(
                    "slug", "paragraph_count", "non_content_paragraphs"
                )
            },
            known_topics=Topic.objects.values_list("slug", flat=True),
        )
        if problems:
            raise CommandError(
                f"The fact base has {len(problems)} problem(s); nothing was loaded.\n"
                + "\n".join(f"  - {p}" for p in problems)
            )
        counts = {model: len(fixture.records(model)) for model in factbase.ALLOWED}
        if check:
            self.stdout.write(self.style.SUCCESS(f"Valid: {self._summary(counts)}."))
            return
        before = set(Fact.objects.values_list("slug", flat=True))
        self._load(fixture)
        loaded = {fields["slug"] for _, fields in fixture.records(factbase.FACT_MODEL)}
        new = len(loaded - before)
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {self._summary(counts)} ({new} new fact(s)).")
        )
        stale = sorted(before - loaded)
        if stale and not options.get("paths"):
            self.stdout.write(
                self.style.WARNING(
                    f"{len(stale)} fact(s) in the database are no longer in the fixtures: "
                    + ", ".join(stale)
                )
            )

    @staticmethod
    def _summary(counts: dict[str, int]) -> str:
        return (
            f"{counts[factbase.SOURCE_MODEL]} source(s), {counts[factbase.TOPIC_MODEL]} topic(s), "
            f"{counts[factbase.FACT_MODEL]} fact(s)"
        )

    @staticmethod
    @transaction.atomic
    def _load(fixture: factbase.FixtureSet) -> None:
        before = _as_questions_see_them()
        # Natural keys let the deserializer find existing rows by slug and update them in
        # place, which is what makes a second load a no-op.
        # https://docs.djangoproject.com/en/6.1/topics/serialization/#natural-keys
        for model in (factbase.SOURCE_MODEL, factbase.TOPIC_MODEL, factbase.FACT_MODEL):
            records = [
                record
                for _, file_records in fixture.files
                for record in file_records
                if record["model"] == model
            ]
            for obj in serializers.deserialize("python", records):
                obj.save()
        if _as_questions_see_them() != before:
            # Every process rebuilds its fact pool on its next request (learning.study).
            FactBaseStamp.bump()


def _as_questions_see_them() -> dict[str, object]:
    """Every fact as question generation reads it, its topic and cited document included."""
    return {f.slug: f.to_data() for f in Fact.objects.with_source()}
