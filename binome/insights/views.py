"""Programme health for its managers (and the network admin): pairs, timings, theme balance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binome.core.access import Access, staff_required
from binome.core.operations import ConfirmForm, run_operation
from binome.insights import activity, balance, health, services, trends
from binome.mentorships import selectors as pair_selectors
from binome.programmes.models import Programme
from binome.surveys.selectors import wave_rates

PAIRS_PER_PAGE = 50  # those needing help come first


def _programme(access: Access, programme_id: int) -> Programme:
    programme = get_object_or_404(Programme.objects.for_network(access.network), pk=programme_id)
    if not access.manages(programme):
        raise Http404
    return programme


@staff_required
def programme_health(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = _programme(access, programme_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _health_page(request, access, programme)


def _health_page(
    request: HttpRequest,
    access: Access,
    programme: Programme,
    operation_form: forms.BaseForm | None = None,
) -> HttpResponse:
    rows = health.programme_health(programme)
    only = request.GET.get("state", "")
    shown = [r for r in rows if r.state == only] if only in health.STATES else rows
    page = Paginator(shown, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "programme": programme,
        "counts": health.state_counts(rows),
        "rows": health.attach_pairs(list(page.object_list)),
        "page": page,
        "only": only if only in health.STATES else "",
        **trends.programme_trends(programme),
        "horizon": balance.HORIZON_MONTHS,
        "waves": wave_rates(programme),
        "flash_mentors": activity.flash_mentors(programme) if programme.kind == "flash" else [],
        "operation_form": operation_form,
        "is_manager": programme.pk in access.managed_programme_ids(),
    }
    return render(request, "insights/programme_health.html", context)


@staff_required
@require_POST
def pair_ask_news(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = pair_selectors.pair_for_staff(access, pair_id)

    def perform(data: Mapping[str, Any]) -> str:
        services.ask_pair_for_news(mentorship=pair, manager=access.member)
        return _("Both members were asked for news.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _health_page(request, access, pair.programme, form),
        success=reverse("programme_health", args=[access.network.slug, pair.programme_id]),
    )
