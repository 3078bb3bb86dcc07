from __future__ import annotations

from django_tasks import task

from binome.insights.trends import refresh_trends


@task()
def refresh_programme_trends() -> int:
    """Keep the health pages' timings and theme balance fresh in the cache (idempotent)."""
    return refresh_trends()
