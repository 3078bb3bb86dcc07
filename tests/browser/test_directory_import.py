from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from binome.members.models import Member

BAD = "Prénom;Nom;E-mail;Promo\nJeanne;Curie;jeanne@example.org;2008\nMarie;;pas-un-email;19x8\n"
GOOD = (
    "Prénom;Nom;E-mail;Promo\nJeanne;Curie;jeanne@example.org;2008\n"
    "Marie;Sklodowska;marie@example.org;1998\n"
)


@pytest.mark.django_db(transaction=True)
def test_an_admin_imports_a_file_with_a_bad_row_then_a_good_file(
    page, live_server, world, sign_in, axe_check, tmp_path
):
    sign_in(page, "alice@example.org")
    page.get_by_role("link", name="Import de l'annuaire").click()
    axe_check(page)

    bad = tmp_path / "annuaire.csv"
    bad.write_text(BAD, encoding="utf-8")
    page.get_by_label("Fichier de l'annuaire").set_input_files(str(bad))
    page.get_by_role("button", name="Déposer et continuer").click()
    expect(page.locator("#id_email")).to_have_value("2")
    axe_check(page)
    page.get_by_role("button", name="Vérifier toutes les lignes").click()
    expect(page.get_by_role("alert")).to_contain_text("1 ligne comporte des erreurs")
    report = page.get_by_role("table", name="Toutes les erreurs")
    expect(report).to_contain_text("Ce n'est pas une adresse e-mail valide.")
    expect(report).to_contain_text(
        "Ce n'est pas une promotion : écrivez-la 2008, X2008, X08 ou '08."
    )
    axe_check(page)
    assert not Member.objects.filter(last_name="Curie").exists()

    page.get_by_role("link", name="Tous les imports").click()
    good = tmp_path / "annuaire-corrige.csv"
    good.write_text(GOOD, encoding="utf-8")
    page.get_by_label("Fichier de l'annuaire").set_input_files(str(good))
    page.get_by_role("button", name="Déposer et continuer").click()
    page.get_by_role("button", name="Vérifier toutes les lignes").click()
    expect(page.get_by_text("Les 2 lignes sont valides.")).to_be_visible()
    page.get_by_role("button", name="Importer maintenant").click()
    expect(page.get_by_text("2 membres créés et invités, 0 mis à jour.")).to_be_visible()
    axe_check(page)
    assert Member.objects.filter(network=world.network, last_name="Sklodowska").exists()


FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


@pytest.mark.django_db(transaction=True)
def test_an_admin_reads_the_report_of_a_windows_file_then_imports_a_french_excel_export(
    page, live_server, world, sign_in, axe_check
):
    sign_in(page, "alice@example.org")
    page.get_by_role("link", name="Import de l'annuaire").click()
    page.get_by_label("Fichier de l'annuaire").set_input_files(
        str(FIXTURES / "annuaire-cp1252.csv")
    )
    page.get_by_role("button", name="Déposer et continuer").click()
    expect(page.get_by_text("En-tête lu à la ligne 3.")).to_be_visible()
    page.get_by_role("button", name="Vérifier toutes les lignes").click()
    expect(page.get_by_role("alert")).to_contain_text("7 lignes comportent des erreurs")
    groups = page.locator("table.report").first
    expect(groups).to_contain_text("Ces lignes n'ont pas autant de champs que la ligne d'en-tête")
    every = page.get_by_role("table", name="Toutes les erreurs")
    expect(every).to_contain_text("Cette ligne a 9 champs alors que la ligne d'en-tête en a 8")
    expect(every).to_contain_text("Cette adresse e-mail figure déjà à la ligne 4 du fichier.")
    expect(page.get_by_role("link", name="télécharger les lignes en erreur (CSV, avec les motifs)"))
    axe_check(page)
    page.screenshot(path="var/import-report.png", full_page=True)

    page.get_by_role("link", name="Tous les imports").click()
    page.get_by_label("Fichier de l'annuaire").set_input_files(
        str(FIXTURES / "annuaire-excel-fr.csv")
    )
    page.get_by_role("button", name="Déposer et continuer").click()
    page.get_by_role("button", name="Vérifier toutes les lignes").click()
    expect(page.get_by_text("Valeurs gardées telles quelles")).to_be_visible()
    axe_check(page)
    page.get_by_label("Garder telles quelles les valeurs de 1 ligne").check()
    page.get_by_role("button", name="Importer maintenant").click()
    expect(page.get_by_text("11 membres créés et invités, 0 mis à jour.")).to_be_visible()
    assert Member.objects.get(network=world.network, last_name="N'Diaye").country == "CI"
