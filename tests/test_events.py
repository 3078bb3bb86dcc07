"""Speed-mentoring events: registration, the engine's rotation, adjustments, ticks."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.core.errors import DomainError
from binome.events import selectors
from binome.events.models import Introduction, Seat, SpeedEvent
from binome.events.services import events, rotation
from binome.events.states import EVENT_TRANSITIONS, EventStatus
from binome.notifications.models import OutboxMessage
from binome.testing.factories import MemberFactory, ProgrammeFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening(world):
    programme = ProgrammeFactory(network=world.network, slug="soiree", kind="speed")
    grant(world.bob, "programme_manager", programme)
    return events.create_event(
        programme=programme,
        actor=None,
        name="Soirée",
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Paris",
        rounds=3,
        round_minutes=10,
        break_minutes=2,
        table_size=None,
    )


def people(world, prefix, n):
    """Distinct employers, mentors senior to mentees: the engine's hard rules let them meet."""
    return [
        MemberFactory(
            network=world.network,
            user=UserFactory(email=f"{prefix}{i}@example.org"),
            employer=f"{prefix} {i} SA",
            class_year=1995 if prefix == "mentor" else 2018,
        )
        for i in range(n)
    ]


def registered(world, event, mentors=2, mentees=4):
    ms = people(world, "mentor", mentors)
    es = people(world, "mentee", mentees)
    for m in ms:
        events.register(event=event, member=m, role="mentor", themes=[], by_staff=True)
    for e in es:
        events.register(event=event, member=e, role="mentee", themes=[world.theme])
    return ms, es


def test_the_event_table_moves_open_locked_over():
    assert EVENT_TRANSITIONS[EventStatus.OVER] == frozenset()
    assert EventStatus.LOCKED in EVENT_TRANSITIONS[EventStatus.OPEN]


def test_the_rotation_seats_everyone_and_nobody_meets_twice(world, evening):
    registered(world, evening, mentors=3, mentees=6)
    schedule = rotation.build_rotation(event=evening, actor=None)
    seats = Seat.objects.filter(event=evening)
    assert seats.count() == len(schedule.meetings) == 6 * 3  # every mentee, every round
    pairs = list(seats.values_list("mentor_id", "mentee_id"))
    assert len(pairs) == len(set(pairs))
    assert selectors.idle_count(evening) == 0
    assert [t.number for t in selectors.tables(evening)] == [1, 2, 3]


def test_only_listed_mentors_sign_up_as_mentors(world, evening):
    with pytest.raises(DomainError) as refused:
        events.register(event=evening, member=world.dana, role="mentor", themes=[])
    assert refused.value.code == "not_mentor"
    events.register(event=evening, member=world.charlie, role="mentor", themes=[])
    with pytest.raises(DomainError):
        events.register(event=evening, member=world.charlie, role="mentee", themes=[])


def test_the_manager_moves_a_mentee_within_the_rules(world, evening):
    mentors, mentees = registered(world, evening, mentors=2, mentees=2)
    rotation.build_rotation(event=evening, actor=None)
    seat = Seat.objects.get(event=evening, round=1, mentee=mentees[0])
    other = next(m for m in mentors if m.pk != seat.mentor_id)
    with pytest.raises(DomainError) as refused:  # they meet in another round already
        rotation.move_mentee(event=evening, actor=None, round=1, mentee=mentees[0], mentor=other)
    assert refused.value.code in {"twice", "full"}
    Seat.objects.filter(event=evening, mentee=mentees[0]).exclude(round=1).delete()
    Seat.objects.filter(event=evening, round=1, mentor=other).delete()
    rotation.move_mentee(event=evening, actor=None, round=1, mentee=mentees[0], mentor=other)
    assert Seat.objects.get(event=evening, round=1, mentee=mentees[0]).mentor == other


def test_locking_freezes_the_rotation_and_sends_schedules(world, evening):
    registered(world, evening)
    with pytest.raises(DomainError):
        events.lock_rotation(event=evening, actor=None)
    rotation.build_rotation(event=evening, actor=None)
    events.lock_rotation(event=evening, actor=None)
    assert OutboxMessage.objects.filter(to="mentee0@example.org").exists()
    with pytest.raises(DomainError) as refused:
        rotation.build_rotation(event=evening, actor=None)
    assert refused.value.code == "locked"
    with pytest.raises(DomainError):
        events.register(event=evening, member=world.dana, role="mentee", themes=[])


def test_mutual_ticks_become_introductions(world, evening):
    mentors, mentees = registered(world, evening, mentors=1, mentees=2)
    rotation.build_rotation(event=evening, actor=None)
    events.lock_rotation(event=evening, actor=None)
    with pytest.raises(DomainError) as refused:
        events.set_ticks(event=evening, member=mentees[0], about=[mentors[0].pk])
    assert refused.value.code == "early"
    SpeedEvent.objects.filter(pk=evening.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    evening.refresh_from_db()
    with pytest.raises(DomainError):
        events.set_ticks(event=evening, member=mentees[0], about=[mentees[1].pk])
    events.set_ticks(event=evening, member=mentees[0], about=[mentors[0].pk])
    events.set_ticks(event=evening, member=mentees[1], about=[mentors[0].pk])
    events.set_ticks(event=evening, member=mentors[0], about=[mentees[0].pk])
    introductions = events.close_event(event=evening, actor=None)
    assert [(i.mentor, i.mentee) for i in introductions] == [(mentors[0], mentees[0])]
    assert Introduction.objects.count() == 1
    last = OutboxMessage.objects.filter(to="mentee0@example.org").latest("pk")
    assert "mentor0@example.org" in last.body_text


def test_the_manager_builds_prints_and_shows_rounds(world, evening, login):
    mentors, mentees = registered(world, evening)
    client = login(world.bob)
    slug = world.network.slug
    response = client.post(reverse("event_step", args=[slug, evening.pk]), {"step": "build"})
    assert response.status_code == 302
    tables = client.get(reverse("event_tables", args=[slug, evening.pk])).text
    assert mentors[0].full_name in tables and mentees[0].full_name in tables
    person = client.get(reverse("event_people", args=[slug, evening.pk])).text
    assert mentees[3].full_name in person
    screen = client.get(reverse("event_round", args=[slug, evening.pk, 2])).text
    assert "2" in screen and mentors[1].full_name in screen
    assert client.get(reverse("event_round", args=[slug, evening.pk, 9])).status_code == 404
    client.post(reverse("event_step", args=[slug, evening.pk]), {"step": "lock"})
    evening.refresh_from_db()
    assert evening.status == EventStatus.LOCKED
    mine = login(mentees[0]).get(reverse("event_page", args=[slug, evening.pk])).text
    assert mentors[0].full_name in mine or mentors[1].full_name in mine


def test_a_member_signs_up_from_the_event_page(world, evening, login):
    client = login(world.dana)
    url = reverse("event_signup", args=[world.network.slug, evening.pk])
    assert client.post(url, {"role": "mentee", "themes": [world.theme.pk]}).status_code == 302
    assert evening.registrations.filter(member=world.dana, role="mentee").exists()


def test_mentors_of_earlier_events_are_invited_again(world, evening):
    mentors, _mentees = registered(world, evening, mentors=2, mentees=1)
    later = events.create_event(
        programme=evening.programme,
        actor=None,
        name="Soirée d'automne",
        starts_at=timezone.now() + datetime.timedelta(days=60),
        place="",
        rounds=2,
        round_minutes=10,
        break_minutes=0,
        table_size=None,
    )
    events.register(event=later, member=mentors[0], role="mentor", themes=[], by_staff=True)
    assert events.invite_past_mentors(event=later, actor=None) == 1
    mail = OutboxMessage.objects.filter(to="mentor1@example.org").latest("pk")
    assert "Soirée d'automne" in mail.subject


def test_attendance_is_recorded_after_the_lock_and_counted(world, evening, login):
    mentors, mentees = registered(world, evening, mentors=1, mentees=2)
    with pytest.raises(DomainError):
        events.record_attendance(event=evening, actor=None, present=[mentors[0].pk])
    rotation.build_rotation(event=evening, actor=None)
    events.lock_rotation(event=evening, actor=None)
    came = events.record_attendance(
        event=evening, actor=None, present=[mentors[0].pk, mentees[0].pk]
    )
    assert came == 2
    assert evening.registrations.filter(attended=False).get().member == mentees[1]
    page = login(world.bob).get(reverse("events_index", args=[world.network.slug])).text
    assert "3 inscrits, 2 présents, 0 mises en relation" in page
