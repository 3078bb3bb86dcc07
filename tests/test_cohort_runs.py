"""Matching runs: inputs from accepted applications, the engine's result stored once, pins and
forbidden pairs as new runs, failures in words."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binome.cohorts import matching
from binome.cohorts.models import RunPair
from binome.cohorts.services import applications, runs
from binome.cohorts.services import cohorts as cohort_services
from binome.cohorts.states import RunStatus
from binome.core.errors import DomainError
from binome.programmes.models import StaffRole
from binome.testing.cohorts import accept_all, apply, open_cohort, run_now
from binome.testing.factories import MemberFactory, grant, make_mentor

pytestmark = pytest.mark.django_db


def young(world, i):
    return MemberFactory(network=world.network, class_year=2020, employer=f"Start-up {i}")


@pytest.fixture
def cohort(world):
    """Two mentors (charlie takes 2, a second takes 1) and four mentees, all accepted."""
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    cohort = open_cohort(world.other_programme)
    second = make_mentor(MemberFactory(network=world.network, class_year=1990), capacity=3)
    apply(cohort, world.charlie, "mentor", capacity=2, themes=[world.theme])
    apply(cohort, second, "mentor", capacity=1)
    world.dana.class_year, world.dana.employer = 2020, "Start-up 0"
    world.dana.save()
    for i in range(4):
        mentee = world.dana if i == 0 else young(world, i)
        apply(cohort, mentee, "mentee", themes=[world.theme])
    accept_all(cohort, world.bob)
    return cohort


def test_a_run_pairs_within_capacity_and_says_why_the_rest_is_unmatched(world, cohort):
    run = run_now(cohort, world.bob)
    assert run.status == RunStatus.DONE
    assert (run.mentees_count, run.mentors_count, run.places_count) == (4, 2, 3)
    assert run.matched_count == 3 and run.unmatched_count == 1
    assert run.certificate["is_optimal"] is True
    assert run.load_seconds is not None and run.solve_seconds is not None
    per_mentor = {}
    for pair in run.pairs.all():
        per_mentor[pair.mentor_id] = per_mentor.get(pair.mentor_id, 0) + 1
        assert pair.reasons and pair.score == pytest.approx(
            sum(r["points"] for r in pair.reasons), abs=0.05
        )
    charlie = cohort.applications.get(member=world.charlie)
    assert per_mentor[charlie.pk] == 2
    left = run.unmatched.get()
    assert left.codes[0] == "all_fitting_mentors_full"


def test_a_pending_or_refused_application_stays_out(world, cohort):
    late = apply(cohort, MemberFactory(network=world.network), "mentee")
    assert late.status == "submitted"
    dana = cohort.applications.get(member=world.dana, role="mentee")
    applications.screen_application(
        application=dana, manager=world.bob, decision="refused", reason="Hors périmètre."
    )
    run = run_now(cohort, world.bob)
    mentees = set(run.pairs.values_list("mentee_id", flat=True)) | set(
        run.unmatched.values_list("mentee_id", flat=True)
    )
    assert late.pk not in mentees and dana.pk not in mentees
    assert run.mentees_count == 3


def test_the_inputs_load_in_a_bounded_number_of_queries(world, cohort):
    with CaptureQueriesContext(connection) as small:
        matching.load_inputs(cohort, pins=[], forbidden=[])
    for _i in range(6):
        apply(cohort, young(world, 10 + _i), "mentee")
        mentor = make_mentor(MemberFactory(network=world.network, class_year=1985))
        apply(cohort, mentor, "mentor", capacity=2)
    accept_all(cohort, world.bob)
    with CaptureQueriesContext(connection) as large:
        inputs = matching.load_inputs(cohort, pins=[], forbidden=[])
    assert len(inputs.requests) == 10 and len(inputs.mentors) == 8
    assert len(large) == len(small) <= 12


def test_a_pin_is_kept_and_the_rest_reoptimised_in_a_new_run(world, cohort):
    first = run_now(cohort, world.bob)
    unmatched = first.unmatched.get().mentee
    charlie = cohort.applications.get(member=world.charlie)
    second = runs.pin_pair(run=first, manager=world.bob, mentee=unmatched, mentor=charlie)
    runs.execute_run(run_id=second.pk)
    second.refresh_from_db()
    assert second.parent == first and second.number == 2
    assert second.pins == [[unmatched.pk, charlie.pk]]
    pinned = second.pairs.get(mentee=unmatched)
    assert pinned.mentor == charlie and pinned.is_pinned
    assert second.pairs.filter(mentor=charlie).count() == 2
    # The first run did not change.
    assert not first.pairs.filter(mentee=unmatched).exists()


def test_a_forbidden_pair_is_never_proposed(world, cohort):
    first = run_now(cohort, world.bob)
    pair = first.pairs.select_related("mentee", "mentor").first()
    second = runs.forbid_pair(run=first, manager=world.bob, mentee=pair.mentee, mentor=pair.mentor)
    runs.execute_run(run_id=second.pk)
    assert not RunPair.objects.filter(run=second, mentee=pair.mentee, mentor=pair.mentor).exists()


def test_one_run_at_a_time_and_only_once_matching_started(world, cohort):
    with pytest.raises(DomainError) as error:
        runs.launch_run(cohort=cohort, manager=world.bob, mode="optimal")
    assert error.value.code == "not_matching"
    run_now(cohort, world.bob)
    runs.launch_run(cohort=cohort, manager=world.bob, mode="fair")
    with pytest.raises(DomainError) as error:
        runs.launch_run(cohort=cohort, manager=world.bob, mode="optimal")
    assert error.value.code == "busy"


def test_a_run_executed_twice_is_stored_once(world, cohort):
    run = run_now(cohort, world.bob)
    runs.execute_run(run_id=run.pk)
    assert run.pairs.count() == 3


def test_fair_mode_runs_and_is_certified(world, cohort):
    run = run_now(cohort, world.bob, mode="fair")
    assert run.status == RunStatus.DONE and run.matched_count == 3
    assert run.min_score is not None


def test_the_manager_launches_a_run_and_reads_its_proposal_in_words(
    login, world, cohort, django_capture_on_commit_callbacks
):
    cohort_services.start_matching(cohort=cohort, actor=None)
    client = login(world.bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("run_launch", args=["ax", cohort.pk]), {"mode": "optimal"})
    run = cohort.runs.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/runs/{run.pk}/")
    run.refresh_from_db()
    assert run.status == RunStatus.DONE  # the immediate backend ran the task on commit
    page = client.get(response["Location"]).content.decode()
    assert "every fitting mentor is full" in page or "tous les mentors" in page
    assert "(+" in page  # reasons with their points
    progress = client.get(
        reverse("run_progress", args=["ax", cohort.pk, run.pk]), headers={"HX-Request": "true"}
    )
    assert progress["HX-Refresh"] == "true"


def test_a_swap_on_the_page_starts_a_new_run_with_the_pin(login, world, cohort):
    first = run_now(cohort, world.bob)
    unmatched = first.unmatched.get().mentee
    charlie = cohort.applications.get(member=world.charlie)
    client = login(world.bob)
    page = client.get(reverse("run_mentee", args=["ax", cohort.pk, first.pk, unmatched.pk]))
    assert page.status_code == 200 and world.charlie.full_name in page.content.decode()
    response = client.post(
        reverse("run_pin", args=["ax", cohort.pk, first.pk]),
        {"mentee": unmatched.pk, "mentor": charlie.pk},
    )
    second = cohort.runs.get(number=2)
    assert response.status_code == 302
    assert second.pins == [[unmatched.pk, charlie.pk]] and second.parent == first


def test_a_pin_beyond_the_mentors_capacity_is_refused_in_words(world, cohort):
    first = run_now(cohort, world.bob)
    second_mentor = cohort.applications.get(role="mentor", capacity=1)
    mentees = list(cohort.applications.filter(role="mentee"))
    pinned = runs.pin_pair(run=first, manager=world.bob, mentee=mentees[0], mentor=second_mentor)
    runs.execute_run(run_id=pinned.pk)
    pinned.refresh_from_db()
    with pytest.raises(DomainError) as error:
        runs.pin_pair(run=pinned, manager=world.bob, mentee=mentees[1], mentor=second_mentor)
    assert error.value.code == "pinned_over_capacity"


def test_the_review_shows_supply_against_demand_per_theme(login, world, cohort):
    from binome.cohorts import selectors

    run = run_now(cohort, world.bob)
    balance = {row.label: row for row in selectors.theme_balance(run)}
    theme = balance[str(world.theme.label)]
    # Four mentees ask for the theme; only charlie offers it, with 2 places.
    assert (theme.demand, theme.supply) == (4, 2)
    assert theme.matched == 3
    page = login(world.bob).get(reverse("run_detail", args=["ax", cohort.pk, run.pk]))
    assert "Offre et demande par thématique" in page.content.decode()
