from __future__ import annotations

from typing import Any

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
