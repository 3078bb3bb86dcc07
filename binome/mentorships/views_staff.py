"""The manager's view of pairs: metadata only (status, signatures, meetings counted, flags)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binome.core.access import Access, staff_required
from binome.core.operations import ConfirmForm, run_operation
from binome.mentorships import selectors
from binome.mentorships.models import Flag, Mentorship
from binome.mentorships.services import flags, lifecycle
from binome.programmes.models import Programme


@staff_required
def programme_pairs(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_network(access.network), pk=programme_id)
    rows = selectors.pairs_for_staff(access, programme)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    attention_only = request.GET.get("attention") == "1"
    if attention_only:
        rows = [row for row in rows if row.needs_attention]
    return render(
        request,
        "mentorships/programme_pairs.html",
        {"programme": programme, "rows": rows, "attention_only": attention_only},
    )


@staff_required
def staff_pair(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_staff(access, pair_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _staff_pair_page(request, access, pair)


def _staff_pair_page(
    request: HttpRequest, access: Access, pair: Mentorship, operation_form: Any = None
) -> HttpResponse:
    overview = selectors.pair_overview(access, pair)  # one row, not the programme's every row
    return render(
        request,
        "mentorships/staff_pair.html",
        {
            "pair": pair,
            "row": overview,
            "flags": pair.flags.all(),
            "events": pair.events.all(),
            "has_objectives": pair.objectives.exists(),
            "operation_form": operation_form,
        },
    )


@staff_required
@require_POST
def flag_resolve(request: HttpRequest, access: Access, pair_id: int, flag_id: int) -> HttpResponse:
    pair = selectors.pair_for_staff(access, pair_id)
    flag = get_object_or_404(Flag, mentorship=pair, pk=flag_id)

    def perform(data: Mapping[str, Any]) -> str:
        flags.resolve_flag(flag=flag)
        return _("Marked as handled.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _staff_pair_page(request, access, pair, form),
        success=reverse("staff_pair", args=[access.network.slug, pair.pk]),
    )


@staff_required
@require_POST
def pair_rematch(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_staff(access, pair_id)

    def perform(data: Mapping[str, Any]) -> str:
        lifecycle.end_for_rematch(mentorship=pair, manager=access.member)
        return _("The pair is ended; the request is back at the shortlist.")

    success = (
        reverse("manage_request", args=[access.network.slug, pair.request_id])
        if pair.request_id
        else reverse("staff_pair", args=[access.network.slug, pair.pk])
    )
    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _staff_pair_page(request, access, pair, form),
        success=success,
    )
