"""Directory import: read a CSV/XLSX file, map its columns, check every row, apply all or nothing.

Rules:
- nothing touches the directory until every row is valid: the admin sees a report of each bad row
  (its line in the file, field, why) and fixes the file; a failure while applying rolls the whole
  import back;
- a sector or job function that is not in the lists is a warning, not an error: it is kept as
  written unless the admin chooses a sector for it;
- a row is matched to an existing member of the network by email and updated, else created and
  invited by email (an activation link, in the member's language);
- errors are stored as codes and rendered in the reader's language.

The parts: ``values`` reads class years, sectors, functions, countries; ``parser`` reads files;
``fields`` names the fields and the reasons; ``report`` groups and exports the issues.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from binome.members.imports import values
from binome.members.imports.fields import (
    FIELD_LABELS,
    FIELD_NAMES,
    FIELDS,
    MAX_LENGTHS,
    REQUIRED,
    WARNINGS,
    ImportField,
    field_for_header,
    message,
)
from binome.members.imports.parser import (
    MAX_ROWS,
    ParsedFile,
    cell_reference,
    parse_upload,
    width_error,
)

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "FIELD_NAMES",
    "MAX_ROWS",
    "REQUIRED",
    "WARNINGS",
    "ImportField",
    "Issue",
    "ParsedFile",
    "check_rows",
    "clean_row",
    "guess_mapping",
    "message",
    "parse_upload",
]

Issue = tuple[str, str, str, str]  # field, code, value as written, detail for the message
ValueMap = dict[str, dict[str, str]]  # field → {value key → code, or "" to keep as written}

_SPLIT = re.compile(r"[,;/|]+")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,30}$")
_LINKEDIN = re.compile(r"^https?://([a-z0-9-]+\.)*linkedin\.com(/[^\s]*)?$", re.IGNORECASE)
_SPACES = " \u00a0"  # trimmed around values; tabs and line breaks are kept as given


def guess_mapping(headers: list[str], rows: list[list[str]] | None = None) -> dict[str, int]:
    """Column index per field, from header names in French or English, then, for the email
    only, from the content (a column of addresses under an unexpected header)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = field_for_header(header)
        if name is not None and name not in mapping:
            mapping[name] = index
    if rows and "function" in mapping and "position_title" not in mapping:
        mapping = _titles_under_function(mapping, rows)
    if "email" not in mapping and rows:
        sample = rows[:200]
        for index in range(len(headers)):
            if index in mapping.values():
                continue
            cells = [row[index] for row in sample if index < len(row) and row[index].strip()]
            if cells and sum("@" in cell for cell in cells) >= 0.8 * len(cells):
                mapping["email"] = index
                break
    return mapping


def _titles_under_function(mapping: dict[str, int], rows: list[list[str]]) -> dict[str, int]:
    """French exports call the job title "Fonction": when the column's values are mostly not
    job functions ("Directeur des risques", "Data scientist") and no other column holds the
    title, they are read as the current position (the admin sees it on the mapping page)."""
    index = mapping["function"]
    cells = [row[index].strip() for row in rows[:200] if index < len(row) and row[index].strip()]
    known = sum(values.lookup("function", cell) is not None for cell in cells)
    if not cells or known * 2 >= len(cells):
        return mapping
    moved = {name: column for name, column in mapping.items() if name != "function"}
    moved["position_title"] = index
    return moved


def missing_required(mapping: dict[str, int]) -> list[str]:
    return [str(FIELD_LABELS[name]) for name in REQUIRED if name not in mapping]


def clean_row(
    raw: list[str], mapping: dict[str, int], value_map: ValueMap | None = None
) -> tuple[dict[str, Any], list[Issue]]:
    """The row's values for the model, and its issues as (field, code, value)."""
    cleaned: dict[str, Any] = {}
    issues: list[Issue] = []
    for name, index in mapping.items():
        value = raw[index].strip(_SPACES) if index < len(raw) else ""
        if not value.strip():
            continue
        try:
            _clean_value(name, value, cleaned, value_map or {})
        except ValueError as error:
            issues.append((name, str(error), value[:200], ""))
        except _Warning as warning:
            issues.append((name, str(warning), value[:200], ""))
    refused = {issue[0] for issue in issues}
    issues.extend(
        (name, "required", "", "")
        for name in REQUIRED
        if name not in cleaned and name not in refused
    )
    return cleaned, issues


class _Warning(Exception):
    """A value kept as written, reported for the admin to accept or map."""


def _clean_value(name: str, value: str, cleaned: dict[str, Any], value_map: ValueMap) -> None:
    if name in MAX_LENGTHS and len(value) > MAX_LENGTHS[name]:
        raise ValueError("too_long")
    if name in {"sector", "function"}:
        code = _lookup(name, value)
        if code is None:
            code = value_map.get(name, {}).get(values.key(value))
        if code:
            cleaned[name] = code
            return
        cleaned[f"{name}_text"] = value
        if code is None:
            raise _Warning(f"{name}_unknown")
        return
    cleaned[name] = _READERS.get(name, _as_given)(value)


def _as_given(value: str) -> str:
    return value


def _email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError as error:
        raise ValueError("email") from error
    return value.lower()


def _country(value: str) -> str:
    code = _lookup("country", value)
    if code is None:
        raise ValueError("country")
    return code


def _languages(value: str) -> list[str]:
    codes = [_lookup("language", part) for part in _SPLIT.split(value) if part.strip()]
    if any(code is None for code in codes):
        raise ValueError("languages")
    return list(dict.fromkeys(code for code in codes if code))


def _language(value: str) -> str:
    code = _lookup("language", value)
    if code not in {"fr", "en"}:
        raise ValueError("language")
    return code


def _skills(value: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(value) if part.strip()][:30]


def _phone(value: str) -> str:
    if not _PHONE.match(value) or sum(c.isdigit() for c in value) < 6:
        raise ValueError("phone")
    return value


def _linkedin(value: str) -> str:
    # Written without a scheme more often than with: "linkedin.com/in/jeanne-curie".
    url = value if "://" in value else "https://" + value.lstrip("/")
    if not _LINKEDIN.match(url):
        raise ValueError("linkedin_url")
    return url


def _cached(reader: Callable[[str], Any]) -> Callable[[str], Any]:
    """``reader`` remembering its answers: class years, countries and languages repeat on every
    line of a file (a third of the time of checking 100,000 rows)."""

    @lru_cache(maxsize=8192)
    def read(value: str) -> tuple[Any, str]:
        try:
            return reader(value), ""
        except ValueError as error:
            return None, str(error)

    def call(value: str) -> Any:
        result, error = read(value)
        if error:
            raise ValueError(error)
        return list(result) if isinstance(result, list) else result

    return call


_READERS = {
    "email": _email,
    "class_year": _cached(values.class_year),
    "country": _cached(_country),
    "languages": _cached(_languages),
    "language": _cached(_language),
    "skills": _skills,
    "phone": _phone,
    "linkedin_url": _linkedin,
}


def _unread_cells(
    line: int,
    columns: list[int],
    fields_at: dict[int, str],
    cleaned: dict[str, Any],
    issues: list[Issue],
) -> list[Issue]:
    """The row's issues with each unread formula cell's error in place of what its emptiness
    caused ("required"), and its field left out of the values."""
    names = {fields_at[column] for column in columns}
    kept = [issue for issue in issues if issue[0] not in names]
    for column in sorted(columns):
        name = fields_at[column]
        cleaned.pop(name, None)
        reference = cell_reference(line, column)
        kept.append((name, "formula_no_value", reference, reference))
    return kept


@lru_cache(maxsize=4096)
def _lookup(kind: str, value: str) -> str | None:
    # Files repeat the same few sectors and countries on every line.
    return values.lookup(kind, value)


def check_rows(
    batch_rows: list[list[str]],
    lines: list[int],
    *,
    kind: str,
    width: int,
    mapping: dict[str, int],
    value_map: ValueMap | None = None,
    formulas: list[list[int]] | None = None,
) -> Iterator[tuple[int, int, dict[str, Any], list[Issue]]]:
    """Each row's index, line in the file, values and issues.

    A row whose cells do not line up with the header gets that one error: its values would be
    read from the wrong columns, so checking them would only report noise. A mapped cell whose
    formula has no saved result (``formulas``: [line, column] pairs) is an error at that cell.
    """
    fields_at = {index: name for name, index in mapping.items()}
    unread: dict[int, list[int]] = {}
    for line, column in formulas or []:
        if column in fields_at:
            unread.setdefault(line, []).append(column)
    seen: dict[str, int] = {}
    for index, raw in enumerate(batch_rows):
        line = lines[index] if index < len(lines) else index + 2
        misaligned = width_error(kind, raw, width)
        if misaligned:
            shown = " | ".join(raw)[:200]
            yield index, line, {}, [("", misaligned, shown, f"{len(raw)}/{width}")]
            continue
        cleaned, issues = clean_row(raw, mapping, value_map)
        if line in unread:
            issues = _unread_cells(line, unread[line], fields_at, cleaned, issues)
        email = cleaned.get("email")
        if email:
            if email in seen:
                issues.append(("email", "duplicate_email", email, str(seen[email])))
            else:
                seen[email] = line
        yield index, line, cleaned, issues
