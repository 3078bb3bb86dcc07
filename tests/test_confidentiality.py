"""What a pair writes stays with the pair; intake notes stay with the programme's managers.

The access world (tests/access_world.py) plants a sentinel in a meeting summary, in each
member's private note, in an objective, in an action item and in the intake notes. Each persona
then reads every page the access table opens to them (GET answering 200, asserted here too, so
no page "passes" by rendering an error), the exports and the Django admin, and each sentinel
must show exactly where it belongs:

- the mentee and the mentor see the summary, the objectives and the action items, and each
  only their own private note;
- the programme's managers see the pair's metadata only, the intake notes and the survey
  answers meant for the team (never the answers meant for the pair, nor in exports);
- the network admin, the manager of another programme, other members, the other network and
  the operator see none of it.
Staff reads of confidential data (intake notes, a request on a sensitive situation, a directory
export) leave an audit row.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib import admin
from django.http import HttpResponseBase
from django.urls import reverse

from binome.core.models import AuditEvent
from binome.intake.models import IntakeInterview
from binome.notifications.models import OutboxMessage
from tests.access_table import KNOWN_DEFECTS, ROWS
from tests.access_urls import persona_client, persona_url
from tests.access_world import (
    ACTION,
    INTAKE_NOTES,
    MENTEE_NOTE,
    MENTOR_NOTE,
    OBJECTIVE,
    PAIR_SENTINELS,
    PERSONAS,
    SUMMARY,
    SURVEY_PAIR,
    SURVEY_STAFF,
    World,
)

pytestmark = pytest.mark.django_db

SENTINELS = (*PAIR_SENTINELS, INTAKE_NOTES, SURVEY_STAFF, SURVEY_PAIR)
VISIBLE: dict[str, set[str]] = {
    "mentee": {SUMMARY, MENTEE_NOTE, OBJECTIVE, ACTION},
    # The mentee's survey word for the pair reaches the mentor, on the pair's page only.
    "mentor": {SUMMARY, MENTOR_NOTE, OBJECTIVE, ACTION, SURVEY_PAIR},
    # Survey answers meant for the team: the programme's managers, not every admin.
    "manager": {INTAKE_NOTES, SURVEY_STAFF},
}


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.BINOME_STAFF_MFA_REQUIRED = False


def text_of(response: HttpResponseBase) -> str:
    """The body as text, also of a streamed export or a spreadsheet (a zip of XML files)."""
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content  # type: ignore[attr-defined]
    )
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    return body.decode("utf-8", errors="ignore")


def readable_pages(world: World, persona: str) -> list[str]:
    """Every page the access table opens to ``persona`` on GET, and a few variants of them."""
    urls = [
        persona_url(world, persona, name)
        for (name, method), statuses in sorted(ROWS.items())
        if method == "GET" and statuses[persona] == "200" and (name, method) not in KNOWN_DEFECTS
    ]
    if ROWS[("directory_export", "GET")][persona] == "200":
        urls.append(persona_url(world, persona, "directory_export", file_format="xlsx"))
    if ROWS[("kpi_export", "GET")][persona] == "200":
        urls.append(persona_url(world, persona, "kpi_export", file_format="xlsx"))
    if ROWS[("manage_request", "GET")][persona] == "200":
        pk = world.sensitive_request.pk
        urls.append(persona_url(world, persona, "manage_request", request_id=pk))
    if ROWS[("programme_pairs", "GET")][persona] == "200":
        urls.append(persona_url(world, persona, "programme_pairs") + "?attention=1")
    return urls


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_the_sentinels_that_are_theirs_and_no_other(
    module_world, persona_sessions, persona
):
    client = persona_client(persona_sessions, persona)
    pages = readable_pages(module_world, persona)
    assert len(pages) >= 4
    seen: dict[str, list[str]] = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(response)
        for sentinel in SENTINELS:
            if sentinel in text:
                seen.setdefault(sentinel, []).append(url)
    leaks = {s: urls for s, urls in seen.items() if s not in VISIBLE.get(persona, set())}
    assert leaks == {}, f"{persona} read what is not theirs"
    assert set(seen) == VISIBLE.get(persona, set())


def test_the_pair_reads_its_words_on_its_page_and_each_only_their_own_note(
    module_world, persona_sessions
):
    url = persona_url(module_world, "mentee", "pair_page")
    mentee = persona_client(persona_sessions, "mentee").get(url).content.decode()
    mentor = persona_client(persona_sessions, "mentor").get(url).content.decode()
    assert {SUMMARY, OBJECTIVE, ACTION, MENTEE_NOTE} <= {s for s in SENTINELS if s in mentee}
    assert {SUMMARY, OBJECTIVE, ACTION, MENTOR_NOTE} <= {s for s in SENTINELS if s in mentor}
    assert MENTOR_NOTE not in mentee
    assert MENTEE_NOTE not in mentor


def test_the_managers_pair_page_shows_metadata(module_world, persona_sessions):
    response = persona_client(persona_sessions, "manager").get(
        persona_url(module_world, "manager", "staff_pair")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "1/6" in body  # one meeting held of six recommended
    assert "2/2" in body  # both signatures
    assert not any(sentinel in body for sentinel in SENTINELS)


def test_the_django_admin_shows_the_operator_none_of_it(module_world, persona_sessions):
    client = persona_client(persona_sessions, "superuser")
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        for obj in model._default_manager.all()[:5]:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert len(pages) > 3
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not any(sentinel in response.content.decode() for sentinel in SENTINELS), url


def test_no_email_carries_the_pairs_words_outside_the_pair_nor_the_intake_notes(module_world):
    pair = module_world.pair
    members = {pair.mentor.user.email, pair.mentee.user.email}
    assert OutboxMessage.objects.exists()
    for message in OutboxMessage.objects.all():
        text = f"{message.subject} {message.body_text} {message.body_html} {message.calendar}"
        assert INTAKE_NOTES not in text, message.to
        assert SURVEY_STAFF not in text and SURVEY_PAIR not in text, message.to  # no answer
        if message.to not in members:
            assert not any(sentinel in text for sentinel in PAIR_SENTINELS), message.to


def audit_rows(action: str, persona: str, world: World) -> int:
    return AuditEvent.objects.filter(action=action, actor=world.user(persona)).count()


def test_a_manager_reading_the_intake_notes_leaves_an_audit_row(module_world, persona_sessions):
    interview = IntakeInterview.objects.get(request=module_world.request)
    before = audit_rows("intake.notes.read", "manager", module_world)
    response = persona_client(persona_sessions, "manager").get(
        persona_url(module_world, "manager", "manage_request")
    )
    assert INTAKE_NOTES in response.content.decode()
    assert audit_rows("intake.notes.read", "manager", module_world) == before + 1
    row = AuditEvent.objects.filter(action="intake.notes.read").latest("pk")
    assert (row.target_type, row.target_id) == ("IntakeInterview", str(interview.pk))


def test_the_network_admin_opens_the_request_without_its_intake_notes(
    module_world, persona_sessions
):
    response = persona_client(persona_sessions, "network_admin").get(
        persona_url(module_world, "network_admin", "manage_request")
    )
    assert response.status_code == 200
    assert INTAKE_NOTES not in response.content.decode()
    assert audit_rows("intake.notes.read", "network_admin", module_world) == 0


@pytest.mark.parametrize("persona", ["manager", "network_admin"])
def test_opening_a_request_on_a_sensitive_situation_is_audited(
    module_world, persona_sessions, persona
):
    url = persona_url(
        module_world, persona, "manage_request", request_id=module_world.sensitive_request.pk
    )
    before = audit_rows("request.sensitive.read", persona, module_world)
    assert persona_client(persona_sessions, persona).get(url).status_code == 200
    assert audit_rows("request.sensitive.read", persona, module_world) == before + 1


def test_opening_a_request_on_another_situation_is_not_audited(module_world, persona_sessions):
    url = persona_url(module_world, "manager", "manage_request")
    assert persona_client(persona_sessions, "manager").get(url).status_code == 200
    assert audit_rows("request.sensitive.read", "manager", module_world) == 0


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_directory_export_is_audited(module_world, persona_sessions, file_format):
    url = persona_url(module_world, "network_admin", "directory_export", file_format=file_format)
    response = persona_client(persona_sessions, "network_admin").get(url)
    assert response.status_code == 200
    text_of(response)
    row = AuditEvent.objects.filter(action="directory.export").latest("pk")
    assert row.actor == module_world.user("network_admin")
    assert row.detail == {"format": file_format}


def test_a_manager_reading_a_pairs_survey_answers_leaves_an_audit_row(
    module_world, persona_sessions
):
    before = audit_rows("survey.answers.read", "manager", module_world)
    response = persona_client(persona_sessions, "manager").get(
        persona_url(module_world, "manager", "pair_survey_answers")
    )
    body = response.content.decode()
    assert SURVEY_STAFF in body and SURVEY_PAIR not in body
    assert audit_rows("survey.answers.read", "manager", module_world) == before + 1
    row = AuditEvent.objects.filter(action="survey.answers.read").latest("pk")
    assert (row.target_type, row.target_id) == ("Mentorship", str(module_world.pair.pk))


def test_the_health_page_reads_no_answer_one_by_one(module_world, persona_sessions):
    for persona in ("manager", "network_admin"):
        response = persona_client(persona_sessions, persona).get(
            persona_url(module_world, persona, "programme_health")
        )
        assert response.status_code == 200
        assert audit_rows("survey.answers.read", persona, module_world) == 0


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_kpi_export_is_audited(module_world, persona_sessions, file_format):
    url = persona_url(module_world, "network_admin", "kpi_export", file_format=file_format)
    response = persona_client(persona_sessions, "network_admin").get(url)
    assert response.status_code == 200
    assert SURVEY_STAFF not in text_of(response)
    row = AuditEvent.objects.filter(action="kpi.export").latest("pk")
    assert row.actor == module_world.user("network_admin")
    assert row.detail == {"format": file_format}
