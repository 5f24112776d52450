"""Remove guests who never answered a question and have not been seen for --days days."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from learning import guests


class Command(BaseCommand):
    help = (
        "Remove guest learners (and their users) who never answered and were last seen more "
        "than --days days ago. Every guest with progress is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="Idle for more than this.")
        parser.add_argument("--dry-run", action="store_true", help="Count only; remove nothing.")

    def handle(self, *args: Any, days: int, dry_run: bool, **options: Any) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.")
        seen_before = timezone.now() - dt.timedelta(days=days)
        if dry_run:
            count = guests.idle_guests(seen_before=seen_before).count()
            verb = "Would remove"
        else:
            count = guests.remove_idle_guests(seen_before=seen_before)
            verb = "Removed"
        self.stdout.write(
            f"{verb} {count} guest(s) who never answered and were last seen more than "
            f"{days} days ago."
        )
