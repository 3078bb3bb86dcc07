from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The visitor's standing in the current network, for the menu."""
    return {"access": getattr(request, "access", None)}
