"""The check report of an import: issues grouped by reason, values to map, the bad lines as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils.translation import gettext as _

from binome.members.exports import safe_cell
from binome.members.imports.fields import FIELD_LABELS, GROUP_MESSAGES, message
from binome.members.imports.values import key
from binome.members.models import ImportBatch, ImportIssue

FIRST_LINES = 8


@dataclass(frozen=True)
class Group:
    field: str
    field_label: str
    code: str
    message: str
    rows: int
    first_lines: list[int]
    examples: list[str]


def groups(batch: ImportBatch, *, warnings: bool) -> list[Group]:
    """Issues grouped by field and reason, the largest first, with the first lines of each."""
    issues = ImportIssue.objects.filter(batch=batch, is_warning=warnings)
    summary = (
        issues.values("field", "code")
        .annotate(rows=Count("row", distinct=True), first=Min("row"))
        .order_by("-rows", "first")
    )
    found = []
    for item in summary:
        same = issues.filter(field=item["field"], code=item["code"])
        first = list(same.order_by("row").values_list("line", "detail", "value")[:FIRST_LINES])
        examples = list(dict.fromkeys(value for _line, _detail, value in first if value.strip()))[
            :3
        ]
        found.append(
            Group(
                field=item["field"],
                field_label=str(FIELD_LABELS.get(item["field"], "")),
                code=item["code"],
                message=str(GROUP_MESSAGES.get(item["code"], ""))
                or message(item["code"], item["field"]),
                rows=item["rows"],
                first_lines=[line for line, _detail, _value in first],
                examples=examples,
            )
        )
    return found


@dataclass(frozen=True)
class UnknownValue:
    field: str
    value: str
    key: str
    rows: int
    first_line: int


def unknown_values(batch: ImportBatch, field: str, limit: int = 200) -> list[UnknownValue]:
    """The distinct sectors (or functions) kept as written, the most frequent first."""
    rows = (
        ImportIssue.objects.filter(batch=batch, is_warning=True, field=field)
        .values("value")
        .annotate(rows=Count("pk"), first=Min("line"))
        .order_by("-rows", "value")[:limit]
    )
    merged: dict[str, UnknownValue] = {}
    for item in rows:
        k = key(item["value"])
        if k not in merged:
            merged[k] = UnknownValue(field, item["value"], k, item["rows"], item["first"])
    return list(merged.values())


def lines_csv(batch: ImportBatch, *, only_bad: bool) -> Iterator[str]:
    """The file's rows as it had them (only those in error, or all), with their line and the
    reasons in two first columns, in the file's separator (UTF-8 with BOM, which Excel reads):
    the admin sorts or filters on the reasons, fixes the cells and uploads the file again."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=batch.delimiter or ";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([_("Line in the file"), _("Errors"), *batch.headers])
    reasons = _reasons_by_row(batch)
    pending = next(reasons, None)
    width = len(batch.headers)
    for index, cells in enumerate(batch.rows):
        found = ""
        if pending is not None and pending[0] == index:
            found = pending[1]
            pending = next(reasons, None)
        if only_bad and not found:
            continue
        line = batch.lines[index] if index < len(batch.lines) else ""
        # Short rows are padded so that every value stays under its header.
        padded = cells + [""] * (width - len(cells))
        # Spreadsheet programs run a cell that starts with "=" as a formula: neutralised.
        writer.writerow([str(line), found, *(safe_cell(cell) for cell in padded)])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _reasons_by_row(batch: ImportBatch) -> Iterator[tuple[int, str]]:
    issues = (
        ImportIssue.objects.filter(batch=batch, is_warning=False)
        .order_by("row", "pk")
        .values_list("row", "field", "code", "detail")
        .iterator(chunk_size=5000)
    )
    current: int | None = None
    reasons: list[str] = []
    for row, field, code, detail in issues:
        if row != current and current is not None:
            yield current, " | ".join(reasons)
            reasons = []
        current = row
        label = FIELD_LABELS.get(field, "")
        text = message(code, field, detail)
        reasons.append(
            _("%(field)s: %(problem)s") % {"field": label, "problem": text} if label else text
        )
    if current is not None:
        yield current, " | ".join(reasons)
