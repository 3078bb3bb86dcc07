"""Follow-ups in Chromium: a flash exchange continued into a cohort (the prefilled application).
Every page passes axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binome.cohorts.models import Application
from binome.flash.models import FlashExchange
from binome.flash.services import exchanges, slots
from binome.testing.cohorts import open_cohort
from binome.testing.factories import ProgrammeFactory
from binome.testing.flash import held_exchange
from tests.browser.pages import open_as, shot


@pytest.mark.django_db(transaction=True)
def test_a_flash_exchange_continued_into_a_cohort(browser, live_server, world, settings, axe_check):
    settings.AXES_ENABLED = False
    flash = ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")
    cohort = open_cohort(world.other_programme)
    exchange = held_exchange(
        mentor=world.charlie,
        mentee=world.dana,
        programme=flash,
        question="Comment présenter ma thèse à un industriel ?",
        themes=[world.theme],
    )

    dana = open_as(browser, live_server, "dana@example.org")
    dana.goto(f"{live_server.url}/n/ax/flash/exchanges/{exchange.pk}/")
    axe_check(dana)
    dana.get_by_label("Promotion").select_option(str(cohort.pk))
    dana.get_by_label("Ce que vous aimeriez travailler").fill("Un an pour changer de monde.")
    shot(dana, "flash-cohort-1-exchange")
    dana.get_by_role("button", name="Candidater à la promotion").click()
    expect(dana.get_by_role("status")).to_contain_text("Votre candidature à la promotion")
    axe_check(dana)
    dana.get_by_role("link", name="votre candidature").click()
    axe_check(dana)
    shot(dana, "flash-cohort-2-application")
    application = Application.objects.get(cohort=cohort, member=world.dana)
    assert "Un an pour changer de monde." in application.text
    assert list(application.themes.all()) == [world.theme]


def introduced(world):
    """Charlie (mentor) and Dana (mentee) met at an evening and both ticked each other."""
    from binome.events.models import SpeedEvent
    from binome.events.services import events, rotation
    from binome.members.models import Member

    Member.objects.filter(pk=world.charlie.pk).update(employer="Solaire SA", class_year=1995)
    Member.objects.filter(pk=world.dana.pk).update(employer="Labo", class_year=2018)
    programme = ProgrammeFactory(network=world.network, slug="soiree", kind="speed")
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
    charlie, dana = (Member.objects.get(pk=m.pk) for m in (world.charlie, world.dana))
    events.register(event=event, member=charlie, role="mentor", themes=[])
    events.register(event=event, member=dana, role="mentee", themes=[])
    rotation.build_rotation(event=event, actor=None)
    events.lock_rotation(event=event, actor=None)
    SpeedEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    event.refresh_from_db()
    events.set_ticks(event=event, member=charlie, about=[dana.pk])
    events.set_ticks(event=event, member=dana, about=[charlie.pk])
    (introduction,) = events.close_event(event=event, actor=None)
    return introduction


@pytest.mark.django_db(transaction=True)
def test_a_mutual_tick_followed_up_by_a_flash_exchange(
    browser, live_server, world, settings, axe_check
):
    settings.AXES_ENABLED = False
    ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")
    introduction = introduced(world)
    event_url = f"{live_server.url}/n/ax/events/{introduction.event_id}/"

    charlie = open_as(browser, live_server, "charlie@example.org")
    charlie.goto(event_url)
    axe_check(charlie)
    charlie.get_by_label("Un échange flash (une heure au plus)").check()
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=4)).replace(hour=12)
    charlie.get_by_label("Pour un échange flash : date et heure").fill(
        when.strftime("%Y-%m-%dT%H:%M")
    )
    charlie.get_by_role("button", name="Enregistrer mon choix").click()
    expect(charlie.get_by_role("status")).to_contain_text("Votre choix est enregistré")
    shot(charlie, "event-follow-up-1-mentor")

    dana = open_as(browser, live_server, "dana@example.org")
    dana.goto(event_url)
    axe_check(dana)
    dana.get_by_label("Un échange flash (une heure au plus)").check()
    dana.get_by_role("button", name="Enregistrer mon choix").click()
    expect(dana.get_by_role("status")).to_contain_text("échange flash")
    axe_check(dana)
    shot(dana, "event-follow-up-2-mentee")
    dana.get_by_role("link", name="L’échange flash").click()
    axe_check(dana)
    exchange = FlashExchange.objects.get(mentor=world.charlie, mentee=world.dana)
    assert timezone.localtime(exchange.starts_at).hour == 12


@pytest.mark.django_db(transaction=True)
def test_a_no_show_then_the_managers_overview_and_a_reminder(
    browser, live_server, world, settings, axe_check
):
    from binome.testing.factories import grant

    settings.AXES_ENABLED = False
    flash = ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")
    grant(world.bob, "programme_manager", flash)
    slots.save_flash_offer(member=world.charlie, themes=[], takes_pool_questions=True, per_month=6)
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
        mentee=world.dana, programme=flash, question="Quel CV ?", themes=[], language="fr"
    )
    exchange = exchanges.book_slot(question=question, mentee=world.dana, slot=slot)
    FlashExchange.objects.filter(pk=exchange.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    waiting = exchanges.ask_flash_question(
        mentee=world.dana, programme=flash, question="Comment négocier ?", themes=[], language="fr"
    )
    exchanges.send_to_pool(question=waiting, mentee=world.dana)

    dana = open_as(browser, live_server, "dana@example.org")
    dana.goto(f"{live_server.url}/n/ax/flash/exchanges/{exchange.pk}/")
    dana.get_by_label("Non : l’autre personne n’est pas venue").check()
    dana.get_by_role("button", name="Enregistrer").click()
    expect(dana.get_by_role("status")).to_be_visible()
    axe_check(dana)

    bob = open_as(browser, live_server, "bob@example.org")
    bob.goto(f"{live_server.url}/n/ax/flash/")
    bob.get_by_role("link", name="Vue d’ensemble du programme (responsables)").click()
    axe_check(bob)
    expect(bob.get_by_role("row", name="Charlie Persona")).to_contain_text("100 %")
    bob.get_by_role("button", name="Relancer les mentors").click()
    expect(bob.get_by_role("status")).to_contain_text("1 mentor relancé")
    axe_check(bob)
    shot(bob, "flash-overview")
