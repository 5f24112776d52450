"""Remove guests who never answered a question and have not been seen for --days days; with
--abandoned, also guests with progress that no browser can reach any more."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from learning import guests


class Command(BaseCommand):
    help = (
        "Remove guest learners (and their users) who never answered and were last seen more "
        "than --days days ago. Every guest with progress is kept, unless --abandoned."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="Idle for more than this.")
        parser.add_argument("--dry-run", action="store_true", help="Count only; remove nothing.")
        parser.add_argument(
            "--abandoned",
            action="store_true",
            help="Also remove guests with progress whom no unexpired session signs in (a "
            "guest has no password: their progress cannot be reached again), unless they "
            "are in a class. Everything they own goes with them.",
        )

    def handle(self, *args: Any, days: int, dry_run: bool, abandoned: bool, **options: Any) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.")
        now = timezone.now()
        seen_before = now - dt.timedelta(days=days)
        verb = "Would remove" if dry_run else "Removed"
        if abandoned:
            try:
                users = guests.abandoned_guests(seen_before=seen_before, now=now)
            except ValueError as error:
                raise CommandError(f"Cannot tell which guests are abandoned: {error}.") from None
            count = len(users) if dry_run else guests.remove_users(users)
            self.stdout.write(
                f"{verb} {count} guest(s) whom no session signs in any more, in no class, "
                f"last seen more than {days} days ago."
            )
            return
        if dry_run:
            count = guests.idle_guests(seen_before=seen_before).count()
        else:
            count = guests.remove_idle_guests(seen_before=seen_before)
        self.stdout.write(
            f"{verb} {count} guest(s) who never answered and were last seen more than "
            f"{days} days ago."
        )
