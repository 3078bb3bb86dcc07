"""iCalendar (RFC 5545) for a meeting, updated in place by UID + SEQUENCE.

Times are written in UTC ("Z"): every calendar shows them in its owner's time zone, so the mentor
in Singapore and the mentee in Paris both see the right hour without a VTIMEZONE block.
"""

from __future__ import annotations

import datetime

from binome.mentorships.models import Meeting
from binome.mentorships.states import MeetingStatus


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _status(status: str) -> str:
    if status == MeetingStatus.CANCELLED:
        return "CANCELLED"
    # A proposed (or moved, not yet re-confirmed) meeting is tentative in the calendar.
    return "TENTATIVE" if status == MeetingStatus.PROPOSED else "CONFIRMED"


def meeting_ics(meeting: Meeting, *, title: str, description: str = "") -> str:
    end = meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    location = meeting.place or meeting.video_link
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//binome//mentoring//EN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}@binome",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{_utc(datetime.datetime.now(datetime.UTC))}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(title)}",
        f"STATUS:{_status(meeting.status)}",
    ]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if meeting.video_link:
        lines.append(f"URL:{meeting.video_link}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"
