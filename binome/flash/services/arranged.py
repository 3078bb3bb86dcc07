"""A flash exchange arranged between two members who already know each other (a mutual wish
after a speed-mentoring evening): no slot to book and no pool, the mentor gives the time.

Rules: the programme is an active flash programme of the members' network; the time is in the
future, 30 to 60 minutes; the mentor's monthly flash limit holds, counted under their flash
offer's row lock as for slots and pool questions; the question is recorded as booked and both
receive the exchange with its calendar file.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.flash.models import FlashExchange, FlashQuestion
from binome.flash.services.exchanges import book_exchange
from binome.flash.services.slots import (
    check_flash_programme,
    check_monthly_limit,
    check_time,
    locked_offer,
)
from binome.members.models import Format, Member
from binome.programmes.models import Programme


def arrange_exchange(
    *,
    programme: Programme,
    mentor: Member,
    mentee: Member,
    question: str,
    language: str,
    starts_at: datetime.datetime,
    duration_minutes: int,
    format: str,
    place: str = "",
) -> FlashExchange:
    check_flash_programme(programme, mentor)
    check_flash_programme(programme, mentee)
    check_time(starts_at, duration_minutes)
    if format not in Format.values:
        raise DomainError(_("Unknown meeting format."), code="format")
    if mentor.pk == mentee.pk:
        raise DomainError(_("A member cannot mentor themselves."), code="self")
    with transaction.atomic():
        check_monthly_limit(locked_offer(mentor), starts_at)
        asked = FlashQuestion.objects.create(
            network_id=mentee.network_id,
            programme=programme,
            mentee=mentee,
            question=question,
            language=language,
        )
        return book_exchange(
            asked,
            by=mentor,
            mentor=mentor,
            mentee=mentee,
            starts_at=starts_at,
            time_zone=mentor.time_zone,
            duration_minutes=duration_minutes,
            format=format,
            place=place,
        )
