"""Flash mentoring (Meet & Share): slots, questions, the pool, the exchange and what follows."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.core.errors import DomainError
from binome.flash import selectors_flash
from binome.flash.models import FlashExchange, FlashFeedback
from binome.flash.services import exchanges, slots
from binome.flash.states import (
    EXCHANGE_TRANSITIONS,
    QUESTION_TRANSITIONS,
    SLOT_TRANSITIONS,
    ExchangeStatus,
    QuestionStatus,
    SlotStatus,
)
from binome.flash.tokens import outcome_token
from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.notifications.models import OutboxMessage
from binome.testing.factories import MemberFactory, ProgrammeFactory, UserFactory, make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def flash(world):
    return ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def offer(world, flash, *, when=None, themes=(), language="fr", mentor=None):
    return slots.offer_slot(
        mentor=mentor or world.charlie,
        programme=flash,
        starts_at=when or in_days(3),
        duration_minutes=45,
        format="video",
        language=language,
        themes=list(themes),
        place="https://visio.example.org/abc",
    )


def ask(
    world,
    flash,
    *,
    themes=(),
    mentee=None,
    question="Comment préparer un entretien chez un énergéticien ?",
):
    return exchanges.ask_flash_question(
        mentee=mentee or world.dana,
        programme=flash,
        question=question,
        themes=list(themes),
        language="fr",
    )


def booked(world, flash):
    return exchanges.book_slot(
        question=ask(world, flash), mentee=world.dana, slot=offer(world, flash)
    )


def past(exchange, hours=2):
    FlashExchange.objects.filter(pk=exchange.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=hours)
    )
    exchange.refresh_from_db()
    return exchange


def test_every_status_has_a_row():
    assert set(SLOT_TRANSITIONS) == set(SlotStatus.values)
    assert set(QUESTION_TRANSITIONS) == set(QuestionStatus.values)
    assert set(EXCHANGE_TRANSITIONS) == set(ExchangeStatus.values)
    assert EXCHANGE_TRANSITIONS[ExchangeStatus.HELD] == frozenset()


def test_a_slot_lasts_30_to_60_minutes_in_the_future(world, flash):
    with pytest.raises(DomainError):
        slots.offer_slot(
            mentor=world.charlie,
            programme=flash,
            starts_at=in_days(2),
            duration_minutes=90,
            format="video",
            language="fr",
            themes=[],
        )
    with pytest.raises(DomainError):
        offer(world, flash, when=in_days(-1))


def test_only_a_listed_mentor_offers_slots(world, flash):
    with pytest.raises(DomainError) as refused:
        offer(world, flash, mentor=world.dana)
    assert refused.value.code == "not_mentor"


def test_it_keeps_the_mentors_monthly_limit(world, flash):
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=True, per_month=2)
    first = timezone.localtime(in_days(40)).replace(day=10, hour=18)
    offer(world, flash, when=first)
    offer(world, flash, when=first + datetime.timedelta(days=1))
    with pytest.raises(DomainError) as refused:
        offer(world, flash, when=first + datetime.timedelta(days=2))
    assert refused.value.code == "monthly_limit"
    offer(world, flash, when=first + datetime.timedelta(days=31))  # the next month


def test_booking_plans_the_exchange_and_sends_both_the_calendar(world, flash):
    exchange = booked(world, flash)
    assert exchange.slot.status == SlotStatus.BOOKED
    assert exchange.question.status == QuestionStatus.BOOKED
    for email in ("charlie@example.org", "dana@example.org"):
        mail = OutboxMessage.objects.get(to=email)
        assert "BEGIN:VEVENT" in mail.calendar and "TZID=Europe/Paris" in mail.calendar


def test_a_slot_is_booked_once(world, flash):
    slot = offer(world, flash)
    exchanges.book_slot(question=ask(world, flash), mentee=world.dana, slot=slot)
    other = MemberFactory(network=world.network, user=UserFactory(email="zoe@example.org"))
    with pytest.raises(DomainError) as refused:
        exchanges.book_slot(question=ask(world, flash, mentee=other), mentee=other, slot=slot)
    assert refused.value.code == "taken"


def test_free_slots_sharing_a_theme_come_first(world, flash):
    later_match = offer(world, flash, when=in_days(5), themes=[world.theme])
    sooner = offer(world, flash, when=in_days(2))
    question = ask(world, flash, themes=[world.theme])
    order = [c.slot for c in selectors_flash.slots_for_question(question)]
    assert order == [later_match, sooner]


def test_the_slots_of_mentors_whose_profile_answers_the_question_come_first(world, flash, login):
    people = {}
    for name, title, employer, bio in (
        ("Bruno", "Banquier d'affaires", "Natixis", "Fusions et acquisitions, dette privée."),
        (
            "Elsa",
            "Responsable recrutement",
            "EDF",
            "Ingénieure nucléaire devenue recruteuse chez un énergéticien : réacteurs, centrales.",
        ),
    ):
        person = MemberFactory(
            network=world.network,
            first_name=name,
            position_title=title,
            employer=employer,
            bio=bio,
            user=UserFactory(email=f"{name.lower()}@example.org"),
        )
        people[name] = make_mentor(person, themes=[world.theme])
    sooner = offer(world, flash, when=in_days(2), themes=[world.theme], mentor=people["Bruno"])
    later = offer(world, flash, when=in_days(5), mentor=people["Elsa"])
    question = ask(
        world, flash, themes=[world.theme], question="Comment entrer dans le nucléaire ?"
    )
    choices = selectors_flash.slots_for_question(question)
    assert [c.slot for c in choices] == [later, sooner]
    assert choices[0].words  # the mentor's own words that match the question
    page = login(world.dana).get(reverse("flash_question", args=["ax", question.pk]))
    assert "Responsable recrutement · EDF" in page.content.decode()


def test_the_pool_tells_fitting_mentors_and_the_first_takes_it(world, flash):
    slots.save_flash_offer(
        member=world.charlie, themes=[world.theme], takes_pool_questions=True, per_month=4
    )
    frank = MemberFactory(network=world.network, user=UserFactory(email="frank@example.org"))
    make_mentor(frank)
    slots.save_flash_offer(member=frank, themes=[], takes_pool_questions=True, per_month=4)
    question = exchanges.send_to_pool(
        question=ask(world, flash, themes=[world.theme]), mentee=world.dana
    )
    assert OutboxMessage.objects.filter(to="charlie@example.org").exists()
    exchange = exchanges.take_pool_question(
        question=question,
        mentor=world.charlie,
        starts_at=in_days(2),
        duration_minutes=30,
        format="phone",
    )
    assert exchange.slot is None and exchange.mentee == world.dana
    with pytest.raises(DomainError) as refused:
        exchanges.take_pool_question(
            question=question,
            mentor=frank,
            starts_at=in_days(2),
            duration_minutes=30,
            format="phone",
        )
    assert refused.value.code == "taken"


def test_a_reminder_the_day_before_then_the_one_click_outcome(world, flash):
    exchange = booked(world, flash)
    FlashExchange.objects.filter(pk=exchange.pk).update(starts_at=in_days(0.5))
    assert exchanges.process_due_exchanges() == {"reminded": 1, "asked": 0}
    assert exchanges.process_due_exchanges() == {"reminded": 0, "asked": 0}
    after = timezone.now() + datetime.timedelta(hours=13)
    assert exchanges.process_due_exchanges(now=after) == {"reminded": 0, "asked": 1}
    mail = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert "/flash-outcome/" in mail.body_text


def test_the_first_answer_stands_and_records_who(world, flash, client):
    exchange = past(booked(world, flash))
    url = reverse("flash_outcome_link", args=[outcome_token(exchange, world.charlie, "not_held")])
    assert client.get(url).status_code == 200
    client.post(url)
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.NOT_HELD and exchange.outcome_by == world.charlie
    with pytest.raises(DomainError):
        exchanges.record_outcome(exchange=exchange, member=world.dana, held=True)


def test_an_exchange_to_come_has_no_outcome_yet(world, flash):
    with pytest.raises(DomainError) as refused:
        exchanges.record_outcome(exchange=booked(world, flash), member=world.dana, held=True)
    assert refused.value.code == "early"


def test_feedback_after_it_took_place_once_each(world, flash):
    exchange = past(booked(world, flash))
    with pytest.raises(DomainError):
        exchanges.give_feedback(
            exchange=exchange, member=world.dana, usefulness=5, would_recommend=True
        )
    exchanges.record_outcome(exchange=exchange, member=world.dana, held=True)
    exchange.refresh_from_db()
    exchanges.give_feedback(
        exchange=exchange, member=world.dana, usefulness=5, would_recommend=True
    )
    exchanges.give_feedback(
        exchange=exchange, member=world.charlie, usefulness=4, would_recommend=True
    )
    with pytest.raises(DomainError) as refused:
        exchanges.give_feedback(
            exchange=exchange, member=world.dana, usefulness=1, would_recommend=False
        )
    assert refused.value.code == "again"
    assert FlashFeedback.objects.filter(exchange=exchange).count() == 2


def held(world, flash):
    exchange = past(booked(world, flash))
    exchanges.record_outcome(exchange=exchange, member=world.dana, held=True)
    exchange.refresh_from_db()
    return exchange


def test_continuing_as_a_pair_when_the_mentor_says_yes(world, flash):
    exchange = held(world, flash)
    continuation = exchanges.ask_to_continue(
        exchange=exchange, mentee=world.dana, programme=world.programme, message="On continue ?"
    )
    assert OutboxMessage.objects.filter(to="charlie@example.org", subject__contains="Dana").exists()
    exchanges.answer_continuation(continuation=continuation, mentor=world.charlie, accept=True)
    pair = Mentorship.objects.get(mentor=world.charlie, mentee=world.dana)
    continuation.refresh_from_db()
    assert continuation.mentorship == pair and continuation.status == "accepted"


def test_the_mentor_may_say_no(world, flash):
    exchange = held(world, flash)
    continuation = exchanges.ask_to_continue(
        exchange=exchange, mentee=world.dana, programme=world.programme
    )
    exchanges.answer_continuation(continuation=continuation, mentor=world.charlie, accept=False)
    assert not Mentorship.objects.filter(mentee=world.dana).exists()
    with pytest.raises(DomainError):
        exchanges.answer_continuation(continuation=continuation, mentor=world.charlie, accept=True)


def test_a_yes_keeps_the_mentors_capacity(world, flash):
    exchange = held(world, flash)
    zoe = MemberFactory(network=world.network, user=UserFactory(email="zoe@example.org"))
    Mentorship.objects.create(
        network=world.network, programme=world.programme, mentor=world.charlie, mentee=zoe
    )
    Mentorship.objects.create(
        network=world.network,
        programme=world.programme,
        mentor=world.charlie,
        mentee=MemberFactory(network=world.network),
    )
    continuation = exchanges.ask_to_continue(
        exchange=exchange, mentee=world.dana, programme=world.programme
    )
    with pytest.raises(DomainError) as refused:
        exchanges.answer_continuation(continuation=continuation, mentor=world.charlie, accept=True)
    assert refused.value.code == "capacity"


def test_a_member_asks_books_and_downloads_the_calendar(world, flash, login):
    slot = offer(world, flash)
    client = login(world.dana)
    slug = world.network.slug
    response = client.post(
        reverse("flash_ask", args=[slug, flash.pk]), {"question": "Une question", "language": "fr"}
    )
    question = world.dana.flash_questions.get()
    assert response.url == reverse("flash_question", args=[slug, question.pk])
    book = reverse("flash_book", args=[slug, question.pk, slot.pk])
    assert book in client.get(response.url).text
    assert client.post(book).status_code == 302
    exchange = FlashExchange.objects.get(question=question)
    page = client.get(reverse("flash_exchange", args=[slug, exchange.pk])).text
    assert "Charlie Persona" in page
    ics = client.get(reverse("flash_ics", args=[slug, exchange.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"TZID" in ics.content


def test_a_mentor_offers_a_slot_from_the_page(world, flash, login):
    client = login(world.charlie)
    when = timezone.localtime(in_days(4)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("flash_slot_new", args=[world.network.slug, flash.pk]),
        {"starts_at": when, "duration_minutes": "30", "format": "video", "language": "fr"},
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=world.charlie.pk).flash_slots.count() == 1
