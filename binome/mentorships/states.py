"""The allowed moves of a pair and of a meeting — data, applied by ``core.transitions.move``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from binome.core.transitions import StateMachine


class MentorshipStatus(models.TextChoices):
    AWAITING_CHARTER = "awaiting_charter", _("Waiting for the charter signatures")
    ACTIVE = "active", pgettext_lazy("pair", "Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")


S = MentorshipStatus
MENTORSHIP_TRANSITIONS: dict[str, frozenset[str]] = {
    S.AWAITING_CHARTER: frozenset({S.ACTIVE, S.ENDED_EARLY}),
    # Active → active: an extension by mutual agreement starts a new period.
    S.ACTIVE: frozenset({S.ACTIVE, S.PAUSED, S.COMPLETED, S.ENDED_EARLY}),
    S.PAUSED: frozenset({S.ACTIVE, S.COMPLETED, S.ENDED_EARLY}),
    S.COMPLETED: frozenset(),
    S.ENDED_EARLY: frozenset(),
}
# Statuses that take a place in the mentor's capacity.
CAPACITY_STATUSES = frozenset({S.AWAITING_CHARTER, S.ACTIVE, S.PAUSED})
LIVE_STATUSES = CAPACITY_STATUSES


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    NOT_HELD = "not_held", _("Did not take place")
    CANCELLED = "cancelled", _("Cancelled")


M = MeetingStatus
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    # Proposed → proposed, confirmed → proposed: the meeting moves and is to confirm again.
    M.PROPOSED: frozenset({M.PROPOSED, M.CONFIRMED, M.CANCELLED}),
    M.CONFIRMED: frozenset({M.PROPOSED, M.HELD, M.NOT_HELD, M.CANCELLED}),
    M.HELD: frozenset(),
    M.NOT_HELD: frozenset(),
    M.CANCELLED: frozenset(),
}


PAIR_MACHINE = StateMachine("pair", MENTORSHIP_TRANSITIONS, MentorshipStatus)
MEETING_MACHINE = StateMachine("meeting", MEETING_TRANSITIONS, MeetingStatus)
