from __future__ import annotations

from django_tasks import task

from binome.cohorts.services.runs import execute_run


@task()
def run_matching(run_id: int) -> None:
    """One matching run: load the cohort's accepted applications, call the engine, store."""
    execute_run(run_id=run_id)
