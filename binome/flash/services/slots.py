"""A mentor's flash offer and slots.

Rules:
- only a listed mentor offers slots, in an open flash programme, in the future;
- a slot lasts 30 to 60 minutes, in one format and one language, on some themes;
- a mentor gives at most ``per_month`` flash exchanges a calendar month: slots offered (free or
  booked) and pool questions taken, counted under the lock of their flash offer's row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.flash.models import FlashExchange, FlashOffer, FlashSlot
from binome.flash.states import SLOT_MACHINE, SlotStatus
from binome.members import taxonomy
from binome.members.models import Format, Member
from binome.programmes.models import Programme

MIN_MINUTES, MAX_MINUTES = 30, 60
MAX_PER_MONTH = 20


def check_flash_programme(programme: Programme, member: Member) -> None:
    if (
        programme.kind != Programme.Kind.FLASH
        or not programme.is_active
        or programme.network_id != member.network_id
    ):
        raise DomainError(_("This programme does not take flash questions."), code="programme")


def save_flash_offer(
    *, member: Member, themes: list[Any], takes_pool_questions: bool, per_month: int
) -> FlashOffer:
    if not 1 <= per_month <= MAX_PER_MONTH:
        raise DomainError(
            _("Give between 1 and %(max)s flash exchanges a month.") % {"max": MAX_PER_MONTH},
            code="per_month",
        )
    if any(theme.network_id != member.network_id for theme in themes):
        raise DomainError(_("Unknown theme."), code="theme")
    with transaction.atomic():
        offer = locked_offer(member)
        offer.takes_pool_questions = takes_pool_questions
        offer.per_month = per_month
        offer.save()
        offer.themes.set(themes)
    return offer


def locked_offer(member: Member) -> FlashOffer:
    """The mentor's flash offer, created with defaults the first time, locked."""
    FlashOffer.objects.get_or_create(member=member, defaults={"network_id": member.network_id})
    return FlashOffer.objects.select_for_update().get(member=member)


def _month(moment: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    local = timezone.localtime(moment)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


def check_monthly_limit(offer: FlashOffer, when: datetime.datetime) -> None:
    """Under the offer's lock: one more flash exchange in ``when``'s month fits the limit."""
    start, end = _month(when)
    slots = FlashSlot.objects.filter(
        mentor_id=offer.member_id,
        starts_at__gte=start,
        starts_at__lt=end,
        status__in=[SlotStatus.OPEN, SlotStatus.BOOKED],
    ).count()
    taken = FlashExchange.objects.filter(
        mentor_id=offer.member_id, slot__isnull=True, starts_at__gte=start, starts_at__lt=end
    ).count()
    if slots + taken >= offer.per_month:
        raise DomainError(
            _("You give at most %(n)s flash exchanges a month: this month is full.")
            % {"n": offer.per_month},
            code="monthly_limit",
        )


def check_time(starts_at: datetime.datetime, minutes: int) -> None:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise DomainError(_("A flash exchange lasts 30 to 60 minutes."), code="duration")
    if starts_at <= timezone.now():
        raise DomainError(_("Choose a date in the future."), code="past")


def offer_slot(
    *,
    mentor: Member,
    programme: Programme,
    starts_at: datetime.datetime,
    duration_minutes: int,
    format: str,
    language: str,
    themes: list[Any],
    place: str = "",
) -> FlashSlot:
    check_flash_programme(programme, mentor)
    if not mentor.is_listed:
        raise DomainError(_("Only a listed mentor offers flash slots."), code="not_mentor")
    check_time(starts_at, duration_minutes)
    if format not in Format.values:
        raise DomainError(_("Unknown meeting format."), code="format")
    if language not in taxonomy.LANGUAGE_CODES:
        raise DomainError(_("Unknown language."), code="language")
    if any(theme.network_id != mentor.network_id for theme in themes):
        raise DomainError(_("Unknown theme."), code="theme")
    with transaction.atomic():
        check_monthly_limit(locked_offer(mentor), starts_at)
        slot = FlashSlot.objects.create(
            network_id=mentor.network_id,
            programme=programme,
            mentor=mentor,
            starts_at=starts_at,
            time_zone=mentor.time_zone,
            duration_minutes=duration_minutes,
            format=format,
            language=language,
            place=place,
        )
        slot.themes.set(themes)
        audit.record(
            action="flash_slot.offer", actor=mentor.user, network=mentor.network, target=slot
        )
    return slot


def cancel_slot(*, slot: FlashSlot, mentor: Member) -> FlashSlot:
    if slot.mentor_id != mentor.pk:
        raise DomainError(_("This slot is someone else's."), code="not_yours")
    with transaction.atomic():
        slot = FlashSlot.objects.select_for_update().get(pk=slot.pk)
        move(slot, SLOT_MACHINE, SlotStatus.CANCELLED, actor=mentor.user, network=mentor.network)
    return slot
