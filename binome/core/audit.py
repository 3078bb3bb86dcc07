from __future__ import annotations

from typing import Any

from binome.core.models import AuditEvent, Network


def record(
    *,
    action: str,
    actor: Any = None,
    network: Network | None = None,
    target: Any = None,
    **detail: Any,
) -> AuditEvent:
    """Write one audit row; ``target`` is any model instance (its class and pk are kept)."""
    return AuditEvent.objects.create(
        network=network,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=type(target).__name__ if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=detail,
    )
