"""Signing the charter: the pair becomes active when both have signed the current version."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.members.models import Member
from binome.mentorships.models import CharterSignature, Mentorship
from binome.mentorships.services.transitions import locked_pair, member_of, move_pair
from binome.mentorships.states import MentorshipStatus
from binome.notifications.emails import send_templated


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    # Clamp to the month's last day (31 January + 1 month → 28/29 February).
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def sign_charter(*, mentorship: Mentorship, member: Member) -> CharterSignature:
    member_of(mentorship, member)
    with transaction.atomic():
        pair = locked_pair(mentorship)
        if pair.status != MentorshipStatus.AWAITING_CHARTER:
            raise DomainError(_("The charter is already signed by both."), code="state")
        charter = pair.programme.current_charter()
        if charter is None:
            raise DomainError(
                _("The programme has no charter yet: ask its manager."), code="no_charter"
            )
        if CharterSignature.objects.filter(mentorship=pair, member=member).exists():
            raise DomainError(_("You have already signed."), code="signed")
        signature = CharterSignature.objects.create(mentorship=pair, member=member, charter=charter)
        if CharterSignature.objects.filter(mentorship=pair).count() == 2:
            move_pair(pair, MentorshipStatus.ACTIVE, actor=member.user, reason="charter signed")
            pair.started_at = timezone.now()
            pair.period_end = add_months(timezone.localdate(), pair.programme.duration_months)
            pair.save(update_fields=["started_at", "period_end"])
            for person in (pair.mentor, pair.mentee):
                send_templated(
                    to=person.user,
                    template="pair_started",
                    context={"mentorship": pair, "recipient_member": person},
                )
    return signature
