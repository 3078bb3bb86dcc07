from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from binome.core.access import public
from binome.core.models import Network
from binome.members.models import Member


@public
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
