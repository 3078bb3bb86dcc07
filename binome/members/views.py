from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.core.access import Access, authenticated_user, login_only, member_required
from binome.core.errors import DomainError
from binome.core.models import Network
from binome.core.operations import ConfirmForm, run_operation
from binome.members import selectors, services
from binome.members.completeness import profile_completeness
from binome.members.forms import (
    DirectoryForm,
    MentorOfferForm,
    PauseForm,
    PositionFormSet,
    ProfileForm,
)
from binome.members.models import MentorOffer


@login_only
@require_POST
def join(request: HttpRequest, network: str) -> HttpResponse:
    target = get_object_or_404(Network, slug=network, is_signup_open=True)
    user = authenticated_user(request)
    try:
        services.join_network(network=target, user=user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("home")
    messages.success(request, _("Welcome! Complete your profile so that others can find you."))
    return redirect("profile_edit", target.slug)


@member_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, access: Access) -> HttpResponse:
    member = access.member
    initial = {name: getattr(member, name) for name in services.PROFILE_FIELDS}
    positions = [
        {
            "title": p.title,
            "employer": p.employer,
            "start_year": p.start_year,
            "end_year": p.end_year,
        }
        for p in member.positions.all()
    ]
    form = ProfileForm(request.POST or None, initial=initial)
    formset = PositionFormSet(request.POST or None, initial=positions, prefix="positions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        kept = [
            {key: value for key, value in row.items() if key != "DELETE"}
            for row in formset.cleaned_data
            if row and not row.get("DELETE")
        ]
        services.update_profile(
            member=member, actor=request.user, data=form.cleaned_data, positions=kept
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("profile_edit", access.network.slug)
    return render(
        request,
        "members/profile_edit.html",
        {"form": form, "formset": formset, "completeness": profile_completeness(member)},
    )


def _offer_page(
    request: HttpRequest,
    access: Access,
    *,
    form: MentorOfferForm | None = None,
    pause_form: PauseForm | None = None,
    operation_form: forms.BaseForm | None = None,
) -> HttpResponse:
    """The offer page; an operation that failed passes its bound form to keep what was typed."""
    offer = MentorOffer.objects.filter(member=access.member).prefetch_related("themes").first()
    if form is None:
        initial: dict[str, Any] = {}
        if offer is not None:
            initial = {
                "themes": list(offer.themes.all()),
                "capacity": offer.capacity,
                "formats": offer.formats,
                "consent": offer.is_active,
                "accepts_direct_requests": offer.accepts_direct_requests,
            }
        form = MentorOfferForm(initial=initial, network=access.network)
    context = {
        "form": form,
        "pause_form": pause_form or PauseForm(),
        "operation_form": operation_form,
        "offer": offer,
    }
    return render(request, "members/mentor_offer.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def mentor_offer(request: HttpRequest, access: Access) -> HttpResponse:
    """The offer page (GET) and saving the offer (POST)."""
    if request.method != "POST":
        return _offer_page(request, access)

    def perform(data: Mapping[str, Any]) -> str:
        services.save_mentor_offer(
            member=access.member,
            themes=data["themes"],
            capacity=data["capacity"],
            formats=data["formats"],
            consent=data["consent"],
            accepts_direct_requests=data["accepts_direct_requests"],
        )
        return _("You are listed as a mentor. Thank you!")

    return run_operation(
        request,
        form=MentorOfferForm(request.POST, network=access.network),
        perform=perform,
        page=lambda form: _offer_page(request, access, form=form),  # type: ignore[arg-type]
        success=reverse("mentor_offer", args=[access.network.slug]),
    )


@member_required
@require_POST
def mentor_offer_pause(request: HttpRequest, access: Access) -> HttpResponse:
    def perform(data: Mapping[str, Any]) -> str:
        services.pause_mentor_offer(
            member=access.member, until=data["until"], reason=data["reason"]
        )
        return _("Your mentoring is paused. Nobody will be suggested to you.")

    return run_operation(
        request,
        form=PauseForm(request.POST),
        perform=perform,
        page=lambda form: _offer_page(request, access, pause_form=form),  # type: ignore[arg-type]
        success=reverse("mentor_offer", args=[access.network.slug]),
    )


@member_required
@require_POST
def mentor_offer_resume(request: HttpRequest, access: Access) -> HttpResponse:
    def perform(data: Mapping[str, Any]) -> str:
        services.pause_mentor_offer(member=access.member, until=None)
        return _("Welcome back: you can be suggested again.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _offer_page(request, access, operation_form=form),
        success=reverse("mentor_offer", args=[access.network.slug]),
    )


@member_required
@require_POST
def mentor_offer_withdraw(request: HttpRequest, access: Access) -> HttpResponse:
    def perform(data: Mapping[str, Any]) -> str:
        services.withdraw_mentor_offer(member=access.member)
        return _("You are no longer listed as a mentor.")

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda form: _offer_page(request, access, operation_form=form),
        success=reverse("mentor_offer", args=[access.network.slug]),
    )


@member_required
@require_safe
def directory(request: HttpRequest, access: Access) -> HttpResponse:
    form = DirectoryForm(request.GET or None, network=access.network)
    query = selectors.DirectoryQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = selectors.DirectoryQuery(
            text=data["q"],
            theme=data["theme"].pk if data["theme"] else None,
            sector=data["sector"],
            function=data["function"],
            language=data["language"],
            country=data["country"],
            class_year_min=data["class_year_min"],
            class_year_max=data["class_year_max"],
            has_free_capacity=data["free"],
        )
    page = selectors.search_directory(access.network, query, page=_page_number(request))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "params": params.urlencode()}
    template = "members/_directory_results.html" if request.htmx else "members/directory.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@member_required
def member_detail(request: HttpRequest, access: Access, member_id: int) -> HttpResponse:
    member = selectors.visible_member(access.network, access.member, member_id)
    if member is None:
        raise Http404
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return render(request, "members/member_detail.html", {"profile": member})
