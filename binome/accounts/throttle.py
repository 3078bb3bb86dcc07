from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def login_identifier(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The email an attempt was made for, whatever the form calls it (allauth: "login")."""
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or request.POST.get("login", "")
        or request.POST.get("email", "")
    )
    return str(value).strip().lower()


def client_ip(request: HttpRequest) -> str:
    """The address lockouts and rate limits count against.

    ``REMOTE_ADDR`` unless ``BINOME_TRUSTED_PROXY_HEADER`` names the header the operator's own
    proxy sets: then that header, so the proxy's address does not make every client one. For
    ``X-Forwarded-For`` the proxies append, so the client is the entry
    ``BINOME_TRUSTED_PROXY_COUNT`` places from the end; entries further left are whatever the
    client sent and are ignored. A missing or malformed value falls back to ``REMOTE_ADDR``.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    header = settings.BINOME_TRUSTED_PROXY_HEADER
    if not header:
        return remote
    value = request.headers.get(header, "")
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    if header.lower() == "x-forwarded-for":
        count = settings.BINOME_TRUSTED_PROXY_COUNT
        candidate = entries[-count] if 0 < count <= len(entries) else ""
    else:
        candidate = entries[-1] if entries else ""
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
