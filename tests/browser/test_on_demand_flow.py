"""The whole on-demand flow in Chromium with three personas (and two mentors)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from binome.notifications.models import OutboxMessage
from binome.testing.factories import MemberFactory, UserFactory, make_mentor
from tests.browser.pages import open_as


@pytest.mark.django_db(transaction=True)
def test_request_intake_shortlist_choice_decline_next_choice_accept(
    browser, live_server, world, settings, axe_check
):
    settings.AXES_ENABLED = False
    world.charlie.employer = "Soleil SAS"
    world.charlie.save()
    frank = MemberFactory(
        network=world.network,
        user=UserFactory(email="frank@example.org"),
        first_name="Frank",
        last_name="Lumière",
        employer="Photon SA",
        bio="Ingénieur photovoltaïque, ancien chercheur.",
        class_year=1990,
        years_of_experience=30,
    )
    make_mentor(frank, themes=[world.theme], capacity=1)

    # 1. Dana asks for help.
    dana = open_as(browser, live_server, "dana@example.org")
    dana.get_by_role("link", name="Demander de l'aide").first.click()
    dana.get_by_role("link", name="Demander de l'aide").last.click()
    axe_check(dana)
    dana.get_by_label("Votre situation").select_option("research_to_industry")
    dana.get_by_label("Reconversion").check()
    dana.get_by_label("Votre question, avec vos mots").fill(
        "Docteure en physique, je veux rejoindre l'industrie photovoltaïque."
    )
    dana.get_by_label("Visio").check()
    dana.get_by_role("button", name="Envoyer ma demande").click()
    expect(dana.get_by_role("status")).to_contain_text("Votre demande est envoyée")
    axe_check(dana)

    # 2. Bob takes it, holds the intake, decides go.
    bob = open_as(browser, live_server, "bob@example.org")
    bob.goto(f"{live_server.url}/n/ax/manage/programmes/{world.programme.pk}/requests/")
    axe_check(bob)
    bob.get_by_role("link", name="Dana Persona").click()
    bob.get_by_role("button", name="Je prends cette demande").click()
    bob.get_by_label("Notes d'entretien").fill("Très motivée, thèse sur les cellules pérovskites.")
    bob.get_by_role("button", name="Enregistrer les notes").click()
    bob.get_by_label("Go : chercher un mentor").check()
    bob.get_by_role("button", name="Enregistrer la décision").click()
    expect(bob.get_by_role("status")).to_contain_text("Décision enregistrée")

    # 3. The shortlist: the engine suggests Frank with its reasons; Charlie comes from the search.
    expect(bob.get_by_text("mots en commun : photovoltaïque").first).to_be_visible()
    axe_check(bob)
    card = bob.locator("li.card", has=bob.get_by_role("link", name="Frank Lumière"))
    card.get_by_label("Pourquoi je pense à ce mentor").fill("Frank a fait le même chemin.")
    card.get_by_role("button", name="Ajouter à la liste").click()
    bob.get_by_label("Nom, entreprise, mots").fill("charlie")
    bob.get_by_role("button", name="Rechercher").click()
    bob.locator("form.inline", has_text="Charlie Persona").get_by_role(
        "button", name="Ajouter"
    ).click()
    charlie_entry = bob.locator("ol.shortlist li.card", has_text="Charlie Persona")
    charlie_entry.get_by_label("Pourquoi je pense à ce mentor").fill("Vingt ans dans le solaire.")
    charlie_entry.get_by_role("button", name="Enregistrer").click()
    bob.get_by_role("button", name="Publier la liste au mentoré").click()
    expect(bob.get_by_role("status")).to_contain_text("La liste est publiée")

    # 4. Dana ranks Frank first, Charlie second; she never sees the engine's points.
    dana.reload()
    dana.goto(dana.url)
    expect(dana.get_by_text("Frank a fait le même chemin.")).to_be_visible()
    expect(dana.get_by_text("points")).to_have_count(0)
    axe_check(dana)
    dana.locator("li.card", has_text="Frank Lumière").get_by_label("Mon choix").select_option("1")
    dana.locator("li.card", has_text="Charlie Persona").get_by_label("Mon choix").select_option("2")
    dana.get_by_role("button", name="Envoyer mon choix").click()
    expect(dana.get_by_role("status")).to_contain_text("Merci")

    # 5. Bob invites Frank with a personal message.
    bob.reload()
    invite = bob.locator("ol.shortlist li.card", has_text="Frank Lumière")
    invite.locator("summary").click()
    invite.get_by_label("Message personnel au mentor").fill(
        "Frank, Dana suit votre chemin d'il y a 20 ans."
    )
    invite.get_by_role("button", name="Envoyer l'invitation").click()
    expect(bob.get_by_role("status")).to_contain_text("Frank Lumière est invité·e.")

    # 6. Frank declines on the site; Charlie, the next choice, is invited automatically.
    frank_page = open_as(browser, live_server, "frank@example.org")
    frank_page.get_by_role("link", name="Sollicitations").click()
    expect(frank_page.get_by_text("Dana suit votre chemin")).to_be_visible()
    axe_check(frank_page)
    frank_page.locator("summary", has_text="Je ne peux pas cette fois").click()
    frank_page.get_by_label("Raison (facultatif)").fill("Je pars à l'étranger.")
    frank_page.get_by_role("button", name="Refuser").click()
    expect(frank_page.get_by_role("status")).to_contain_text("Votre réponse est enregistrée")
    # Bob sees who declined and why, and that Charlie is now waiting to answer.
    bob.reload()
    frank_card = bob.locator("ol.shortlist li.card", has_text="Frank Lumière")
    expect(frank_card).to_contain_text("A décliné le")
    expect(frank_card).to_contain_text("Je pars à l'étranger.")
    expect(frank_card.locator("summary")).to_have_count(0)
    expect(bob.locator("ol.shortlist li.card", has_text="Charlie Persona")).to_contain_text(
        "réponse en attente"
    )
    axe_check(bob)

    # 7. Charlie accepts with one click from the email (no login).
    email = OutboxMessage.objects.filter(
        to="charlie@example.org", subject__contains="accompagner"
    ).latest("pk")
    accept = re.search(r"Accepter : (http://\S+/invitations/\S+/)", email.body_text).group(1)
    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(accept.replace("http://127.0.0.1:8000", live_server.url))
    axe_check(visitor)
    visitor.get_by_role("button", name="Oui, j'accepte").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Merci")

    # 8. Both receive the introduction with each other's contact details.
    intro_dana = OutboxMessage.objects.filter(
        to="dana@example.org", subject__contains="binôme"
    ).get()
    assert "charlie@example.org" in intro_dana.body_text
    intro_charlie = OutboxMessage.objects.filter(
        to="charlie@example.org", subject__contains="binôme"
    ).get()
    assert "dana@example.org" in intro_charlie.body_text
    dana.reload()
    expect(dana.get_by_text("Votre binôme est formé")).to_be_visible()
