"""A cohort's own questions in Chromium: the manager writes one, a mentee answers it, the
manager reads the answer at screening. Every page passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from binome.programmes.models import StaffRole
from binome.testing.cohorts import open_cohort
from binome.testing.factories import grant
from tests.browser.pages import open_as


@pytest.mark.django_db(transaction=True)
def test_a_question_written_answered_and_read(browser, live_server, world, settings, axe_check):
    settings.AXES_ENABLED = False
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    cohort = open_cohort(world.other_programme)

    bob = open_as(browser, live_server, "bob@example.org")
    bob.goto(f"{live_server.url}/n/ax/manage/cohorts/{cohort.pk}/")
    bob.get_by_role("link", name="Questionnaire").click()
    axe_check(bob)
    bob.get_by_role("radio", name="Mentoré·e").check()
    bob.get_by_role("radio", name="Un seul choix").check()
    bob.get_by_label("Question en français").fill("Dans combien de temps voulez-vous changer ?")
    bob.get_by_label("Question en anglais").fill("When do you want to change?")
    bob.get_by_label("Choix en français, un par ligne").fill("Cette année\nDans deux ans")
    bob.get_by_label("Choix en anglais").fill("This year\nIn two years")
    bob.get_by_role("button", name="Ajouter la question").click()
    expect(bob.get_by_role("status")).to_contain_text("La question est ajoutée")
    expect(bob.get_by_text("When do you want to change?")).to_be_visible()
    axe_check(bob)
    bob.screenshot(path="var/screens/questions.png", full_page=True)

    dana = open_as(browser, live_server, "dana@example.org")
    dana.goto(f"{live_server.url}/n/ax/cohorts/{cohort.pk}/apply/mentee/")
    dana.get_by_label("Ce que vous cherchez, avec vos mots").fill("Rejoindre l'industrie.")
    dana.get_by_role("button", name="Envoyer ma candidature").click()
    expect(dana.get_by_text("Ce champ est obligatoire").first).to_be_visible()
    dana.get_by_role("radio", name="Dans deux ans").check()
    axe_check(dana)
    dana.get_by_role("button", name="Envoyer ma candidature").click()
    expect(dana.get_by_role("status")).to_contain_text("Votre candidature est enregistrée")
    expect(dana.get_by_text("Dans deux ans")).to_be_visible()

    bob.goto(f"{live_server.url}/n/ax/manage/cohorts/{cohort.pk}/")
    bob.get_by_role("link", name="Dana Persona").click()
    expect(bob.get_by_text("Dans deux ans")).to_be_visible()
    axe_check(bob)
    bob.goto(f"{live_server.url}/n/ax/manage/cohorts/{cohort.pk}/questions/")
    expect(bob.get_by_text("ont déjà candidaté").first).to_be_visible()
    axe_check(bob)


@pytest.mark.django_db(transaction=True)
def test_a_past_mentor_follows_the_join_again_link(
    browser, live_server, world, settings, axe_check
):
    import re

    from binome.cohorts.services.join_again import invite_for_open_windows
    from binome.notifications.models import OutboxMessage
    from binome.testing.cohorts import accept_all, apply

    settings.AXES_ENABLED = False
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    earlier = open_cohort(world.other_programme, name="2025")
    apply(earlier, world.charlie, "mentor", capacity=2, text="Vingt ans dans le solaire.")
    accept_all(earlier, world.bob)
    cohort = open_cohort(world.other_programme, name="2026")
    assert invite_for_open_windows() == 1
    email = OutboxMessage.objects.get(to=world.charlie.user.email, subject__contains="2026")
    link = re.search(r"https?://\S+/apply/mentor/", email.body_text).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    charlie = open_as(browser, live_server, "charlie@example.org")
    charlie.goto(f"{live_server.url}/{path}")
    expect(charlie.get_by_text("Vos réponses de 2025 sont déjà remplies")).to_be_visible()
    expect(charlie.get_by_label("Ce que vous pouvez apporter, avec vos mots")).to_have_value(
        "Vingt ans dans le solaire."
    )
    axe_check(charlie)
    charlie.get_by_role("button", name="Envoyer ma candidature").click()
    expect(charlie.get_by_role("status")).to_contain_text("Votre candidature est enregistrée")
    assert cohort.applications.get(member=world.charlie).capacity == 2
