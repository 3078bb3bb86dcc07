"""The import reads the files networks really have (fixtures in tests/fixtures/import/, written
as French Excel, Windows-1252, Latin-1 and an English workbook write them), and reports each
fault at the line the admin sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from binome.core.errors import DomainError
from binome.members import import_services, imports
from binome.members.imports import values
from binome.members.models import ImportBatch, ImportIssue, Member

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def upload(world, name):
    with (FIXTURES / name).open("rb") as source:
        return import_services.start_import(
            network=world.network, actor=world.alice.user, filename=name, data=source
        )


def check(world, name, captured):
    batch = upload(world, name)
    with captured(execute=True):
        import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    batch.refresh_from_db()
    return batch


def issues(batch):
    return [
        (i.line, i.field, i.code) for i in ImportIssue.objects.filter(batch=batch, is_warning=False)
    ]


def test_a_french_excel_export_imports_without_editing(world, django_capture_on_commit_callbacks):
    batch = check(world, "annuaire-excel-fr.csv", django_capture_on_commit_callbacks)
    assert (batch.encoding, batch.delimiter, batch.header_line) == ("utf-8-sig", ";", 1)
    assert batch.error_rows == 0
    # "Licornes et cie" is no sector of the list: kept as written, after the admin accepts it.
    assert batch.warning_rows == 1
    warning = ImportIssue.objects.get(batch=batch)
    assert (warning.line, warning.code, warning.value) == (10, "sector_unknown", "Licornes et cie")
    with pytest.raises(DomainError):
        import_services.confirm_import(batch=batch, actor=world.alice.user)
    with django_capture_on_commit_callbacks(execute=True):
        import_services.confirm_import(batch=batch, actor=world.alice.user, accept_warnings=True)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
    assert batch.created_count == 11
    members = {m.last_name: m for m in Member.objects.filter(network=world.network)}
    assert [members[n].class_year for n in ("Curie", "d'Alembert", "de La Tour d'Auvergne")] == [
        2008,
        2008,
        2008,
    ]
    ndiaye = members["N'Diaye"]
    assert (ndiaye.first_name, ndiaye.class_year, ndiaye.country, ndiaye.sector) == (
        "Aïssatou",
        2015,
        "CI",
        "software",
    )
    assert members["Lindqvist"].country == "SE"
    assert (members["O'Brien"].country, members["Okafor"].country) == ("IE", "NG")
    assert members["d'Alembert"].sector == "banking"
    assert (members["Müller"].sector, members["Müller"].sector_text) == ("", "Licornes et cie")
    assert members["Curie"].phone == "+33 6 12 34 56 78"
    assert members["Curie"].linkedin_url == "https://linkedin.com/in/jeanne-curie"
    assert members["Smith"].country == "GB"
    assert members["Ÿvart"].country == "US"


def test_an_association_back_office_export_maps_its_own_headers(
    world, django_capture_on_commit_callbacks
):
    # Written as a member-management tool exports: a title line and a line of separators above
    # the header, Windows-1252, headers with qualifiers ("Email perso", "Tél. portable",
    # "Entreprise actuelle", "Pays de résidence"), job titles under "Fonction", and the sector
    # labels of an industry list rather than ours.
    batch = check(world, "export-association-cp1252.csv", django_capture_on_commit_callbacks)
    assert (batch.encoding, batch.header_line) == ("cp1252", 3)
    mapped = {field: batch.headers[column] for field, column in batch.mapping.items()}
    assert mapped == {
        "last_name": "NOM",
        "first_name": "Prénom",
        "email": "Email perso",
        "class_year": "Promo",
        "degree": "Diplôme",
        "employer": "Entreprise actuelle",
        "position_title": "Fonction",
        "sector": "Secteur d'activité",
        "city": "Ville de résidence",
        "country": "Pays de résidence",
        "phone": "Tél. portable",
        "linkedin_url": "Profil LinkedIn",
    }
    # "2010/2011" names two years: which one is the class is for the admin to say.
    assert issues(batch) == [(14, "class_year", "year")]
    warnings = ImportIssue.objects.filter(batch=batch, is_warning=True)
    assert [(w.line, w.value) for w in warnings] == [(4, "Banque / Assurance")]
    rows = {row[1]: row for row in batch.rows}
    assert rows["Smith"][batch.mapping["position_title"]] == "Partner"
    sectors = {
        name: imports.values.lookup("sector", rows[name][batch.mapping["sector"]])
        for name in ("de La Tour", "Petit", "Roux", "Nguyen", "Smith")
    }
    assert sectors == {
        "de La Tour": "luxury",
        "Petit": "banking",
        "Roux": "software",
        "Nguyen": "software",
        "Smith": "consulting",
    }


def test_a_windows_file_reports_each_fault_at_its_physical_line(
    world, django_capture_on_commit_callbacks
):
    batch = check(world, "annuaire-cp1252.csv", django_capture_on_commit_callbacks)
    assert (batch.encoding, batch.header_line) == ("cp1252", 3)
    assert batch.rows[0][:2] == ["Cœur", "Benoît"]
    assert batch.rows[0][4] == "L’Oréal" and batch.rows[0][7] == "Budget de 2 M€"
    assert issues(batch) == [
        (6, "", "field_count"),
        (10, "email", "email"),
        (11, "", "field_count"),
        (12, "class_year", "year"),
        (13, "last_name", "required"),
        (14, "email", "duplicate_email"),
        (16, "class_year", "year_range"),
    ]
    assert batch.error_rows == 7
    duplicate = ImportIssue.objects.get(batch=batch, code="duplicate_email")
    assert duplicate.detail == "4"
    # The multi-line cell starting on line 8 is one value, and that row is valid.
    assert batch.lines[2] == 8 and batch.rows[2][7] == "Première ligne\r\ndeuxième ligne"
    assert not Member.objects.filter(last_name="Cœur").exists()


def test_every_class_year_form_of_a_latin1_file_is_read(world, django_capture_on_commit_callbacks):
    batch = check(world, "annuaire-latin1.csv", django_capture_on_commit_callbacks)
    assert batch.delimiter == ","
    assert batch.error_rows == 0, issues(batch)
    assert batch.lines == [2, 4, 5, 6, 8, 9, 10, 11, 12, 13]
    with django_capture_on_commit_callbacks(execute=True):
        import_services.confirm_import(batch=batch, actor=world.alice.user)
    years = dict(
        Member.objects.filter(
            network=world.network, user__email__endswith="@exemple.fr"
        ).values_list("last_name", "class_year")
    )
    assert years == {
        "Alpha": 2008,
        "Bravo": 2008,
        "Charlie": 2008,
        "Delta": 2008,
        "Echo": 2015,
        "Foxtrot": 2015,
        "Golf": 1987,
        "Hotel": 1999,
        "India": 1999,
        "Juliet": 2008,
    }
    assert Member.objects.get(last_name="Charlie").first_name == "Céline"


def test_an_english_workbook_with_a_title_row_reports_sheet_rows(
    world, django_capture_on_commit_callbacks
):
    batch = check(world, "alumni-en.xlsx", django_capture_on_commit_callbacks)
    assert (batch.kind, batch.sheet, batch.header_line) == ("xlsx", "Alumni", 3)
    assert batch.lines == [4, 5, 6, 8, 9]
    assert issues(batch) == [
        (6, "email", "email"),
        (6, "class_year", "year_range"),
        (9, "", "extra_cells"),
    ]
    assert batch.rows[1][3] == "2015"  # a number cell 2015.0


def test_a_file_without_an_email_column_is_refused_up_front_naming_it(world):
    with pytest.raises(DomainError) as refused:
        upload(world, "sans-email.csv")
    assert refused.value.code == "missing_column"
    assert "E-mail" in refused.value.message or "Email" in refused.value.message
    assert not ImportBatch.objects.exists()


def test_an_email_column_under_an_unknown_header_is_found_by_its_content(world):
    batch = import_services.start_import(
        network=world.network,
        actor=world.alice.user,
        filename="a.csv",
        data=b"Nom;Contact\nCurie;jeanne@example.org\nLangevin;paul@example.org\n",
    )
    assert batch.mapping == {"last_name": 0, "email": 1}


def test_the_admin_maps_an_unknown_sector_and_the_warning_goes(
    world, django_capture_on_commit_callbacks
):
    batch = check(world, "annuaire-excel-fr.csv", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        import_services.map_values(
            batch=batch, field="sector", choices={values.key("Licornes et cie"): "software"}
        )
    batch.refresh_from_db()
    assert (batch.status, batch.warning_rows) == (ImportBatch.Status.VALIDATED, 0)
    with django_capture_on_commit_callbacks(execute=True):
        import_services.confirm_import(batch=batch, actor=world.alice.user)
    assert Member.objects.get(last_name="Müller").sector == "software"


def test_values_are_kept_as_given_and_only_neutralised_on_export(
    world, django_capture_on_commit_callbacks
):
    from binome.members.exports import export_csv

    text = "Nom;E-mail;Entreprise\nCurie;jeanne@example.org;\t=1+1\n"
    batch = import_services.start_import(
        network=world.network, actor=world.alice.user, filename="a.csv", data=text.encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    with django_capture_on_commit_callbacks(execute=True):
        import_services.confirm_import(batch=batch, actor=world.alice.user)
    assert Member.objects.get(last_name="Curie").employer == "\t=1+1"
    assert "'\t=1+1" in "".join(export_csv(world.network, delimiter=";"))


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("2008", 2008),
        ("2008.0", 2008),
        ("X2008", 2008),
        ("X08", 2008),
        ("x 08", 2008),
        ("'08", 2008),
        ("’08", 2008),
        ("X'08", 2008),
        ("P2015", 2015),
        ("Promo 1999", 1999),
        ("ESSEC 95", 1995),
        (" 2015 ", 2015),
    ],
)
def test_class_years_in_school_forms(written, year):
    assert values.class_year(written) == year


@pytest.mark.parametrize(
    ("written", "code"), [("19x8", "year"), ("2008-2010", "year"), ("1850", "year_range")]
)
def test_class_years_that_are_not_are_refused_with_a_reason(written, code):
    with pytest.raises(ValueError, match=code):
        values.class_year(written)


@pytest.mark.parametrize(
    ("kind", "written", "code"),
    [
        ("country", "Côte d’Ivoire", "CI"),
        ("country", "Ivory Coast", "CI"),
        ("country", "Suède", "SE"),
        ("country", "Sweden", "SE"),
        ("country", "se", "SE"),
        ("country", "IRL", "IE"),
        ("country", "Royaume-Uni", "GB"),
        ("country", "UK", "GB"),
        ("country", "Corée du Sud", "KR"),
        ("country", "Etats-Unis", "US"),
        ("country", "Nigeria", "NG"),
        ("sector", "Numérique", "software"),
        ("sector", "Banque et finance", "banking"),
        ("sector", "energy", "energy"),
        ("sector", "Logiciel", "software"),
        ("function", "RH", "hr"),
        ("function", "Achats", "supply_chain"),
    ],
)
def test_sectors_functions_and_countries_by_label_synonym_or_code(kind, written, code):
    assert values.lookup(kind, written) == code


def test_an_unknown_sector_is_not_forced_into_a_near_one():
    assert values.lookup("sector", "Licornes") is None
    assert values.lookup("country", "Narnia") is None


def test_the_report_page_groups_paginates_and_escapes(
    login, world, django_capture_on_commit_callbacks, settings
):
    from django.urls import reverse

    lines = ["Nom;E-mail;Promo"] + [f"N{i};n{i}@example.org;X{i % 100:02d}x" for i in range(120)]
    lines.append("Persona;<script>alert(1)</script>;2008")
    batch = import_services.start_import(
        network=world.network,
        actor=world.alice.user,
        filename="a.csv",
        data="\n".join(lines).encode(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    client = login(world.alice)
    url = reverse("import_detail", args=["ax", batch.pk])
    page = client.get(url).content.decode()
    assert "121 lignes comportent des erreurs" in page
    # Grouped: one line for the 120 class years, with the first lines of the file.
    assert "<td>120</td>" in page and "2, 3, 4, 5, 6, 7, 8, 9…" in page
    assert "Page 1 sur 3 (121 erreurs)" in page
    last = client.get(url + "?page=3").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in last
    assert "<script>alert" not in last
    assert "<td>122</td>" in last  # the last line's bad email, on the last page
    bad = b"".join(
        client.get(
            reverse("import_detail", args=["ax", batch.pk]) + "?download=errors"
        ).streaming_content
    ).decode("utf-8-sig")
    header, first, *_rest = bad.splitlines()
    assert header == "Ligne dans le fichier;Erreurs;Nom;E-mail;Promo"
    assert first.startswith("2;Promotion : Ce n'est pas une promotion")
    assert len(bad.splitlines()) == 122


def test_another_networks_import_and_its_lines_answer_404(login, world):
    from django.urls import reverse

    batch = ImportBatch.objects.create(
        network=world.other_network, filename="x.csv", headers=["a"], rows=[["x"]]
    )
    client = login(world.alice)
    assert (
        client.get(reverse("import_detail", args=["ax", batch.pk]) + "?download=all").status_code
        == 404
    )
    assert client.get(reverse("import_progress", args=["ax", batch.pk])).status_code == 404


def test_a_too_large_upload_is_refused_without_being_kept(login, world, settings):
    import io

    from django.urls import reverse

    settings.BINOME_IMPORT_MAX_BYTES = 1000
    upload = io.BytesIO(b"Nom;E-mail\n" + b"Curie;jeanne@example.org\n" * 200)
    upload.name = "big.csv"
    response = login(world.alice).post(reverse("import_list", args=["ax"]), {"file": upload})
    assert "Le fichier est trop volumineux" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_french_excel_export_has_semicolons_a_bom_and_labels(login, world):
    from django.urls import reverse

    world.dana.sector, world.dana.country, world.dana.phone = "energy", "CI", "+225 07"
    world.dana.save()
    response = login(world.alice).get(reverse("directory_export", args=["ax", "csv-excel"]))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffE-mail;")
    assert (
        ";Énergie;" in text and ";Côte d'Ivoire;" in text and ";'+225 07;" in text
    )  # a leading + is neutralised


def test_the_upload_still_checks_the_csrf_token(world, settings):
    # The upload view swaps in a disk-streaming handler, which needs csrf_exempt + csrf_protect.
    import io

    from django.test import Client
    from django.urls import reverse

    settings.AXES_ENABLED = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")
    upload = io.BytesIO(b"Nom;E-mail\nCurie;jeanne@example.org\n")
    upload.name = "a.csv"
    response = client.post(reverse("import_list", args=["ax"]), {"file": upload})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def _workbook_with_formulas(cached: dict[str, str]) -> bytes:
    """A workbook as a program writes it: formulas with no saved result, except the cells of
    ``cached`` whose result is written in, as Excel does on saving."""
    import io
    import re
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Export"
    sheet.append(["Alumni export, December"])
    sheet.append(["E-mail", "Last name", "Class year", "Notes"])
    sheet.append(["ada@example.org", "Lovelace", "=2000+8", "=1+1"])  # row 3
    sheet.append(['=LOWER("GRACE@EXAMPLE.ORG")', "Hopper", "2010", ""])  # row 4
    sheet.append(["alan@example.org", "Turing", "=2000+12", ""])  # row 5
    written = io.BytesIO()
    book.save(written)
    patched = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for cell, value in cached.items():
                    if not value.isdigit():  # a text result is typed as such
                        data = data.replace(
                            b'<c r="%s"' % cell.encode(), b'<c t="str" r="%s"' % cell.encode()
                        )
                    data = re.sub(
                        rb'(<c (?:t="str" )?r="%s"[^>]*><f>[^<]*</f>)(<v\s*/>|<v></v>)?'
                        % cell.encode(),
                        rb"\1<v>" + value.encode() + b"</v>",
                        data,
                    )
            target.writestr(item, data)
    return patched.getvalue()


def test_formulas_without_a_saved_result_are_reported_at_their_cell(
    world, django_capture_on_commit_callbacks
):
    data = _workbook_with_formulas(cached={"C3": "2008"})
    batch = import_services.start_import(
        network=world.network, actor=world.alice.user, filename="export.xlsx", data=data
    )
    assert batch.header_line == 2
    with django_capture_on_commit_callbacks(execute=True):
        import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    batch.refresh_from_db()
    # C3's result was saved (read as 2008); the unmapped Notes column's formula does not matter.
    assert issues(batch) == [
        (4, "email", "formula_no_value"),
        (5, "class_year", "formula_no_value"),
    ]
    found = ImportIssue.objects.get(batch=batch, line=5)
    assert found.value == "C5"
    assert "C5" in imports.message(found.code, found.field, found.detail)
    assert batch.rows[0][2] == "2008"


def test_a_workbook_whose_formulas_have_results_imports_them(
    world, django_capture_on_commit_callbacks
):
    data = _workbook_with_formulas(
        cached={"C3": "2008", "A4": "grace@example.org", "C5": "2012", "D3": "2"}
    )
    batch = import_services.start_import(
        network=world.network, actor=world.alice.user, filename="export.xlsx", data=data
    )
    assert batch.formula_cells == []
    with django_capture_on_commit_callbacks(execute=True):
        import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    batch.refresh_from_db()
    assert (batch.error_rows, batch.rows[1][0], batch.rows[2][2]) == (
        0,
        "grace@example.org",
        "2012",
    )


def test_the_quick_formula_scan_hands_unknown_markup_to_the_xml_parse():
    import io

    from binome.members.imports import parser

    plain = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>X</f>'
        b'</c></row><row r="2"><c r="AA2"><f t="shared" si="0"/><v></v></c></row></sheetData>'
        b"</worksheet>"
    )
    assert parser._scan_formulas(io.BytesIO(plain)) == [[1, 1], [2, 26]]
    prefixed = plain.replace(b"<", b"<x:").replace(b"<x:/", b"</x:").replace(b"xmlns=", b"xmlns:x=")
    assert parser._scan_formulas(io.BytesIO(prefixed)) is None
    assert (parser.cell_reference(2, 26), parser.column_index("AA")) == ("AA2", 26)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tél. portable", "phone"),
        ("Mobile Phone", "phone"),
        ("Work Email", "email"),
        ("Adresse e-mail personnelle", "email"),
        ("Nom de l'entreprise", "employer"),
        ("Current Company", "employer"),
        ("Intitulé du poste", "position_title"),
        ("Pays de résidence", "country"),
        ("Nom d'usage", "last_name"),
        ("Prénom usuel", "first_name"),
        ("Mailing City", "city"),
        ("Home Phone", "phone"),
        ("Preferred Class Year", "class_year"),
        ("Year of graduation", "class_year"),
        # qualifiers never turn another datum into a field
        ("Date de naissance", None),
        ("Année de naissance", None),
        ("Ville de naissance", None),
        ("Code postal", None),
        ("Nom de jeune fille", None),
    ],
)
def test_headers_are_read_without_their_qualifiers(header, field):
    assert imports.fields.field_for_header(header) == field


def test_a_function_column_of_functions_stays_a_function_and_one_of_titles_is_the_position():
    headers = ["Email", "Nom", "Fonction"]
    functions = [["a@x.fr", "A", "Finance"], ["b@x.fr", "B", "Marketing"], ["c@x.fr", "C", "RH"]]
    titles = [["a@x.fr", "A", "Directeur des risques"], ["b@x.fr", "B", "Trader"]]
    assert imports.guess_mapping(headers, functions)["function"] == 2
    guessed = imports.guess_mapping(headers, titles)
    assert guessed["position_title"] == 2 and "function" not in guessed
    both = imports.guess_mapping([*headers, "Poste"], [[*r, "x"] for r in titles])
    assert both["function"] == 2 and both["position_title"] == 3
