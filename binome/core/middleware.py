from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone


class AdminTwoFactorMiddleware:
    """Superusers and Django staff reach the Django admin only with a TOTP authenticator."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefix = "/django-admin/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.BINOME_STAFF_MFA_REQUIRED
            and request.path.startswith(self.prefix)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not _has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class MemberTimeZoneMiddleware:
    """Dates show in the member's own time zone for one request, and only that request.

    The zone is only known once a network page has resolved the member
    (``binome.core.access``), so the view asks for it through ``use_member_time_zone``; this
    middleware starts every request in the site's zone and always resets it after the
    response, even on an error, so a reused thread never serves the next visitor in the
    previous member's zone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def use_member_time_zone(name: str) -> None:
    """Show this request's dates in ``name``; an unknown zone keeps the site's."""
    try:
        timezone.activate(zoneinfo.ZoneInfo(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()


class PermissionsPolicyMiddleware:
    """Turn off the browser features no page uses (camera, microphone, location…)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.BINOME_PERMISSIONS_POLICY)
        return response
