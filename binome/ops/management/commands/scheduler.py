"""Enqueue the periodic jobs every interval; the task workers run them.

The jobs are those the apps registered (``binome.core.scheduler``). Each is safe to run twice
(conditional updates), so several schedulers or a late worker never double an email or an expiry.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from binome.core.scheduler import periodic_jobs


class Command(BaseCommand):
    help = "Enqueue periodic jobs (invitation reminders and expiries, email retries)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds.")
        parser.add_argument("--once", action="store_true", help="One round, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            for job in periodic_jobs():
                job.enqueue()
            if options["once"]:
                return
            time.sleep(options["interval"])
