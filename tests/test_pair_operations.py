"""The pair page's operations over HTTP: one URL each, refusals keep what was typed, and a
closed pair stays readable by its two members."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.mentorships.models import Flag, Meeting
from binome.mentorships.services import charter, create_mentorship, flags, meetings, work
from binome.mentorships.states import MeetingStatus, MentorshipStatus
from binome.notifications.models import OutboxMessage
from binome.programmes.services import publish_charter
from binome.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(world):
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    pair = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    charter.sign_charter(mentorship=pair, member=world.charlie)
    charter.sign_charter(mentorship=pair, member=world.dana)
    pair.refresh_from_db()
    return pair


def url(name, pair, *more):
    return reverse(name, args=["ax", pair.pk, *more])


def confirmed_meeting(pair, world, *, days=3):
    starts = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=world.dana,
        starts_at=starts,
        duration_minutes=60,
        format="video",
        video_link="https://visio.example.org/x",
    )
    return meetings.confirm_meeting(meeting=meeting, member=world.charlie)


def test_a_meeting_of_ten_minutes_is_refused_and_the_form_stays_open_with_what_was_typed(
    login, world, active
):
    response = login(world.dana).post(
        url("meeting_propose", active),
        {
            "starts_at": "2031-05-06T18:30",
            "duration_minutes": "10",
            "format": "in_person",
            "place": "Café de la Gare",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2031-05-06T18:30"' in html and "Café de la Gare" in html
    assert re.search(r"<details open>\s*<summary>Proposer une séance", html)
    assert "15" in html  # the error names the minimum
    assert not Meeting.objects.filter(mentorship=active).exists()


def test_it_took_place_is_not_offered_for_a_future_meeting_and_is_refused(login, world, active):
    meeting = confirmed_meeting(active, world)
    client = login(world.dana)
    html = client.get(url("pair_page", active)).content.decode()
    assert url("meeting_outcome", active, meeting.pk) not in html
    response = client.post(url("meeting_outcome", active, meeting.pk), {"held": "yes"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED


def test_a_past_confirmed_meeting_can_be_marked_as_held(login, world, active):
    meeting = confirmed_meeting(active, world)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client = login(world.charlie)
    assert (
        url("meeting_outcome", active, meeting.pk)
        in client.get(url("pair_page", active)).content.decode()
    )
    assert (
        client.post(url("meeting_outcome", active, meeting.pk), {"held": "yes"}).status_code == 302
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_closing_tells_the_other_member_and_the_manager_and_keeps_an_archive(login, world, active):
    work.save_objectives(mentorship=active, member=world.dana, texts=["SENTINEL-OBJECTIF"])
    work.add_action_item(
        mentorship=active, member=world.dana, owner=world.dana, text="SENTINEL-TACHE", due_date=None
    )
    meeting = confirmed_meeting(active, world)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meetings.record_outcome(meeting=meeting, member=world.dana, held=True)
    meetings.save_summary(meeting=meeting, member=world.dana, text="SENTINEL-RESUME")
    response = login(world.dana).post(
        url("pair_close", active),
        {"outcome": "completed", "reason": "goals_reached", "message_to_manager": "Merci"},
    )
    assert response.status_code == 302
    active.refresh_from_db()
    assert active.status == MentorshipStatus.COMPLETED
    to_charlie = OutboxMessage.objects.filter(to="charlie@example.org").latest("pk")
    assert "Dana" in to_charlie.body_text
    assert OutboxMessage.objects.filter(to="bob@example.org", subject__contains="Charlie").exists()
    html = login(world.charlie).get(url("pair_page", active)).content.decode()
    for sentinel in ("SENTINEL-OBJECTIF", "SENTINEL-TACHE", "SENTINEL-RESUME"):
        assert sentinel in html
    assert url("pair_close", active) not in html  # read-only: no more operations offered


def test_a_summary_too_long_is_kept_with_its_error(login, world, active):
    meeting = confirmed_meeting(active, world)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meetings.record_outcome(meeting=meeting, member=world.dana, held=True)
    text = "Résumé " + "y" * 20_000
    response = login(world.dana).post(
        url("meeting_summary", active, meeting.pk), {f"s{meeting.pk}-text": text}
    )
    assert response.status_code == 200
    assert text in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.summary == ""


def test_another_member_gets_404_on_every_pair_operation(login, world, active):
    meeting = confirmed_meeting(active, world)
    item = work.add_action_item(
        mentorship=active, member=world.dana, owner=world.dana, text="x", due_date=None
    )
    outsider = MemberFactory(network=world.network)
    client = login(outsider)
    for name, extra in [
        ("pair_sign", ()),
        ("pair_close", ()),
        ("meeting_confirm", (meeting.pk,)),
        ("meeting_cancel", (meeting.pk,)),
        ("action_item_done", (item.pk,)),
    ]:
        assert client.post(url(name, active, *extra), {"done": "yes"}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED


def test_staff_operations_check_the_programme(login, world, active):
    flag = flags.raise_flag(mentorship=active, kind=Flag.Kind.REFERRAL)
    assert login(world.dana).post(url("flag_resolve", active, flag.pk)).status_code == 404
    assert login(world.eve).post(url("pair_rematch", active)).status_code == 404
    assert login(world.bob).post(url("flag_resolve", active, flag.pk)).status_code == 302
    flag.refresh_from_db()
    assert flag.resolved_at is not None
