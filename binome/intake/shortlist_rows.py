"""The shortlist as the manager sees it: each mentor with where their invitation stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from binome.intake.models import MentoringRequest, MentorInvitation, ShortlistEntry
from binome.intake.states import InvitationStatus, RequestStatus


@dataclass
class ShortlistRow:
    """One shortlisted mentor: the entry, their invitation (if any) and what may be done."""

    entry: ShortlistEntry
    invitation: MentorInvitation | None
    can_invite: bool
    entry_form: Any = None
    invite_form: Any = None


def shortlist_rows(request: MentoringRequest) -> list[ShortlistRow]:
    """Entries in the manager's order, each with its latest invitation; ``can_invite`` is true
    only for a ranked mentor never invited, while no invitation waits for an answer."""
    entries = list(request.shortlist.select_related("mentor__user"))
    invitations: dict[int, MentorInvitation] = {}
    for invitation in request.invitations.order_by("sent_at"):
        invitations[invitation.mentor_id] = invitation
    pending = any(i.status == InvitationStatus.PENDING for i in invitations.values())
    inviting = request.status in {RequestStatus.AWAITING_CHOICE, RequestStatus.INVITING}
    return [
        ShortlistRow(
            entry=entry,
            invitation=invitations.get(entry.mentor_id),
            can_invite=inviting
            and not pending
            and entry.is_published
            and entry.mentee_rank is not None
            and entry.mentor_id not in invitations,
        )
        for entry in entries
    ]
