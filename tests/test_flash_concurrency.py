"""Flash mentoring under real concurrency (threads, PostgreSQL row locks): a slot is booked once,
a mentor's monthly limit holds, a pool question is taken by one mentor."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from binome.core.errors import DomainError
from binome.flash.models import FlashExchange, FlashSlot
from binome.flash.services import exchanges, slots
from binome.testing.factories import MemberFactory, ProgrammeFactory, UserFactory, make_mentor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (bin/test runs the suite there too)")


@pytest.fixture
def flash(world):
    return ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")


def same_month(days: int = 0, hours: int = 0) -> datetime.datetime:
    """A moment in the coming days, kept inside one calendar month."""
    base = timezone.localtime() + datetime.timedelta(days=2)
    if (base + datetime.timedelta(days=6)).month != base.month:
        base = (base + datetime.timedelta(days=7)).replace(day=2)
    return base + datetime.timedelta(days=days, hours=hours)


def members(world, prefix: str, n: int) -> list[Any]:
    return [
        MemberFactory(network=world.network, user=UserFactory(email=f"{prefix}{i}@example.org"))
        for i in range(n)
    ]


def at_once(calls: list[Callable[[], Any]]) -> list[str]:
    """Run the calls in threads released together; each outcome: "ok" or the refusal's code."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except DomainError as refused:
            outcomes.append(refused.code)
        except BaseException as error:  # a deadlock or an integrity error would surface here
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return outcomes


def test_two_members_booking_the_same_slot_at_once_make_one_booking(world, flash):
    slot = slots.offer_slot(
        mentor=world.charlie,
        programme=flash,
        starts_at=same_month(),
        duration_minutes=45,
        format="video",
        language="fr",
        themes=[],
    )
    askers = members(world, "asker", 6)
    questions = [
        exchanges.ask_flash_question(
            mentee=m, programme=flash, question=f"Question {i}", themes=[], language="fr"
        )
        for i, m in enumerate(askers)
    ]
    outcomes = at_once(
        [
            lambda q=q, m=m: exchanges.book_slot(question=q, mentee=m, slot=slot)
            for q, m in zip(questions, askers, strict=True)
        ]
    )
    assert outcomes.count("ok") == 1 and outcomes.count("taken") == 5
    assert FlashExchange.objects.filter(slot=slot).count() == 1
    assert FlashSlot.objects.get(pk=slot.pk).status == "booked"


def test_the_monthly_limit_holds_under_concurrent_takes_and_offers(world, flash):
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=True, per_month=3)
    slots.offer_slot(
        mentor=world.charlie,
        programme=flash,
        starts_at=same_month(),
        duration_minutes=30,
        format="video",
        language="fr",
        themes=[],
    )
    askers = members(world, "pool", 4)
    pooled = []
    for i, asker in enumerate(askers):
        question = exchanges.ask_flash_question(
            mentee=asker, programme=flash, question=f"Pool {i}", themes=[], language="fr"
        )
        pooled.append(exchanges.send_to_pool(question=question, mentee=asker))
    takes = [
        lambda q=q, i=i: exchanges.take_pool_question(
            question=q,
            mentor=world.charlie,
            starts_at=same_month(days=1, hours=i),
            duration_minutes=30,
            format="video",
        )
        for i, q in enumerate(pooled)
    ]
    offers = [
        lambda i=i: slots.offer_slot(
            mentor=world.charlie,
            programme=flash,
            starts_at=same_month(days=3, hours=i),
            duration_minutes=30,
            format="video",
            language="fr",
            themes=[],
        )
        for i in range(4)
    ]
    outcomes = at_once(takes + offers)
    # One slot was there: two more fit the limit of three, whichever comes first.
    assert outcomes.count("ok") == 2 and outcomes.count("monthly_limit") == 6
    start = same_month().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    given = (
        FlashSlot.objects.filter(
            mentor=world.charlie, starts_at__gte=start, status__in=["open", "booked"]
        ).count()
        + FlashExchange.objects.filter(
            mentor=world.charlie, slot__isnull=True, starts_at__gte=start
        ).count()
    )
    assert given == 3


def test_two_mentors_taking_the_same_pool_question_make_one_exchange(world, flash):
    mentors = members(world, "mentor", 5)
    for mentor in mentors:
        make_mentor(mentor)
        slots.save_flash_offer(member=mentor, themes=[], takes_pool_questions=True, per_month=4)
    question = exchanges.send_to_pool(
        question=exchanges.ask_flash_question(
            mentee=world.dana, programme=flash, question="Qui la prend ?", themes=[], language="fr"
        ),
        mentee=world.dana,
    )
    outcomes = at_once(
        [
            lambda m=m: exchanges.take_pool_question(
                question=question,
                mentor=m,
                starts_at=same_month(days=1),
                duration_minutes=45,
                format="video",
            )
            for m in mentors
        ]
    )
    assert outcomes.count("ok") == 1 and outcomes.count("taken") == 4
    assert FlashExchange.objects.filter(question=question).count() == 1
