"""Who may see what — checked here and nowhere else.

Rules:
- every network page resolves the network from the URL and the visitor's membership in it; a
  network the visitor does not belong to answers 404 (never 403: no probing of what exists);
- objects are then fetched from that network only, so another network's ids also answer 404;
- staff pages need a staff role (network admin, or manager of the programme in question), and,
  when ``BINOME_STAFF_MFA_REQUIRED`` is on, a TOTP authenticator: staff without one are sent to
  set it up first.
Every view is marked ``public`` or protected by one of these decorators; a test walks the URL
configuration and fails on any view that is neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from binome.core.middleware import use_member_time_zone
from binome.core.models import Network

if TYPE_CHECKING:
    from binome.accounts.models import User
    from binome.members.models import Member
    from binome.programmes.models import Programme

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def public(view: View) -> View:
    """Mark a view as open to anyone, on purpose."""
    view.binome_access = "public"  # type: ignore[attr-defined]
    return view


def authenticated_user(request: HttpRequest) -> User:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    return user


@dataclass(frozen=True)
class Access:
    """The visitor's standing in one network."""

    network: Network
    member: Member

    @cached_property
    def roles(self) -> frozenset[tuple[str, int | None]]:
        return frozenset(self.member.staff_roles.values_list("role", "programme_id"))

    @property
    def is_network_admin(self) -> bool:
        return any(role == "network_admin" for role, _p in self.roles)

    @property
    def is_staff(self) -> bool:
        return bool(self.roles)

    def managed_programme_ids(self) -> set[int]:
        return {p for role, p in self.roles if role == "programme_manager" and p is not None}

    def manages(self, programme: Programme) -> bool:
        if programme.network_id != self.network.pk:
            return False
        return self.is_network_admin or programme.pk in self.managed_programme_ids()


def network_access(request: HttpRequest, network_slug: str) -> Access:
    """The visitor's membership in the network named in the URL, or 404."""
    from binome.members.models import Member

    user = authenticated_user(request)
    member = (
        Member.objects.select_related("network", "user")
        .filter(network__slug=network_slug, user=user)
        .first()
    )
    if member is None:
        raise Http404
    return Access(network=member.network, member=member)


def _needs_mfa(request: HttpRequest) -> bool:
    if not settings.BINOME_STAFF_MFA_REQUIRED:
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(
        user=request.user, type=Authenticator.Type.TOTP
    ).exists()


def _protect(view: View, kind: str, check: Callable[[Access], bool] | None) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, network: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access = network_access(request, network)
        if check is not None:
            if not check(access):
                raise Http404
            if _needs_mfa(request):
                messages.warning(
                    request, _("Staff accounts need two-factor authentication. Set it up first.")
                )
                return redirect("mfa_activate_totp")
        request.access = access  # type: ignore[attr-defined]
        use_member_time_zone(access.member.time_zone)
        return view(request, access, *args, **kwargs)

    wrapper.binome_access = kind  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def member_required(view: View) -> View:
    """Any member of the network in the URL."""
    return _protect(view, "member", None)


def staff_required(view: View) -> View:
    """A network admin or any programme manager of the network (finer checks use ``manages``)."""
    return _protect(view, "staff", lambda access: access.is_staff)


def network_admin_required(view: View) -> View:
    return _protect(view, "network_admin", lambda access: access.is_network_admin)


def login_only(view: View) -> View:
    """Logged-in people, outside any network (account settings)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.binome_access = "login"  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
