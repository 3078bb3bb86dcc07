from __future__ import annotations

from typing import Any

from binome.core.transitions import move
from binome.intake.models import MentoringRequest, RequestEvent
from binome.intake.states import REQUEST_MACHINE


def locked_request(request: MentoringRequest) -> MentoringRequest:
    """The request's row, locked until the end of the caller's transaction."""
    return MentoringRequest.objects.select_for_update().get(pk=request.pk)


def move_request(
    request: MentoringRequest, to: str, *, actor: Any, reason: str = ""
) -> MentoringRequest:
    """Move a (locked) request if the transition table allows it, with its history row."""
    actor = actor if getattr(actor, "is_authenticated", False) else None

    def history(previous: str, target: str) -> None:
        RequestEvent.objects.create(
            request=request, actor=actor, from_status=previous, to_status=target, reason=reason
        )

    move(request, REQUEST_MACHINE, to, actor=actor, reason=reason, event=history)
    return request
