from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from binome.core.models import Network


class Command(BaseCommand):
    help = "Create the demo networks once (idempotent); --personas prints who to log in as."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--personas", action="store_true", help="Only print the personas.")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--members", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # The demo generator needs the dev dependency group (faker, factory-boy).
            from binome.testing.demo import build_demo
        except ImportError as error:
            raise CommandError(f"demo data needs the dev dependencies (uv sync): {error}") from None
        if options["personas"]:
            self._print_personas(options["port"])
            return
        if Network.objects.filter(slug="ax").exists():
            self.stdout.write("  demo data already there")
            return
        started = time.monotonic()
        build_demo(members=options["members"])
        self.stdout.write(f"  demo data created in {time.monotonic() - started:.0f} s")

    def _print_personas(self, port: str) -> None:
        from binome.testing.demo import PERSONAS
        from binome.testing.factories import DEMO_PASSWORD

        url = f"http://127.0.0.1:{port}/"
        lines = [
            "",
            f"binome is starting at {url}",
            f"Log in at {url}accounts/login/ with the password {DEMO_PASSWORD} as:",
        ]
        lines += [f"  {p.email:<28} {p.role}" for p in PERSONAS]
        lines += [
            "Two-factor authentication for staff is off in the demo (BINOME_STAFF_MFA_REQUIRED=0);",
            "it is on by default elsewhere. Emails appear in var/worker.log. Ctrl-C stops.",
            "",
        ]
        self.stdout.write("\n".join(lines))
