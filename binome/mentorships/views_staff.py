"""The manager's view of pairs: metadata only (status, signatures, meetings counted, flags)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binome.core.access import Access, staff_required
from binome.core.errors import DomainError
from binome.mentorships import selectors
from binome.mentorships.models import Flag
from binome.mentorships.services import flags, lifecycle
from binome.programmes.models import Programme


@staff_required
def programme_pairs(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_network(access.network), pk=programme_id)
    rows = selectors.pairs_for_staff(access, programme)
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
    overview = next(
        row for row in selectors.pairs_for_staff(access, pair.programme) if row.pair.pk == pair.pk
    )
    return render(
        request,
        "mentorships/staff_pair.html",
        {
            "pair": pair,
            "row": overview,
            "flags": pair.flags.all(),
            "events": pair.events.all(),
            "has_objectives": pair.objectives.exists(),
        },
    )


@staff_required
@require_POST
def staff_pair_step(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_staff(access, pair_id)
    action = request.POST.get("action")
    try:
        if action == "resolve":
            flag = get_object_or_404(Flag, mentorship=pair, pk=request.POST.get("flag"))
            flags.resolve_flag(flag=flag)
            messages.success(request, _("Marked as handled."))
        elif action == "rematch":
            lifecycle.end_for_rematch(mentorship=pair, manager=access.member)
            messages.success(request, _("The pair is ended; the request is back at the shortlist."))
            if pair.request_id:
                return redirect("manage_request", access.network.slug, pair.request_id)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("staff_pair", access.network.slug, pair.pk)
