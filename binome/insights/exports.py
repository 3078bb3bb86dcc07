"""The KPI table as rows of cells, for the page, CSV and XLSX alike (no names: aggregates only,
groups under five suppressed)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binome.insights.kpis import KpiRow, Kpis
from binome.members.exports import safe_cell

Getter = Callable[[KpiRow], int | float | None]
COLUMNS: list[tuple[str, object, Getter]] = [
    ("pairs_started", gettext_lazy("Pairs started"), lambda r: r.pairs_started),
    ("pairs_ended", gettext_lazy("Pairs ended"), lambda r: r.pairs_ended),
    ("retention", gettext_lazy("Retention (%)"), lambda r: r.retention.value),
    ("renewal", gettext_lazy("Mentors back (%)"), lambda r: r.renewal.value),
    ("conversion", gettext_lazy("Mentees now mentors (%)"), lambda r: r.conversion.value),
    ("satisfaction", gettext_lazy("Satisfaction (out of 5)"), lambda r: r.satisfaction.value),
    ("nps", gettext_lazy("NPS"), lambda r: r.nps.value),
    ("before", gettext_lazy("Clear next step, before (out of 5)"), lambda r: r.before.value),
    ("after", gettext_lazy("Clear next step, after (out of 5)"), lambda r: r.after.value),
    ("goals", gettext_lazy("Goals reached (%)"), lambda r: r.goals.value),
    ("would_mentor", gettext_lazy("Would mentor in turn (%)"), lambda r: r.would_mentor.value),
    ("surveys", gettext_lazy("Surveys answered (%)"), lambda r: r.surveys.value),
    ("invitations", gettext_lazy("Invitations answered (%)"), lambda r: r.invitations.value),
]
# Speed-mentoring evenings and flash exchanges (``insights.activity``).
ACTIVITY_COLUMNS: list[tuple[str, object, Getter]] = [
    ("speed_events", gettext_lazy("Speed-mentoring evenings"), lambda r: r.speed_events),
    ("speed_registered", gettext_lazy("Registered for an evening"), lambda r: r.speed_registered),
    ("speed_present", gettext_lazy("Present at the evening (%)"), lambda r: r.speed_present.value),
    ("flash_held", gettext_lazy("Flash exchanges held"), lambda r: r.flash_held),
    ("flash_not_held", gettext_lazy("Flash exchanges not held"), lambda r: r.flash_not_held),
    (
        "flash_unknown",
        gettext_lazy("Flash exchanges without an outcome"),
        lambda r: r.flash_unknown,
    ),
    (
        "flash_no_show",
        gettext_lazy("Flash exchanges not held (%)"),
        lambda r: r.flash_no_show.value,
    ),
    (
        "flash_mentors_no_show",
        gettext_lazy("Flash mentors with an exchange not held (%)"),
        lambda r: r.flash_mentors_no_show.value,
    ),
]


def row_name(row: KpiRow) -> str:
    return row.programme.name if row.programme else _("All programmes")


def table(
    kpis: Kpis, columns: list[tuple[str, object, Getter]] | None = None, *, activity: bool = False
) -> tuple[list[str], list[list[str]]]:
    """Header and rows; a suppressed figure reads "< 5". ``activity``: only the programmes with
    flash exchanges or speed-mentoring evenings (of those kinds, or active in the period)."""
    columns = COLUMNS if columns is None else columns
    header = [_("Programme")] + [str(label) for _key, label, _get in columns]
    rows = []
    for row in kpis.rows:
        if activity and row.programme and not _has_activity(row):
            continue
        cells = [row_name(row)]
        for _key, _label, get in columns:
            value = get(row)
            cells.append("< 5" if value is None else f"{value:g}")
        rows.append(cells)
    return header, rows


def _has_activity(row: KpiRow) -> bool:
    return row.has_activity or (row.programme is not None and row.programme.kind in SELF_SERVICE)


SELF_SERVICE = ("flash", "speed")


def as_csv(kpis: Kpis) -> str:
    header, rows = table(kpis, COLUMNS + ACTIVITY_COLUMNS)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return buffer.getvalue()


def as_xlsx(kpis: Kpis) -> bytes:
    from openpyxl import Workbook

    header, rows = table(kpis, COLUMNS + ACTIVITY_COLUMNS)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("KPIs"))
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(c) for c in row])
    spread = workbook.create_sheet(_("Pairs by theme"))
    spread.append([_("Theme"), _("Pairs started")])
    for label, n in kpis.themes:
        spread.append([safe_cell(label), n if n >= 5 else "< 5"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
