"""Surveys after flash exchanges: the flash template goes to both members some days after an
exchange that took place (never one that did not), once, in each member's language; its answers
and response rate count like the other surveys'."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from binome.flash.models import FlashExchange, FlashOffer
from binome.flash.services import exchanges, slots
from binome.insights.kpis import network_kpis, period_of
from binome.notifications.models import OutboxMessage
from binome.surveys import services
from binome.surveys.models import Moment, SurveyResponse, SurveyTemplate
from binome.surveys.selectors import wave_rates
from binome.surveys.waves import run_waves
from binome.testing.factories import MemberFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flash(world):
    return ProgrammeFactory(network=world.network, slug="meet-share", kind="flash")


def exchange(flash, mentor, mentee, *, days_ago: float, held: bool | None = True):
    slot = slots.offer_slot(
        mentor=mentor,
        programme=flash,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        duration_minutes=45,
        format="video",
        language="fr",
        themes=[],
    )
    question = exchanges.ask_flash_question(
        mentee=mentee, programme=flash, question="Comment négocier ?", themes=[], language="fr"
    )
    booked = exchanges.book_slot(question=question, mentee=mentee, slot=slot)
    FlashExchange.objects.filter(pk=booked.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    booked.refresh_from_db()
    if held is not None:
        exchanges.record_outcome(exchange=booked, member=mentee, held=held)
    return booked


def test_both_members_get_the_flash_survey_two_days_after_an_exchange_that_took_place(world, flash):
    world.charlie.user.language = "en"
    world.charlie.user.save()
    done = exchange(flash, world.charlie, world.dana, days_ago=2.5)
    OutboxMessage.objects.all().delete()
    assert run_waves()["sent"] == 2
    assert run_waves()["sent"] == 0  # once
    responses = SurveyResponse.objects.filter(flash_exchange=done)
    assert sorted(responses.values_list("role", flat=True)) == ["mentee", "mentor"]
    assert {r.moment for r in responses} == {Moment.FLASH}
    assert responses.filter(mentorship__isnull=False).count() == 0
    to_mentor = OutboxMessage.objects.get(to=world.charlie.user.email)
    to_mentee = OutboxMessage.objects.get(to=world.dana.user.email)
    assert "Your flash exchange" in to_mentor.subject
    assert "Votre échange flash" in to_mentee.subject
    assert "échange flash du" in to_mentee.body_text


def test_no_survey_before_the_delay_nor_after_an_exchange_that_did_not_take_place(world, flash):
    exchange(flash, world.charlie, world.dana, days_ago=1)
    exchange(flash, world.charlie, world.dana, days_ago=3, held=False)
    exchange(flash, world.charlie, world.dana, days_ago=3, held=None)  # nobody said yet
    assert run_waves()["sent"] == 0


def test_the_delay_set_by_the_managers_is_kept(world, flash):
    run_waves()
    SurveyTemplate.objects.filter(programme=flash).update(delay_days=5)
    exchange(flash, world.charlie, world.dana, days_ago=3)
    assert run_waves()["sent"] == 0
    later = timezone.now() + datetime.timedelta(days=2, hours=1)
    assert run_waves(now=later)["sent"] == 2


def test_answers_and_response_rates_count_like_the_other_surveys(client, world, flash):
    FlashOffer.objects.create(member=world.charlie, network=world.network, per_month=20)
    mentors = [world.charlie]
    for number in range(5):
        user = UserFactory(email=f"mentee{number}@example.org")
        mentee = MemberFactory(network=world.network, user=user)
        exchange(flash, mentors[0], mentee, days_ago=2.5)
    run_waves()
    mentee_responses = SurveyResponse.objects.filter(flash_exchange__isnull=False, role="mentee")
    for response in mentee_responses:
        assert "would_mentor" in [q.code for q in services.questions_for(response)]
        services.save_answers(response=response, data={"satisfaction": 4, "recommend": 10})
    mentor_response = SurveyResponse.objects.filter(role="mentor").first()
    assert "would_mentor" not in [q.code for q in services.questions_for(mentor_response)]
    link = re.findall(
        r"https?://\S+/surveys/\S+",
        OutboxMessage.objects.filter(to=world.charlie.user.email, body_text__contains="/surveys/")
        .first()
        .body_text,
    )[0]
    page = client.get(link)
    assert page.status_code == 200 and "Votre échange flash" in page.content.decode()
    rate = wave_rates(flash)[0]
    assert (rate.sent, rate.answered) == (10, 5)
    row = next(r for r in network_kpis(world.network, period_of("")).rows if r.programme == flash)
    assert (row.surveys.part, row.surveys.whole) == (5, 10)
    assert (row.satisfaction.value, row.nps.value) == (4.0, 100)
