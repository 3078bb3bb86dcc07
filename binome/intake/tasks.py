from __future__ import annotations

from django_tasks import task

from binome.intake.services.invitations import process_due_invitations


@task()
def process_invitations() -> dict[str, int]:
    """Reminders and expiries of mentor invitations (safe to run twice)."""
    return process_due_invitations()
