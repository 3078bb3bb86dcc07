"""A mentor who does not come is paused, not pressed (as for unanswered invitations)."""

from __future__ import annotations

from django.utils import timezone

from binome.core.transitions import move
from binome.flash.models import FlashExchange, FlashSlot, NoShow
from binome.flash.services.slots import locked_offer
from binome.flash.states import SLOT_MACHINE, ExchangeStatus, SlotStatus
from binome.members.models import Member
from binome.notifications.emails import send_templated
from binome.programmes.models import Programme

PAUSE_AFTER_NO_SHOWS = 2  # exchanges in a row the mentor did not come to


def pause_if_absent(mentor: Member) -> bool:
    """After ``PAUSE_AFTER_NO_SHOWS`` exchanges in a row the mentor did not come to, their free
    slots to come are withdrawn and they stop receiving pool questions — paused, not pressed,
    as for unanswered invitations; they are told and resume from their flash page."""
    last = list(
        FlashExchange.objects.filter(mentor=mentor)
        .exclude(status=ExchangeStatus.SCHEDULED)
        .order_by("-starts_at", "-pk")
        .values_list("no_show", flat=True)[:PAUSE_AFTER_NO_SHOWS]
    )
    if len(last) < PAUSE_AFTER_NO_SHOWS or any(n != NoShow.MENTOR for n in last):
        return False
    offer = locked_offer(mentor)
    free = FlashSlot.objects.select_for_update().filter(
        mentor=mentor, status=SlotStatus.OPEN, starts_at__gt=timezone.now()
    )
    withdrawn = 0
    for slot in free:
        move(slot, SLOT_MACHINE, SlotStatus.CANCELLED, network=mentor.network, reason="no-shows")
        withdrawn += 1
    offer.takes_pool_questions = False
    offer.save(update_fields=["takes_pool_questions", "updated_at"])
    programme = Programme.objects.filter(
        network_id=mentor.network_id, kind=Programme.Kind.FLASH, is_active=True
    ).first()
    send_templated(
        to=mentor.user,
        template="flash_paused",
        context={"mentor": mentor, "withdrawn": withdrawn, "programme": programme},
    )
    return True
