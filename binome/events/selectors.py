"""Reads of speed-mentoring events: the schedules per table, per person and per round."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

from binome.core.access import Access
from binome.events.models import Introduction, Registration, Seat, SpeedEvent
from binome.members.models import Member


def event_for_manager(access: Access, event_id: int) -> SpeedEvent:
    event = get_object_or_404(
        SpeedEvent.objects.select_related("programme"), network=access.network, pk=event_id
    )
    if not access.manages(event.programme):
        raise Http404
    return event


def event_for_member(access: Access, event_id: int) -> SpeedEvent:
    return get_object_or_404(
        SpeedEvent.objects.select_related("programme"),
        network=access.network,
        pk=event_id,
        programme__is_active=True,
    )


def introduction_for_member(access: Access, introduction_id: int) -> Introduction:
    """One of the member's own introductions (as mentor or mentee), or 404."""
    introduction = (
        Introduction.objects.filter(event__network=access.network, pk=introduction_id)
        .select_related("event__programme", "mentor__user", "mentee__user")
        .first()
    )
    if introduction is None or access.member.pk not in {
        introduction.mentor_id,
        introduction.mentee_id,
    }:
        raise Http404
    return introduction


def introductions_of(event: SpeedEvent, member: Member) -> list[Introduction]:
    return list(
        Introduction.objects.filter(event=event)
        .filter(models.Q(mentor=member) | models.Q(mentee=member))
        .select_related("mentor", "mentee", "programme", "flash_exchange", "mentorship")
    )


@dataclass
class Table:
    number: int
    mentor: Member
    rounds: dict[int, list[Member]] = field(default_factory=dict)


def tables(event: SpeedEvent) -> list[Table]:
    """Each mentor's table, with the mentees seated there each round (two queries)."""
    registrations = Registration.objects.filter(event=event, role="mentor").select_related("member")
    by_mentor = {
        r.member_id: Table(r.table or 0, r.member, {n: [] for n in event.round_numbers()})
        for r in registrations
    }
    for seat in Seat.objects.filter(event=event).select_related("mentee"):
        if seat.mentor_id in by_mentor:
            by_mentor[seat.mentor_id].rounds.setdefault(seat.round, []).append(seat.mentee)
    return sorted(by_mentor.values(), key=lambda t: (t.number, t.mentor.pk))


@dataclass(frozen=True)
class Slot:
    round: int
    table: int | None
    others: tuple[Member, ...]


def person_schedules(event: SpeedEvent) -> dict[int, list[Slot]]:
    """Per registered member: their table and whom they meet, round by round."""
    table_of = dict(
        Registration.objects.filter(event=event, role="mentor").values_list("member_id", "table")
    )
    meets: dict[int, dict[int, list[Member]]] = defaultdict(lambda: defaultdict(list))
    where: dict[tuple[int, int], int | None] = {}
    for seat in Seat.objects.filter(event=event).select_related("mentor", "mentee"):
        meets[seat.mentor_id][seat.round].append(seat.mentee)
        meets[seat.mentee_id][seat.round].append(seat.mentor)
        where[(seat.mentee_id, seat.round)] = table_of.get(seat.mentor_id)
    schedules: dict[int, list[Slot]] = {}
    for member_id, role in Registration.objects.filter(event=event).values_list(
        "member_id", "role"
    ):
        schedules[member_id] = [
            Slot(
                n,
                table_of.get(member_id) if role == "mentor" else where.get((member_id, n)),
                tuple(meets[member_id].get(n, [])),
            )
            for n in event.round_numbers()
        ]
    return schedules


def idle_count(event: SpeedEvent) -> int:
    """Mentee-rounds without a table."""
    mentees = Registration.objects.filter(event=event, role="mentee").count()
    return mentees * event.rounds - Seat.objects.filter(event=event).count()
