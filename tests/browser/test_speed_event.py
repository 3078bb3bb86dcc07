"""A speed-mentoring evening in Chromium: create, register, build, print, the round screen."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binome.members.models import Member
from binome.testing.factories import ProgrammeFactory, grant
from tests.browser.pages import open_as


@pytest.mark.django_db(transaction=True)
def test_an_event_from_registration_to_printed_schedule(
    browser, live_server, world, settings, axe_check
):
    settings.AXES_ENABLED = False
    Member.objects.filter(pk=world.charlie.pk).update(employer="Solaire SA", class_year=1990)
    speed = ProgrammeFactory(network=world.network, slug="soiree", name="Soirée", kind="speed")
    grant(world.bob, "programme_manager", speed)

    bob = open_as(browser, live_server, "bob@example.org")
    bob.get_by_role("link", name="Soirées de speed-mentoring").first.click()
    axe_check(bob)
    bob.get_by_role("link", name="Nouvelle soirée — Soirée").click()
    bob.get_by_label("Nom").fill("Soirée des anciens")
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=5)).replace(hour=19)
    bob.get_by_label("Date et heure").fill(when.strftime("%Y-%m-%dT%H:%M"))
    bob.locator("#id_rounds").fill("2")
    axe_check(bob)
    bob.get_by_role("button", name="Créer la soirée").click()
    expect(bob.get_by_role("status")).to_contain_text("La soirée est créée")
    for email, role in (("charlie@example.org", "mentor"), ("dana@example.org", "mentee")):
        bob.get_by_label("Adresse e-mail du membre").fill(email)
        bob.locator(f"input[name=role][value={role}]").check()
        bob.get_by_role("button", name="S’inscrire").click()
        expect(bob.get_by_role("status")).to_contain_text("inscrit")
    bob.get_by_role("button", name="Construire la rotation").click()
    expect(bob.get_by_role("status")).to_contain_text("La rotation est construite")
    axe_check(bob)
    bob.get_by_role("link", name="Programme par table (à imprimer)").click()
    expect(bob.get_by_text("Dana Persona").first).to_be_visible()
    axe_check(bob)
    bob.go_back()
    bob.get_by_role("link", name="Écran des tours").click()
    expect(bob.get_by_role("heading", name="Tour 1 sur 2")).to_be_visible()
    axe_check(bob)

    dana = open_as(browser, live_server, "dana@example.org")
    dana.get_by_role("link", name="Soirées de speed-mentoring").first.click()
    dana.get_by_role("link", name="Soirée des anciens").click()
    expect(dana.get_by_text("Vous êtes inscrit·e en tant que")).to_be_visible()
    axe_check(dana)
