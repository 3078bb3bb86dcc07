"""The survey template editor in Chromium: the manager opens the programme's surveys from the
health page, adds a question with choices, moves it up, rewords a built-in question (which has
no remove button), and pauses a survey — axe-core on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from binome.surveys.models import Question
from binome.surveys.services import install_default_templates
from tests.browser.pages import open_as, shot


@pytest.mark.django_db(transaction=True)
def test_a_manager_edits_the_programme_surveys(browser, live_server, world, settings, axe_check):
    settings.AXES_ENABLED = False
    install_default_templates(programme=world.programme)
    bob = open_as(browser, live_server, "bob@example.org")
    bob.set_viewport_size({"width": 1280, "height": 900})
    bob.goto(f"{live_server.url}/n/ax/manage/programmes/{world.programme.pk}/health/")
    bob.get_by_role("link", name="Les enquêtes du programme").click()
    expect(bob.get_by_role("heading", level=1)).to_have_text("Enquêtes — Accompagnement")
    axe_check(bob)
    shot(bob, "editor-list")

    bob.get_by_role("link", name="Bilan de votre mentorat").click()
    expect(bob.get_by_text("intégrée : chiffres clés").first).to_be_visible()
    recommend = bob.locator("li.card").filter(has_text="Recommanderiez-vous le programme")
    expect(recommend.get_by_role("button", name="Retirer")).to_have_count(0)
    axe_check(bob)
    shot(bob, "editor-template")

    bob.get_by_role("link", name="Ajouter une question").click()
    bob.get_by_label("Type de réponse").select_option("single")
    bob.get_by_label("Question en français").fill("Le format vous a-t-il convenu ?")
    bob.get_by_label("Question en anglais").fill("Did the format suit you?")
    bob.get_by_label("Choix, un par ligne : français | anglais").fill("Oui | Yes\nNon | No")
    bob.get_by_label("Qui répond").select_option("mentee")
    axe_check(bob)
    bob.get_by_role("button", name="Enregistrer la question").click()
    expect(bob.get_by_text("La question est ajoutée.")).to_be_visible()
    added = bob.locator("li.card").filter(has_text="Le format vous a-t-il convenu ?")
    added.get_by_role("button", name="Monter").click()
    codes = list(
        Question.objects.filter(template__programme=world.programme, template__moment="end")
        .order_by("position")
        .values_list("text_en", flat=True)
    )
    assert codes.index("Did the format suit you?") == len(codes) - 2

    recommend.get_by_role("link", name="Modifier").click()
    expect(bob.get_by_label("Type de réponse")).to_be_disabled()
    axe_check(bob)
    shot(bob, "editor-question")
    bob.get_by_label("Question en français").fill("Conseilleriez-vous ce programme ? (0 à 10)")
    bob.get_by_role("button", name="Enregistrer la question").click()
    expect(bob.locator("strong", has_text="Conseilleriez-vous ce programme ?")).to_be_visible()

    bob.get_by_label("Envoyer cette enquête").uncheck()
    bob.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(bob.get_by_text("L’enquête est enregistrée.")).to_be_visible()
    bob.get_by_role("link", name="Les enquêtes du programme").click()
    expect(bob.get_by_role("row").filter(has_text="Bilan de votre mentorat")).to_contain_text(
        "en pause"
    )
    axe_check(bob)
