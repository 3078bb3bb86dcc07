"""A speed-mentoring evening: create it, register people, lock the rotation, ticks after.

Rules:
- the programme is a speed-mentoring programme of the network; a member registers once per
  event, as a mentor (a listed mentor, or registered by a manager) or as a mentee;
- registrations change only while the event is open (the rotation is built on them);
- after the evening starts, each person ticks the people they met whom they would like to see
  again; closing the event turns every mutual tick into an introduction, emailed to both.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.events.models import Introduction, Registration, Seat, SpeedEvent, Tick
from binome.events.states import EVENT_MACHINE, EventStatus
from binome.members.models import Member
from binome.notifications.emails import send_templated
from binome.programmes.models import Programme


def create_event(
    *,
    programme: Programme,
    actor: Any,
    name: str,
    starts_at: datetime.datetime,
    place: str,
    rounds: int,
    round_minutes: int,
    break_minutes: int,
    table_size: int | None,
) -> SpeedEvent:
    if programme.kind != Programme.Kind.SPEED:
        raise DomainError(_("Events belong to a speed-mentoring programme."), code="kind")
    if not 1 <= rounds <= 12 or not 3 <= round_minutes <= 60 or not 0 <= break_minutes <= 30:
        raise DomainError(_("From 1 to 12 rounds of 3 to 60 minutes."), code="rounds")
    event = SpeedEvent.objects.create(
        network=programme.network,
        programme=programme,
        name=name,
        starts_at=starts_at,
        place=place,
        rounds=rounds,
        round_minutes=round_minutes,
        break_minutes=break_minutes,
        table_size=table_size,
    )
    audit.record(action="speed_event.create", actor=actor, network=programme.network, target=event)
    return event


def register(
    *, event: SpeedEvent, member: Member, role: str, themes: list[Any], by_staff: bool = False
) -> Registration:
    if member.network_id != event.network_id:
        raise DomainError(_("This member is not of the event's network."), code="tenancy")
    if role not in Registration.Role.values:
        raise DomainError(_("Choose mentor or mentee."), code="role")
    if role == Registration.Role.MENTOR and not (member.is_listed or by_staff):
        raise DomainError(
            _("Mentors are the listed mentors of the network, or registered by a manager."),
            code="not_mentor",
        )
    with transaction.atomic():
        event = SpeedEvent.objects.select_for_update().get(pk=event.pk)
        if event.status != EventStatus.OPEN:
            raise DomainError(_("Registrations are closed."), code="closed")
        try:
            with transaction.atomic():
                registration = Registration.objects.create(event=event, member=member, role=role)
        except IntegrityError as error:
            raise DomainError(_("Already registered."), code="again") from error
        registration.themes.set(themes)
    return registration


def unregister(*, event: SpeedEvent, member: Member) -> None:
    with transaction.atomic():
        event = SpeedEvent.objects.select_for_update().get(pk=event.pk)
        if event.status != EventStatus.OPEN:
            raise DomainError(_("Registrations are closed."), code="closed")
        Seat.objects.filter(event=event, mentee=member).delete()
        Seat.objects.filter(event=event, mentor=member).delete()
        Registration.objects.filter(event=event, member=member).delete()


def _move(event: SpeedEvent, to: str, actor: Any) -> SpeedEvent:
    event = SpeedEvent.objects.select_for_update().get(pk=event.pk)
    move(event, EVENT_MACHINE, to, actor=actor, network=event.network)
    return event


def lock_rotation(*, event: SpeedEvent, actor: Any) -> SpeedEvent:
    with transaction.atomic():
        if not Seat.objects.filter(event=event).exists():
            raise DomainError(_("Build the rotation first."), code="empty")
        event = _move(event, EventStatus.LOCKED, actor)
        for registration in Registration.objects.filter(event=event).select_related("member__user"):
            send_templated(
                to=registration.member.user,
                template="speed_schedule",
                context={"event": event, "person": registration.member},
                time_zone=registration.member.time_zone,
            )
    return event


def unlock_rotation(*, event: SpeedEvent, actor: Any) -> SpeedEvent:
    with transaction.atomic():
        return _move(event, EventStatus.OPEN, actor)


def met(event: SpeedEvent, member: Member) -> set[int]:
    """Whom ``member`` met (or will meet) at the event."""
    seats = Seat.objects.filter(event=event)
    return set(seats.filter(mentee=member).values_list("mentor_id", flat=True)) | set(
        seats.filter(mentor=member).values_list("mentee_id", flat=True)
    )


def set_ticks(*, event: SpeedEvent, member: Member, about: list[int]) -> list[Tick]:
    """``member``'s ticks, replaced by ``about`` (people they met)."""
    if event.status == EventStatus.OPEN or event.starts_at > timezone.now():
        raise DomainError(_("Ticks open once the evening has started."), code="early")
    if event.status == EventStatus.OVER:
        raise DomainError(_("The event is closed."), code="over")
    if not set(about) <= met(event, member):
        raise DomainError(_("Tick only people you met."), code="not_met")
    with transaction.atomic():
        Tick.objects.filter(event=event, author=member).delete()
        return Tick.objects.bulk_create(
            Tick(event=event, author=member, about_id=pk) for pk in sorted(set(about))
        )


def close_event(*, event: SpeedEvent, actor: Any) -> list[Introduction]:
    """Over: each mutual tick between a mentor and a mentee becomes an introduction."""
    with transaction.atomic():
        event = _move(event, EventStatus.OVER, actor)
        ticks = set(Tick.objects.filter(event=event).values_list("author_id", "about_id"))
        mentors = set(
            Registration.objects.filter(event=event, role="mentor").values_list(
                "member_id", flat=True
            )
        )
        introductions = [
            Introduction.objects.create(event=event, mentor_id=a, mentee_id=b)
            for a, b in sorted(ticks)
            if a in mentors and (b, a) in ticks
        ]
        for introduction in Introduction.objects.filter(event=event).select_related(
            "mentor__user", "mentee__user"
        ):
            for person, other in (
                (introduction.mentor, introduction.mentee),
                (introduction.mentee, introduction.mentor),
            ):
                send_templated(
                    to=person.user,
                    template="speed_introduction",
                    context={"event": event, "person": person, "other": other},
                )
    return introductions


def invite_past_mentors(*, event: SpeedEvent, actor: Any) -> int:
    """Email the mentors of the programme's earlier events who are not registered yet (schools
    recontact their mentors each year); returns how many were invited."""
    event = SpeedEvent.objects.get(pk=event.pk)
    if event.status != EventStatus.OPEN:
        raise DomainError(_("Registrations are closed."), code="closed")
    registered = Registration.objects.filter(event=event).values("member_id")
    past = (
        Member.objects.filter(
            pk__in=Registration.objects.filter(
                event__programme=event.programme, role=Registration.Role.MENTOR
            )
            .exclude(event=event)
            .values("member_id")
        )
        .exclude(pk__in=registered)
        .select_related("user")
    )
    count = 0
    with transaction.atomic():
        for mentor in past:
            send_templated(
                to=mentor.user,
                template="speed_mentor_invitation",
                context={"event": event, "person": mentor},
                time_zone=mentor.time_zone,
            )
            count += 1
        audit.record(
            action="speed_event.invite_past_mentors",
            actor=actor,
            network=event.network,
            target=event,
            count=count,
        )
    return count


def record_attendance(*, event: SpeedEvent, actor: Any, present: list[int]) -> int:
    """Who came: the manager ticks the registrants present; returns how many came."""
    with transaction.atomic():
        event = SpeedEvent.objects.select_for_update().get(pk=event.pk)
        if event.status == EventStatus.OPEN:
            raise DomainError(_("Lock the rotation before recording who came."), code="open")
        registrations = Registration.objects.select_for_update().filter(event=event)
        registrations.update(attended=False)
        came = registrations.filter(member_id__in=present).update(attended=True)
        audit.record(
            action="speed_event.attendance", actor=actor, network=event.network, target=event
        )
    return came
