"""A flash exchange as a calendar event, with its time zone (see ``binome.core.ics``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from binome.core.ics import Attendee, CalendarEvent, event_ics
from binome.flash.models import FlashExchange


def exchange_ics(exchange: FlashExchange) -> str:
    return event_ics(
        CalendarEvent(
            uid=f"flash-{exchange.uid}",
            sequence=exchange.sequence,
            starts_at=exchange.starts_at,
            minutes=exchange.duration_minutes,
            title=_("Flash mentoring: %(mentor)s and %(mentee)s")
            % {"mentor": exchange.mentor.full_name, "mentee": exchange.mentee.full_name},
            location=exchange.place,
            description=exchange.question.question,
            time_zone=exchange.time_zone,
            organizer=settings.DEFAULT_FROM_EMAIL,
            attendees=tuple(
                Attendee(name=person.full_name, email=person.user.email)
                for person in (exchange.mentor, exchange.mentee)
            ),
        )
    )
