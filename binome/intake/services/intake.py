"""A manager's intake: take the request, hold the interview, decide go / refer / decline."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.intake.models import IntakeInterview, MentoringRequest
from binome.intake.services.transitions import locked_request, move_request
from binome.intake.states import RequestStatus
from binome.members.models import Member
from binome.notifications.emails import send_templated

Decision = IntakeInterview.Decision


def take_request(*, request: MentoringRequest, manager: Member) -> MentoringRequest:
    """The manager becomes the request's contact; the intake starts."""
    with transaction.atomic():
        request = locked_request(request)
        move_request(request, RequestStatus.IN_INTAKE, actor=manager.user)
        request.manager = manager
        request.save(update_fields=["manager"])
        IntakeInterview.objects.get_or_create(request=request)
    return request


def schedule_interview(
    *,
    request: MentoringRequest,
    manager: Member,
    scheduled_at: datetime.datetime,
    duration_minutes: int,
    participants: list[Member],
) -> IntakeInterview:
    if any(p.network_id != request.network_id for p in participants):
        raise DomainError(_("Unknown participant."), code="tenancy")
    with transaction.atomic():
        request = locked_request(request)
        if request.status != RequestStatus.IN_INTAKE:
            raise DomainError(_("Take the request before scheduling the interview."), code="state")
        interview, _created = IntakeInterview.objects.get_or_create(request=request)
        if interview.scheduled_at is not None:
            interview.calendar_sequence += 1
        interview.scheduled_at = scheduled_at
        interview.duration_minutes = duration_minutes
        interview.save()
        interview.participants.set({manager, *participants})
        mentee = request.mentee
        send_templated(
            to=mentee.user,
            template="intake_scheduled",
            context={"request": request, "interview": interview},
            time_zone=mentee.time_zone,
            calendar=_interview_ics(interview, language=mentee.user.language),
        )
    return interview


def save_intake_notes(*, request: MentoringRequest, manager: Member, notes: str) -> IntakeInterview:
    with transaction.atomic():
        interview, _created = IntakeInterview.objects.select_for_update().get_or_create(
            request=request
        )
        interview.notes = notes
        interview.save(update_fields=["notes"])
        audit.record(
            action="intake.notes.write",
            actor=manager.user,
            network=request.network,
            target=interview,
        )
    return interview


def decide(
    *,
    request: MentoringRequest,
    manager: Member,
    decision: str,
    referral: str = "",
    message: str = "",
) -> MentoringRequest:
    """Close the intake: go (build a shortlist), refer (with a message), or decline (with why)."""
    targets: dict[str, str] = {
        Decision.GO: RequestStatus.SHORTLISTING,
        Decision.REFER: RequestStatus.REFERRED,
        Decision.DECLINE: RequestStatus.DECLINED,
    }
    if decision not in targets:
        raise DomainError(_("Choose a decision."), code="decision")
    if decision == Decision.REFER and referral not in IntakeInterview.Referral.values:
        raise DomainError(_("Say to whom the member is referred."), code="referral")
    if decision != Decision.GO and not message.strip():
        raise DomainError(
            _("Write a message to the member explaining the decision."), code="message"
        )
    with transaction.atomic():
        request = locked_request(request)
        move_request(request, targets[decision], actor=manager.user, reason=message)
        interview, _created = IntakeInterview.objects.get_or_create(request=request)
        interview.decision = decision
        interview.referral = referral if decision == Decision.REFER else ""
        interview.message_to_member = message
        interview.decided_at = timezone.now()
        interview.save()
        send_templated(
            to=request.mentee.user,
            template=f"intake_{decision}",
            context={"request": request, "interview": interview},
        )
    return request


def _interview_ics(interview: IntakeInterview, *, language: str) -> str:
    from django.conf import settings
    from django.utils import translation

    from binome.core.ics import Attendee, CalendarEvent, event_ics

    if interview.scheduled_at is None:
        return ""  # nothing to put in a calendar yet
    with translation.override(language):
        title = _("Intake interview — %(programme)s") % {
            "programme": interview.request.programme.name
        }
    return event_ics(
        CalendarEvent(
            uid=f"intake-{interview.pk}",
            sequence=interview.calendar_sequence,
            starts_at=interview.scheduled_at,
            minutes=interview.duration_minutes,
            title=title,
            time_zone=interview.request.mentee.time_zone,
            organizer=settings.DEFAULT_FROM_EMAIL,
            attendees=tuple(
                Attendee(name=person.full_name, email=person.user.email)
                for person in (interview.request.mentee, *interview.participants.all())
            ),
        )
    )
