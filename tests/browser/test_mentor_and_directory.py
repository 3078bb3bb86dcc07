from __future__ import annotations

import pytest
from playwright.sync_api import expect

from binome.testing.factories import MemberFactory, make_mentor


@pytest.mark.django_db(transaction=True)
def test_a_member_opts_in_as_mentor_and_is_found_in_the_directory(
    page, live_server, world, sign_in, axe_check
):
    sign_in(page, "dana@example.org")
    page.get_by_role("link", name="Offre de mentorat", exact=True).click()
    axe_check(page)
    page.get_by_label("Reconversion").check()
    page.get_by_label("Nombre de mentorés à la fois").fill("2")
    page.get_by_label("Visio").check()
    # Without consent: a translated error next to the box, nothing saved.
    page.get_by_role("button", name="Devenir mentor").click()
    expect(page.get_by_text("Ce champ est obligatoire.")).to_be_visible()
    page.get_by_label("Reconversion").check()
    page.get_by_label("Visio").check()
    page.get_by_label("J'accepte de figurer").check()
    page.get_by_role("button", name="Devenir mentor").click()
    expect(page.get_by_role("status")).to_contain_text("Vous figurez parmi les mentors")

    page.get_by_role("link", name="Annuaire des mentors").click()
    expect(page.locator("#result-count")).to_contain_text("2 mentors trouvés")
    axe_check(page)


@pytest.mark.django_db(transaction=True)
def test_a_member_searches_the_directory_with_text_and_filters(
    page, live_server, world, sign_in, axe_check
):
    odile = MemberFactory(
        network=world.network,
        first_name="Odile",
        last_name="Germain",
        languages=["de", "fr"],
        sector="banking",
        bio="Banquière d'affaires à Francfort.",
    )
    make_mentor(odile)
    sign_in(page, "dana@example.org")
    page.goto(f"{live_server.url}/n/ax/directory/")
    expect(page.locator("#result-count")).to_contain_text("2 mentors trouvés")
    page.get_by_label("Rechercher", exact=True).fill("francfort")
    expect(page.locator("#result-count")).to_contain_text("1 mentor trouvé")
    expect(page.get_by_role("link", name="Odile Germain")).to_be_visible()
    page.get_by_label("Rechercher", exact=True).fill("")
    page.get_by_label("Langue", exact=True).last.select_option("de")
    expect(page.locator("#result-count")).to_contain_text("1 mentor trouvé")
    page.get_by_label("Secteur").select_option("energy")
    expect(page.locator("#result-count")).to_contain_text("0 mentor trouvé")
    axe_check(page)
    page.get_by_label("Secteur").select_option("")
    page.get_by_role("link", name="Odile Germain").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Odile Germain")
    axe_check(page)
