"""A pair's life in Chromium: charter → three meetings with check-ins → extension → closure."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binome.mentorships.models import Meeting, Mentorship
from binome.mentorships.services import cadence, create_mentorship
from binome.notifications.models import OutboxMessage
from binome.programmes.services import publish_charter
from tests.browser.pages import open_as


@pytest.mark.django_db(transaction=True)
def test_charter_three_meetings_with_check_ins_extension_closure(
    browser, live_server, world, settings, axe_check
):
    settings.AXES_ENABLED = False
    settings.BINOME_BASE_URL = live_server.url
    publish_charter(
        programme=world.programme,
        actor=None,
        text_fr="Confidentialité absolue.",
        text_en="Confidentiality.",
    )
    pair = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    url = f"{live_server.url}/n/ax/pairs/{pair.pk}/"

    dana = open_as(browser, live_server, "dana@example.org")
    charlie = open_as(browser, live_server, "charlie@example.org")
    for page in (dana, charlie):
        page.goto(url)
        expect(page.get_by_text("Confidentialité absolue.")).to_be_visible()
        page.get_by_role("button", name="J'ai lu la charte et je la signe").click()
        expect(page.get_by_role("status")).to_contain_text("Vous avez signé la charte.")
    axe_check(charlie)

    for number in range(1, 4):
        when = (timezone.localtime() + datetime.timedelta(days=number)).strftime("%Y-%m-%dT18:30")
        dana.goto(url)
        dana.get_by_label("Date et heure").fill(when)
        dana.get_by_label("Téléphone").check()
        dana.get_by_role("button", name="Proposer", exact=True).click()
        expect(dana.get_by_role("status")).to_contain_text("l'autre membre la confirme")
        charlie.goto(url)
        charlie.get_by_role("button", name="Confirmer").click()
        expect(charlie.get_by_role("status")).to_contain_text("Séance confirmée")
        if number == 1:
            axe_check(charlie)
        # Time passes: the meeting is over, the periodic job sends the check-ins.
        meeting = Meeting.objects.filter(mentorship=pair).latest("pk")
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() - datetime.timedelta(hours=2)
        )
        cadence.process_pairs()
        email = OutboxMessage.objects.filter(
            to="dana@example.org", body_text__contains="/check-in/"
        ).latest("pk")
        link = re.search(r"Nous nous sommes vus : (\S+)", email.body_text).group(1)
        visitor = browser.new_context(locale="fr-FR").new_page()
        visitor.goto(link)
        axe_check(visitor)
        visitor.get_by_role("button", name="Confirmer").click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Merci")

    dana.goto(url)
    expect(dana.get_by_text("3 séances tenues sur 6 recommandées")).to_be_visible()
    dana.get_by_label("Compte rendu partagé (vous deux)").first.fill("Trois pistes de postes.")
    dana.get_by_role("button", name="Enregistrer le compte rendu").first.click()
    dana.get_by_role("button", name="Proposer de prolonger").click()
    charlie.goto(url)
    expect(charlie.get_by_text("Trois pistes de postes.")).to_be_visible()
    charlie.get_by_role("button", name="Accepter de prolonger").click()
    expect(charlie.get_by_role("status")).to_contain_text("Prolongé")

    dana.goto(url)
    dana.locator("summary", has_text="Terminer le binôme").click()
    dana.get_by_label("Terminé").check()
    dana.get_by_label("Pourquoi").select_option("goals_reached")
    dana.get_by_role("button", name="Terminer le binôme").click()
    expect(dana.get_by_role("status")).to_contain_text("Le binôme est clos")
    pair.refresh_from_db()
    assert (pair.status, pair.extensions) == ("completed", 1)
    assert Mentorship.objects.get(pk=pair.pk).meetings.filter(status="held").count() == 3
