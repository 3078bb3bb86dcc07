"""Publishing a run (one transaction, capacity checked, idempotent), the emails it sends,
re-matching one mentee, and the committee's export."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from binome.cohorts.models import CohortPair
from binome.cohorts.services import applications, publication, rematch, runs
from binome.cohorts.states import ApplicationStatus, CohortStatus, RunStatus
from binome.core.errors import DomainError
from binome.members.models import MentorOffer
from binome.mentorships.models import CAPACITY_STATUSES, Mentorship
from binome.notifications.models import OutboxMessage
from binome.programmes.models import StaffRole
from binome.testing.cohorts import accept_all, apply, open_cohort, run_now
from binome.testing.factories import MemberFactory, UserFactory, grant, make_mentor

pytestmark = pytest.mark.django_db


def young(world, i, **kwargs):
    user = UserFactory(email=f"mentee{i}@example.org", **kwargs)
    return MemberFactory(
        network=world.network, user=user, class_year=2020, employer=f"Start-up {i}"
    )


@pytest.fixture
def cohort(world):
    """Charlie takes 2, a second mentor 1; four mentees (one reads English): one is left out."""
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    cohort = open_cohort(world.other_programme)
    second = make_mentor(MemberFactory(network=world.network, class_year=1990), capacity=3)
    apply(cohort, world.charlie, "mentor", capacity=2, themes=[world.theme])
    apply(cohort, second, "mentor", capacity=1)
    for i in range(4):
        apply(cohort, young(world, i, language="en" if i == 0 else "fr"), "mentee")
    accept_all(cohort, world.bob)
    return cohort


def test_publishing_creates_every_pair_introduces_them_and_tells_the_waiting_list(world, cohort):
    run = run_now(cohort, world.bob)
    OutboxMessage.objects.all().delete()
    publication.publish_run(run=run, manager=world.bob)
    cohort.refresh_from_db()
    run.refresh_from_db()
    assert cohort.status == CohortStatus.PUBLISHED and run.status == RunStatus.PUBLISHED
    pairs = Mentorship.objects.filter(programme=world.other_programme)
    assert pairs.count() == 3 == CohortPair.objects.filter(cohort=cohort).count()
    assert set(cohort.applications.values_list("status", flat=True)) == {
        ApplicationStatus.MATCHED,
        ApplicationStatus.WAITLISTED,
    }
    left = cohort.applications.get(status=ApplicationStatus.WAITLISTED)
    assert left.role == "mentee"
    waitlist = OutboxMessage.objects.get(to=left.member.user.email)
    assert "liste d’attente" in waitlist.body_text or "waiting list" in waitlist.body_text
    # Introductions: two per pair, each in the recipient's language.
    assert OutboxMessage.objects.count() == 3 * 2 + 1
    english = OutboxMessage.objects.filter(to="mentee0@example.org")
    if english.exists():
        assert english.get().language == "en"


def test_publishing_twice_is_publishing_once(world, cohort):
    run = run_now(cohort, world.bob)
    publication.publish_run(run=run, manager=world.bob)
    sent = OutboxMessage.objects.count()
    publication.publish_run(run=run, manager=world.bob)
    assert Mentorship.objects.filter(programme=world.other_programme).count() == 3
    assert OutboxMessage.objects.count() == sent


def test_a_mentor_who_took_a_pair_since_the_run_stops_the_whole_publication(world, cohort):
    run = run_now(cohort, world.bob)
    charlie_pairs = run.pairs.filter(mentor__member=world.charlie).count()
    assert charlie_pairs == 2
    MentorOffer.objects.filter(member=world.charlie).update(capacity=1)
    with pytest.raises(DomainError) as error:
        publication.publish_run(run=run, manager=world.bob)
    assert error.value.code == "capacity"
    assert not Mentorship.objects.filter(programme=world.other_programme).exists()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_an_application_refused_since_the_run_stops_the_publication(world, cohort):
    from binome.cohorts.services.applications import screen_application

    run = run_now(cohort, world.bob)
    mentee = run.pairs.first().mentee
    screen_application(application=mentee, manager=world.bob, decision="refused", reason="Non.")
    with pytest.raises(DomainError) as error:
        publication.publish_run(run=run, manager=world.bob)
    assert error.value.code == "not_accepted"


def test_only_one_run_of_a_cohort_is_published(world, cohort):
    first = run_now(cohort, world.bob)
    second = run_now(cohort, world.bob, mode="fair")
    publication.publish_run(run=first, manager=world.bob)
    with pytest.raises(DomainError):
        publication.publish_run(run=second, manager=world.bob)
    with pytest.raises(DomainError):
        runs.launch_run(cohort=cohort, manager=world.bob, mode="optimal")


def test_a_failed_pair_is_rematched_against_the_places_left_with_reasons(world, cohort):
    run = run_now(cohort, world.bob)
    publication.publish_run(run=run, manager=world.bob)
    pair = CohortPair.objects.filter(cohort=cohort, mentor__member=world.charlie).first()
    # Charlie's pair fails; the waiting mentee is the other one without a place so far.
    options = rematch.rematch_options(cohort=cohort, mentee=pair.mentee)
    assert options == []  # every place is taken
    MentorOffer.objects.filter(member=world.charlie).update(capacity=3)
    charlie = cohort.applications.get(member=world.charlie, role="mentor")
    charlie.capacity = 3
    charlie.save()
    options = rematch.rematch_options(cohort=cohort, mentee=pair.mentee)
    assert [o.mentor for o in options] == []  # the only mentor with places is the one who failed
    waiting = cohort.applications.get(status=ApplicationStatus.WAITLISTED)
    options = rematch.rematch_options(cohort=cohort, mentee=waiting)
    assert options and options[0].mentor == charlie and options[0].reasons
    new = rematch.rematch_mentee(cohort=cohort, manager=world.bob, mentee=waiting, mentor=charlie)
    assert new.mentorship.status in CAPACITY_STATUSES
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.MATCHED


def test_rematching_ends_the_mentees_live_pair_first(world, cohort):
    run = run_now(cohort, world.bob)
    publication.publish_run(run=run, manager=world.bob)
    pair = CohortPair.objects.filter(cohort=cohort, mentor__member=world.charlie).first()
    second_mentor = cohort.applications.exclude(member=world.charlie).get(role="mentor")
    second_mentor.capacity = 2
    second_mentor.save()
    rematch.rematch_mentee(
        cohort=cohort, manager=world.bob, mentee=pair.mentee, mentor=second_mentor
    )
    pair.mentorship.refresh_from_db()
    assert pair.mentorship.status not in CAPACITY_STATUSES
    assert CohortPair.objects.filter(cohort=cohort, mentee=pair.mentee).count() == 2


def test_the_committee_exports_the_proposal_as_csv_and_xlsx(login, world, cohort):
    from openpyxl import load_workbook

    run = run_now(cohort, world.bob)
    client = login(world.bob)
    csv_response = client.get(reverse("run_export", args=["ax", cohort.pk, run.pk, "csv"]))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 3 + 1
    assert world.charlie.full_name in text
    assert "tous les mentors qui conviennent sont complets" in text
    xlsx = client.get(reverse("run_export", args=["ax", cohort.pk, run.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 5


def test_the_manager_publishes_from_the_run_page(
    login, world, cohort, django_capture_on_commit_callbacks
):
    run = run_now(cohort, world.bob)
    client = login(world.bob)
    page = client.get(reverse("run_detail", args=["ax", cohort.pk, run.pk])).content.decode()
    assert reverse("run_publish", args=["ax", cohort.pk, run.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("run_publish", args=["ax", cohort.pk, run.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("run_detail", args=["ax", cohort.pk, run.pk])
    assert Mentorship.objects.filter(programme=world.other_programme).count() == 3
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED


def test_publication_is_a_task_taking_the_runs_id_asked_once(
    login, world, cohort, django_capture_on_commit_callbacks
):
    run = run_now(cohort, world.bob)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asked = publication.request_publication(run=run, manager=world.bob)
        again = publication.request_publication(run=asked, manager=world.bob)
    assert len(callbacks) == 1 and again.is_publishing
    client = login(world.bob)
    progress = client.get(
        reverse("run_progress", args=["ax", cohort.pk, run.pk]), headers={"HX-Request": "true"}
    )
    assert "Publication de 3 binômes" in progress.content.decode()
    assert "HX-Refresh" not in progress
    with pytest.raises(DomainError):  # no adjusting a run being published
        runs.forbid_pair(
            run=asked,
            manager=world.bob,
            mentee=run.pairs.first().mentee,
            mentor=run.pairs.first().mentor,
        )
    publication.execute_publication(run_id=run.pk)
    publication.execute_publication(run_id=run.pk)  # twice is once
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert Mentorship.objects.filter(programme=world.other_programme).count() == 3
    done = client.get(
        reverse("run_progress", args=["ax", cohort.pk, run.pk]), headers={"HX-Request": "true"}
    )
    assert done["HX-Refresh"] == "true"


def test_a_refused_publication_is_told_in_words_and_can_be_asked_again(login, world, cohort):
    run = run_now(cohort, world.bob)
    mentee = run.pairs.first().mentee
    publication.request_publication(run=run, manager=world.bob)
    applications.screen_application(
        application=mentee, manager=world.bob, decision="refused", reason="Plus disponible."
    )
    publication.execute_publication(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and "n’est plus acceptée" in run.publish_failure
    assert not run.is_publishing
    page = login(world.bob).get(reverse("run_detail", args=["ax", cohort.pk, run.pk]))
    assert "La publication a été refusée" in page.content.decode()


@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each example is a cohort
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    capacities=st.lists(st.integers(1, 3), min_size=1, max_size=4),
    mentees=st.integers(1, 7),
    data=st.data(),
)
def test_a_published_cohort_never_exceeds_a_capacity_and_honours_pins_and_forbids(
    world, capacities, mentees, data
):
    from django.db import transaction

    with transaction.atomic():
        grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
        cohort = open_cohort(world.other_programme, name=f"p{capacities}{mentees}")
        mentor_apps = []
        for capacity in capacities:
            mentor = make_mentor(MemberFactory(network=world.network, class_year=1980), capacity=3)
            mentor_apps.append(apply(cohort, mentor, "mentor", capacity=capacity))
        mentee_apps = [
            apply(
                cohort,
                MemberFactory(network=world.network, class_year=2021, employer=f"E{i}"),
                "mentee",
            )
            for i in range(mentees)
        ]
        accept_all(cohort, world.bob)
        first = run_now(cohort, world.bob)
        mentee = data.draw(st.sampled_from(mentee_apps))
        mentor = data.draw(st.sampled_from(mentor_apps))
        pinned = runs.pin_pair(run=first, manager=world.bob, mentee=mentee, mentor=mentor)
        runs.execute_run(run_id=pinned.pk)
        pinned.refresh_from_db()
        other = data.draw(st.sampled_from(mentee_apps))
        forbidden_mentor = data.draw(st.sampled_from(mentor_apps))
        if other != mentee:
            final = runs.forbid_pair(
                run=pinned, manager=world.bob, mentee=other, mentor=forbidden_mentor
            )
            runs.execute_run(run_id=final.pk)
            final.refresh_from_db()
        else:
            final, forbidden_mentor = pinned, None
        publication.publish_run(run=final, manager=world.bob)
        made = CohortPair.objects.filter(cohort=cohort)
        for application in mentor_apps:
            assert made.filter(mentor=application).count() <= application.capacity
        assert made.filter(mentee=mentee, mentor=mentor).exists()
        if forbidden_mentor is not None:
            assert not made.filter(mentee=other, mentor=forbidden_mentor).exists()
        transaction.set_rollback(True)
