from __future__ import annotations

from django_tasks import task

from binome.cohorts.services.runs import execute_run


@task()
def run_matching(run_id: int) -> None:
    """One matching run: load the cohort's accepted applications, call the engine, store."""
    execute_run(run_id=run_id)


@task()
def publish_matching(run_id: int) -> None:
    """Publish a run the manager asked for: every pair at once (or none), introductions, the
    waiting list told."""
    from binome.cohorts.services.publication import execute_publication

    execute_publication(run_id=run_id)


@task()
def invite_past_mentors() -> None:
    """Periodic: a cohort's mentors' window opened — ask the programme's past mentors back."""
    from binome.cohorts.services.join_again import invite_for_open_windows

    invite_for_open_windows()
