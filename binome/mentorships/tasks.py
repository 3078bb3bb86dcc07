from __future__ import annotations

from django_tasks import task

from binome.mentorships.services.cadence import process_pairs


@task()
def care_for_pairs() -> dict[str, int]:
    """Check-ins after meetings, reminders to silent pairs, charter reminders (idempotent)."""
    return process_pairs()
