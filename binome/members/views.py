from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import Access, authenticated_user, login_only, member_required
from binome.core.errors import DomainError
from binome.core.models import Network
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


@member_required
def network_home(request: HttpRequest, access: Access) -> HttpResponse:
    from binome.intake.selectors import home_items
    from binome.mentorships.selectors import pairs_of_member
    from binome.mentorships.states import LIVE_STATUSES

    offer = MentorOffer.objects.filter(member=access.member).first()
    requests, invitations = home_items(access)
    return render(
        request,
        "members/network_home.html",
        {
            "completeness": profile_completeness(access.member),
            "offer": offer,
            "pairs": pairs_of_member(access).filter(status__in=LIVE_STATUSES),
            "open_requests": requests,
            "pending_invitations": invitations,
        },
    )


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


@member_required
@require_http_methods(["GET", "POST"])
def mentor_offer(request: HttpRequest, access: Access) -> HttpResponse:
    member = access.member
    offer = MentorOffer.objects.filter(member=member).prefetch_related("themes").first()
    initial = {}
    if offer is not None:
        initial = {
            "themes": list(offer.themes.all()),
            "capacity": offer.capacity,
            "formats": offer.formats,
            "consent": offer.is_active,
        }
    action = request.POST.get("action", "save")
    form = MentorOfferForm(
        request.POST if action == "save" else None, initial=initial, network=access.network
    )
    pause_form = PauseForm(request.POST if action == "pause" else None)
    if request.method == "POST":
        try:
            response = _apply_offer_action(request, access, action, form, pause_form)
        except DomainError as error:
            messages.error(request, error.message)
            response = None
        if response is not None:
            return response
    return render(
        request,
        "members/mentor_offer.html",
        {"form": form, "pause_form": pause_form, "offer": offer},
    )


def _apply_offer_action(
    request: HttpRequest, access: Access, action: str, form: MentorOfferForm, pause_form: PauseForm
) -> HttpResponse | None:
    member = access.member
    if action == "save" and form.is_valid():
        data = form.cleaned_data
        services.save_mentor_offer(
            member=member,
            themes=data["themes"],
            capacity=data["capacity"],
            formats=data["formats"],
            consent=data["consent"],
        )
        messages.success(request, _("You are listed as a mentor. Thank you!"))
    elif action == "withdraw":
        services.withdraw_mentor_offer(member=member)
        messages.success(request, _("You are no longer listed as a mentor."))
    elif action == "pause" and pause_form.is_valid():
        services.pause_mentor_offer(
            member=member,
            until=pause_form.cleaned_data["until"],
            reason=pause_form.cleaned_data["reason"],
        )
        messages.success(request, _("Your mentoring is paused. Nobody will be suggested to you."))
    elif action == "resume":
        services.pause_mentor_offer(member=member, until=None)
        messages.success(request, _("Welcome back: you can be suggested again."))
    else:
        return None
    return redirect("mentor_offer", access.network.slug)


@member_required
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
    return render(request, "members/member_detail.html", {"profile": member})
