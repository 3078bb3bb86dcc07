"""The life of a directory import: uploaded → validating → validated → applying → applied.

Each step is a service; the slow ones (checking, applying) run in the task worker and take the
batch's id. The transition table (``states.IMPORT_MACHINE``) is the only place that says which
step may follow which; every move writes an audit row.
"""

from __future__ import annotations

import io
from typing import IO, Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.core.models import Network
from binome.core.transitions import move
from binome.members import bulk, imports
from binome.members.import_apply import apply_rows
from binome.members.models import ImportBatch, ImportIssue
from binome.members.states import IMPORT_MACHINE

Status = ImportBatch.Status
PROGRESS_EVERY = 2_000
ISSUE_CHUNK = 5_000


def _move(batch: ImportBatch, to: str, **fields: Any) -> ImportBatch:
    """Move ``batch`` to ``to`` if the table allows it, under a row lock."""
    with transaction.atomic():
        # The rows (megabytes) are neither read nor written back for a change of status.
        locked = ImportBatch.objects.select_for_update().defer("rows", "lines").get(pk=batch.pk)
        if not IMPORT_MACHINE.allows(locked.status, to):
            raise DomainError(_("This import cannot do that now."), code="transition")
        for name, value in fields.items():
            setattr(locked, name, value)
        if fields:
            locked.save(update_fields=list(fields))
        move(locked, IMPORT_MACHINE, to, network=locked.network)
    return locked


def start_import(
    *, network: Network, actor: Any, filename: str, data: bytes | IO[bytes]
) -> ImportBatch:
    """Read the file and store its rows; refuse at once a file that cannot be imported."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    if size > settings.BINOME_IMPORT_MAX_BYTES:
        raise DomainError(_("The file is too large."), code="too_large")
    parsed = imports.parse_upload(filename, source)
    mapping = imports.guess_mapping(parsed.headers, parsed.rows)
    missing = imports.missing_required(mapping)
    if missing:
        raise DomainError(
            _(
                "No column of this file holds: %(fields)s (header line found: line %(line)s). "
                "Name that column's header, e.g. “E-mail” or “Nom”, and upload the file again."
            )
            % {"fields": ", ".join(missing), "line": parsed.header_line},
            code="missing_column",
        )
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            network=network,
            created_by=actor,
            filename=filename[:255],
            headers=parsed.headers,
            rows=parsed.rows,
            lines=parsed.lines,
            header_line=parsed.header_line,
            kind=parsed.kind,
            sheet=parsed.sheet[:100],
            delimiter=parsed.delimiter,
            encoding=parsed.encoding,
            formula_cells=parsed.formulas,
            mapping=mapping,
            total_rows=len(parsed.rows),
        )
        audit.record(
            action="import.upload",
            actor=actor,
            network=network,
            target=batch,
            rows=len(parsed.rows),
        )
    return batch


def submit_mapping(*, batch: ImportBatch, mapping: dict[str, int]) -> ImportBatch:
    missing = imports.missing_required(mapping)
    if missing:
        raise DomainError(
            _("Choose the column of: %(fields)s.") % {"fields": ", ".join(missing)},
            code="mapping",
        )
    if any(not 0 <= index < len(batch.headers) for index in mapping.values()):
        raise DomainError(_("Unknown column."), code="mapping")
    return _revalidate(batch, mapping=mapping)


def map_values(*, batch: ImportBatch, field: str, choices: dict[str, str]) -> ImportBatch:
    """Record the sector (or function) the admin chose for values not in the list, and check
    again; "" keeps a value as written, without a warning."""
    if field not in {"sector", "function"}:
        raise DomainError(_("Unknown column."), code="mapping")
    value_map = dict(batch.value_map)
    value_map[field] = {**value_map.get(field, {}), **choices}
    return _revalidate(batch, mapping=batch.mapping, value_map=value_map)


def _revalidate(batch: ImportBatch, **fields: Any) -> ImportBatch:
    batch = _move(
        batch,
        Status.VALIDATING,
        processed_rows=0,
        error_rows=0,
        warning_rows=0,
        failure="",
        **fields,
    )
    transaction.on_commit(lambda: _enqueue("validate_import", batch.pk))
    return batch


def run_validation(batch_id: int) -> None:
    """Check every row (in the worker), storing every issue; progress is saved as it goes."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != Status.VALIDATING:
        return
    ImportIssue.objects.filter(batch=batch).delete()
    mapping = {name: int(index) for name, index in batch.mapping.items()}
    pending: list[ImportIssue] = []
    error_rows = warning_rows = 0
    # Ten saves at most: on SQLite each one rewrites the batch's row, rows included.
    every = max(PROGRESS_EVERY, batch.total_rows // 10)
    checked = imports.check_rows(
        batch.rows,
        batch.lines,
        kind=batch.kind,
        width=len(batch.headers),
        mapping=mapping,
        value_map=batch.value_map,
        formulas=batch.formula_cells,
    )
    for count, (index, line, _cleaned, issues) in enumerate(checked, 1):
        if issues:
            warnings = [issue[1] in imports.WARNINGS for issue in issues]
            error_rows += not all(warnings)
            warning_rows += any(warnings)
            pending.extend(
                ImportIssue(
                    batch=batch,
                    row=index,
                    line=line,
                    field=field,
                    code=code,
                    value=value[:200],
                    detail=detail[:40],
                    is_warning=warning,
                )
                for (field, code, value, detail), warning in zip(issues, warnings, strict=True)
            )
            if len(pending) >= ISSUE_CHUNK:
                bulk.insert(ImportIssue, pending)
                pending = []
        if count % every == 0:
            ImportBatch.objects.filter(pk=batch_id).update(processed_rows=count)
    bulk.insert(ImportIssue, pending)
    _move(
        batch,
        Status.VALIDATED,
        processed_rows=batch.total_rows,
        error_rows=error_rows,
        warning_rows=warning_rows,
    )


def confirm_import(*, batch: ImportBatch, actor: Any, accept_warnings: bool = False) -> ImportBatch:
    if batch.status == Status.VALIDATED and batch.error_rows:
        raise DomainError(
            _("Fix the lines in error and upload the file again: nothing was imported."),
            code="has_errors",
        )
    if batch.status == Status.VALIDATED and batch.warning_rows and not accept_warnings:
        raise DomainError(
            _("Accept the values kept as written, or choose a sector or function for them."),
            code="has_warnings",
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
    progress = _ProgressWriter(batch_id)
    try:
        with transaction.atomic():
            created, updated = apply_rows(
                batch.network,
                batch.rows,
                mapping,
                value_map=batch.value_map,
                progress=progress,
            )
    except Exception as error:
        _move(batch, Status.FAILED, failure=str(error)[:2000])
        raise
    finally:
        progress.close()
    _move(
        batch,
        Status.APPLIED,
        processed_rows=batch.total_rows,
        created_count=created,
        updated_count=updated,
        applied_at=timezone.now(),
        rows=[],
    )


_PROGRESS_SQL = "UPDATE members_importbatch SET processed_rows = %s WHERE id = %s"


class _ProgressWriter:
    """Saves the apply's progress on a connection of its own, so that the page sees it before
    the import's one transaction commits. PostgreSQL only: SQLite has one writer at a time."""

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.side = None
        if connection.vendor == "postgresql":
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int) -> None:
        if self.side is None:
            return
        with self.side.cursor() as cursor:
            cursor.execute(_PROGRESS_SQL, [done, self.batch_id])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def _enqueue(name: str, batch_id: int) -> None:
    from binome.members import tasks

    getattr(tasks, name).enqueue(batch_id)
