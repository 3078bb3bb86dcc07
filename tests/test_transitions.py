"""The one transition helper: tables as data, refusals named, one event row per move."""

from __future__ import annotations

import pytest
from django.db import transaction

from binome.core.errors import DomainError
from binome.core.models import AuditEvent
from binome.core.transitions import move
from binome.intake.states import INVITATION_MACHINE, REQUEST_MACHINE
from binome.members.states import IMPORT_MACHINE
from binome.mentorships.states import MEETING_MACHINE, PAIR_MACHINE

MACHINES = [REQUEST_MACHINE, INVITATION_MACHINE, PAIR_MACHINE, MEETING_MACHINE, IMPORT_MACHINE]


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_every_table_names_only_known_statuses(machine):
    known = set(machine.choices.values)
    assert set(machine.moves) == known
    for targets in machine.moves.values():
        assert targets <= known


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_a_move_the_table_forbids_is_a_translated_domain_error(machine):
    final = next(s for s, targets in machine.moves.items() if not targets)
    with pytest.raises(DomainError) as error:
        machine.check(final, next(iter(machine.choices.values)))
    assert error.value.code == "transition"


@pytest.mark.django_db
def test_a_meeting_move_writes_an_audit_row(world):
    import datetime

    from django.utils import timezone

    from binome.mentorships.models import Meeting
    from binome.mentorships.services import create_mentorship

    pair = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    meeting = Meeting.objects.create(
        mentorship=pair,
        proposed_by=world.dana,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        format="phone",
    )
    with transaction.atomic():
        move(meeting, MEETING_MACHINE, "confirmed", actor=world.charlie.user, network=world.network)
    meeting.refresh_from_db()
    assert meeting.status == "confirmed"
    row = AuditEvent.objects.get(action="meeting.confirmed")
    assert row.detail["from_status"] == "proposed" and row.target_id == str(meeting.pk)
