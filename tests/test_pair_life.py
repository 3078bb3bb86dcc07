"""The life of a pair through its services: charter, meetings, notes, action items, closure."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from binome.core.errors import DomainError
from binome.members.models import DirectoryEntry
from binome.mentorships.ics import meeting_ics
from binome.mentorships.models import Flag, Meeting, Mentorship
from binome.mentorships.services import (
    cadence,
    charter,
    create_mentorship,
    flags,
    lifecycle,
    meetings,
    work,
)
from binome.mentorships.states import MeetingStatus, MentorshipStatus
from binome.notifications.models import OutboxMessage
from binome.programmes.services import publish_charter
from binome.testing import scenarios

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world):
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    return create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )


@pytest.fixture
def active(pair, world):
    charter.sign_charter(mentorship=pair, member=world.charlie)
    charter.sign_charter(mentorship=pair, member=world.dana)
    pair.refresh_from_db()
    return pair


def soon(days=3, hour=18):
    return (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def held_meeting(pair, world, when=None):
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=world.dana,
        starts_at=soon(),
        duration_minutes=60,
        format="video",
        video_link="https://visio.example.org/x",
    )
    meetings.confirm_meeting(meeting=meeting, member=world.charlie)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=when or timezone.now() - datetime.timedelta(days=1)
    )
    meeting.refresh_from_db()
    return meeting


def test_the_pair_becomes_active_only_when_both_have_signed(pair, world):
    charter.sign_charter(mentorship=pair, member=world.charlie)
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.AWAITING_CHARTER
    with pytest.raises(DomainError):
        charter.sign_charter(mentorship=pair, member=world.charlie)
    charter.sign_charter(mentorship=pair, member=world.dana)
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACTIVE
    assert pair.period_end > timezone.localdate() + datetime.timedelta(days=150)
    assert set(pair.signatures.values_list("charter__version", flat=True)) == {1}


def test_a_stranger_cannot_sign_and_a_pair_without_charter_cannot_start(world):
    pair = create_mentorship(
        programme=world.other_programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    with pytest.raises(DomainError) as error:
        charter.sign_charter(mentorship=pair, member=world.dana)
    assert error.value.code == "no_charter"
    with pytest.raises(DomainError):
        charter.sign_charter(mentorship=pair, member=world.bob)


def test_no_meeting_before_the_charter(pair, world):
    with pytest.raises(DomainError):
        meetings.propose_meeting(
            mentorship=pair,
            member=world.dana,
            starts_at=soon(),
            duration_minutes=60,
            format="phone",
        )


def test_one_proposes_the_other_confirms_and_a_move_must_be_confirmed_again(active, world):
    meeting = meetings.propose_meeting(
        mentorship=active,
        member=world.dana,
        starts_at=soon(),
        duration_minutes=60,
        format="in_person",
        place="Café Procope",
    )
    with pytest.raises(DomainError):
        meetings.confirm_meeting(meeting=meeting, member=world.dana)
    meetings.confirm_meeting(meeting=meeting, member=world.charlie)
    meetings.move_meeting(
        meeting=meeting,
        member=world.charlie,
        starts_at=soon(5),
        duration_minutes=45,
        format="in_person",
        place="Café Procope",
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.PROPOSED, 1)
    assert OutboxMessage.objects.filter(
        to="dana@example.org", subject="Votre séance a été déplacée"
    ).exists()


def test_the_ics_keeps_its_uid_and_bumps_the_sequence_in_the_meeting_time_zone(active, world):
    import zoneinfo

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    start = datetime.datetime(2030, 3, 5, 18, 30, tzinfo=paris)
    meeting = meetings.propose_meeting(
        mentorship=active, member=world.dana, starts_at=start, duration_minutes=60, format="phone"
    )
    first = meeting_ics(meeting, title="Mentorat")
    assert "DTSTART;TZID=Europe/Paris:20300305T183000" in first
    assert "BEGIN:VTIMEZONE" in first and "TZID:Europe/Paris" in first
    assert f"UID:{meeting.uid}@binome" in first and "SEQUENCE:0" in first
    assert "METHOD:REQUEST" in first
    assert "mailto:charlie@example.org" in first and "mailto:dana@example.org" in first
    meetings.cancel_meeting(meeting=meeting, member=world.charlie)
    meeting.refresh_from_db()
    second = meeting_ics(meeting, title="Mentorat")
    assert "SEQUENCE:1" in second and "METHOD:CANCEL" in second and "STATUS:CANCELLED" in second


def test_in_person_needs_a_place_and_video_a_link(active, world):
    with pytest.raises(DomainError):
        meetings.propose_meeting(
            mentorship=active,
            member=world.dana,
            starts_at=soon(),
            duration_minutes=60,
            format="in_person",
        )
    with pytest.raises(DomainError):
        meetings.propose_meeting(
            mentorship=active,
            member=world.dana,
            starts_at=soon(),
            duration_minutes=60,
            format="video",
        )


def test_private_notes_are_the_authors_and_summaries_the_pairs(active, world):
    meeting = held_meeting(active, world)
    meetings.record_outcome(meeting=meeting, member=world.dana, held=True)
    meetings.save_summary(meeting=meeting, member=world.charlie, text="On a parlé du CV")
    meetings.save_private_note(meeting=meeting, member=world.dana, text="Il m'intimide un peu")
    assert meeting.private_notes.get().author == world.dana
    with pytest.raises(DomainError):
        meetings.save_summary(meeting=meeting, member=world.bob, text="intrus")


def test_check_ins_are_sent_once_after_the_meeting_and_met_marks_it_held(active, world):
    meeting = held_meeting(active, world)
    later = timezone.now()
    assert cadence.process_pairs(now=later)["check_ins"] == 1
    assert cadence.process_pairs(now=later)["check_ins"] == 0
    emails = OutboxMessage.objects.filter(to="dana@example.org", body_text__contains="/check-in/")
    assert emails.count() == 1
    meetings.check_in(meeting=meeting, member=world.dana, answer="met")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_a_silent_pair_gets_a_gentle_reminder_then_the_manager_a_flag(active, world):
    start = timezone.now()
    Mentorship.objects.filter(pk=active.pk).update(started_at=start - datetime.timedelta(weeks=6))
    assert cadence.process_pairs(now=start)["silence"] == 1
    assert cadence.process_pairs(now=start)["silence"] == 0
    assert not Flag.objects.exists()
    cadence.process_pairs(now=start + cadence.ESCALATE_AFTER + datetime.timedelta(hours=1))
    flag = Flag.objects.get()
    assert flag.kind == Flag.Kind.SILENT
    assert OutboxMessage.objects.filter(
        to="bob@example.org", subject__icontains="attention"
    ).exists()


def test_an_unsigned_charter_is_reminded_then_flagged(pair, world):
    charter.sign_charter(mentorship=pair, member=world.charlie)
    later = pair.created_at + cadence.CHARTER_REMINDER + datetime.timedelta(hours=1)
    cadence.process_pairs(now=later)
    reminded = OutboxMessage.objects.filter(subject__icontains="charte")
    assert list(reminded.values_list("to", flat=True)) == ["dana@example.org"]
    cadence.process_pairs(
        now=pair.created_at + cadence.NOT_STARTED_AFTER + datetime.timedelta(hours=1)
    )
    assert Flag.objects.get().kind == Flag.Kind.NOT_STARTED


def test_the_mentor_flags_a_referral_and_the_manager_is_told_not_the_content(active, world):
    flags.flag_referral(mentorship=active, mentor=world.charlie)
    with pytest.raises(DomainError):
        flags.flag_referral(mentorship=active, mentor=world.dana)
    told = OutboxMessage.objects.get(to="bob@example.org")
    assert "Charlie Persona" in told.body_text


def test_extension_needs_both(active, world):
    end = active.period_end
    lifecycle.request_extension(mentorship=active, member=world.dana)
    active.refresh_from_db()
    assert active.period_end == end and active.extension_requested_by == world.dana
    lifecycle.request_extension(mentorship=active, member=world.charlie)
    active.refresh_from_db()
    assert active.period_end > end and active.extensions == 1


def test_closing_frees_the_place(active, world):
    world.charlie.mentor_offer.capacity = 1
    world.charlie.mentor_offer.save()
    lifecycle.close_pair(
        mentorship=active,
        actor=world.dana,
        completed=True,
        reason="goals_reached",
        message_to_manager="Merci !",
    )
    active.refresh_from_db()
    assert active.status == MentorshipStatus.COMPLETED
    assert DirectoryEntry.objects.get(member=world.charlie).has_free_capacity


def test_pause_and_resume(active, world):
    lifecycle.pause_pair(mentorship=active, member=world.charlie)
    with pytest.raises(DomainError):
        lifecycle.request_extension(mentorship=active, member=world.dana)
    lifecycle.resume_pair(mentorship=active, member=world.dana)
    active.refresh_from_db()
    assert active.status == MentorshipStatus.ACTIVE


def test_action_items_and_objectives_belong_to_the_pair(active, world):
    work.save_objectives(
        mentorship=active, member=world.dana, texts=["Trouver un poste", "", "Réseau"]
    )
    assert active.objectives.count() == 2
    item = work.add_action_item(
        mentorship=active,
        member=world.charlie,
        owner=world.dana,
        text="Refaire le CV",
        due_date=None,
    )
    work.set_action_done(item=item, member=world.dana, done=True)
    with pytest.raises(DomainError):
        work.add_action_item(
            mentorship=active, member=world.bob, owner=world.dana, text="x", due_date=None
        )


def test_rematching_ends_the_pair_and_reopens_the_request(world):
    from binome.intake.services import intake, invitations, shortlist

    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    request = scenarios.submitted_request(mentee=world.dana, programme=world.programme)
    intake.take_request(request=request, manager=world.bob)
    intake.decide(request=request, manager=world.bob, decision="go")
    entry = shortlist.add_to_shortlist(
        request=request, manager=world.bob, mentor=world.charlie, note="n"
    )
    shortlist.publish_shortlist(request=request, manager=world.bob)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[entry.pk])
    invitation = invitations.invite_mentor(
        request=request, manager=world.bob, entry=entry, message="m"
    )
    invitations.accept_invitation(invitation=invitation, mentor=world.charlie)
    pair = Mentorship.objects.get(request=request)
    lifecycle.end_for_rematch(mentorship=pair, manager=world.bob)
    request.refresh_from_db()
    pair.refresh_from_db()
    assert (pair.status, request.status) == (MentorshipStatus.ENDED_EARLY, "shortlisting")


def test_the_pair_page_shows_times_in_the_members_time_zone(login, active, world):
    from django.urls import reverse

    world.dana.time_zone = "Asia/Singapore"
    world.dana.save()
    start = datetime.datetime(2030, 1, 10, 9, 0, tzinfo=datetime.UTC)
    meetings.propose_meeting(
        mentorship=active,
        member=world.charlie,
        starts_at=start,
        duration_minutes=60,
        format="phone",
    )
    body = login(world.dana).get(reverse("pair_page", args=["ax", active.pk])).content.decode()
    assert "17:00" in body  # 09:00 UTC is 17:00 in Singapore


def test_confirmed_and_moved_meetings_email_a_calendar_invitation_in_each_ones_time_zone(
    active, world
):
    world.dana.time_zone = "America/New_York"
    world.dana.save()
    start = datetime.datetime(2030, 6, 3, 16, 0, tzinfo=datetime.UTC)
    meeting = meetings.propose_meeting(
        mentorship=active,
        member=world.charlie,
        starts_at=start,
        duration_minutes=60,
        format="phone",
    )
    meetings.confirm_meeting(meeting=meeting, member=world.dana)
    to_dana = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert f"UID:{meeting.uid}@binome" in to_dana.calendar and "SEQUENCE:0" in to_dana.calendar
    assert "12:00" in to_dana.body_text  # 16:00 UTC is noon in New York in June
    to_charlie = OutboxMessage.objects.filter(to="charlie@example.org").latest("pk")
    assert "18:00" in to_charlie.body_text  # and 18:00 in Paris
    meetings.move_meeting(
        meeting=meeting,
        member=world.dana,
        starts_at=start + datetime.timedelta(days=1),
        duration_minutes=60,
        format="phone",
    )
    moved = OutboxMessage.objects.filter(to="charlie@example.org").latest("pk")
    assert "SEQUENCE:1" in moved.calendar and "STATUS:TENTATIVE" in moved.calendar


def test_the_calendar_invitation_reaches_a_real_smtp_server_as_an_attachment(
    active, world, settings
):
    import socket

    from aiosmtpd.controller import Controller

    from binome.notifications.services import deliver_due

    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope.content.decode("utf-8", errors="replace"))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        OutboxMessage.objects.all().delete()
        meeting = meetings.propose_meeting(
            mentorship=active,
            member=world.charlie,
            starts_at=soon(),
            duration_minutes=60,
            format="phone",
        )
        meetings.confirm_meeting(meeting=meeting, member=world.dana)
        deliver_due()
    finally:
        controller.stop()
    with_calendar = [m for m in sink.messages if "text/calendar" in m]
    assert len(with_calendar) == 2
    assert all(f"{meeting.uid}@binome" in m for m in with_calendar)


def test_the_day_before_a_meeting_both_get_a_reminder_with_the_open_action_items(active, world):
    work.add_action_item(
        mentorship=active, member=world.dana, owner=world.dana, text="Relire l'offre", due_date=None
    )
    meeting = meetings.propose_meeting(
        mentorship=active,
        member=world.dana,
        starts_at=soon(days=1),
        duration_minutes=60,
        format="phone",
    )
    meetings.confirm_meeting(meeting=meeting, member=world.charlie)
    now = meeting.starts_at - datetime.timedelta(hours=20)
    before = OutboxMessage.objects.latest("pk").pk
    assert cadence.process_pairs(now=now)["meeting_reminders"] == 1
    assert cadence.process_pairs(now=now)["meeting_reminders"] == 0
    reminders = OutboxMessage.objects.filter(pk__gt=before, body_text__contains="Relire l'offre")
    assert sorted(reminders.values_list("to", flat=True)) == [
        "charlie@example.org",
        "dana@example.org",
    ]


def test_a_line_break_in_the_place_cannot_add_calendar_properties(active, world):
    from icalendar import Calendar

    place = "Café de Flore\r\nATTENDEE:mailto:intrus@example.org\nX-EVIL:1, rue; ici"
    meeting = meetings.propose_meeting(
        mentorship=active,
        member=world.dana,
        starts_at=soon(),
        duration_minutes=60,
        format="in_person",
        place=place,
    )
    body = meeting_ics(meeting, title="Mentorat")
    assert "\r\nX-EVIL" not in body and "\r\nATTENDEE:mailto:intrus" not in body
    event = Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == place.replace("\r\n", "\n")
    attendees = event.get("ATTENDEE")
    emails = {str(a) for a in (attendees if isinstance(attendees, list) else [attendees])}
    assert emails == {"mailto:charlie@example.org", "mailto:dana@example.org"}
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
