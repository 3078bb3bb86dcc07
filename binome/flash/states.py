"""The allowed moves of flash mentoring's objects — data, applied by ``core.transitions.move``.

A slot is offered, then booked (or cancelled by its mentor); a question is written, then booked
on a slot or sent to the theme pool, where a mentor takes it; an exchange is scheduled, then
took place or did not (either member says so, one click from the email); after it, the mentee
may ask to continue as a long pair and the mentor says yes or no — or apply to a cohort
programme whose mentees' window is open, the application prefilled from the exchange.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from binome.core.transitions import StateMachine


class SlotStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("slot", "Free")
    BOOKED = "booked", pgettext_lazy("slot", "Booked")
    CANCELLED = "cancelled", pgettext_lazy("slot", "Cancelled")


SLOT_TRANSITIONS: dict[str, frozenset[str]] = {
    SlotStatus.OPEN: frozenset({SlotStatus.BOOKED, SlotStatus.CANCELLED}),
    SlotStatus.BOOKED: frozenset(),
    SlotStatus.CANCELLED: frozenset(),
}


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Written, no mentor yet")
    POOLED = "pooled", _("In the theme pool")
    BOOKED = "booked", _("Exchange planned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


Q = QuestionStatus
QUESTION_TRANSITIONS: dict[str, frozenset[str]] = {
    Q.OPEN: frozenset({Q.BOOKED, Q.POOLED, Q.WITHDRAWN}),
    # A pooled question can still be booked on a slot by its author, or taken by a mentor.
    Q.POOLED: frozenset({Q.BOOKED, Q.WITHDRAWN}),
    Q.BOOKED: frozenset(),
    Q.WITHDRAWN: frozenset(),
}


class ExchangeStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planned")
    HELD = "held", _("Took place")
    NOT_HELD = "not_held", _("Did not take place")


E = ExchangeStatus
EXCHANGE_TRANSITIONS: dict[str, frozenset[str]] = {
    E.SCHEDULED: frozenset({E.HELD, E.NOT_HELD}),
    E.HELD: frozenset(),
    E.NOT_HELD: frozenset(),
}


class ContinuationStatus(models.TextChoices):
    NONE = "none", _("Not asked")
    ASKED = "asked", _("Asked, waiting for the mentor")
    ACCEPTED = "accepted", _("The mentor said yes")
    DECLINED = "declined", _("The mentor said no")
    # Into a cohort programme: the application is made at once; the cohort's managers screen
    # it and its matching pairs it (the mentor is told and may apply as a mentor).
    APPLIED = "applied", _("Applied to the cohort")


C = ContinuationStatus
CONTINUATION_TRANSITIONS: dict[str, frozenset[str]] = {
    C.NONE: frozenset({C.ASKED, C.APPLIED}),
    C.ASKED: frozenset({C.ACCEPTED, C.DECLINED}),
    C.ACCEPTED: frozenset(),
    C.DECLINED: frozenset(),
    C.APPLIED: frozenset(),
}

SLOT_MACHINE = StateMachine("flash_slot", SLOT_TRANSITIONS, SlotStatus)
QUESTION_MACHINE = StateMachine("flash_question", QUESTION_TRANSITIONS, QuestionStatus)
EXCHANGE_MACHINE = StateMachine("flash_exchange", EXCHANGE_TRANSITIONS, ExchangeStatus)
CONTINUATION_MACHINE = StateMachine(
    "flash_continuation", CONTINUATION_TRANSITIONS, ContinuationStatus
)
