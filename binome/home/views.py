"""The network home: what waits for the member, across profiles, requests and pairs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from binome.core.access import Access, member_required, public
from binome.core.models import Network
from binome.intake.selectors import home_items
from binome.members.completeness import profile_completeness
from binome.members.models import Member, MentorOffer
from binome.mentorships.selectors import pairs_of_member
from binome.mentorships.states import LIVE_STATUSES


@member_required
@require_safe
def network_home(request: HttpRequest, access: Access) -> HttpResponse:
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


@public
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The entry page: a member of one network goes straight to it."""
    if not request.user.is_authenticated:
        return render(request, "core/home.html")
    memberships = list(Member.objects.filter(user=request.user).select_related("network"))
    open_networks = Network.objects.filter(is_signup_open=True).exclude(
        pk__in=[m.network_id for m in memberships]
    )
    if len(memberships) == 1 and not open_networks.exists():
        return redirect("network_home", memberships[0].network.slug)
    return render(
        request,
        "core/home.html",
        {"memberships": memberships, "open_networks": list(open_networks)},
    )
