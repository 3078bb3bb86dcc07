"""Network KPIs for the network admin: a table per programme and across, charts drawn on the
server with their data beside, CSV/XLSX export (audited), and the printable yearly report."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.access import Access, network_admin_required
from binome.insights import exports
from binome.insights.charts import Chart
from binome.insights.kpis import MIN_GROUP, Kpis, network_kpis, period_of
from binome.programmes.models import Programme

KPIS_FOR = datetime.timedelta(minutes=10)


class KpiFilter(forms.Form):
    programme = forms.TypedChoiceField(
        label=gettext_lazy("Programme"), coerce=int, required=False, empty_value=None
    )
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.for_network(access.network)
        year = timezone.localdate().year
        self.years = [str(y) for y in range(year, year - 4, -1)]
        programme_field = cast(forms.TypedChoiceField, self.fields["programme"])
        programme_field.choices = [("", _("All programmes"))] + [(p.pk, p.name) for p in programmes]
        period_field = cast(forms.ChoiceField, self.fields["period"])
        period_field.choices = [("", _("Last 12 months"))] + [(y, y) for y in self.years]


def _kpis(request: HttpRequest, access: Access) -> tuple[KpiFilter, Kpis]:
    form = KpiFilter(request.GET or None, access=access)
    programme_id, choice = None, ""
    if form.is_valid():
        programme_id, choice = form.cleaned_data["programme"], form.cleaned_data["period"] or ""
    programme = (
        Programme.objects.for_network(access.network).filter(pk=programme_id).first()
        if programme_id
        else None
    )
    return form, cached_kpis(access, choice, programme)


def cached_kpis(access: Access, choice: str, programme: Programme | None = None) -> Kpis:
    """A year of aggregates: computed once per ``KPIS_FOR`` for each filter and language, shared
    by the network's admins through the cache (the page says when)."""
    scope = programme.pk if programme else 0
    key = f"insights:kpis2:{access.network.pk}:{scope}:{choice or '12m'}:{get_language()}"
    found = cache.get_or_set(
        key,
        lambda: network_kpis(access.network, period_of(choice), programme),
        KPIS_FOR.total_seconds(),
    )
    return cast(Kpis, found)


def charts(kpis: Kpis) -> list[Chart]:
    def small(items: list[tuple[str, int]]) -> list[tuple[str, int | float | None]]:
        return [(label, n if n >= MIN_GROUP else None) for label, n in items]

    total = kpis.total
    satisfaction = kpis.satisfaction if sum(n for _m, n in kpis.satisfaction) >= MIN_GROUP else []
    return [
        Chart(
            "months",
            _("Pairs started each month"),
            [(m.strftime("%m/%Y"), n) for m, n in kpis.months],
        ),
        Chart(
            "impact",
            _("A clear next step, out of 5: before and after the mentoring"),
            [(_("Before"), total.before.value), (_("After"), total.after.value)],
        ),
        Chart(
            "satisfaction",
            _("Satisfaction at the end (answers per mark)"),
            [(f"{label}/5", n) for label, n in satisfaction] or [(_("All marks"), None)],
        ),
        Chart("themes", _("Pairs started by theme"), small(kpis.themes)),
        Chart(
            "class_years", _("Pairs started by the mentee's class year"), small(kpis.class_years)
        ),
    ]


def _tables(kpis: Kpis) -> dict[str, Any]:
    """The pairs' table, and the flash and speed-mentoring one when a programme has any."""
    header, rows = exports.table(kpis)
    activity_header, activity_rows = exports.table(kpis, exports.ACTIVITY_COLUMNS, activity=True)
    return {
        "header": header,
        "rows": rows,
        "activity_header": activity_header,
        # The total alone says nothing more than the zeros of a network without them.
        "activity_rows": activity_rows if len(activity_rows) > 1 else [],
    }


@network_admin_required
def network_kpis_page(request: HttpRequest, access: Access) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form, kpis = _kpis(request, access)
    context = {
        "form": form,
        "kpis": kpis,
        **_tables(kpis),
        "charts": charts(kpis),
        "query": request.GET.urlencode(),
        "years": form.years,
    }
    return render(request, "insights/network_kpis.html", context)


@network_admin_required
def kpi_export(request: HttpRequest, access: Access, file_format: str) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    _form, kpis = _kpis(request, access)
    name = f"{access.network.slug}-kpis-{timezone.localdate().isoformat()}"
    if file_format == "csv":
        response = HttpResponse(exports.as_csv(kpis), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(kpis),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        return HttpResponse(status=404)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    audit.record(
        action="kpi.export", actor=request.user, network=access.network, format=file_format
    )
    return response


@network_admin_required
def impact_report(request: HttpRequest, access: Access, year: int) -> HttpResponse:
    """The yearly report for the board or funders: print it, or save it as PDF from the browser."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    kpis = cached_kpis(access, str(year))
    context = {
        "year": year,
        "kpis": kpis,
        "total": kpis.total,
        **_tables(kpis),
        "charts": charts(kpis),
    }
    return render(request, "insights/impact_report.html", context)
