"""After a speed-mentoring evening: each mutual tick proposes a flash exchange or a long pair,
each of the two chooses, the same choice makes it through the flash and pair services."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.core.errors import DomainError
from binome.events.models import Introduction, SpeedEvent
from binome.events.services import events, followups, rotation
from binome.events.states import FOLLOW_UP_TRANSITIONS, FollowUpStatus
from binome.flash.models import FlashExchange
from binome.flash.services import slots
from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.notifications.models import OutboxMessage
from binome.testing.factories import ProgrammeFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def flash(world):
    return ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")


def introduced(world) -> Introduction:
    """Charlie (mentor) and Dana (mentee) met at an evening and both ticked each other."""
    # Distinct employers, the mentor senior: the engine's hard rules let them meet.
    Member.objects.filter(pk=world.charlie.pk).update(employer="Solaire SA", class_year=1995)
    Member.objects.filter(pk=world.dana.pk).update(employer="Labo", class_year=2018)
    world.charlie.refresh_from_db()
    world.dana.refresh_from_db()
    programme = ProgrammeFactory(network=world.network, slug="soiree", kind="speed")
    grant(world.bob, "programme_manager", programme)
    event = events.create_event(
        programme=programme,
        actor=None,
        name="Soirée de printemps",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        place="Paris",
        rounds=2,
        round_minutes=10,
        break_minutes=2,
        table_size=None,
    )
    events.register(event=event, member=world.charlie, role="mentor", themes=[])
    events.register(event=event, member=world.dana, role="mentee", themes=[])
    rotation.build_rotation(event=event, actor=None)
    events.lock_rotation(event=event, actor=None)
    SpeedEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    event.refresh_from_db()
    events.set_ticks(event=event, member=world.charlie, about=[world.dana.pk])
    events.set_ticks(event=event, member=world.dana, about=[world.charlie.pk])
    (introduction,) = events.close_event(event=event, actor=None)
    return introduction


def soon(days=3):
    return timezone.now() + datetime.timedelta(days=days)


def test_every_follow_up_status_has_a_row():
    assert set(FOLLOW_UP_TRANSITIONS) == set(FollowUpStatus.values)


def test_a_mutual_tick_proposes_a_follow_up_in_the_introduction(world):
    introduction = introduced(world)
    assert introduction.status == FollowUpStatus.PROPOSED
    email = OutboxMessage.objects.filter(to="dana@example.org", subject__contains="Charlie").get()
    assert reverse("event_page", args=[world.network.slug, introduction.event_id]) in (
        email.body_text
    )


def test_both_choose_a_long_pair_and_the_pair_is_created(world):
    introduction = introduced(world)
    followups.choose_follow_up(
        introduction=introduction, member=world.dana, choice="pair", programme=world.programme
    )
    assert OutboxMessage.objects.filter(to="charlie@example.org", subject__contains="Dana").count()
    made = followups.choose_follow_up(
        introduction=introduction, member=world.charlie, choice="pair"
    )
    pair = Mentorship.objects.get(mentor=world.charlie, mentee=world.dana)
    assert made.status == FollowUpStatus.PAIR and made.mentorship == pair
    assert pair.programme == world.programme


def test_a_long_pair_keeps_the_mentors_capacity(world):
    introduction = introduced(world)
    for _ in range(2):  # charlie's capacity is 2 (make_mentor's default)
        from binome.testing.factories import MemberFactory

        Mentorship.objects.create(
            network=world.network,
            programme=world.programme,
            mentor=world.charlie,
            mentee=MemberFactory(network=world.network),
        )
    followups.choose_follow_up(
        introduction=introduction, member=world.dana, choice="pair", programme=world.programme
    )
    with pytest.raises(DomainError) as refused:
        followups.choose_follow_up(introduction=introduction, member=world.charlie, choice="pair")
    assert refused.value.code == "capacity"
    introduction.refresh_from_db()
    assert introduction.status == FollowUpStatus.PROPOSED and introduction.mentor_choice == ""


def test_the_mentee_names_the_pairs_programme(world):
    introduction = introduced(world)
    with pytest.raises(DomainError) as refused:
        followups.choose_follow_up(introduction=introduction, member=world.dana, choice="pair")
    assert refused.value.code == "programme"


def test_both_choose_a_flash_exchange_at_the_mentors_time(world, flash):
    introduction = introduced(world)
    followups.choose_follow_up(
        introduction=introduction,
        member=world.charlie,
        choice="flash",
        starts_at=soon(),
        duration_minutes=30,
        format="video",
        place="https://visio.example.org/x",
    )
    made = followups.choose_follow_up(introduction=introduction, member=world.dana, choice="flash")
    exchange = FlashExchange.objects.get(mentor=world.charlie, mentee=world.dana)
    assert made.status == FollowUpStatus.FLASH and made.flash_exchange == exchange
    assert exchange.programme == flash and exchange.duration_minutes == 30
    assert (
        exchange.question.status == "booked" and "Soirée de printemps" in exchange.question.question
    )
    assert OutboxMessage.objects.filter(to="dana@example.org", calendar__contains="VEVENT").exists()


def test_a_flash_exchange_keeps_the_mentors_monthly_limit(world, flash):
    introduction = introduced(world)
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=False, per_month=1)
    when = soon(1)
    if when.month != soon(2).month:  # keep the slot and the exchange in one month
        when = soon(3)
    slots.offer_slot(
        mentor=world.charlie,
        programme=flash,
        starts_at=when + datetime.timedelta(hours=1),
        duration_minutes=30,
        format="video",
        language="fr",
        themes=[],
    )
    followups.choose_follow_up(introduction=introduction, member=world.dana, choice="flash")
    with pytest.raises(DomainError) as refused:
        followups.choose_follow_up(
            introduction=introduction,
            member=world.charlie,
            choice="flash",
            starts_at=when,
            duration_minutes=30,
            format="video",
        )
    assert refused.value.code == "monthly_limit"
    assert not FlashExchange.objects.exists()


def test_no_flash_choice_without_a_flash_programme(world):
    introduction = introduced(world)
    with pytest.raises(DomainError) as refused:
        followups.choose_follow_up(introduction=introduction, member=world.dana, choice="flash")
    assert refused.value.code == "no_flash"


def test_different_choices_wait_and_neither_ends_it(world, flash):
    introduction = introduced(world)
    followups.choose_follow_up(
        introduction=introduction, member=world.dana, choice="pair", programme=world.programme
    )
    waiting = followups.choose_follow_up(
        introduction=introduction,
        member=world.charlie,
        choice="flash",
        starts_at=soon(),
        duration_minutes=45,
        format="video",
    )
    assert waiting.status == FollowUpStatus.PROPOSED
    ended = followups.choose_follow_up(introduction=introduction, member=world.dana, choice="none")
    assert ended.status == FollowUpStatus.DECLINED
    with pytest.raises(DomainError):
        followups.choose_follow_up(introduction=introduction, member=world.charlie, choice="pair")
    assert not Mentorship.objects.exists() and not FlashExchange.objects.exists()


def test_only_the_two_introduced_choose(world):
    introduction = introduced(world)
    with pytest.raises(DomainError):
        followups.choose_follow_up(introduction=introduction, member=world.alice, choice="none")


def test_they_choose_from_the_event_page(world, flash, login):
    introduction = introduced(world)
    slug = world.network.slug
    action = reverse("event_follow_up", args=[slug, introduction.pk])
    page_url = reverse("event_page", args=[slug, introduction.event_id])
    dana = login(world.dana)
    assert action in dana.get(page_url).text
    prefix = f"f{introduction.pk}-"
    response = dana.post(
        action, {prefix + "choice": "pair", prefix + "programme": world.programme.pk}
    )
    assert response.status_code == 302
    charlie = login(world.charlie)
    refused = charlie.post(action, {}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
    assert charlie.post(action, {prefix + "choice": "pair"}).status_code == 302
    pair = Mentorship.objects.get(mentor=world.charlie, mentee=world.dana)
    assert reverse("pair_page", args=[slug, pair.pk]) in charlie.get(page_url).text


def test_another_member_cannot_reach_the_proposal(world, login):
    introduction = introduced(world)
    action = reverse("event_follow_up", args=[world.network.slug, introduction.pk])
    assert login(world.alice).post(action, {}).status_code == 404


def test_the_events_page_counts_the_follow_ups_for_managers(world, login):
    introduction = introduced(world)
    followups.choose_follow_up(
        introduction=introduction, member=world.dana, choice="pair", programme=world.programme
    )
    followups.choose_follow_up(introduction=introduction, member=world.charlie, choice="pair")
    page = login(world.bob).get(reverse("events_index", args=[world.network.slug])).text
    assert "binômes : 1" in page


def test_when_the_mentors_time_has_passed_the_mentor_gives_a_new_one(world, flash):
    introduction = introduced(world)
    followups.choose_follow_up(
        introduction=introduction,
        member=world.charlie,
        choice="flash",
        starts_at=soon(1),
        duration_minutes=30,
        format="video",
    )
    Introduction.objects.filter(pk=introduction.pk).update(
        flash_starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    waiting = followups.choose_follow_up(
        introduction=introduction, member=world.dana, choice="flash"
    )
    assert waiting.status == FollowUpStatus.PROPOSED and waiting.mentor_choice == ""
    assert waiting.mentee_choice == "flash" and not FlashExchange.objects.exists()
    made = followups.choose_follow_up(
        introduction=introduction,
        member=world.charlie,
        choice="flash",
        starts_at=soon(2),
        duration_minutes=30,
        format="video",
    )
    assert made.status == FollowUpStatus.FLASH


def test_a_mentor_registered_for_the_evening_only_is_offered_no_long_pair(world):
    introduction = introduced(world)
    Member.objects.filter(pk=world.charlie.pk).update(is_listed=False)
    with pytest.raises(DomainError) as refused:
        followups.choose_follow_up(
            introduction=introduction, member=world.dana, choice="pair", programme=world.programme
        )
    assert refused.value.code == "not_mentor"
