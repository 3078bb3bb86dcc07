"""Follow-ups in Chromium: a flash exchange continued into a cohort (the prefilled application).
Every page passes axe-core."""

from __future__ import annotations

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binome.cohorts.models import Application
from binome.flash.models import FlashExchange
from binome.flash.services import exchanges, slots
from binome.testing.cohorts import open_cohort
from binome.testing.factories import ProgrammeFactory

SHOTS = os.environ.get("BINOME_SHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def open_as(browser, live_server, email):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill("binome-demo-2026")
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page


def held_exchange(world, flash):
    slot = slots.offer_slot(
        mentor=world.charlie,
        programme=flash,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        duration_minutes=45,
        format="video",
        language="fr",
        themes=[],
    )
    question = exchanges.ask_flash_question(
        mentee=world.dana,
        programme=flash,
        question="Comment présenter ma thèse à un industriel ?",
        themes=[world.theme],
        language="fr",
    )
    exchange = exchanges.book_slot(question=question, mentee=world.dana, slot=slot)
    FlashExchange.objects.filter(pk=exchange.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    exchange.refresh_from_db()
    return exchanges.record_outcome(exchange=exchange, member=world.dana, held=True)


@pytest.mark.django_db(transaction=True)
def test_a_flash_exchange_continued_into_a_cohort(browser, live_server, world, settings, axe_check):
    settings.AXES_ENABLED = False
    flash = ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")
    cohort = open_cohort(world.other_programme)
    exchange = held_exchange(world, flash)

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
