"""Objectives and action items: the pair's own working material (confidential)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.members.models import Member
from binome.mentorships.models import ActionItem, Mentorship, Objective
from binome.mentorships.services.transitions import member_of

MAX_OBJECTIVES = 5


def save_objectives(*, mentorship: Mentorship, member: Member, texts: list[str]) -> list[Objective]:
    """Replace the pair's objectives (revised together, written by either)."""
    member_of(mentorship, member)
    texts = [text.strip() for text in texts if text.strip()]
    if len(texts) > MAX_OBJECTIVES:
        raise DomainError(
            _("At most %(max)s objectives: keep the essential.") % {"max": MAX_OBJECTIVES},
            code="too_many",
        )
    with transaction.atomic():
        Objective.objects.filter(mentorship=mentorship).delete()
        return Objective.objects.bulk_create(
            Objective(mentorship=mentorship, text=text, updated_by=member) for text in texts
        )


def add_action_item(
    *,
    mentorship: Mentorship,
    member: Member,
    owner: Member,
    text: str,
    due_date: datetime.date | None,
) -> ActionItem:
    member_of(mentorship, member)
    member_of(mentorship, owner)
    if not text.strip():
        raise DomainError(_("Say what is to be done."), code="text")
    return ActionItem.objects.create(
        mentorship=mentorship, owner=owner, text=text.strip()[:300], due_date=due_date
    )


def set_action_done(*, item: ActionItem, member: Member, done: bool) -> ActionItem:
    member_of(item.mentorship, member)
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    return item
