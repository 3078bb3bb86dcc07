from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from binome.members import import_services
from binome.members.exports import export_csv, safe_cell
from binome.members.models import ImportBatch, Member
from binome.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

GOOD = (
    "Prénom;Nom;E-mail;Promo;Secteur;Langues;Pays\n"
    "Jeanne;Curie;jeanne@example.org;2008;Énergie;fr, en;FR\n"
    "Paul;Langevin;paul@example.org;1999;banking;fr;BE\n"
    "Dana;Persona;DANA@example.org;2015;;;\n"
)
BAD = GOOD + "Marie;;pas-un-email;19x8;Licornes;klingon;ZZ\nPaul;Bis;paul@example.org;;;;\n"


def run_import(world, text, captured, filename="annuaire.csv"):
    batch = import_services.start_import(
        network=world.network, actor=world.alice.user, filename=filename, data=text.encode()
    )
    with captured(execute=True):
        import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    batch.refresh_from_db()
    return batch


def test_it_guesses_the_columns_from_french_headers(world, django_capture_on_commit_callbacks):
    batch = run_import(world, GOOD, django_capture_on_commit_callbacks)
    assert batch.mapping == {
        "email": 2,
        "first_name": 0,
        "last_name": 1,
        "class_year": 3,
        "sector": 4,
        "country": 6,
        "languages": 5,
    }


def test_it_reports_every_bad_row_and_applies_nothing(world, django_capture_on_commit_callbacks):
    batch = run_import(world, BAD, django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.VALIDATED
    assert batch.error_rows == 2
    found = {(e.line, e.field, e.code, e.is_warning) for e in batch.issues.all()}
    assert found == {
        (5, "last_name", "required", False),
        (5, "email", "email", False),
        (5, "class_year", "year", False),
        (5, "sector", "sector_unknown", True),
        (5, "languages", "languages", False),
        (5, "country", "country", False),
        (6, "email", "duplicate_email", False),
    }
    with pytest.raises(Exception):
        import_services.confirm_import(batch=batch, actor=world.alice.user)
    assert not Member.objects.filter(last_name="Curie").exists()


def test_a_good_file_creates_updates_and_invites(world, django_capture_on_commit_callbacks):
    batch = run_import(world, GOOD, django_capture_on_commit_callbacks)
    assert batch.error_rows == 0
    with django_capture_on_commit_callbacks(execute=True):
        import_services.confirm_import(batch=batch, actor=world.alice.user)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
    assert (batch.created_count, batch.updated_count) == (2, 1)
    jeanne = Member.objects.get(network=world.network, user__email="jeanne@example.org")
    assert (jeanne.sector, jeanne.languages, jeanne.class_year) == ("energy", ["fr", "en"], 2008)
    world.dana.refresh_from_db()
    assert world.dana.class_year == 2015
    invitations = OutboxMessage.objects.filter(to__in=["jeanne@example.org", "paul@example.org"])
    assert invitations.count() == 2
    assert "/account/activate/" in invitations.first().body_text
    assert not OutboxMessage.objects.filter(to="dana@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_the_invitation_is_sent_by_the_database_worker(world, settings):
    # Real commits here, so that on-commit hooks enqueue into the database as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    batch = import_services.start_import(
        network=world.network, actor=world.alice.user, filename="a.csv", data=GOOD.encode()
    )
    import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    call_command("db_worker", batch=True, no_startup_delay=True, no_reload=True, verbosity=0)
    batch.refresh_from_db()
    import_services.confirm_import(batch=batch, actor=world.alice.user)
    call_command("db_worker", batch=True, no_startup_delay=True, no_reload=True, verbosity=0)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
    assert sorted(m.to[0] for m in mail.outbox) == ["jeanne@example.org", "paul@example.org"]
    assert "Vous êtes invité·e" in mail.outbox[0].subject


def test_a_failure_while_applying_rolls_everything_back(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    batch = run_import(world, GOOD, django_capture_on_commit_callbacks)
    from binome.members import import_apply

    def explode(network, users):
        raise RuntimeError("smtp queue down")

    monkeypatch.setattr(import_apply, "queue_invitations", explode)
    with django_capture_on_commit_callbacks(execute=True):
        import_services.confirm_import(batch=batch, actor=world.alice.user)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert not Member.objects.filter(user__email="jeanne@example.org").exists()


def test_it_reads_an_excel_file(world, django_capture_on_commit_callbacks):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["email", "first_name", "last_name", "class_year"])
    sheet.append(["ada@example.org", "Ada", "Lovelace", 2001])
    out = io.BytesIO()
    workbook.save(out)
    batch = import_services.start_import(
        network=world.network, actor=world.alice.user, filename="a.xlsx", data=out.getvalue()
    )
    assert batch.rows == [["ada@example.org", "Ada", "Lovelace", "2001"]]


def test_it_refuses_a_file_that_is_not_a_spreadsheet(login, world):
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "cv.pdf"
    response = login(world.alice).post(reverse("import_list", args=["ax"]), {"file": upload})
    assert "Déposez un fichier .csv ou .xlsx" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_export_neutralises_formulas(world):
    world.dana.employer = '=HYPERLINK("http://evil")'
    world.dana.save()
    text = "".join(export_csv(world.network))
    assert "'=HYPERLINK" in text
    assert safe_cell("+33 6") == "'+33 6"
    assert safe_cell("Paris") == "Paris"


def test_only_the_network_admin_exports_and_it_is_audited(login, world):
    from binome.core.models import AuditEvent

    assert login(world.bob).get(reverse("directory_export", args=["ax", "csv"])).status_code == 404
    response = login(world.alice).get(reverse("directory_export", args=["ax", "xlsx"]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="directory.export").count() == 1


def test_an_import_of_another_network_answers_404(login, world):
    batch = ImportBatch.objects.create(network=world.other_network, filename="x.csv", headers=["a"])
    assert (
        login(world.alice).get(reverse("import_detail", args=["ax", batch.pk])).status_code == 404
    )


def test_an_admin_invites_one_member_who_gets_an_activation_link(login, world):
    response = login(world.alice).post(
        reverse("member_invite", args=["ax"]),
        {
            "invite-email": "Zoe@Example.org",
            "invite-first_name": "Zoé",
            "invite-last_name": "Sand",
            "invite-language": "en",
        },
    )
    assert response.status_code == 302
    message = OutboxMessage.objects.get(to="zoe@example.org")
    assert message.language == "en"
    assert "/account/activate/" in message.body_text
    again = login(world.alice).post(
        reverse("member_invite", args=["ax"]),
        {
            "invite-email": "zoe@example.org",
            "invite-first_name": "Z",
            "invite-last_name": "S",
            "invite-language": "fr",
        },
    )
    assert "Cette personne est déjà membre." in again.content.decode()
