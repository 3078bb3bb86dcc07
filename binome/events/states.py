"""The allowed moves of a speed-mentoring event — data, applied by ``core.transitions.move``.

Open: people register and the manager builds and adjusts the rotation. Locked: the rotation is
fixed and printed; after the evening each person ticks whom they would like to see again.
Over: mutual ticks have become introductions.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from binome.core.transitions import StateMachine


class EventStatus(models.TextChoices):
    OPEN = "open", _("Registrations open")
    LOCKED = "locked", _("Rotation locked")
    OVER = "over", _("Over")


EVENT_TRANSITIONS: dict[str, frozenset[str]] = {
    # Locked → open: the manager unlocks to change the rotation again (before the evening).
    EventStatus.OPEN: frozenset({EventStatus.LOCKED}),
    EventStatus.LOCKED: frozenset({EventStatus.OPEN, EventStatus.OVER}),
    EventStatus.OVER: frozenset(),
}

EVENT_MACHINE = StateMachine("speed_event", EVENT_TRANSITIONS, EventStatus)
