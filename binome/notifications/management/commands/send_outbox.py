"""Send the outbox's due emails: once, or as a polling worker beside (or instead of) db_worker.

Several of these may run at once, on one machine or many: each message is claimed before it is
sent (see ``binome.notifications.services``). SIGTERM or Ctrl-C stops the worker after the current
batch; a harder stop (SIGKILL) is recovered by the next worker once the message's lease ends.
"""

from __future__ import annotations

import signal
import threading
from datetime import timedelta
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from binome.notifications.services import LEASE, deliver_all_due


class Command(BaseCommand):
    help = "Send the outbox's due emails, once (--once) or every --interval seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Send what is due, then stop.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between polls.")
        parser.add_argument("--batch-size", type=int, default=100, help="Messages per session.")
        parser.add_argument(
            "--lease",
            type=float,
            default=LEASE.total_seconds(),
            help="Seconds a claimed message stays ours before another worker may take it over.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["once"]:
            _stop_on_signals(stop)
        lease = timedelta(seconds=options["lease"])
        while True:
            # A long-lived worker must not keep a connection the database has since dropped.
            close_old_connections()
            sent = deliver_all_due(batch_size=options["batch_size"], lease=lease)
            if sent and options["verbosity"] >= 1:
                self.stdout.write(f"{sent} sent")
            if options["once"] or stop.wait(options["interval"]):
                return


def _stop_on_signals(stop: threading.Event) -> None:
    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
