from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.intake.models import MentoringRequest, RequestEvent
from binome.intake.states import REQUEST_TRANSITIONS, can_move


def locked_request(request: MentoringRequest) -> MentoringRequest:
    """The request's row, locked until the end of the caller's transaction."""
    return MentoringRequest.objects.select_for_update().get(pk=request.pk)


def move_request(
    request: MentoringRequest, to: str, *, actor: Any, reason: str = ""
) -> MentoringRequest:
    """Move a (locked) request if the transition table allows it, and write the event row."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("move_request runs inside the caller's transaction")
    if not can_move(REQUEST_TRANSITIONS, request.status, to):
        raise DomainError(
            _("This request cannot go from “%(from)s” to “%(to)s”.")
            % {"from": request.get_status_display(), "to": _label(to)},
            code="transition",
        )
    RequestEvent.objects.create(
        request=request,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=request.status,
        to_status=to,
        reason=reason,
    )
    request.status = to
    request.status_changed_at = timezone.now()
    request.save(update_fields=["status", "status_changed_at", "updated_at"])
    return request


def _label(status: str) -> str:
    from binome.intake.states import RequestStatus

    return str(RequestStatus(status).label)
