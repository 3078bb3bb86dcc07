from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from binome.notifications import services

# A task worker also runs reminders and imports: after this long, the rest of a large outbox
# waits for the next run (the scheduler enqueues one every minute).
BUDGET = timedelta(seconds=50)


@task()
def deliver_outbox() -> int:
    """Send the due emails (safe to run twice, or in several workers at once)."""
    return services.deliver_all_due(budget=BUDGET)
