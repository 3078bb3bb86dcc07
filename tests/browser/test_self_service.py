"""Self-service in Chromium: a direct request from suggestion to pair; a flash exchange from
the slot to the feedback and "continue as a pair". Every page passes axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binome.flash.models import FlashExchange
from binome.flash.services.direct import save_policy
from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.testing.factories import ProgrammeFactory, make_mentor
from tests.browser.pages import open_as


def senior(world):
    """Charlie: senior, another employer, takes direct requests — the engine suggests him."""
    Member.objects.filter(pk=world.charlie.pk).update(employer="Solaire SA", class_year=1990)
    world.charlie.refresh_from_db()
    make_mentor(world.charlie, themes=[world.theme], capacity=2, accepts_direct_requests=True)


@pytest.mark.django_db(transaction=True)
def test_a_direct_request_from_suggestion_to_accepted_pair(
    browser, live_server, world, settings, axe_check
):
    settings.AXES_ENABLED = False
    senior(world)
    save_policy(
        programme=world.programme,
        actor=None,
        is_open=True,
        needs_approval=False,
        per_member_per_month=3,
        per_mentor_per_month=3,
    )

    dana = open_as(browser, live_server, "dana@example.org")
    dana.get_by_role("link", name="Trouver un mentor moi-même").first.click()
    axe_check(dana)
    dana.get_by_role("link", name="Décrire ma question").click()
    dana.get_by_label("Votre situation").select_option("research_to_industry")
    dana.get_by_label("Reconversion").check()
    dana.get_by_label("Votre question, avec vos mots").fill(
        "Docteure en physique, je veux rejoindre l'industrie photovoltaïque."
    )
    dana.get_by_label("Visio").check()
    axe_check(dana)
    dana.get_by_role("button", name="Voir les mentors suggérés").click()
    expect(dana.get_by_role("heading", name="Mentors suggérés")).to_be_visible()
    axe_check(dana)
    dana.get_by_role("link", name="Solliciter Charlie").click()
    axe_check(dana)
    dana.get_by_label("Votre message au mentor").fill("Bonjour Charlie, votre parcours m'inspire.")
    dana.get_by_role("button", name="Envoyer ma demande").click()
    expect(dana.get_by_role("status")).to_contain_text("Votre demande est envoyée")
    axe_check(dana)

    charlie = open_as(browser, live_server, "charlie@example.org")
    charlie.goto(f"{live_server.url}/n/ax/invitations/")
    expect(charlie.get_by_text("Bonjour Charlie, votre parcours m'inspire.")).to_be_visible()
    axe_check(charlie)
    charlie.get_by_role("button", name="J'accepte").click()
    expect(charlie.get_by_role("status")).to_be_visible()
    assert Mentorship.objects.filter(mentor=world.charlie, mentee=world.dana).exists()


@pytest.mark.django_db(transaction=True)
def test_a_flash_exchange_from_booking_to_feedback_and_continuing(
    browser, live_server, world, settings, axe_check
):
    settings.AXES_ENABLED = False
    senior(world)
    flash = ProgrammeFactory(network=world.network, slug="meet", name="Meet & Share", kind="flash")

    charlie = open_as(browser, live_server, "charlie@example.org")
    charlie.goto(f"{live_server.url}/n/ax/flash/{flash.pk}/mentor/")
    axe_check(charlie)
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).replace(hour=18)
    charlie.get_by_label("Date et heure").fill(when.strftime("%Y-%m-%dT%H:%M"))
    charlie.get_by_role("button", name="Proposer ce créneau").click()
    expect(charlie.get_by_role("status")).to_contain_text("Votre créneau est proposé")

    dana = open_as(browser, live_server, "dana@example.org")
    dana.get_by_role("link", name="Mentorat flash").first.click()
    axe_check(dana)
    dana.get_by_role("link", name="Poser une question flash").click()
    dana.get_by_label("Votre question précise").fill("Comment parler de ma thèse en entretien ?")
    axe_check(dana)
    dana.get_by_role("button", name="Suite : choisir un créneau").click()
    axe_check(dana)
    dana.get_by_role("button", name="Réserver ce créneau").click()
    expect(dana.get_by_role("status")).to_contain_text("Réservé")
    dana.get_by_role("link", name="Voir l’échange prévu").click()
    axe_check(dana)

    # The hour has come and gone.
    exchange = FlashExchange.objects.get(mentee=world.dana)
    FlashExchange.objects.filter(pk=exchange.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    dana.reload()
    dana.locator("input[name=held][value=yes]").check()
    dana.get_by_role("button", name="Enregistrer").click()
    expect(dana.get_by_role("status")).to_be_visible()
    dana.locator("input[name=usefulness][value='5']").check()
    dana.locator("input[name=would_recommend][value=yes]").check()
    dana.get_by_role("button", name="Envoyer mon avis").click()
    expect(dana.get_by_text("Merci, votre avis est enregistré.")).to_be_visible()
    dana.get_by_label("Programme").select_option(str(world.programme.pk))
    dana.get_by_role("button", name="Demander à continuer en binôme").click()
    expect(dana.get_by_role("status")).to_contain_text("Votre souhait est transmis")
    axe_check(dana)

    charlie.goto(f"{live_server.url}/n/ax/flash/exchanges/{exchange.pk}/")
    axe_check(charlie)
    charlie.locator("input[name=accept][value=yes]").check()
    charlie.get_by_role("button", name="Répondre").click()
    expect(charlie.get_by_role("status")).to_contain_text("binôme")
    assert Mentorship.objects.filter(mentor=world.charlie, mentee=world.dana).exists()
