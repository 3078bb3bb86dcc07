"""Join again: when a cohort's mentors' window opens, the programme's past mentors are asked
back by email in their language, once; their application comes prefilled from last time."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.cohorts.models import JoinInvitation
from binome.cohorts.services import join_again
from binome.notifications.models import OutboxMessage
from binome.programmes.models import StaffRole
from binome.testing.cohorts import accept_all, add_question, apply, open_cohort
from binome.testing.factories import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(world):
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    earlier = open_cohort(world.other_programme, name="2025", max_capacity=3)
    question = add_question(
        earlier,
        "mentor",
        kind="single",
        label_fr="Déjà mentor ?",
        choices=[{"fr": "Oui", "en": "Yes"}, {"fr": "Non", "en": "No"}],
    )
    apply(
        earlier,
        world.charlie,
        "mentor",
        capacity=3,
        text="Vingt ans dans le solaire.",
        themes=[world.theme],
        answers={str(question.pk): 0},
    )
    apply(earlier, world.dana, "mentee")
    accept_all(earlier, world.bob)
    return earlier


def test_past_mentors_are_asked_once_in_their_language(world, last_year):
    world.charlie.user.language = "en"
    world.charlie.user.save()
    cohort = open_cohort(world.other_programme, name="2026")
    assert join_again.invite_for_open_windows() == 1
    email = OutboxMessage.objects.get(to=world.charlie.user.email, subject__icontains="again")
    assert "2026" in email.subject and "You were a mentor" in email.body_text
    assert reverse("cohort_apply", args=["ax", cohort.pk, "mentor"]) in email.body_text
    assert join_again.invite_for_open_windows() == 0  # once
    assert JoinInvitation.objects.get().previous.cohort == last_year
    # mentees are not asked, nor mentors who already applied
    assert not OutboxMessage.objects.filter(to=world.dana.user.email, subject__icontains="2026")


def test_a_mentor_who_applied_already_or_an_old_window_is_not_asked(world, last_year):
    cohort = open_cohort(world.other_programme, name="2026")
    apply(cohort, world.charlie, "mentor")
    assert join_again.invite_for_open_windows() == 0
    old = timezone.localdate() - datetime.timedelta(days=join_again.RECENT_DAYS + 5)
    open_cohort(world.other_programme, name="old", mentors_open_on=old)
    JoinInvitation.objects.all().delete()
    assert join_again.invite_for_open_windows() == 0


def test_the_application_comes_prefilled_from_last_time(login, world, last_year):
    cohort = open_cohort(world.other_programme, name="2026", max_capacity=2)
    question = add_question(
        cohort,
        "mentor",
        kind="single",
        label_fr="Déjà mentor ?",
        choices=[{"fr": "Oui", "en": "Yes"}, {"fr": "Non", "en": "No"}],
    )
    initial, previous = join_again.prefill(cohort, world.charlie, "mentor")
    assert previous is not None and previous.cohort == last_year
    assert initial["capacity"] == 2  # within this cohort's bound
    assert initial[f"q_{question.pk}"] == 0 and initial["themes"] == [world.theme]
    page = login(world.charlie).get(reverse("cohort_apply", args=["ax", cohort.pk, "mentor"]))
    body = page.content.decode()
    assert "Vingt ans dans le solaire." in body and "Vos réponses de 2025" in body


def test_the_job_is_registered_with_the_scheduler():
    from binome.cohorts.tasks import invite_past_mentors
    from binome.core.scheduler import periodic_jobs

    assert invite_past_mentors in periodic_jobs()


def test_the_manager_sees_how_many_were_asked(login, world, last_year):
    cohort = open_cohort(world.other_programme, name="2026")
    join_again.invite_for_open_windows()
    page = login(world.bob).get(reverse("cohort_manage", args=["ax", cohort.pk]))
    assert "Ancien·nes mentors invité·es à revenir" in page.content.decode()
