"""A pair's meeting as a calendar event (see ``binome.core.ics``)."""

from __future__ import annotations

from django.conf import settings

from binome.core.ics import Attendee, CalendarEvent, event_ics
from binome.mentorships.models import Meeting
from binome.mentorships.states import MeetingStatus


def _status(status: str) -> str:
    if status == MeetingStatus.CANCELLED:
        return "CANCELLED"
    # A proposed (or moved, not yet re-confirmed) meeting is tentative in the calendar.
    return "TENTATIVE" if status == MeetingStatus.PROPOSED else "CONFIRMED"


def meeting_ics(meeting: Meeting, *, title: str, description: str = "") -> str:
    return event_ics(
        CalendarEvent(
            uid=str(meeting.uid),
            sequence=meeting.sequence,
            starts_at=meeting.starts_at,
            minutes=meeting.duration_minutes,
            title=title,
            status=_status(meeting.status),
            location=meeting.place or meeting.video_link,
            url=meeting.video_link,
            description=description,
            time_zone=meeting.time_zone,
            organizer=settings.DEFAULT_FROM_EMAIL,
            attendees=tuple(
                Attendee(name=person.full_name, email=person.user.email)
                for person in (meeting.mentorship.mentor, meeting.mentorship.mentee)
            ),
        )
    )
