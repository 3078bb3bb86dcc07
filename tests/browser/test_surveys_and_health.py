"""Surveys and programme health in Chromium: the mentee answers the first-meeting survey from
the email's one-click link (no login), says "not a good fit" and asks for another mentor; the
manager sees the pair flagged on the health page, the theme balance, and the key figures."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binome.mentorships.models import Meeting
from binome.mentorships.services import charter, create_mentorship, meetings
from binome.notifications.models import OutboxMessage
from binome.programmes.services import publish_charter
from binome.surveys.waves import run_waves
from tests.browser.pages import open_as


@pytest.mark.django_db(transaction=True)
def test_a_survey_link_answered_then_the_health_page(
    browser, live_server, world, settings, axe_check
):
    settings.AXES_ENABLED = False
    settings.BINOME_BASE_URL = live_server.url
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    world.programme.themes.add(world.theme)
    pair = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    charter.sign_charter(mentorship=pair, member=world.charlie)
    charter.sign_charter(mentorship=pair, member=world.dana)
    pair.refresh_from_db()
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=world.dana,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        duration_minutes=60,
        format="phone",
    )
    meetings.confirm_meeting(meeting=meeting, member=world.charlie)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    meeting.refresh_from_db()
    meetings.record_outcome(meeting=meeting, member=world.dana, held=True)
    run_waves()

    email = OutboxMessage.objects.get(to="dana@example.org", body_text__contains="/surveys/")
    link = re.search(r"Non, ce n’est pas le bon binôme : (\S+)", email.body_text).group(1)
    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Votre première séance")
    expect(visitor.get_by_label("Non, ce n’est pas le bon binôme")).to_be_checked()
    axe_check(visitor)
    visitor.get_by_label("Un mot pour l’équipe du programme (facultatif)").fill(
        "Nos attentes diffèrent."
    )
    visitor.get_by_role("button", name="Envoyer mes réponses").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Merci pour vos réponses")
    axe_check(visitor)
    visitor.get_by_role("button", name="Oui, je souhaite un autre mentor").click()
    expect(visitor.get_by_text("Votre souhait est transmis")).to_be_visible()

    bob = open_as(browser, live_server, "bob@example.org")
    bob.goto(f"{live_server.url}/n/ax/")
    bob.get_by_role("link", name="Santé du programme").click()
    expect(bob.get_by_role("heading", level=1)).to_contain_text("Santé du programme")
    row = bob.get_by_role("row").filter(has_text="Charlie Persona")
    expect(row).to_contain_text("Signalé")
    expect(row).to_contain_text("demande un autre mentor")
    expect(bob.get_by_role("row").filter(has_text="Reconversion")).to_be_visible()
    axe_check(bob)
    row.get_by_role("link", name="Réponses aux enquêtes").click()
    expect(bob.get_by_text("Nos attentes diffèrent.")).to_be_visible()
    axe_check(bob)

    alice = open_as(browser, live_server, "alice@example.org")
    alice.goto(f"{live_server.url}/n/ax/")
    alice.get_by_role("link", name="Chiffres clés").click()
    expect(alice.get_by_role("img", name="Binômes commencés chaque mois")).to_be_visible()
    axe_check(alice)
