"""After a flash exchange, the mentee continues into a cohort programme: a prefilled application."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.cohorts.models import Application
from binome.core.errors import DomainError
from binome.flash.models import FlashContinuation
from binome.flash.services import continuation, exchanges, slots
from binome.notifications.models import OutboxMessage
from binome.testing.cohorts import apply, open_cohort
from binome.testing.factories import ProgrammeFactory
from binome.testing.flash import held_exchange

pytestmark = pytest.mark.django_db


@pytest.fixture
def flash(world):
    return ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")


@pytest.fixture
def cohort(world):
    return open_cohort(world.other_programme)


def held(world, flash, *, themes=()):
    return held_exchange(
        mentor=world.charlie,
        mentee=world.dana,
        programme=flash,
        question="Comment passer de la recherche à l'industrie ?",
        themes=themes,
    )


def test_it_applies_to_the_cohort_prefilled_from_the_exchange(world, flash, cohort):
    exchange = held(world, flash, themes=[world.theme])
    made = continuation.continue_into_cohort(
        exchange=exchange, mentee=world.dana, cohort=cohort, message="Trois mois pour y voir clair."
    )
    application = Application.objects.get(cohort=cohort, member=world.dana)
    assert made.application == application and made.status == "applied"
    assert application.role == "mentee" and application.status == "submitted"
    assert application.text.startswith("Comment passer de la recherche")
    assert "Trois mois" in application.text
    assert application.formats == ["video"] and application.languages[0] == "fr"
    assert list(application.themes.all()) == [world.theme]
    assert application.style == cohort.styles[0]


def test_the_mentor_is_told_and_offered_the_mentors_application(world, flash, cohort):
    exchange = held(world, flash)
    continuation.continue_into_cohort(exchange=exchange, mentee=world.dana, cohort=cohort)
    email = OutboxMessage.objects.get(to="charlie@example.org", subject__contains="Cohorte")
    apply_as_mentor = reverse("cohort_apply", args=[world.network.slug, cohort.pk, "mentor"])
    assert apply_as_mentor in email.body_text


def test_a_format_the_cohort_does_not_offer_leaves_the_cohorts_formats(world, flash):
    cohort = open_cohort(world.other_programme, formats=["in_person"])
    exchange = held(world, flash)
    continuation.continue_into_cohort(exchange=exchange, mentee=world.dana, cohort=cohort)
    assert Application.objects.get(cohort=cohort).formats == ["in_person"]


def test_only_a_cohort_whose_mentees_window_is_open(world, flash):
    today = timezone.localdate()
    closed = open_cohort(world.other_programme, mentees_close_on=today - datetime.timedelta(days=1))
    exchange = held(world, flash)
    assert continuation.continuation_cohorts(exchange) == []
    with pytest.raises(DomainError) as refused:
        continuation.continue_into_cohort(exchange=exchange, mentee=world.dana, cohort=closed)
    assert refused.value.code == "window"


def test_only_the_mentee_after_it_took_place_and_once(world, flash, cohort):
    exchange = held(world, flash)
    with pytest.raises(DomainError):
        continuation.continue_into_cohort(exchange=exchange, mentee=world.charlie, cohort=cohort)
    continuation.continue_into_cohort(exchange=exchange, mentee=world.dana, cohort=cohort)
    with pytest.raises(DomainError) as again:
        continuation.continue_into_cohort(exchange=exchange, mentee=world.dana, cohort=cohort)
    assert again.value.code == "again"
    with pytest.raises(DomainError):  # nor on to a pair as well
        exchanges.ask_to_continue(exchange=exchange, mentee=world.dana, programme=world.programme)


def test_an_application_already_made_is_never_overwritten(world, flash, cohort):
    mine = apply(cohort, world.dana, "mentee", text="Mes propres mots.")
    exchange = held(world, flash)
    with pytest.raises(DomainError) as refused:
        continuation.continue_into_cohort(exchange=exchange, mentee=world.dana, cohort=cohort)
    assert refused.value.code == "applied"
    mine.refresh_from_db()
    assert mine.text == "Mes propres mots."
    assert not FlashContinuation.objects.exists()


def test_an_exchange_that_did_not_take_place_does_not_continue(world, flash, cohort):
    slot = slots.offer_slot(
        mentor=world.charlie,
        programme=flash,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        duration_minutes=30,
        format="video",
        language="fr",
        themes=[],
    )
    question = exchanges.ask_flash_question(
        mentee=world.dana, programme=flash, question="?", themes=[], language="fr"
    )
    exchange = exchanges.book_slot(question=question, mentee=world.dana, slot=slot)
    with pytest.raises(DomainError):
        continuation.continue_into_cohort(exchange=exchange, mentee=world.dana, cohort=cohort)


def test_the_mentee_applies_from_the_exchange_page(world, flash, cohort, login):
    exchange = held(world, flash)
    client = login(world.dana)
    page_url = reverse("flash_exchange", args=[world.network.slug, exchange.pk])
    page = client.get(page_url).text
    action = reverse("flash_continue_cohort", args=[world.network.slug, exchange.pk])
    assert action in page and str(cohort) in page
    response = client.post(action, {"c-cohort": cohort.pk, "c-message": "Sur un an."})
    assert response.status_code == 302
    application = Application.objects.get(cohort=cohort, member=world.dana)
    page = client.get(page_url).text
    assert reverse("my_application", args=[world.network.slug, application.pk]) in page


def test_a_cohort_of_another_network_is_not_offered(world, flash, login):
    theirs = ProgrammeFactory(network=world.other_network, slug="theirs", kind="cohort")
    other = open_cohort(theirs)
    exchange = held(world, flash)
    client = login(world.dana)
    action = reverse("flash_continue_cohort", args=[world.network.slug, exchange.pk])
    response = client.post(action, {"c-cohort": other.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert not Application.objects.filter(member=world.dana).exists()
