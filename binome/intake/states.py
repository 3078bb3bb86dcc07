"""The allowed moves of a mentoring request and of a mentor invitation — data, not code paths.

Services move objects with ``binome.core.transitions.move`` and these machines; nothing else
assigns a status.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from binome.core.transitions import StateMachine


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for a manager")
    IN_INTAKE = "in_intake", _("Intake interview")
    SHORTLISTING = "shortlisting", _("Shortlist in preparation")
    AWAITING_CHOICE = "awaiting_choice", _("Waiting for the mentee's choice")
    INVITING = "inviting", _("Waiting for the mentor's answer")
    MATCHED = "matched", _("Matched")
    REFERRED = "referred", _("Referred to a professional")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


R = RequestStatus
REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    R.DRAFT: frozenset({R.SUBMITTED, R.WITHDRAWN}),
    R.SUBMITTED: frozenset({R.IN_INTAKE, R.WITHDRAWN}),
    R.IN_INTAKE: frozenset({R.SHORTLISTING, R.REFERRED, R.DECLINED, R.WITHDRAWN}),
    R.SHORTLISTING: frozenset({R.AWAITING_CHOICE, R.WITHDRAWN}),
    # The mentee may ask for other names: back to the manager's shortlist.
    R.AWAITING_CHOICE: frozenset({R.INVITING, R.SHORTLISTING, R.WITHDRAWN}),
    # Inviting → inviting: the next choice after a decline or an expiry.
    R.INVITING: frozenset({R.MATCHED, R.INVITING, R.SHORTLISTING, R.WITHDRAWN}),
    # Re-matching: the manager ends a pair that failed and reopens the request's shortlist.
    R.MATCHED: frozenset({R.SHORTLISTING}),
    R.REFERRED: frozenset(),
    R.DECLINED: frozenset(),
    R.WITHDRAWN: frozenset(),
}
OPEN_STATUSES = frozenset({R.SUBMITTED, R.IN_INTAKE, R.SHORTLISTING, R.AWAITING_CHOICE, R.INVITING})
# Who the request is waiting for, per status (for the dashboard and the member's page).
WAITING_ON: dict[str, str] = {
    R.DRAFT: "mentee",
    R.SUBMITTED: "manager",
    R.IN_INTAKE: "manager",
    R.SHORTLISTING: "manager",
    R.AWAITING_CHOICE: "mentee",
    R.INVITING: "mentor",
}


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


I = InvitationStatus  # noqa: E741 - mirrors R above
INVITATION_TRANSITIONS: dict[str, frozenset[str]] = {
    I.PENDING: frozenset({I.ACCEPTED, I.DECLINED, I.EXPIRED, I.CANCELLED}),
    I.ACCEPTED: frozenset(),
    I.DECLINED: frozenset(),
    I.EXPIRED: frozenset(),
    I.CANCELLED: frozenset(),
}


# A direct request: the member chose one mentor themselves (binome.flash's self-service). No
# intake interview and no shortlist: an approval when the programme asks for one, then the one
# invitation; a decline or an expiry ends it (the member may ask someone else).
DIRECT_REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    R.DRAFT: frozenset({R.SUBMITTED, R.WITHDRAWN}),
    # Submitted: waiting for a manager's approval (or invited at once when none is needed).
    R.SUBMITTED: frozenset({R.INVITING, R.DECLINED, R.WITHDRAWN}),
    R.INVITING: frozenset({R.MATCHED, R.DECLINED, R.WITHDRAWN}),
    R.MATCHED: frozenset(),
    R.REFERRED: frozenset(),
    R.DECLINED: frozenset(),
    R.WITHDRAWN: frozenset(),
    R.IN_INTAKE: frozenset(),
    R.SHORTLISTING: frozenset(),
    R.AWAITING_CHOICE: frozenset(),
}


REQUEST_MACHINE = StateMachine("request", REQUEST_TRANSITIONS, RequestStatus)
DIRECT_REQUEST_MACHINE = StateMachine("request", DIRECT_REQUEST_TRANSITIONS, RequestStatus)
INVITATION_MACHINE = StateMachine("invitation", INVITATION_TRANSITIONS, InvitationStatus)
