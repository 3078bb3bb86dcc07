"""Directory export to CSV or XLSX, safe against formula injection in spreadsheet programs.

Sectors, functions, countries and languages are written as labels in the reader's language (an
export is read by people, and the import reads labels back); the CSV comes with commas, or with
semicolons for French Excel, which splits on ``;`` only. Both carry a BOM, so that Excel reads
UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from binome.core.models import Network
from binome.members import taxonomy
from binome.members.models import Member

# A cell starting with one of these is run as a formula by Excel or LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _header() -> list[str]:
    return [
        _("Email"),
        _("First name"),
        _("Last name"),
        _("Class year"),
        _("Degree"),
        _("Current position"),
        _("Employer"),
        _("Sector"),
        _("Job function"),
        _("Country"),
        _("City"),
        _("Phone"),
        _("LinkedIn profile"),
        _("Languages spoken"),
        _("Listed as a mentor"),
    ]


def _rows(network: Network) -> Iterator[list[str]]:
    members = (
        Member.objects.for_network(network)
        .select_related("user")
        .order_by("last_name", "pk")
        .iterator(chunk_size=2000)
    )
    for m in members:
        yield [
            safe_cell(v)
            for v in (
                m.user.email,
                m.first_name,
                m.last_name,
                m.class_year or "",
                m.degree,
                m.position_title,
                m.employer,
                taxonomy.label("sector", m.sector) if m.sector else m.sector_text,
                taxonomy.label("function", m.function) if m.function else m.function_text,
                taxonomy.label("country", m.country) if m.country else "",
                m.city,
                m.phone,
                m.linkedin_url,
                ", ".join(taxonomy.label("language", code) for code in m.languages or []),
                "1" if m.is_listed else "0",
            )
        ]


def export_csv(network: Network, *, delimiter: str = ",") -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write("\ufeff")  # so that Excel reads UTF-8
    writer.writerow([safe_cell(h) for h in _header()])
    for row in _rows(network):
        writer.writerow(row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_xlsx(network: Network) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Directory"))
    sheet.append(_header())
    for row in _rows(network):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
