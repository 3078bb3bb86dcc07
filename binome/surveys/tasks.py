from __future__ import annotations

from django_tasks import task

from binome.surveys.waves import run_waves


@task()
def run_survey_waves() -> dict[str, int]:
    """Send the surveys that became due and the reminders (idempotent)."""
    return run_waves()
