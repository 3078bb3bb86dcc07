"""The evening's rotation: registrations in, the engine's ``speed_rounds`` out, seats stored.

Rules (the engine keeps the first three, see ``binome_engine.speed``):
- a mentee meets a mentor at most once and sits at one table a round, a table holds at most
  ``table_size`` mentees a round;
- the most meetings first (nobody idle when it can be avoided), then the most relevant;
- the inputs are loaded in a handful of value queries and the seats written in one bulk insert,
  so 60 mentors × 120 mentees × 6 rounds takes well under two seconds end to end;
- the manager may then move a mentee to another table for a round, under the same rules, until
  the rotation is locked.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.events.models import Registration, Seat, SpeedEvent
from binome.events.states import EventStatus
from binome.members.models import Member
from binome_engine import model as engine
from binome_engine.speed import SpeedSchedule, speed_rounds
from binome_engine.validation import InvalidInput

FIELDS = (
    "pk",
    "sector",
    "function",
    "skills",
    "languages",
    "country",
    "city",
    "years_of_experience",
    "class_year",
    "employer",
    "bio",
    "position_title",
)


def _years(row: dict[str, Any]) -> int:
    if row["years_of_experience"] is not None:
        return int(row["years_of_experience"])
    if row["class_year"]:
        return max(0, timezone.localdate().year - row["class_year"] - 2)
    return 0


def engine_inputs(
    event: SpeedEvent,
) -> tuple[list[engine.MentorProfile], list[engine.MenteeRequest]]:
    """Registered mentors and mentees as the engine sees them (three queries)."""
    registrations = dict(Registration.objects.filter(event=event).values_list("member_id", "role"))
    themes: dict[int, set[str]] = defaultdict(set)
    for member_id, code in Registration.themes.through.objects.filter(
        registration__event=event
    ).values_list("registration__member_id", "theme__code"):
        themes[member_id].add(code)
    rows = Member.objects.filter(pk__in=registrations).values(*FIELDS).order_by("pk")
    mentors, mentees = [], []
    for row in rows:
        pk, languages = row["pk"], tuple(row["languages"] or ("fr",))
        common = {
            "sector": row["sector"],
            "function": row["function"],
            "skills": frozenset(row["skills"] or []),
            "languages": languages,
            "country": row["country"],
            "city": row["city"],
            "years_experience": _years(row),
            "class_year": row["class_year"],
            "employer": row["employer"],
            "themes": frozenset(themes.get(pk, ())),
        }
        if registrations[pk] == Registration.Role.MENTOR:
            mentors.append(
                engine.MentorProfile(
                    id=pk, bio=row["bio"], title=row["position_title"], capacity=1, **common
                )
            )
        else:
            mentees.append(engine.MenteeRequest(id=pk, member_id=pk, **common))
    return mentors, mentees


def _locked_open(event: SpeedEvent) -> SpeedEvent:
    locked = SpeedEvent.objects.select_for_update().get(pk=event.pk)
    if locked.status != EventStatus.OPEN:
        raise DomainError(_("The rotation is locked: unlock it to change it."), code="locked")
    return locked


def build_rotation(*, event: SpeedEvent, actor: Any) -> SpeedSchedule:
    """Replace the event's rotation by the engine's, and number the mentors' tables."""
    mentors, mentees = engine_inputs(event)
    if not mentors or not mentees:
        raise DomainError(_("Register at least one mentor and one mentee first."), code="empty")
    try:
        schedule = speed_rounds(mentors, mentees, event.rounds, table_size=event.table_size or None)
    except InvalidInput as error:
        raise DomainError(
            _("The engine cannot build this rotation (%(why)s).") % {"why": error}, code="engine"
        ) from error
    with transaction.atomic():
        event = _locked_open(event)
        Seat.objects.filter(event=event).delete()
        Seat.objects.bulk_create(
            Seat(
                event=event,
                round=m.round,
                mentor_id=int(m.mentor_id),
                mentee_id=int(m.request_id),
                score=m.score,
            )
            for m in schedule.meetings
        )
        _number_tables(event)
        event.rotation_built_at = timezone.now()
        event.save(update_fields=["rotation_built_at"])
        audit.record(
            action="speed_event.rotation",
            actor=actor,
            network=event.network,
            target=event,
            meetings=len(schedule.meetings),
        )
    return schedule


def _number_tables(event: SpeedEvent) -> None:
    mentors = list(
        Registration.objects.filter(event=event, role=Registration.Role.MENTOR).order_by("pk")
    )
    for number, registration in enumerate(mentors, start=1):
        registration.table = number
    Registration.objects.bulk_update(mentors, ["table"])


def move_mentee(
    *, event: SpeedEvent, actor: Any, round: int, mentee: Member, mentor: Member
) -> Seat:
    """The manager's adjustment: ``mentee`` sits at ``mentor``'s table in ``round``."""
    with transaction.atomic():
        event = _locked_open(event)
        roles = dict(
            Registration.objects.filter(event=event, member__in=[mentee, mentor]).values_list(
                "member_id", "role"
            )
        )
        if roles.get(mentee.pk) != "mentee" or roles.get(mentor.pk) != "mentor":
            raise DomainError(_("Choose a registered mentee and mentor."), code="unknown")
        if round not in event.round_numbers():
            raise DomainError(_("Unknown round."), code="round")
        seats = Seat.objects.select_for_update().filter(event=event)
        if seats.filter(mentee=mentee, mentor=mentor).exclude(round=round).exists():
            raise DomainError(_("They already meet in another round."), code="twice")
        at_table = seats.filter(round=round, mentor=mentor).exclude(mentee=mentee).count()
        if at_table >= event.seats_per_table():
            raise DomainError(_("This table is full in that round."), code="full")
        seats.filter(round=round, mentee=mentee).delete()
        seat = Seat.objects.create(event=event, round=round, mentor=mentor, mentee=mentee)
        audit.record(action="speed_event.move", actor=actor, network=event.network, target=event)
    return seat
