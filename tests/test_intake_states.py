"""The transition tables, checked without a database."""

from __future__ import annotations

import itertools

from binome.intake.states import (
    INVITATION_TRANSITIONS,
    OPEN_STATUSES,
    REQUEST_MACHINE,
    REQUEST_TRANSITIONS,
    InvitationStatus,
    RequestStatus,
)

R = RequestStatus


def test_every_status_has_a_row_and_moves_only_to_known_statuses():
    assert set(REQUEST_TRANSITIONS) == set(R.values)
    for targets in REQUEST_TRANSITIONS.values():
        assert targets <= set(R.values)
    assert set(INVITATION_TRANSITIONS) == set(InvitationStatus.values)


def test_closed_requests_never_move_again_but_a_failed_pair_can_be_rematched():
    assert REQUEST_TRANSITIONS[R.MATCHED] == frozenset({R.SHORTLISTING})
    for status in (R.REFERRED, R.DECLINED, R.WITHDRAWN):
        assert REQUEST_TRANSITIONS[status] == frozenset()
        assert status not in OPEN_STATUSES


def test_a_member_can_withdraw_at_every_open_step():
    for status in OPEN_STATUSES | {R.DRAFT}:
        assert REQUEST_MACHINE.allows(status, R.WITHDRAWN)


def test_the_happy_path_is_allowed_and_shortcuts_are_not():
    path = [
        R.DRAFT,
        R.SUBMITTED,
        R.IN_INTAKE,
        R.SHORTLISTING,
        R.AWAITING_CHOICE,
        R.INVITING,
        R.MATCHED,
    ]
    for current, target in itertools.pairwise(path):
        assert REQUEST_MACHINE.allows(current, target)
    assert not REQUEST_MACHINE.allows(R.SUBMITTED, R.SHORTLISTING)
    assert not REQUEST_MACHINE.allows(R.SHORTLISTING, R.MATCHED)
    assert not REQUEST_MACHINE.allows(R.AWAITING_CHOICE, R.MATCHED)


def test_an_answered_invitation_is_final():
    for status in ("accepted", "declined", "expired", "cancelled"):
        assert INVITATION_TRANSITIONS[status] == frozenset()
