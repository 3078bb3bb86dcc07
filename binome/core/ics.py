"""iCalendar (RFC 5545) events, written by the ``icalendar`` library and updated in place.

Rules:
- text is never written by hand: the library escapes commas, semicolons, backslashes and line
  breaks and folds long lines, so a place typed as "Café\\r\\nATTENDEE:…" stays one LOCATION
  value and cannot add properties to the event;
- times carry their time zone (TZID, with the VTIMEZONE block the library derives), so a
  meeting planned at 18:30 in Paris stays 18:30 in Paris across daylight-saving changes;
- an event keeps its UID; each change raises its SEQUENCE and is sent as METHOD:REQUEST (or
  CANCEL), so calendars update the event instead of adding a second one;
- attendees are listed with their names; the organiser is the platform's sender address.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from email.utils import parseaddr

from icalendar import Calendar, Event, vCalAddress


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str


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
    time_zone: str = "UTC"
    organizer: str = ""
    attendees: tuple[Attendee, ...] = ()


def _zone(name: str) -> datetime.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def _address(email: str, name: str = "") -> vCalAddress:
    parsed_name, email = parseaddr(email)  # "binome <no-reply@…>" → the bare address
    name = name or parsed_name
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    return address


def event_ics(event: CalendarEvent) -> str:
    zone = _zone(event.time_zone)
    starts = event.starts_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", "-//binome//mentoring//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if event.status == "CANCELLED" else "REQUEST")
    vevent = Event()
    vevent.add("uid", f"{event.uid}@binome")
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", datetime.datetime.now(datetime.UTC))
    vevent.add("dtstart", starts)
    vevent.add("dtend", starts + datetime.timedelta(minutes=event.minutes))
    vevent.add("summary", event.title)
    vevent.add("status", event.status)
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", event.url)
    if event.description:
        vevent.add("description", event.description)
    if event.organizer:
        vevent.add("organizer", _address(event.organizer))
    for person in event.attendees:
        vevent.add("attendee", _address(person.email, person.name))
    calendar.add_component(vevent)
    if zone is not datetime.UTC:
        calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
