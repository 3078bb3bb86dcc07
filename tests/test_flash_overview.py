"""Flash no-shows and responsiveness, recorded like invitations; the managers' overview of a
flash programme with its one-click reminders."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.core.errors import DomainError
from binome.flash import overview
from binome.flash.models import FlashExchange, FlashQuestion
from binome.flash.services import exchanges, reminders, slots
from binome.flash.tokens import outcome_token
from binome.intake import responsiveness
from binome.intake.suggestions import mentor_profiles
from binome.notifications.models import OutboxMessage
from binome.testing.factories import MemberFactory, ProgrammeFactory, UserFactory, grant
from binome.testing.flash import booked_exchange, moved_to_past

pytestmark = pytest.mark.django_db


@pytest.fixture
def flash(world):
    programme = ProgrammeFactory(
        network=world.network, slug="meet", name="Meet & Share", kind="flash"
    )
    grant(world.bob, "programme_manager", programme)
    return programme


def exchange(world, flash, *, hours_ago=2, mentee=None):
    made = booked_exchange(mentor=world.charlie, mentee=mentee or world.dana, programme=flash)
    return moved_to_past(made, hours=hours_ago)


def pooled(world, flash, mentee=None):
    question = exchanges.ask_flash_question(
        mentee=mentee or world.dana,
        programme=flash,
        question="Comment négocier mon salaire ?",
        themes=[],
        language="fr",
    )
    return exchanges.send_to_pool(question=question, mentee=mentee or world.dana)


def test_the_mentee_says_the_mentor_did_not_come(world, flash):
    made = exchanges.record_outcome(
        exchange=exchange(world, flash), member=world.dana, held=False, other_absent=True
    )
    assert made.status == "not_held" and made.no_show == "mentor"


def test_the_mentor_says_the_mentee_did_not_come_from_the_email(world, flash, client):
    made = exchange(world, flash)
    url = reverse("flash_outcome_link", args=[outcome_token(made, world.charlie, "absent")])
    assert "did not come" in client.get(url).text or "pas venu" in client.get(url).text
    client.post(url)
    made.refresh_from_db()
    assert made.status == "not_held" and made.no_show == "mentee"


def test_it_took_place_and_nobody_came_are_not_both(world, flash):
    with pytest.raises(DomainError):
        exchanges.record_outcome(
            exchange=exchange(world, flash), member=world.dana, held=True, other_absent=True
        )


def test_the_outcome_email_offers_the_no_show_link(world, flash):
    made = exchange(world, flash)
    FlashExchange.objects.filter(pk=made.pk).update(outcome_asked_at=None)
    exchanges.process_due_exchanges()
    email = OutboxMessage.objects.filter(
        to="dana@example.org", body_text__contains="/flash-outcome/"
    )
    assert email.exists() and email.first().body_text.count("http") >= 4


def test_a_mentors_no_shows_lower_the_responsiveness_the_engine_reads(world, flash):
    pk = world.charlie.pk
    assert responsiveness.rates(world.network.pk).get(pk) is None  # nothing asked yet
    exchanges.record_outcome(exchange=exchange(world, flash), member=world.dana, held=True)
    exchanges.record_outcome(
        exchange=exchange(world, flash), member=world.dana, held=False, other_absent=True
    )
    exchanges.record_outcome(  # the mentee did not come: not the mentor's fault
        exchange=exchange(world, flash), member=world.charlie, held=False, other_absent=True
    )
    exchange(world, flash)  # no outcome yet: not counted
    assert responsiveness.counts(world.network.pk)[pk] == (2, 3)
    (profile,) = mentor_profiles(world.network.pk, only={pk})
    assert profile.responsiveness == pytest.approx(2 / 3)


def test_the_overview_counts_states_no_shows_and_mentors(world, flash):
    exchanges.record_outcome(exchange=exchange(world, flash), member=world.dana, held=True)
    exchanges.record_outcome(
        exchange=exchange(world, flash), member=world.dana, held=False, other_absent=True
    )
    exchange(world, flash)
    pooled(world, flash)
    seen = overview.overview(flash)
    assert seen.exchanges == {"held": 1, "not_held": 1, "scheduled": 1}
    assert seen.held_rate == 50 and seen.no_shows == {"mentor": 1}
    (row,) = seen.mentors.object_list
    assert (row.mentor, row.exchanges, row.no_shows, row.no_show_rate) == (
        world.charlie,
        3,
        1,
        50,
    )
    assert [q.question for q in seen.pool.object_list] == ["Comment négocier mon salaire ?"]
    assert len(seen.awaiting_outcome.object_list) == 1


def test_the_lists_are_paginated(world, flash, monkeypatch):
    monkeypatch.setattr(overview, "PER_PAGE", 1)
    for i in range(3):
        mentee = MemberFactory(network=world.network, user=UserFactory(email=f"m{i}@example.org"))
        pooled(world, flash, mentee=mentee)
    first = overview.overview(flash, pool_page=1)
    last = overview.overview(flash, pool_page=3)
    assert first.pool.paginator.num_pages == 3
    assert first.pool.object_list[0].pk != last.pool.object_list[0].pk


def test_reminding_the_pool_mentors_once_a_day(world, flash):
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=True, per_month=4)
    question = pooled(world, flash)
    before = OutboxMessage.objects.filter(to="charlie@example.org").count()
    assert reminders.remind_pool_mentors(question=question, manager=world.bob) == 1
    assert OutboxMessage.objects.filter(to="charlie@example.org").count() == before + 1
    with pytest.raises(DomainError) as again:
        reminders.remind_pool_mentors(question=question, manager=world.bob)
    assert again.value.code == "too_soon"
    FlashQuestion.objects.filter(pk=question.pk).update(
        pool_reminded_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert reminders.remind_pool_mentors(question=question, manager=world.bob) == 1


def test_reminding_both_of_the_outcome(world, flash):
    made = exchange(world, flash)
    reminders.remind_outcome(exchange=made, manager=world.bob)
    for email in ("dana@example.org", "charlie@example.org"):
        assert OutboxMessage.objects.filter(
            to=email, body_text__contains="/flash-outcome/"
        ).exists()
    with pytest.raises(DomainError):
        reminders.remind_outcome(exchange=made, manager=world.bob)
    exchanges.record_outcome(exchange=made, member=world.dana, held=True)
    FlashExchange.objects.filter(pk=made.pk).update(outcome_reminded_at=None)
    with pytest.raises(DomainError) as answered:
        reminders.remind_outcome(exchange=made, manager=world.bob)
    assert answered.value.code == "answered"


def test_the_manager_reads_the_overview_and_reminds_in_one_click(world, flash, login):
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=True, per_month=4)
    question = pooled(world, flash)
    made = exchange(world, flash)
    client = login(world.bob)
    slug = world.network.slug
    page = client.get(reverse("flash_overview", args=[slug, flash.pk])).text
    assert "Charlie Persona" in page and "Comment négocier" in page
    remind = reverse("flash_pool_remind", args=[slug, question.pk])
    assert remind in page
    assert client.post(remind).status_code == 302
    assert client.post(reverse("flash_outcome_remind", args=[slug, made.pk])).status_code == 302
    page = client.get(reverse("flash_overview", args=[slug, flash.pk])).text
    assert remind not in page  # reminded today


def test_a_manager_of_another_programme_does_not_see_it(world, flash, login):
    other = MemberFactory(network=world.network, user=UserFactory(email="olivier@example.org"))
    grant(other, "programme_manager", world.programme)
    response = login(other).get(reverse("flash_overview", args=[world.network.slug, flash.pk]))
    assert response.status_code == 404


def test_two_no_shows_in_a_row_pause_the_mentors_flash_offer(world, flash):
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=True, per_month=8)
    first, second = exchange(world, flash, hours_ago=30), exchange(world, flash, hours_ago=3)
    free = slots.offer_slot(
        mentor=world.charlie,
        programme=flash,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        duration_minutes=30,
        format="video",
        language="fr",
        themes=[],
    )
    exchanges.record_outcome(exchange=first, member=world.dana, held=False, other_absent=True)
    free.refresh_from_db()
    assert free.status == "open"  # one absence is not a pattern
    exchanges.record_outcome(exchange=second, member=world.dana, held=False, other_absent=True)
    free.refresh_from_db()
    world.charlie.flash_offer.refresh_from_db()
    assert free.status == "cancelled" and not world.charlie.flash_offer.takes_pool_questions
    paused = OutboxMessage.objects.get(to="charlie@example.org", subject__icontains="pause")
    assert reverse("flash_mentor", args=[world.network.slug, flash.pk]) in paused.body_text


def test_a_mentee_not_coming_does_not_pause_the_mentor(world, flash):
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=True, per_month=8)
    for hours in (30, 3):
        made = exchange(world, flash, hours_ago=hours)
        exchanges.record_outcome(exchange=made, member=world.charlie, held=False, other_absent=True)
    world.charlie.flash_offer.refresh_from_db()
    assert world.charlie.flash_offer.takes_pool_questions
