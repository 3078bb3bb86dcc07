from __future__ import annotations

from django_tasks import task

from binome.notifications import services


@task()
def deliver_outbox() -> int:
    return services.deliver_due()
