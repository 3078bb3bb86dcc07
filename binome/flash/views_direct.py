"""Self-service pages: find a mentor, ask one directly; the managers' rules and approvals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.core.access import Access, member_required, staff_required
from binome.core.errors import DomainError
from binome.core.operations import ConfirmForm, run_operation
from binome.flash import selectors
from binome.flash.forms import AskForm, PolicyForm, RefuseForm
from binome.flash.models import DirectRequestPolicy
from binome.flash.services import direct
from binome.intake.forms import RequestForm
from binome.intake.models import MentoringRequest
from binome.intake.suggestions import explain
from binome.programmes.models import Programme


@member_required
@require_safe
def find_mentor(request: HttpRequest, access: Access) -> HttpResponse:
    mine = MentoringRequest.objects.filter(mentee=access.member, is_direct=True).select_related(
        "programme", "direct_ask__mentor"
    )
    # From a mentor's directory page: the question comes first, then the ask to that mentor.
    mentor_id = request.GET.get("mentor", "")
    return render(
        request,
        "flash/find_mentor.html",
        {
            "programmes": selectors.direct_programmes(access),
            "mine": mine,
            "mentor_id": mentor_id if mentor_id.isdigit() else "",
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def direct_new(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    """The member's question: what the suggestions read and the mentor will see."""
    programme = get_object_or_404(selectors.direct_programmes(access), pk=programme_id)
    initial = {"languages": access.member.languages, "formats": ["video", "in_person"]}
    form = RequestForm(request.POST or None, initial=initial, programme=programme)
    mentor_id = request.GET.get("mentor", "")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            draft = direct.start_direct_request(
                mentee=access.member,
                programme=programme,
                data=data,
                themes=list(data.pop("themes")),
                sensitive_consent=data.pop("sensitive_consent"),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if mentor_id.isdigit():
                return redirect("direct_ask", access.network.slug, draft.pk, int(mentor_id))
            return redirect("direct_suggestions", access.network.slug, draft.pk)
    return render(
        request,
        "flash/direct_new.html",
        {"form": form, "programme": programme, "mentor_id": mentor_id},
    )


def _draft_or_page(access: Access, mentoring_request: MentoringRequest) -> HttpResponse | None:
    if mentoring_request.status != "draft":
        return redirect("request_detail", access.network.slug, mentoring_request.pk)
    return None


@member_required
def direct_suggestions(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.direct_request_for_mentee(access, request_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    sent = _draft_or_page(access, mentoring_request)
    if sent is not None:
        return sent
    return render(
        request,
        "flash/suggestions.html",
        {
            "mentoring_request": mentoring_request,
            "suggestions": selectors.suggested_mentors(mentoring_request),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def direct_ask(
    request: HttpRequest, access: Access, request_id: int, member_id: int
) -> HttpResponse:
    mentoring_request = selectors.direct_request_for_mentee(access, request_id)
    mentor = selectors.askable_mentor(access, member_id)
    sent = _draft_or_page(access, mentoring_request)
    if sent is not None:
        return sent
    why = explain(mentoring_request, mentor)

    def perform(data: Mapping[str, Any]) -> str:
        direct.ask_mentor(
            request=mentoring_request,
            mentee=access.member,
            mentor=mentor,
            message=data["message"],
            score=why.score if why else None,
            reasons=why.reasons if why else None,
        )
        mentoring_request.refresh_from_db()
        if mentoring_request.status == "submitted":
            return _("Your request is sent to the programme's managers for approval.")
        return _("Your request is sent to %(name)s.") % {"name": mentor.full_name}

    def page(form: forms.BaseForm) -> HttpResponse:
        return render(
            request,
            "flash/ask.html",
            {"mentoring_request": mentoring_request, "mentor": mentor, "why": why, "form": form},
        )

    if request.method != "POST":
        return page(AskForm())
    return run_operation(
        request,
        form=AskForm(request.POST),
        perform=perform,
        page=page,
        success=reverse("request_detail", args=[access.network.slug, mentoring_request.pk]),
    )


def _managed_programme(access: Access, programme_id: int) -> Programme:
    programme = get_object_or_404(
        Programme.objects.for_network(access.network), pk=programme_id, kind="on_demand"
    )
    if not access.manages(programme):
        raise Http404
    return programme


def _policy_page(
    request: HttpRequest,
    access: Access,
    programme: Programme,
    *,
    form: forms.BaseForm | None = None,
    bound: Mapping[int, forms.BaseForm] | None = None,
) -> HttpResponse:
    policy = DirectRequestPolicy.objects.filter(programme=programme).first()
    if form is None:
        defaults = policy or DirectRequestPolicy(programme=programme)
        form = PolicyForm(
            initial={
                name: getattr(defaults, name)
                for name in (
                    "is_open",
                    "needs_approval",
                    "per_member_per_month",
                    "per_mentor_per_month",
                )
            }
        )
    bound = bound or {}
    rows = [
        (
            ask,
            bound.get(ask.request_id),
            bound.get(ask.request_id) or RefuseForm(prefix=f"r{ask.pk}"),
        )
        for ask in selectors.awaiting_approval(programme)
    ]
    return render(
        request,
        "flash/direct_policy.html",
        {"programme": programme, "form": form, "rows": rows},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def direct_policy(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    """A programme's rules for direct requests, and the ones waiting for an approval."""
    programme = _managed_programme(access, programme_id)
    if request.method != "POST":
        return _policy_page(request, access, programme)

    def perform(data: Mapping[str, Any]) -> str:
        direct.save_policy(programme=programme, actor=request.user, **data)
        return _("The rules for direct requests are saved.")

    return run_operation(
        request,
        form=PolicyForm(request.POST),
        perform=perform,
        page=lambda form: _policy_page(request, access, programme, form=form),
        success=reverse("direct_policy", args=[access.network.slug, programme.pk]),
    )


@staff_required
@require_POST
def direct_approve(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.direct_request_for_manager(access, request_id)
    programme = mentoring_request.programme

    def perform(data: Mapping[str, Any]) -> str:
        direct.approve_direct_request(request=mentoring_request, manager=access.member)
        return _("Approved: the mentor is invited.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _policy_page(
            request, access, programme, bound={mentoring_request.pk: form}
        ),
        success=reverse("direct_policy", args=[access.network.slug, programme.pk]),
    )


@staff_required
@require_POST
def direct_refuse(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.direct_request_for_manager(access, request_id)
    programme = mentoring_request.programme
    ask = getattr(mentoring_request, "direct_ask", None)
    prefix = f"r{ask.pk}" if ask is not None else "r"

    def perform(data: Mapping[str, Any]) -> str:
        direct.refuse_direct_request(
            request=mentoring_request, manager=access.member, message=data["message"]
        )
        return _("Refused: the member is told why.")

    return run_operation(
        request,
        form=RefuseForm(request.POST, prefix=prefix),
        perform=perform,
        page=lambda form: _policy_page(
            request, access, programme, bound={mentoring_request.pk: form}
        ),
        success=reverse("direct_policy", args=[access.network.slug, programme.pk]),
    )
