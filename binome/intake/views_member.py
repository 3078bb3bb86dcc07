"""The mentee's pages: ask for help, follow the request, rank the shortlist."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.core.access import Access, member_required
from binome.core.errors import DomainError
from binome.core.operations import ConfirmForm, run_operation
from binome.intake import selectors
from binome.intake.forms import MessageForm, RankForm, RequestForm
from binome.intake.models import MentoringRequest
from binome.intake.services import requests as request_services
from binome.intake.services import shortlist as shortlist_services
from binome.intake.states import OPEN_STATUSES, RequestStatus
from binome.programmes.models import Programme


@member_required
@require_safe
def my_requests(request: HttpRequest, access: Access) -> HttpResponse:
    mine = selectors.with_waiting_on(
        MentoringRequest.objects.filter(mentee=access.member).select_related("programme")
    )
    programmes = Programme.objects.for_network(access.network).filter(
        kind=Programme.Kind.ON_DEMAND, is_active=True
    )
    rows = [(r, selectors.waiting_on(r)) for r in mine]
    open_ids = {r.programme_id for r in mine if r.status in OPEN_STATUSES | {RequestStatus.DRAFT}}
    return render(
        request,
        "intake/my_requests.html",
        {"rows": rows, "programmes": programmes, "open_programme_ids": open_ids},
    )


@member_required
@require_http_methods(["GET", "POST"])
def request_edit(
    request: HttpRequest, access: Access, programme_id: int, request_id: int | None = None
) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.for_network(access.network), pk=programme_id, kind="on_demand"
    )
    draft = None
    initial = {"languages": access.member.languages, "formats": ["video", "in_person"]}
    if request_id is not None:
        draft = selectors.request_for_mentee(access, request_id)
        if draft.status != RequestStatus.DRAFT or draft.programme_id != programme.pk:
            raise Http404
        initial = {
            **{name: getattr(draft, name) for name in request_services.EDITABLE},
            "themes": list(draft.themes.all()),
            "sensitive_consent": draft.sensitive_consent_at is not None,
        }
    form = RequestForm(request.POST or None, initial=initial, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = request_services.save_draft(
                mentee=access.member,
                programme=programme,
                data=data,
                themes=list(data.pop("themes")),
                sensitive_consent=data.pop("sensitive_consent"),
                request=draft,
            )
            if "submit" in request.POST:
                request_services.submit_request(request=saved, actor=request.user)
                messages.success(request, _("Your request is sent. A manager will contact you."))
            else:
                messages.success(request, _("Your draft is saved."))
            return redirect("request_detail", access.network.slug, saved.pk)
        except DomainError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "intake/request_form.html",
        {"form": form, "programme": programme, "draft": draft},
    )


@member_required
def request_detail(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_mentee(access, request_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _request_page(request, access, mentoring_request)


def _request_page(
    request: HttpRequest,
    access: Access,
    mentoring_request: MentoringRequest,
    *,
    bound: Mapping[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    """The mentee's page of one request; ``bound`` holds the form an operation refused."""
    bound = bound or {}
    entries = list(mentoring_request.shortlist.filter(is_published=True).select_related("mentor"))
    rank_form = bound.get("rank") or RankForm(entries=entries)
    return render(
        request,
        "intake/request_detail.html",
        {
            "mentoring_request": mentoring_request,
            "waiting_on": selectors.waiting_on(mentoring_request),
            "ranked_entries": [(e, rank_form[f"rank_{e.pk}"]) for e in entries],
            "has_ranked": any(e.mentee_rank for e in entries),
            "rank_form": rank_form,
            "other_form": bound.get("other_names") or MessageForm(),
            "withdraw_form": bound.get("withdraw") or MessageForm(),
            "operation_form": bound.get("operation"),
            "events": mentoring_request.events.all(),
        },
    )


def _operation(
    request: HttpRequest,
    access: Access,
    mentoring_request: MentoringRequest,
    *,
    form: forms.BaseForm,
    slot: str,
    perform: Callable[[Mapping[str, Any]], str],
) -> HttpResponse:
    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _request_page(request, access, mentoring_request, bound={slot: bound}),
        success=reverse("request_detail", args=[access.network.slug, mentoring_request.pk]),
    )


@member_required
@require_POST
def request_rank(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_mentee(access, request_id)
    entries = list(mentoring_request.shortlist.filter(is_published=True).select_related("mentor"))
    form = RankForm(request.POST, entries=entries)

    def perform(data: Mapping[str, Any]) -> str:
        try:
            ranking = form.ranking()
        except ValidationError as error:
            raise DomainError(error.messages[0]) from error
        shortlist_services.rank_shortlist(
            request=mentoring_request, mentee=access.member, ranking=ranking
        )
        return _("Thank you: we now invite your first choice.")

    return _operation(request, access, mentoring_request, form=form, slot="rank", perform=perform)


@member_required
@require_POST
def request_submit(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_mentee(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        request_services.submit_request(request=mentoring_request, actor=request.user)
        return _("Your request is sent. A manager will contact you.")

    form = ConfirmForm(request.POST)
    return _operation(
        request, access, mentoring_request, form=form, slot="operation", perform=perform
    )


@member_required
@require_POST
def request_withdraw(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_mentee(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        request_services.withdraw_request(
            request=mentoring_request, actor=request.user, reason=data["message"]
        )
        return _("Your request is withdrawn.")

    form = MessageForm(request.POST)
    return _operation(
        request, access, mentoring_request, form=form, slot="withdraw", perform=perform
    )


@member_required
@require_POST
def request_other_names(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_mentee(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        shortlist_services.ask_for_other_names(
            request=mentoring_request, mentee=access.member, message=data["message"]
        )
        return _("We will look for other mentors.")

    form = MessageForm(request.POST)
    return _operation(
        request, access, mentoring_request, form=form, slot="other_names", perform=perform
    )
