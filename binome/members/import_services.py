"""The life of a directory import: uploaded → validating → validated → applying → applied.

Each step is a service; the slow ones (checking, applying) run in the task worker and take the
batch's id. The transition table below is the only place that says which step may follow which.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.core.models import Network
from binome.members import imports
from binome.members.import_apply import apply_rows
from binome.members.models import ImportBatch

Status = ImportBatch.Status
TRANSITIONS: dict[str, set[str]] = {
    Status.UPLOADED: {Status.VALIDATING},
    Status.VALIDATING: {Status.VALIDATED, Status.FAILED},
    Status.VALIDATED: {Status.VALIDATING, Status.APPLYING},
    Status.APPLYING: {Status.APPLIED, Status.FAILED},
    Status.APPLIED: set(),
    Status.FAILED: {Status.VALIDATING},
}
PROGRESS_EVERY = 2_000
MAX_STORED_ERRORS = 1_000


def _move(batch: ImportBatch, to: str, **fields: Any) -> ImportBatch:
    """Move ``batch`` to ``to`` if the table allows it, under a row lock."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if to not in TRANSITIONS[locked.status]:
            raise DomainError(_("This import cannot do that now."), code="transition")
        locked.status = to
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
    return locked


def start_import(*, network: Network, actor: Any, filename: str, data: bytes) -> ImportBatch:
    if len(data) > settings.BINOME_IMPORT_MAX_BYTES:
        raise DomainError(_("The file is too large."), code="too_large")
    headers, rows = imports.parse_file(filename, data)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            network=network,
            created_by=actor,
            filename=filename[:255],
            headers=headers,
            rows=rows,
            mapping=imports.guess_mapping(headers),
            total_rows=len(rows),
        )
        audit.record(
            action="import.upload", actor=actor, network=network, target=batch, rows=len(rows)
        )
    return batch


def submit_mapping(*, batch: ImportBatch, mapping: dict[str, int]) -> ImportBatch:
    missing = [f.name for f in imports.FIELDS if f.required and f.name not in mapping]
    if missing:
        raise DomainError(_("Map the email, first name and last name columns."), code="mapping")
    if any(not 0 <= index < len(batch.headers) for index in mapping.values()):
        raise DomainError(_("Unknown column."), code="mapping")
    batch = _move(
        batch,
        Status.VALIDATING,
        mapping=mapping,
        processed_rows=0,
        error_rows=0,
        errors=[],
        failure="",
    )
    transaction.on_commit(lambda: _enqueue("validate_import", batch.pk))
    return batch


def run_validation(batch_id: int) -> None:
    """Check every row (in the worker); progress is saved as it goes."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != Status.VALIDATING:
        return
    mapping = {name: int(index) for name, index in batch.mapping.items()}
    errors: list[dict[str, Any]] = []
    error_rows = 0
    for count, (line, _cleaned, row_errors) in enumerate(
        imports.check_rows(batch.rows, mapping), 1
    ):
        if row_errors:
            error_rows += 1
            for field, code, value in row_errors:
                if len(errors) < MAX_STORED_ERRORS:
                    errors.append({"line": line, "field": field, "code": code, "value": value})
        if count % PROGRESS_EVERY == 0:
            ImportBatch.objects.filter(pk=batch_id).update(processed_rows=count)
    _move(
        batch,
        Status.VALIDATED,
        processed_rows=batch.total_rows,
        error_rows=error_rows,
        errors=errors,
    )


def confirm_import(*, batch: ImportBatch, actor: Any) -> ImportBatch:
    if batch.status == Status.VALIDATED and batch.error_rows:
        raise DomainError(
            _("Fix the lines in error and upload the file again: nothing was imported."),
            code="has_errors",
        )
    batch = _move(batch, Status.APPLYING, processed_rows=0)
    audit.record(action="import.apply", actor=actor, network=batch.network, target=batch)
    transaction.on_commit(lambda: _enqueue("apply_import", batch.pk))
    return batch


def run_apply(batch_id: int) -> None:
    """Apply every row in one transaction (in the worker): all or nothing."""
    batch = ImportBatch.objects.select_related("network").get(pk=batch_id)
    if batch.status != Status.APPLYING:
        return
    mapping = {name: int(index) for name, index in batch.mapping.items()}
    try:
        with transaction.atomic():
            created, updated = apply_rows(batch.network, batch.rows, mapping)
    except Exception as error:
        _move(batch, Status.FAILED, failure=str(error)[:2000])
        raise
    _move(
        batch,
        Status.APPLIED,
        processed_rows=batch.total_rows,
        created_count=created,
        updated_count=updated,
        applied_at=timezone.now(),
        rows=[],
    )


def _enqueue(name: str, batch_id: int) -> None:
    from binome.members import tasks

    getattr(tasks, name).enqueue(batch_id)
