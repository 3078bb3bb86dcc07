"""A flash programme's managers: the overview, and one-click reminders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from binome.core.access import Access, staff_required
from binome.core.operations import ConfirmForm, run_operation
from binome.flash import overview as flash_overview
from binome.flash.models import FlashExchange, FlashQuestion
from binome.flash.services import reminders
from binome.programmes.models import Programme


def _managed_flash_programme(access: Access, programme_id: int) -> Programme:
    programme = get_object_or_404(
        Programme.objects.for_network(access.network), pk=programme_id, kind=Programme.Kind.FLASH
    )
    if not access.manages(programme):
        raise Http404
    return programme


def _overview_page(
    request: HttpRequest, access: Access, programme: Programme, refused: forms.BaseForm | None
) -> HttpResponse:
    data = flash_overview.overview(
        programme,
        mentors_page=request.GET.get("mentors"),
        pool_page=request.GET.get("pool"),
        outcome_page=request.GET.get("outcomes"),
    )
    now = timezone.now()
    return render(
        request,
        "flash/overview.html",
        {
            "programme": programme,
            "o": data,
            "pool": [
                (q, now - q.status_changed_at, flash_overview.can_remind(q.pool_reminded_at, now))
                for q in data.pool.object_list
            ],
            "outcomes": [
                (x, flash_overview.can_remind(x.outcome_reminded_at, now))
                for x in data.awaiting_outcome.object_list
            ],
            "operation_form": refused,
        },
    )


@staff_required
@require_safe
def flash_overview_page(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = _managed_flash_programme(access, programme_id)
    return _overview_page(request, access, programme, None)


def _managed_question(access: Access, question_id: int) -> FlashQuestion:
    question = get_object_or_404(
        FlashQuestion.objects.select_related("programme"), network=access.network, pk=question_id
    )
    if not access.manages(question.programme):
        raise Http404
    return question


def _managed_exchange(access: Access, exchange_id: int) -> FlashExchange:
    exchange = get_object_or_404(
        FlashExchange.objects.select_related("programme"), network=access.network, pk=exchange_id
    )
    if not access.manages(exchange.programme):
        raise Http404
    return exchange


def _remind(
    request: HttpRequest, access: Access, programme: Programme, perform: Any
) -> HttpResponse:
    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _overview_page(request, access, programme, form),
        success=reverse("flash_overview", args=[access.network.slug, programme.pk]),
    )


@staff_required
@require_POST
def flash_pool_remind(request: HttpRequest, access: Access, pool_question_id: int) -> HttpResponse:
    question = _managed_question(access, pool_question_id)

    def perform(data: Mapping[str, Any]) -> str:
        told = reminders.remind_pool_mentors(question=question, manager=access.member)
        return ngettext(
            "%(n)s mentor reminded of the question.",
            "%(n)s mentors reminded of the question.",
            told,
        ) % {"n": told}

    return _remind(request, access, question.programme, perform)


@staff_required
@require_POST
def flash_outcome_remind(request: HttpRequest, access: Access, exchange_id: int) -> HttpResponse:
    exchange = _managed_exchange(access, exchange_id)

    def perform(data: Mapping[str, Any]) -> str:
        reminders.remind_outcome(exchange=exchange, manager=access.member)
        return _("Both members are asked again whether it took place.")

    return _remind(request, access, exchange.programme, perform)
