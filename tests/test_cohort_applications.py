"""Cohort settings, applications within their windows, and screening (services and pages)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.cohorts.models import Application
from binome.cohorts.services import applications, cohorts
from binome.cohorts.states import ApplicationStatus, CohortStatus
from binome.core.errors import DomainError
from binome.notifications.models import OutboxMessage
from binome.programmes.models import StaffRole
from binome.testing.cohorts import apply, open_cohort
from binome.testing.factories import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    return open_cohort(world.other_programme)


def test_it_refuses_a_cohort_on_an_on_demand_programme(world):
    with pytest.raises(DomainError) as error:
        open_cohort(world.programme)
    assert error.value.code == "programme"


def test_it_refuses_a_window_that_closes_before_it_opens(world):
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        open_cohort(world.other_programme, mentees_close_on=today - datetime.timedelta(days=9))
    assert error.value.code == "window"


def test_a_mentee_applies_while_the_window_is_open_and_not_after(world, cohort):
    application = apply(cohort, world.dana, "mentee", themes=[world.theme])
    assert application.status == ApplicationStatus.SUBMITTED
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    cohort.mentees_close_on = yesterday
    cohort.save()
    with pytest.raises(DomainError) as error:
        apply(cohort, world.alice, "mentee")
    assert error.value.code == "window"


def test_a_mentor_must_have_offered_to_mentor_and_stay_within_the_cohorts_capacity(world, cohort):
    with pytest.raises(DomainError) as error:
        apply(cohort, world.dana, "mentor", capacity=1)
    assert error.value.code == "not_mentor"
    with pytest.raises(DomainError) as error:
        apply(cohort, world.charlie, "mentor", capacity=4)
    assert error.value.code == "capacity"
    assert apply(cohort, world.charlie, "mentor", capacity=3).capacity == 3


def test_a_member_edits_until_matching_starts_then_cannot(world, cohort):
    apply(cohort, world.dana, "mentee", text="Première version.")
    edited = apply(cohort, world.dana, "mentee", text="Seconde version.")
    assert Application.objects.get().text == "Seconde version."
    cohorts.start_matching(cohort=cohort, actor=world.bob.user)
    with pytest.raises(DomainError) as error:
        apply(cohort, world.dana, "mentee", text="Trop tard.")
    assert error.value.code == "frozen"
    with pytest.raises(DomainError):
        applications.withdraw_application(application=edited, actor=world.dana.user)


def test_a_withdrawn_application_can_be_sent_again_while_the_window_is_open(world, cohort):
    application = apply(cohort, world.dana, "mentee")
    applications.withdraw_application(application=application, actor=world.dana.user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    again = apply(cohort, world.dana, "mentee")
    assert again.pk == application.pk
    assert again.status == ApplicationStatus.SUBMITTED


def test_a_refusal_needs_a_reason_and_is_emailed_in_the_persons_language(world, cohort):
    world.dana.user.language = "en"
    world.dana.user.save()
    application = apply(cohort, world.dana, "mentee")
    with pytest.raises(DomainError) as error:
        applications.screen_application(
            application=application, manager=world.bob, decision="refused"
        )
    assert error.value.code == "reason"
    applications.screen_application(
        application=application,
        manager=world.bob,
        decision="refused",
        reason="Our mentors this year are all in finance.",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED
    assert application.screened_by == world.bob
    email = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert "We cannot take your application" in email.body_text
    assert "all in finance" in email.body_text


def test_an_acceptance_is_emailed_in_french_by_default(world, cohort):
    application = apply(cohort, world.dana, "mentee")
    applications.screen_application(application=application, manager=world.bob, decision="accepted")
    email = OutboxMessage.objects.filter(to="dana@example.org").latest("pk")
    assert "est acceptée" in email.body_text


def test_the_member_applies_sees_and_withdraws_on_the_pages(login, world, cohort):
    client = login(world.dana)
    listing = client.get(reverse("my_cohorts", args=["ax"])).content.decode()
    assert reverse("cohort_apply", args=["ax", cohort.pk, "mentee"]) in listing
    url = reverse("cohort_apply", args=["ax", cohort.pk, "mentee"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "themes": [world.theme.pk],
            "style": "peer",
            "formats": ["video"],
            "languages": ["fr", "en"],
            "target_sector": "",
            "target_function": "",
            "target_country": "",
            "text": "Je veux passer dans l'énergie.",
        },
    )
    application = Application.objects.get(member=world.dana)
    assert response.status_code == 302
    assert application.style == "peer"
    page = client.get(reverse("my_application", args=["ax", application.pk])).content.decode()
    assert "passer dans l" in page
    client.post(reverse("application_withdraw", args=["ax", application.pk]), {"reason": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_an_invalid_application_keeps_what_was_typed(login, world, cohort):
    client = login(world.dana)
    url = reverse("cohort_apply", args=["ax", cohort.pk, "mentee"])
    response = client.post(url, {"text": "Mon texte gardé", "formats": ["video"]})
    assert response.status_code == 200
    assert "Mon texte gardé" in response.content.decode()
    assert not Application.objects.exists()


def test_the_manager_screens_from_the_cohort_page(login, world, cohort):
    application = apply(cohort, world.dana, "mentee")
    client = login(world.bob)
    page = client.get(reverse("cohort_manage", args=["ax", cohort.pk])).content.decode()
    assert world.dana.full_name in page
    response = client.post(
        reverse("application_screen", args=["ax", cohort.pk, application.pk]),
        {"decision": "waitlisted", "reason": ""},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WAITLISTED


def test_a_member_without_the_role_and_another_network_get_404(login, world, cohort):
    application = apply(cohort, world.dana, "mentee")
    url = reverse("application_review", args=["ax", cohort.pk, application.pk])
    assert login(world.eve).get(url).status_code == 404
    assert login(world.charlie).get(url).status_code == 404


def test_start_matching_freezes_and_reopen_unfreezes(world, cohort):
    cohorts.start_matching(cohort=cohort, actor=None)
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.MATCHING
    cohorts.reopen_applications(cohort=cohort, actor=None)
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.OPEN


def test_the_cohort_settings_page_creates_a_cohort(login, world):
    client = login(world.alice)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("cohort_create", args=["ax", world.other_programme.pk]),
        {
            "name": "2027",
            "mentors_open_on": today,
            "mentors_close_on": today,
            "mentees_open_on": today,
            "mentees_close_on": today,
            "styles": ["classic"],
            "formats": ["video"],
            "duration_months": 10,
            "max_capacity": 2,
        },
    )
    assert response.status_code == 302
    assert world.other_programme.cohorts.get().name == "2027"


def test_the_demo_seeds_an_open_cohort_with_screened_applications():
    from binome.cohorts.models import Cohort
    from binome.testing.demo import build_demo

    build_demo(members=80, mentors=12)
    cohort = Cohort.objects.get(network__slug="ax", status=CohortStatus.OPEN)
    # Last year's cohort has a finished run waiting for the manager's review.
    earlier = Cohort.objects.get(network__slug="ax", status=CohortStatus.MATCHING)
    run = earlier.runs.get()
    assert run.status == "done" and run.matched_count > 0 and run.weights["sector"] == 20
    roles = set(cohort.applications.values_list("role", "status"))
    assert ("mentor", "accepted") in roles
    assert ("mentee", "accepted") in roles
    assert cohort.applications.filter(member__user__email="mentee2@ax.example.org").exists()


def test_the_applications_list_is_paginated_and_keeps_its_filters(login, world):
    from binome.cohorts.views_manager import APPLICATIONS_PER_PAGE
    from binome.programmes.models import StaffRole
    from binome.testing.cohorts import apply, open_cohort
    from binome.testing.factories import MemberFactory, grant

    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    cohort = open_cohort(world.other_programme)
    for _ in range(APPLICATIONS_PER_PAGE + 3):
        apply(cohort, MemberFactory(network=world.network), "mentee")
    apply(cohort, world.charlie, "mentor")
    client = login(world.bob)
    url = reverse("cohort_manage", args=["ax", cohort.pk])
    first = client.get(url, {"role": "mentee"}).content.decode()
    assert "Page 1 sur 2" in first and "role=mentee&amp;page=2" in first
    assert world.charlie.full_name not in first
    second = client.get(url, {"role": "mentee", "page": 2}).content.decode()
    assert second.count('href="/n/ax/manage/cohorts/') >= 3
    mentors = client.get(url, {"role": "mentor"}).content.decode()
    assert world.charlie.full_name in mentors and "Page 1 sur" not in mentors
