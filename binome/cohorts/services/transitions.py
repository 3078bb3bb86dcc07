from __future__ import annotations

from typing import Any

from django.db import models

from binome.cohorts.models import Application, Cohort
from binome.core.transitions import StateMachine, move


def locked(instance: models.Model) -> Any:
    """The instance's row, fresh and locked until the end of the caller's transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def move_to(
    instance: Cohort | Application | Any,
    machine: StateMachine,
    to: str,
    *,
    actor: Any,
    reason: str = "",
) -> None:
    """Move a locked cohort, application or run, with its audit row."""
    move(instance, machine, to, actor=actor, reason=reason, network=instance.network)
