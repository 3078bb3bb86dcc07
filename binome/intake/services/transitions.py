from __future__ import annotations

from typing import Any

from binome.core.transitions import move
from binome.intake.models import MentoringRequest, RequestEvent
from binome.intake.states import DIRECT_REQUEST_MACHINE, REQUEST_MACHINE


def locked_request(request: MentoringRequest) -> MentoringRequest:
    """The request's row, locked until the end of the caller's transaction."""
    return MentoringRequest.objects.select_for_update().get(pk=request.pk)


def move_request(
    request: MentoringRequest, to: str, *, actor: Any, reason: str = ""
) -> MentoringRequest:
    """Move a (locked) request if its transition table allows it (a direct request has its
    own), with its history row."""
    actor = actor if getattr(actor, "is_authenticated", False) else None

    def history(previous: str, target: str) -> None:
        RequestEvent.objects.create(
            request=request, actor=actor, from_status=previous, to_status=target, reason=reason
        )

    machine = DIRECT_REQUEST_MACHINE if request.is_direct else REQUEST_MACHINE
    move(request, machine, to, actor=actor, reason=reason, event=history)
    return request
