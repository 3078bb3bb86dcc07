"""The cohort's own questions: written per role in French and English before anyone of that
role applies, answered by applicants, shown at screening, exported with the proposal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binome.cohorts.models import Application, Question
from binome.cohorts.services import questions
from binome.core.errors import DomainError
from binome.programmes.models import StaffRole
from binome.testing.cohorts import accept_all, add_question, apply, open_cohort, run_now
from binome.testing.factories import grant

pytestmark = pytest.mark.django_db

MENTEE_FORM = {
    "style": "classic",
    "formats": ["video"],
    "languages": ["fr"],
    "target_sector": "",
    "target_function": "",
    "target_country": "",
    "text": "Je veux passer dans l'énergie.",
}


@pytest.fixture
def cohort(world):
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    return open_cohort(world.other_programme)


def test_the_manager_writes_a_choice_question_in_both_languages(login, world, cohort):
    client = login(world.bob)
    url = reverse("cohort_questions", args=["ax", cohort.pk])
    assert "Ajouter une question" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "role": "mentee",
            "kind": "single",
            "label_fr": "Votre horizon ?",
            "label_en": "Your horizon?",
            "choices_fr": "Un an\nTrois ans\n",
            "choices_en": "One year\nThree years",
            "scale_min": "1",
            "scale_max": "5",
            "required": "on",
        },
    )
    assert response.status_code == 302
    question = cohort.questions.get()
    assert question.choices == [
        {"fr": "Un an", "en": "One year"},
        {"fr": "Trois ans", "en": "Three years"},
    ]
    page = client.get(url).content.decode()
    assert "Votre horizon ?" in page and "Your horizon?" in page
    edit = reverse("question_edit", args=["ax", cohort.pk, question.pk])
    assert "Trois ans" in client.get(edit).content.decode()
    client.post(reverse("question_delete", args=["ax", cohort.pk, question.pk]))
    assert not cohort.questions.exists()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "single", "choices": [{"fr": "Seul", "en": ""}]}, "choices"),
        ({"kind": "scale", "scale_min": 1, "scale_max": 11}, "scale"),
        ({"kind": "scale", "scale_min": 3, "scale_max": 5}, "scale"),
        ({"label_fr": "  "}, "label"),
    ],
)
def test_a_question_that_cannot_be_answered_is_refused(world, cohort, fields, code):
    with pytest.raises(DomainError) as error:
        add_question(cohort, "mentee", **fields)
    assert error.value.code == code


def test_english_choices_must_match_the_french_ones(login, world, cohort):
    response = login(world.bob).post(
        reverse("cohort_questions", args=["ax", cohort.pk]),
        {
            "role": "mentee",
            "kind": "multiple",
            "label_fr": "Q",
            "choices_fr": "A\nB",
            "choices_en": "A",
        },
    )
    assert response.status_code == 200 and not cohort.questions.exists()
    assert "autant de choix en anglais" in response.content.decode().lower()


def test_questions_freeze_once_the_role_has_applied(world, cohort):
    question = add_question(cohort, "mentee")
    apply(cohort, world.dana, "mentee")
    mentor_question = add_question(cohort, "mentor")  # mentors have not applied yet
    assert mentor_question.role == "mentor"
    with pytest.raises(DomainError) as error:
        add_question(cohort, "mentee")
    assert error.value.code == "answered"
    with pytest.raises(DomainError):
        questions.delete_question(question=question, actor=None)


def test_applicants_answer_in_their_language_and_managers_read_the_answers(
    login, world, cohort, client
):
    horizon = add_question(
        cohort,
        "mentee",
        kind="single",
        label_fr="Votre horizon ?",
        label_en="Your horizon?",
        choices=[{"fr": "Un an", "en": "One year"}, {"fr": "Trois ans", "en": "Three years"}],
        required=True,
    )
    sure = add_question(
        cohort, "mentee", kind="scale", label_fr="Êtes-vous décidé·e ?", label_en="How sure?"
    )
    topics = add_question(
        cohort,
        "mentee",
        kind="multiple",
        label_fr="Sujets",
        label_en="Topics",
        choices=[{"fr": "Réseau", "en": "Network"}, {"fr": "Salaire", "en": "Pay"}],
    )
    client = login(world.dana)
    url = reverse("cohort_apply", args=["ax", cohort.pk, "mentee"])
    assert "Votre horizon ?" in client.get(url).content.decode()
    missing = client.post(url, MENTEE_FORM)
    assert missing.status_code == 200 and not Application.objects.filter(member=world.dana)
    answered = {
        **MENTEE_FORM,
        f"q_{horizon.pk}": "1",
        f"q_{sure.pk}": "4",
        f"q_{topics.pk}": ["0", "1"],
    }
    assert client.post(url, answered).status_code == 302
    application = Application.objects.get(member=world.dana)
    assert application.answers == {str(horizon.pk): 1, str(sure.pk): 4, str(topics.pk): [0, 1]}
    mine = client.get(reverse("my_application", args=["ax", application.pk])).content.decode()
    assert "Trois ans" in mine and "4 / 5" in mine and "Réseau, Salaire" in mine
    client.cookies["django_language"] = "en"
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Your horizon?" in english or "Votre horizon ?" in english
    review = login(world.bob).get(
        reverse("application_review", args=["ax", cohort.pk, application.pk])
    )
    assert "Trois ans" in review.content.decode()


def test_a_wrong_answer_is_refused_by_the_service(world, cohort):
    question = add_question(
        cohort,
        "mentee",
        kind="single",
        choices=[{"fr": "A", "en": "A"}, {"fr": "B", "en": "B"}],
    )
    with pytest.raises(DomainError):
        apply(cohort, world.dana, "mentee", answers={str(question.pk): 7})


def test_the_export_has_a_column_per_question_with_the_answers(login, world, cohort):
    question = add_question(
        cohort,
        "mentee",
        kind="single",
        label_fr="Votre horizon ?",
        choices=[{"fr": "Un an", "en": "One year"}, {"fr": "Trois ans", "en": "Three years"}],
    )
    apply(cohort, world.dana, "mentee", answers={str(question.pk): 0})
    apply(cohort, world.charlie, "mentor")
    accept_all(cohort, world.bob)
    run = run_now(cohort, world.bob)
    response = login(world.bob).get(reverse("run_export", args=["ax", cohort.pk, run.pk, "csv"]))
    body = b"".join(response.streaming_content).decode()
    assert "Mentoré·e : Votre horizon ?" in body and "Un an" in body
    assert Question.objects.count() == 1


def test_the_applications_export_carries_every_answer_and_is_audited(login, world, cohort):
    from binome.core.models import AuditEvent

    question = add_question(
        cohort,
        "mentee",
        kind="multiple",
        label_fr="Sujets",
        choices=[{"fr": "Réseau", "en": "Network"}, {"fr": "Salaire", "en": "Pay"}],
    )
    apply(cohort, world.dana, "mentee", answers={str(question.pk): [1]}, text="=cmd()")
    client = login(world.bob)
    url = reverse("applications_export", args=["ax", cohort.pk, "mentee"])
    body = b"".join(client.get(url).streaming_content).decode()
    assert "Sujets" in body and "Salaire" in body and world.dana.full_name in body
    assert "'=cmd()" in body  # a spreadsheet never runs it
    assert AuditEvent.objects.filter(action="cohort.applications_export").count() == 1
    assert (
        client.get(reverse("applications_export", args=["ax", cohort.pk, "x"])).status_code == 404
    )
