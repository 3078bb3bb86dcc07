"""Directory import: read a CSV/XLSX file, map its columns, check every row, apply all or nothing.

Rules:
- nothing touches the directory until every row is valid: the admin sees a report of each bad row
  (line, field, why) and fixes the file; a failure while applying rolls the whole import back;
- a row is matched to an existing member of the network by email and updated, else created and
  invited by email (an activation link, in the member's language);
- errors are stored as codes and rendered in the reader's language.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binome.core.errors import DomainError
from binome.core.text import fold
from binome.members import taxonomy

MAX_ROWS = 200_000


@dataclass(frozen=True)
class ImportField:
    name: str
    label: Any
    required: bool = False
    aliases: tuple[str, ...] = ()


FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "email", gettext_lazy("Email"), True, ("e-mail", "mail", "courriel", "adresse email")
    ),
    ImportField(
        "first_name", gettext_lazy("First name"), True, ("prenom", "firstname", "given name")
    ),
    ImportField(
        "last_name",
        gettext_lazy("Last name"),
        True,
        ("nom", "lastname", "surname", "nom de famille"),
    ),
    ImportField(
        "class_year", gettext_lazy("Class year"), False, ("promo", "promotion", "annee", "year")
    ),
    ImportField("degree", gettext_lazy("Degree"), False, ("diplome", "formation")),
    ImportField(
        "position_title",
        gettext_lazy("Current position"),
        False,
        ("poste", "fonction actuelle", "titre", "job title", "position"),
    ),
    ImportField(
        "employer",
        gettext_lazy("Employer"),
        False,
        ("entreprise", "employeur", "societe", "company"),
    ),
    ImportField("sector", gettext_lazy("Sector"), False, ("secteur", "industry")),
    ImportField(
        "function", gettext_lazy("Job function"), False, ("metier", "job function", "fonction")
    ),
    ImportField("country", gettext_lazy("Country"), False, ("pays",)),
    ImportField("city", gettext_lazy("City"), False, ("ville",)),
    ImportField("languages", gettext_lazy("Languages spoken"), False, ("langues",)),
    ImportField("skills", gettext_lazy("Skills"), False, ("competences",)),
    ImportField("bio", gettext_lazy("About me"), False, ("biographie", "presentation")),
    ImportField(
        "language",
        gettext_lazy("Language of the emails"),
        False,
        ("langue", "langue de correspondance"),
    ),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)

ERROR_MESSAGES = {
    "required": gettext_lazy("This field is required."),
    "email": gettext_lazy("This is not a valid email address."),
    "duplicate_email": gettext_lazy("This email address appears on an earlier line of the file."),
    "year": gettext_lazy("Enter a year between 1900 and 2100."),
    "sector": gettext_lazy("Unknown sector (use a code or a label of the list)."),
    "function": gettext_lazy("Unknown job function (use a code or a label of the list)."),
    "country": gettext_lazy("Unknown country (use a two-letter code such as FR)."),
    "languages": gettext_lazy("Unknown language (use codes such as fr, en)."),
    "language": gettext_lazy("Emails can be sent in French (fr) or English (en)."),
    "too_long": gettext_lazy("This value is too long."),
}
MAX_LENGTHS = {
    "first_name": 100,
    "last_name": 100,
    "degree": 120,
    "position_title": 160,
    "employer": 160,
    "city": 120,
    "bio": 4000,
}


def error_message(code: str) -> str:
    return str(ERROR_MESSAGES.get(code, code))


def parse_file(filename: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of a CSV (comma or semicolon, UTF-8 or Latin-1) or XLSX file."""
    if filename.lower().endswith(".xlsx"):
        headers, rows = _parse_xlsx(data)
    elif filename.lower().endswith((".csv", ".txt")):
        headers, rows = _parse_csv(data)
    else:
        raise DomainError(_("Upload a .csv or .xlsx file."), code="file_type")
    if not headers or not any(headers):
        raise DomainError(_("The file is empty or has no header line."), code="empty")
    if not rows:
        raise DomainError(_("The file has a header line but no data."), code="no_rows")
    if len(rows) > MAX_ROWS:
        raise DomainError(
            _("The file has more than %(max)s lines; split it.") % {"max": MAX_ROWS}, code="too_big"
        )
    width = len(headers)
    return headers, [(row + [""] * width)[:width] for row in rows]


def _parse_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as error:
        raise DomainError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}, code="csv"
        ) from error
    lines = [line for line in lines if any(line)]
    return (lines[0], lines[1:]) if lines else ([], [])


def _parse_xlsx(data: bytes) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise DomainError(_("The Excel file cannot be read."), code="xlsx") from error
    sheet = workbook.worksheets[0]
    lines = []
    for row in sheet.iter_rows(values_only=True):
        cells = ["" if value is None else _cell_text(value) for value in row]
        if any(cells):
            lines.append(cells)
    workbook.close()
    return (lines[0], lines[1:]) if lines else ([], [])


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Column index per field, guessed from header names in French or English."""
    folded = [fold(header).strip().replace("_", " ") for header in headers]
    mapping: dict[str, int] = {}
    for field in FIELDS:
        names = {fold(field.name).replace("_", " "), fold(str(field.label))} | set(field.aliases)
        for index, header in enumerate(folded):
            if header in names and index not in mapping.values():
                mapping[field.name] = index
                break
    return mapping


_SPLIT = re.compile(r"[,;/|]+")


def clean_row(
    raw: list[str], mapping: dict[str, int]
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """The row's values for the model, and its errors as (field, code, value)."""
    values = {name: raw[index].strip() for name, index in mapping.items() if index < len(raw)}
    cleaned: dict[str, Any] = {}
    errors: list[tuple[str, str, str]] = []
    for field in FIELDS:
        value = values.get(field.name, "")
        if not value:
            if field.required:
                errors.append((field.name, "required", ""))
            continue
        try:
            cleaned[field.name] = _clean_value(field.name, value)
        except ValueError as error:
            errors.append((field.name, str(error), value[:80]))
    return cleaned, errors


def _clean_value(name: str, value: str) -> Any:
    if name in MAX_LENGTHS and len(value) > MAX_LENGTHS[name]:
        raise ValueError("too_long")
    if name == "email":
        try:
            validate_email(value)
        except ValidationError as error:
            raise ValueError("email") from error
        return value.lower()
    if name == "class_year":
        if not value.isdigit() or not 1900 <= int(value) <= 2100:
            raise ValueError("year")
        return int(value)
    if name in {"sector", "function", "country"}:
        code = taxonomy.lookup(name, value)
        if code is None:
            raise ValueError(name)
        return code
    if name == "languages":
        codes = [taxonomy.lookup("language", part) for part in _SPLIT.split(value) if part.strip()]
        if any(code is None for code in codes):
            raise ValueError("languages")
        return list(dict.fromkeys(codes))
    if name == "skills":
        return [part.strip() for part in _SPLIT.split(value) if part.strip()][:30]
    if name == "language":
        if value.lower()[:2] not in {"fr", "en"}:
            raise ValueError("language")
        return value.lower()[:2]
    return value


def check_rows(
    rows: list[list[str]], mapping: dict[str, int]
) -> Iterator[tuple[int, dict[str, Any], list[tuple[str, str, str]]]]:
    """Each row's line number (as the spreadsheet shows it), values and errors."""
    seen: set[str] = set()
    for index, raw in enumerate(rows):
        cleaned, errors = clean_row(raw, mapping)
        email = cleaned.get("email")
        if email:
            if email in seen:
                errors.append(("email", "duplicate_email", email))
            seen.add(email)
        yield index + 2, cleaned, errors
