from __future__ import annotations

from django_tasks import task

from binome.flash.services.exchanges import process_due_exchanges


@task()
def process_flash_exchanges() -> dict[str, int]:
    """Flash reminders the day before and one-click outcomes after the end (safe twice)."""
    return process_due_exchanges()
