"""The allowed moves of a speed-mentoring event — data, applied by ``core.transitions.move``.

Open: people register and the manager builds and adjusts the rotation. Locked: the rotation is
fixed and printed; after the evening each person ticks whom they would like to see again.
Over: mutual ticks have become introductions.

Each introduction carries a follow-up proposal: each of the two chooses a flash exchange, a long
pair or neither; the same choice by both makes it (the flash exchange or the pair, through their
own services); "neither" from either ends the proposal.
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


class FollowUpChoice(models.TextChoices):
    FLASH = "flash", _("A flash exchange (up to an hour)")
    PAIR = "pair", _("A long pair (several months)")
    NONE = "none", _("Neither, thank you")


class FollowUpStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for both choices")
    FLASH = "flash", _("Flash exchange planned")
    PAIR = "pair", _("Pair formed")
    DECLINED = "declined", _("No follow-up")


F = FollowUpStatus
FOLLOW_UP_TRANSITIONS: dict[str, frozenset[str]] = {
    F.PROPOSED: frozenset({F.FLASH, F.PAIR, F.DECLINED}),
    F.FLASH: frozenset(),
    F.PAIR: frozenset(),
    F.DECLINED: frozenset(),
}

FOLLOW_UP_MACHINE = StateMachine("speed_follow_up", FOLLOW_UP_TRANSITIONS, FollowUpStatus)
