from __future__ import annotations

from django_tasks import task

from binome.members import import_services


@task()
def validate_import(batch_id: int) -> None:
    import_services.run_validation(batch_id)


@task()
def apply_import(batch_id: int) -> None:
    import_services.run_apply(batch_id)
