"""iCalendar (RFC 5545) events, updated in place by UID + SEQUENCE.

Times are written in UTC ("Z"): every calendar shows them in its owner's time zone, so the mentor
in Singapore and the mentee in Paris both see the right hour without a VTIMEZONE block.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    starts_at: datetime.datetime
    minutes: int
    title: str
    status: str = "CONFIRMED"  # TENTATIVE, CONFIRMED or CANCELLED
    location: str = ""
    url: str = ""
    description: str = ""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(event: CalendarEvent) -> str:
    end = event.starts_at + datetime.timedelta(minutes=event.minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//binome//mentoring//EN",
        f"METHOD:{'CANCEL' if event.status == 'CANCELLED' else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{event.uid}@binome",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{_utc(datetime.datetime.now(datetime.UTC))}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(event.title)}",
        f"STATUS:{event.status}",
    ]
    if event.location:
        lines.append(f"LOCATION:{_escape(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.description:
        lines.append(f"DESCRIPTION:{_escape(event.description)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"
