"""Meetings: one proposes, the other confirms; a move is proposed again; afterwards held or not.

Each change bumps the calendar SEQUENCE so calendar apps update the same event (same UID).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.members.models import Format, Member
from binome.mentorships.ics import meeting_ics
from binome.mentorships.models import CheckIn, Meeting, Mentorship, PrivateNote
from binome.mentorships.services.transitions import member_of
from binome.mentorships.states import MEETING_MACHINE, MeetingStatus, MentorshipStatus
from binome.notifications.emails import send_templated


def _check_details(format: str, place: str, video_link: str, duration: int) -> None:
    if format not in Format.values:
        raise DomainError(_("Choose how you meet."), code="format")
    if format == Format.IN_PERSON and not place.strip():
        raise DomainError(_("Say where you meet."), code="place")
    if format == Format.VIDEO and not video_link.strip():
        raise DomainError(_("Give the video link."), code="link")
    if not 15 <= duration <= 240:
        raise DomainError(_("A meeting lasts between 15 minutes and 4 hours."), code="duration")


def _locked(meeting: Meeting, to: str) -> Meeting:
    locked = Meeting.objects.select_for_update().select_related("mentorship").get(pk=meeting.pk)
    if not MEETING_MACHINE.allows(locked.status, to):
        raise DomainError(_("This meeting cannot change like that now."), code="transition")
    return locked


def _move(meeting: Meeting, to: str, member: Member | None) -> None:
    """The meeting's status move, with its audit row (``core.transitions.move``)."""
    move(
        meeting,
        MEETING_MACHINE,
        to,
        actor=member.user if member is not None else None,
        network=meeting.mentorship.network,
    )


def _notify(
    meeting: Meeting, template: str, *, to: list[Member], with_calendar: bool = False
) -> None:
    """Each member is told in their language and time zone; confirmed, moved and cancelled
    meetings carry the calendar invitation (same UID, new SEQUENCE) so calendars update."""
    for person in to:
        other = meeting.mentorship.other(person)
        calendar = ""
        if with_calendar:
            with translation.override(person.user.language):
                title = _("Mentoring meeting with %(name)s") % {"name": other.full_name}
            calendar = meeting_ics(meeting, title=title)
        send_templated(
            to=person.user,
            template=template,
            context={
                "meeting": meeting,
                "mentorship": meeting.mentorship,
                "recipient_member": person,
            },
            time_zone=person.time_zone,
            calendar=calendar,
        )


def propose_meeting(
    *,
    mentorship: Mentorship,
    member: Member,
    starts_at: datetime.datetime,
    duration_minutes: int,
    format: str,
    place: str = "",
    video_link: str = "",
) -> Meeting:
    member_of(mentorship, member)
    _check_details(format, place, video_link, duration_minutes)
    if mentorship.status != MentorshipStatus.ACTIVE:
        raise DomainError(_("Meetings start once both have signed the charter."), code="state")
    if starts_at < timezone.now():
        raise DomainError(_("Choose a date in the future."), code="past")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            mentorship=mentorship,
            proposed_by=member,
            starts_at=starts_at,
            time_zone=member.time_zone,
            duration_minutes=duration_minutes,
            format=format,
            place=place.strip(),
            video_link=video_link.strip(),
        )
        _notify(meeting, "meeting_proposed", to=[mentorship.other(member)])
    return meeting


def confirm_meeting(*, meeting: Meeting, member: Member) -> Meeting:
    member_of(meeting.mentorship, member)
    with transaction.atomic():
        meeting = _locked(meeting, MeetingStatus.CONFIRMED)
        if meeting.proposed_by_id == member.pk:
            raise DomainError(_("The other member confirms the meeting."), code="own_proposal")
        _move(meeting, MeetingStatus.CONFIRMED, member)
        pair = meeting.mentorship
        _notify(meeting, "meeting_confirmed", to=[pair.mentor, pair.mentee], with_calendar=True)
    return meeting


def move_meeting(
    *,
    meeting: Meeting,
    member: Member,
    starts_at: datetime.datetime,
    duration_minutes: int,
    format: str,
    place: str = "",
    video_link: str = "",
) -> Meeting:
    member_of(meeting.mentorship, member)
    _check_details(format, place, video_link, duration_minutes)
    if starts_at < timezone.now():
        raise DomainError(_("Choose a date in the future."), code="past")
    with transaction.atomic():
        meeting = _locked(meeting, MeetingStatus.PROPOSED)
        _move(meeting, MeetingStatus.PROPOSED, member)
        meeting.proposed_by = member
        meeting.starts_at, meeting.duration_minutes = starts_at, duration_minutes
        meeting.format, meeting.place, meeting.video_link = (
            format,
            place.strip(),
            video_link.strip(),
        )
        meeting.time_zone = member.time_zone
        meeting.sequence += 1
        meeting.check_in_sent_at = meeting.reminder_sent_at = None
        meeting.save()
        pair = meeting.mentorship
        _notify(meeting, "meeting_moved", to=[pair.mentor, pair.mentee], with_calendar=True)
    return meeting


def cancel_meeting(*, meeting: Meeting, member: Member) -> Meeting:
    member_of(meeting.mentorship, member)
    with transaction.atomic():
        meeting = _locked(meeting, MeetingStatus.CANCELLED)
        _move(meeting, MeetingStatus.CANCELLED, member)
        meeting.sequence += 1
        meeting.save(update_fields=["sequence"])
        pair = meeting.mentorship
        _notify(meeting, "meeting_cancelled", to=[pair.mentor, pair.mentee], with_calendar=True)
    return meeting


def record_outcome(*, meeting: Meeting, member: Member, held: bool) -> Meeting:
    """After the meeting's start: it took place, or it did not."""
    member_of(meeting.mentorship, member)
    target = MeetingStatus.HELD if held else MeetingStatus.NOT_HELD
    with transaction.atomic():
        meeting = _locked(meeting, target)
        if meeting.starts_at > timezone.now():
            raise DomainError(_("The meeting has not started yet."), code="future")
        _move(meeting, target, member)
    return meeting


def check_in(*, meeting: Meeting, member: Member, answer: str) -> CheckIn:
    """The one-click answer from the email: met → held; not met or reschedule → not held."""
    if answer not in CheckIn.Answer.values:
        raise DomainError(_("Unknown answer."), code="answer")
    member_of(meeting.mentorship, member)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        answer_row, _created = CheckIn.objects.update_or_create(
            meeting=locked, member=member, defaults={"answer": answer}
        )
        target = MeetingStatus.HELD if answer == CheckIn.Answer.MET else MeetingStatus.NOT_HELD
        if locked.status == MeetingStatus.CONFIRMED and locked.starts_at <= timezone.now():
            _move(locked, target, member)
        if answer == CheckIn.Answer.RESCHEDULE:
            _notify(locked, "meeting_reschedule", to=[locked.mentorship.other(member)])
    return answer_row


def save_summary(*, meeting: Meeting, member: Member, text: str) -> Meeting:
    member_of(meeting.mentorship, member)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        locked.summary = text.strip()
        locked.save(update_fields=["summary"])
    return locked


def save_private_note(*, meeting: Meeting, member: Member, text: str) -> PrivateNote | None:
    member_of(meeting.mentorship, member)
    with transaction.atomic():
        if not text.strip():
            PrivateNote.objects.filter(meeting=meeting, author=member).delete()
            return None
        note, _created = PrivateNote.objects.update_or_create(
            meeting=meeting, author=member, defaults={"text": text.strip()}
        )
    return note
