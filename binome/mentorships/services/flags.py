"""Signals to the manager: the kind of concern, never the pair's words."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.members.models import Member
from binome.mentorships.models import Flag, Mentorship
from binome.notifications.emails import send_templated
from binome.programmes.models import StaffRole


def managers_of(mentorship: Mentorship) -> list[Member]:
    roles = StaffRole.objects.filter(programme=mentorship.programme).select_related("member__user")
    return [role.member for role in roles]


def raise_flag(*, mentorship: Mentorship, kind: str, raised_by: Member | None = None) -> Flag:
    """One open flag per kind and pair; the programme's managers are told."""
    with transaction.atomic():
        flag = Flag.objects.filter(mentorship=mentorship, kind=kind, resolved_at=None).first()
        if flag is not None:
            return flag
        flag = Flag.objects.create(mentorship=mentorship, kind=kind, raised_by=raised_by)
        for manager in managers_of(mentorship):
            send_templated(
                to=manager.user,
                template="pair_flagged",
                context={"flag": flag, "mentorship": mentorship},
            )
    return flag


def flag_referral(*, mentorship: Mentorship, mentor: Member) -> Flag:
    """The mentor says the need goes beyond volunteer help (the seeds: hand over to a pro)."""
    if mentor.pk != mentorship.mentor_id:
        raise DomainError(_("Only the mentor can raise this."), code="not_mentor")
    return raise_flag(mentorship=mentorship, kind=Flag.Kind.REFERRAL, raised_by=mentor)


def resolve_flag(*, flag: Flag) -> Flag:
    flag.resolved_at = timezone.now()
    flag.save(update_fields=["resolved_at"])
    return flag
