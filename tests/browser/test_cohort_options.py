"""A manager chooses a run's options in Chromium: objective, weights with the preview of how
rankings move, a theme quota; then compares two runs. Every page passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from binome.cohorts.services import cohorts as cohort_services
from binome.programmes.models import StaffRole
from binome.testing.cohorts import accept_all, apply, open_cohort
from binome.testing.factories import MemberFactory, grant, make_mentor
from tests.browser.pages import open_as


@pytest.mark.django_db(transaction=True)
def test_a_run_with_chosen_weights_and_quota(browser, live_server, world, settings, axe_check):
    settings.AXES_ENABLED = False
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    cohort = open_cohort(world.other_programme)
    far = make_mentor(MemberFactory(network=world.network, class_year=1985, city="Lyon"))
    apply(cohort, world.charlie, "mentor", capacity=2, themes=[world.theme])
    apply(cohort, far, "mentor", capacity=2)
    for i in range(3):
        mentee = MemberFactory(network=world.network, class_year=2021, employer=f"E{i}")
        apply(cohort, mentee, "mentee", themes=[world.theme])
    accept_all(cohort, world.bob)
    cohort_services.start_matching(cohort=cohort, actor=None)

    bob = open_as(browser, live_server, "bob@example.org")
    bob.goto(f"{live_server.url}/n/ax/manage/cohorts/{cohort.pk}/")
    bob.get_by_role("link", name="Plus d’options").click()
    expect(bob.get_by_role("heading", level=1)).to_contain_text("Un nouveau calcul")
    axe_check(bob)
    bob.get_by_role("button", name="Afficher l’aperçu").click()
    expect(bob.get_by_role("table", name="Les trois meilleurs mentors")).to_be_visible()
    before = bob.locator("#preview").inner_text()
    bob.get_by_label("Places libres du mentor").fill("100")
    bob.get_by_label("Mots en commun").fill("0")
    expect(bob.locator("#preview")).not_to_have_text(before)  # the scores moved as typed
    axe_check(bob)
    bob.screenshot(path="var/screens/run_new.png", full_page=True)
    bob.get_by_role("radio", name="Le meilleur score total, même").check()
    bob.get_by_label(f"{world.theme.label_fr} : au plus").fill("1")
    bob.get_by_role("button", name="Lancer le calcul avec ces options").click()
    expect(bob.get_by_role("heading", level=1)).to_contain_text("Calcul n° 1")
    expect(bob.get_by_role("heading", name="Résumé")).to_be_visible()
    expect(bob.get_by_text("de 0 à 1 binômes")).to_be_visible()
    axe_check(bob)
    run = cohort.runs.get()
    assert run.mode == "total" and run.weights["capacity"] == 100 and run.matched_count == 1
    bob.screenshot(path="var/screens/run_detail.png", full_page=True)

    bob.get_by_role("button", name="Pas ce binôme").first.click()
    expect(bob.get_by_role("heading", level=1)).to_contain_text("Calcul n° 2")
    expect(bob.get_by_role("heading", name="Résumé")).to_be_visible()
    bob.get_by_role("link", name="Comparer avec le calcul n° 1").click()
    expect(bob.get_by_role("heading", level=1)).to_contain_text("Comparer deux calculs")
    expect(bob.get_by_role("img", name="Répartition des scores des deux calculs")).to_be_visible()
    axe_check(bob)
    bob.screenshot(path="var/screens/run_compare.png", full_page=True)
