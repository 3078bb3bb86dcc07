from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.mentorships.models import Mentorship, MentorshipEvent
from binome.mentorships.states import MENTORSHIP_TRANSITIONS, MentorshipStatus, can_move


def locked_pair(mentorship: Mentorship) -> Mentorship:
    return Mentorship.objects.select_for_update().select_related("programme").get(pk=mentorship.pk)


def move_pair(mentorship: Mentorship, to: str, *, actor: Any, reason: str = "") -> Mentorship:
    """Move a locked pair if the table allows it, with its event row."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("move_pair runs inside the caller's transaction")
    if not can_move(MENTORSHIP_TRANSITIONS, mentorship.status, to):
        raise DomainError(
            _("This pair cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": mentorship.get_status_display(),
                "to": MentorshipStatus(to).label,
            },
            code="transition",
        )
    MentorshipEvent.objects.create(
        mentorship=mentorship,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=mentorship.status,
        to_status=to,
        reason=reason[:200],
    )
    mentorship.status = to
    mentorship.status_changed_at = timezone.now()
    mentorship.save(update_fields=["status", "status_changed_at"])
    return mentorship


def member_of(mentorship: Mentorship, member: Any) -> None:
    if member.pk not in mentorship.member_ids():
        raise DomainError(_("Only the pair can do this."), code="not_in_pair")
