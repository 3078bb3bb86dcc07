"""Reading an uploaded directory file as its author sees it.

- CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), or Windows-1252 (French
  Excel), separated by ``;``, ``,`` or tabs; XLSX from its first sheet that has data.
- Each row keeps the line where it starts in the file (for XLSX: the sheet and the Excel row), so
  the report points at what the admin sees, whatever blank lines, multi-line cells or title rows
  come before.
- The header is the first line, among the first ones, whose cells name known fields: title rows
  above it are skipped.
- Cells are kept as given (no trimming): a row's field count is checked later, against the
  header's, and formulas are neutralised on export.
- An XLSX formula is read through the result Excel saved with it. A file written by a program
  that never computed its formulas has no such result: those cells would read as empty, so their
  places are kept and reported as errors where a mapped column holds one.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.members.imports.fields import field_for_header

MAX_ROWS = 200_000
HEADER_SEARCH = 30  # non-blank lines looked at for the header
DELIMITERS = (";", ",", "\t", "|")


@dataclass
class ParsedFile:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    header_line: int = 1
    kind: str = "csv"
    sheet: str = ""
    delimiter: str = ""
    encoding: str = ""
    # XLSX cells holding a formula without a saved result: [line, column index] pairs.
    formulas: list[list[int]] = field(default_factory=list)


def parse_upload(filename: str, source: IO[bytes]) -> ParsedFile:
    name = filename.lower()
    if name.endswith(".xlsx"):
        parsed = _parse_xlsx(source)
    elif name.endswith((".csv", ".txt", ".tsv")):
        parsed = _parse_csv(source.read())
    else:
        raise DomainError(_("Upload a .csv or .xlsx file."), code="file_type")
    if not parsed.rows:
        raise DomainError(_("The file has a header line but no data."), code="no_rows")
    if len(parsed.rows) > MAX_ROWS:
        raise DomainError(
            _("The file has more than %(max)s lines; split it.") % {"max": MAX_ROWS}, code="too_big"
        )
    return parsed


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding; Windows-1252 rather than Latin-1 (œ, ’, €)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("latin-1"), "latin-1"


def guess_delimiter(text: str) -> str:
    """The separator that splits most of the first lines into the same number of fields."""
    sample = [line for line in text[:100_000].splitlines()[:50] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(line.count(delimiter) for line in sample)
        counts.pop(0, None)
        if not counts:
            continue
        fields, lines = max(counts.items(), key=lambda item: (item[1], item[0]))
        if (lines, fields) > best_score:
            best, best_score = delimiter, (lines, fields)
    return best


def _parse_csv(data: bytes) -> ParsedFile:
    if not data.strip():
        raise DomainError(_("The file is empty or has no header line."), code="empty")
    text, encoding = decode(data)
    delimiter = guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        parsed = _split(_numbered(reader), kind="csv")
    except csv.Error as error:
        raise DomainError(
            _("The CSV file cannot be read near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error},
            code="csv",
        ) from error
    parsed.delimiter, parsed.encoding = delimiter, encoding
    return parsed


def _numbered(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Each record with the physical line it starts on (a quoted cell may span lines)."""
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        yield start, record


def _parse_xlsx(source: IO[bytes]) -> ParsedFile:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:
        raise DomainError(_("The Excel file cannot be read."), code="xlsx") from error
    try:
        for sheet in workbook.worksheets:
            rows = (
                (number, [_cell_text(value) for value in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
            )
            try:
                parsed = _split(rows, kind="xlsx")
            except DomainError:
                continue
            except Exception as error:  # a damaged sheet: openpyxl fails while reading its cells
                raise DomainError(_("The Excel file cannot be read."), code="xlsx") from error
            parsed.sheet = sheet.title
            parsed.formulas = _uncached_formulas(source, sheet)
            return parsed
    finally:
        workbook.close()
    raise DomainError(_("The file is empty or has no header line."), code="empty")


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _uncached_formulas(source: IO[bytes], sheet: Any) -> list[list[int]]:
    """[line, column index] of each formula cell of ``sheet`` that has no saved result."""
    path = getattr(sheet, "_worksheet_path", "")
    if not path:
        return []
    source.seek(0)
    with zipfile.ZipFile(source) as archive, archive.open(path) as xml:
        found = _scan_formulas(xml)
    if found is not None:
        return found
    source.seek(0)  # markup the quick scan does not know (prefixed tags): parse it properly
    found = []
    with zipfile.ZipFile(source) as archive, archive.open(path) as xml:
        for _event, element in iterparse(xml):
            if element.tag == _SHEET_NS + "c":
                formula = element.find(_SHEET_NS + "f")
                result = element.find(_SHEET_NS + "v")
                if formula is not None and (result is None or not result.text):
                    _note_cell(found, element.get("r", ""))
            elif element.tag == _SHEET_NS + "row":
                element.clear()
    return found


_FORMULA = re.compile(rb"<(\w+:)?f[\s>/]")
_RESULT = re.compile(rb"<v(?:\s[^>]*)?>[^<]")
_REFERENCE = re.compile(rb'\sr="([A-Z]+[0-9]+)"')


def _scan_formulas(xml: IO[bytes]) -> list[list[int]] | None:
    """The cells found by reading the XML as text, whole rows at a time (a tenth of the time of
    an XML parse of 100,000 rows); None when the markup is not the plain one Excel writes."""
    found: list[list[int]] = []
    tail = b""
    while True:
        chunk = xml.read(1 << 20)
        text = tail + chunk
        cut = len(text) if not chunk else text.rfind(b"</row>") + len(b"</row>")
        if cut < len(b"</row>"):
            tail = text
            continue
        done, tail = text[:cut], text[cut:]
        for match in _FORMULA.finditer(done):
            if match[1]:
                return None
            start = done.rfind(b"<c ", 0, match.start())
            end = done.find(b"</c>", match.end())
            if start < 0 or end < 0:
                return None
            cell = done[start:end]
            if not _RESULT.search(cell):
                reference = _REFERENCE.search(cell[: cell.find(b">") + 1])
                if reference is None:
                    return None
                _note_cell(found, reference[1].decode())
        if not chunk:
            return found


def _note_cell(found: list[list[int]], reference: str) -> None:
    place = _CELL.match(reference)
    if place:
        found.append([int(place[2]), column_index(place[1])])


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def cell_reference(line: int, column: int) -> str:
    """``C5`` for line 5, column index 2: where Excel shows the cell."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{line}"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def header_score(cells: list[str]) -> int:
    return len({field_for_header(cell) for cell in cells if cell.strip()} - {None})


def _split(records: Iterator[tuple[int, list[str]]], *, kind: str) -> ParsedFile:
    """Find the header among the first lines, then keep every non-blank line after it."""
    head: list[tuple[int, list[str]]] = []
    for number, cells in records:
        if not _blank(cells):
            head.append((number, cells))
            if len(head) >= HEADER_SEARCH:
                break
    if not head:
        raise DomainError(_("The file is empty or has no header line."), code="empty")
    scores = [header_score(cells) for _number, cells in head]
    at = scores.index(max(scores)) if max(scores) >= 2 else 0
    header_line, headers = head[at]
    if kind == "xlsx":
        headers = _trimmed(headers)
    parsed = ParsedFile(headers=headers, header_line=header_line, kind=kind)
    for number, cells in head[at + 1 :]:
        _keep(parsed, number, cells)
    for number, cells in records:
        if not _blank(cells):
            _keep(parsed, number, cells)
            if len(parsed.rows) > MAX_ROWS:
                break
    return parsed


def _keep(parsed: ParsedFile, number: int, cells: list[str]) -> None:
    # A sheet's rows run to its widest column; a CSV line's fields are counted as they are.
    parsed.rows.append(_trimmed(cells) if parsed.kind == "xlsx" else cells)
    parsed.lines.append(number)


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def width_error(kind: str, cells: list[str], width: int) -> str | None:
    """The code of the error when a row's cells do not line up with the header, else None."""
    if kind == "csv" and len(cells) != width:
        return "field_count"
    if kind == "xlsx" and len(cells) > width:
        return "extra_cells"
    return None
