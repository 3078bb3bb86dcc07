"""The cohort, application and run transition tables, checked without a database."""

from __future__ import annotations

from binome.cohorts.states import (
    APPLICATION_MACHINE,
    APPLICATION_TRANSITIONS,
    COHORT_TRANSITIONS,
    EDITABLE_STATUSES,
    RUN_TRANSITIONS,
    ApplicationStatus,
    CohortStatus,
    RunStatus,
)

A = ApplicationStatus


def test_every_status_has_a_row_and_moves_only_to_known_statuses():
    for table, choices in (
        (COHORT_TRANSITIONS, CohortStatus),
        (APPLICATION_TRANSITIONS, ApplicationStatus),
        (RUN_TRANSITIONS, RunStatus),
    ):
        assert set(table) == set(choices.values)
        for targets in table.values():
            assert targets <= set(choices.values)


def test_a_published_cohort_and_a_published_run_never_move_again():
    assert COHORT_TRANSITIONS[CohortStatus.PUBLISHED] == frozenset()
    assert RUN_TRANSITIONS[RunStatus.PUBLISHED] == frozenset()
    assert RUN_TRANSITIONS[RunStatus.FAILED] == frozenset()


def test_only_screened_applications_are_matched():
    assert APPLICATION_MACHINE.allows(A.ACCEPTED, A.MATCHED)
    assert not APPLICATION_MACHINE.allows(A.SUBMITTED, A.MATCHED)
    assert not APPLICATION_MACHINE.allows(A.REFUSED, A.MATCHED)
    assert not APPLICATION_MACHINE.allows(A.WITHDRAWN, A.MATCHED)


def test_a_member_can_withdraw_what_they_can_still_edit_and_apply_again():
    for status in EDITABLE_STATUSES:
        assert APPLICATION_MACHINE.allows(status, A.WITHDRAWN)
    assert APPLICATION_TRANSITIONS[A.WITHDRAWN] == frozenset({A.SUBMITTED})
    assert not APPLICATION_MACHINE.allows(A.MATCHED, A.WITHDRAWN)
