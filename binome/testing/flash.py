"""Flash scenarios through the services a person uses: an exchange booked, then held."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from binome.flash.models import FlashExchange
from binome.flash.services import exchanges, slots
from binome.members.models import Member
from binome.programmes.models import Programme


def booked_exchange(
    *,
    mentor: Member,
    mentee: Member,
    programme: Programme,
    question: str = "Une question",
    themes: Iterable[Any] = (),
) -> FlashExchange:
    """The mentor's 45-minute video slot in two days, booked by the mentee for their question
    (each slot a minute after the last, so that one mentor can offer several)."""
    slot = slots.offer_slot(
        mentor=mentor,
        programme=programme,
        starts_at=timezone.now()
        + datetime.timedelta(days=2, minutes=FlashExchange.objects.count()),
        duration_minutes=45,
        format="video",
        language="fr",
        themes=[],
    )
    asked = exchanges.ask_flash_question(
        mentee=mentee, programme=programme, question=question, themes=list(themes), language="fr"
    )
    return exchanges.book_slot(question=asked, mentee=mentee, slot=slot)


def moved_to_past(exchange: FlashExchange, *, hours: float = 2) -> FlashExchange:
    """The exchange as if it had begun ``hours`` ago (booking refuses a past slot)."""
    began = timezone.now() - datetime.timedelta(hours=hours)
    FlashExchange.objects.filter(pk=exchange.pk).update(starts_at=began)
    exchange.refresh_from_db()
    return exchange


def held_exchange(**booking: Any) -> FlashExchange:
    """Booked (see ``booked_exchange``), begun two hours ago, and said held by the mentee."""
    exchange = moved_to_past(booked_exchange(**booking))
    return exchanges.record_outcome(exchange=exchange, member=exchange.mentee, held=True)
