"""Periodic care of the pairs, safe to run twice (each step records when it was done).

- the day before a confirmed meeting: a reminder to both with the open action items, once;
- after a confirmed meeting's end: one-click check-in emails to both ("we met / we did not /
  let's reschedule"), once;
- no meeting for the programme's ``silence_weeks``: a gentle reminder to both; still silent
  ESCALATE_AFTER later: a flag to the manager;
- charter unsigned for CHARTER_REMINDER: a reminder to whoever has not signed; still unsigned at
  NOT_STARTED_AFTER: a flag to the manager.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from binome.mentorships.models import CharterSignature, Flag, Meeting, Mentorship
from binome.mentorships.services.flags import raise_flag
from binome.mentorships.states import MeetingStatus, MentorshipStatus
from binome.mentorships.tokens import check_in_links
from binome.notifications.emails import send_templated

ESCALATE_AFTER = datetime.timedelta(weeks=2)
CHARTER_REMINDER = datetime.timedelta(days=3)
REMIND_BEFORE = datetime.timedelta(hours=24)
NOT_STARTED_AFTER = datetime.timedelta(days=14)


def process_pairs(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {
        "meeting_reminders": _meeting_reminders(now),
        "check_ins": _check_ins(now),
        "silence": _silence(now),
        "charter": _charter(now),
    }


def _meeting_reminders(now: datetime.datetime) -> int:
    sent = 0
    due = Meeting.objects.filter(
        status=MeetingStatus.CONFIRMED,
        reminder_sent_at=None,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update()
                .filter(pk=pk, reminder_sent_at=None, status=MeetingStatus.CONFIRMED)
                .select_related("mentorship__mentor__user", "mentorship__mentee__user")
                .first()
            )
            if meeting is None:
                continue
            meeting.reminder_sent_at = now
            meeting.save(update_fields=["reminder_sent_at"])
            pair = meeting.mentorship
            for person in (pair.mentor, pair.mentee):
                send_templated(
                    to=person.user,
                    template="meeting_reminder",
                    context={"meeting": meeting, "mentorship": pair, "recipient_member": person},
                    time_zone=person.time_zone,
                )
            sent += 1
    return sent


def _check_ins(now: datetime.datetime) -> int:
    sent = 0
    due = Meeting.objects.filter(
        status=MeetingStatus.CONFIRMED, check_in_sent_at=None, starts_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update()
                .filter(pk=pk, check_in_sent_at=None)
                .select_related("mentorship__mentor__user", "mentorship__mentee__user")
                .first()
            )
            end = (
                meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes)
                if meeting
                else now
            )
            if meeting is None or end > now:
                continue
            meeting.check_in_sent_at = now
            meeting.save(update_fields=["check_in_sent_at"])
            pair = meeting.mentorship
            for person in (pair.mentor, pair.mentee):
                send_templated(
                    to=person.user,
                    template="check_in",
                    context={
                        "meeting": meeting,
                        "mentorship": pair,
                        "recipient_member": person,
                        "links": check_in_links(meeting, person),
                    },
                )
            sent += 1
    return sent


def _silence(now: datetime.datetime) -> int:
    touched = 0
    pairs = Mentorship.objects.filter(status=MentorshipStatus.ACTIVE).annotate(
        last_meeting=Max(
            "meetings__starts_at",
            filter=Q(
                meetings__status__in=[
                    MeetingStatus.HELD,
                    MeetingStatus.CONFIRMED,
                    MeetingStatus.PROPOSED,
                ]
            ),
        )
    )
    for pair in pairs.select_related("mentor__user", "mentee__user", "programme"):
        last = max(filter(None, [pair.last_meeting, pair.started_at]), default=pair.created_at)
        if now - last < datetime.timedelta(weeks=pair.programme.silence_weeks):
            continue
        with transaction.atomic():
            locked = Mentorship.objects.select_for_update().get(pk=pair.pk)
            if locked.silence_reminded_at is None or locked.silence_reminded_at < last:
                locked.silence_reminded_at = now
                locked.save(update_fields=["silence_reminded_at"])
                for person in (pair.mentor, pair.mentee):
                    send_templated(
                        to=person.user,
                        template="silence_reminder",
                        context={"mentorship": pair, "recipient_member": person},
                    )
                touched += 1
            elif now - locked.silence_reminded_at >= ESCALATE_AFTER:
                raise_flag(mentorship=pair, kind=Flag.Kind.SILENT)
    return touched


def _charter(now: datetime.datetime) -> int:
    touched = 0
    waiting = Mentorship.objects.filter(
        status=MentorshipStatus.AWAITING_CHARTER, created_at__lte=now - CHARTER_REMINDER
    ).select_related("mentor__user", "mentee__user", "programme")
    for pair in waiting:
        if now - pair.created_at >= NOT_STARTED_AFTER:
            raise_flag(mentorship=pair, kind=Flag.Kind.NOT_STARTED)
            continue
        with transaction.atomic():
            locked = Mentorship.objects.select_for_update().get(pk=pair.pk)
            if locked.charter_reminded_at is not None:
                continue
            locked.charter_reminded_at = now
            locked.save(update_fields=["charter_reminded_at"])
            signed = set(
                CharterSignature.objects.filter(mentorship=pair).values_list("member_id", flat=True)
            )
            for person in (pair.mentor, pair.mentee):
                if person.pk not in signed:
                    send_templated(
                        to=person.user,
                        template="charter_reminder",
                        context={"mentorship": pair, "recipient_member": person},
                    )
            touched += 1
    return touched
