from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.mentorships.models import Mentorship, MentorshipEvent
from binome.mentorships.states import PAIR_MACHINE


def locked_pair(mentorship: Mentorship) -> Mentorship:
    return Mentorship.objects.select_for_update().select_related("programme").get(pk=mentorship.pk)


def move_pair(mentorship: Mentorship, to: str, *, actor: Any, reason: str = "") -> Mentorship:
    """Move a locked pair if the table allows it, with its history row."""
    actor = actor if getattr(actor, "is_authenticated", False) else None

    def history(previous: str, target: str) -> None:
        MentorshipEvent.objects.create(
            mentorship=mentorship,
            actor=actor,
            from_status=previous,
            to_status=target,
            reason=reason[:200],
        )

    move(mentorship, PAIR_MACHINE, to, actor=actor, reason=reason, event=history)
    return mentorship


def member_of(mentorship: Mentorship, member: Any) -> None:
    if member.pk not in mentorship.member_ids():
        raise DomainError(_("Only the pair can do this."), code="not_in_pair")
