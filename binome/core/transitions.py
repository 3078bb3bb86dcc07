"""State machines as data, and the one way every service moves an object between states.

Rules:
- each domain keeps its table of allowed moves in its ``states.py`` as a ``StateMachine``;
- ``move`` is the only code that assigns a ``status``: it runs inside the caller's transaction
  (on a row the caller locked), refuses a move the table does not allow with a translated
  ``DomainError`` (code ``transition``), stamps ``status_changed_at`` where the model has it,
  and writes one event row per move — the domain's own history row when it keeps one (requests,
  pairs), an audit row otherwise (meetings, invitations, imports).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError

EventWriter = Callable[[str, str], Any]


@dataclass(frozen=True)
class StateMachine:
    """``moves[current]`` lists the statuses ``current`` may go to; ``choices`` labels them."""

    name: str
    moves: Mapping[str, frozenset[str]]
    choices: type[models.TextChoices]

    def allows(self, current: str, target: str) -> bool:
        return target in self.moves.get(current, frozenset())

    def label(self, status: str) -> str:
        try:
            return str(self.choices(status).label)
        except ValueError:
            return status

    def check(self, current: str, target: str) -> None:
        if not self.allows(current, target):
            raise DomainError(
                _("This cannot go from “%(from)s” to “%(to)s” now.")
                % {"from": self.label(current), "to": self.label(target)},
                code="transition",
            )


def move(
    instance: models.Model,
    machine: StateMachine,
    to: str,
    *,
    actor: Any = None,
    reason: str = "",
    network: Any = None,
    event: EventWriter | None = None,
) -> str:
    """Move ``instance`` (locked by the caller) to ``to``; returns the status it left.

    ``event(from, to)`` writes the domain's history row; without it an audit row is written.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("move() runs inside the caller's transaction, on a locked row")
    previous: str = instance.status  # type: ignore[attr-defined]
    machine.check(previous, to)
    instance.status = to  # type: ignore[attr-defined]
    fields = ["status"]
    names = {f.name for f in instance._meta.get_fields()}
    if "status_changed_at" in names:
        instance.status_changed_at = timezone.now()  # type: ignore[attr-defined]
        fields.append("status_changed_at")
    if "updated_at" in names:
        fields.append("updated_at")
    instance.save(update_fields=fields)
    if event is not None:
        event(previous, to)
    else:
        audit.record(
            action=f"{machine.name}.{to}",
            actor=actor,
            network=network,
            target=instance,
            from_status=previous,
            reason=reason[:200],
        )
    return previous
