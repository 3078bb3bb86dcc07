"""Reads of the on-demand flow, always from one network and checked against the viewer."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from binome.core import audit
from binome.core.access import Access
from binome.intake.models import (
    IntakeInterview,
    MentoringRequest,
    MentorInvitation,
    ShortlistEntry,
)
from binome.intake.states import OPEN_STATUSES, WAITING_ON, InvitationStatus, RequestStatus
from binome.programmes.models import Programme


def request_for_manager(access: Access, request_id: int) -> MentoringRequest:
    request = (
        MentoringRequest.objects.filter(network=access.network, pk=request_id)
        .select_related("programme", "mentee__user", "manager")
        .first()
    )
    if request is None or not access.manages(request.programme):
        raise Http404
    return request


def request_for_mentee(access: Access, request_id: int) -> MentoringRequest:
    request = (
        MentoringRequest.objects.filter(network=access.network, pk=request_id, mentee=access.member)
        .select_related("programme", "manager")
        .first()
    )
    if request is None:
        raise Http404
    return request


def invitation_for_mentor(access: Access, invitation_id: int) -> MentorInvitation:
    invitation = (
        MentorInvitation.objects.filter(
            pk=invitation_id, mentor=access.member, request__network=access.network
        )
        .select_related("request__programme", "request__mentee", "invited_by")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def can_read_intake_notes(request: MentoringRequest, access: Access) -> bool:
    """Intake notes are for the managers of the request's programme — not every network admin."""
    return request.programme_id in access.managed_programme_ids()


def read_intake_notes(request: MentoringRequest, access: Access) -> IntakeInterview | None:
    """The interview with its confidential notes, for the programme's managers; audited."""
    if not can_read_intake_notes(request, access):
        raise Http404
    interview = IntakeInterview.objects.filter(request=request).first()
    if interview is not None and interview.notes:
        audit.record(
            action="intake.notes.read",
            actor=access.member.user,
            network=access.network,
            target=interview,
        )
    return interview


def waiting_on(request: MentoringRequest) -> str:
    """Who the request waits for: "manager", "mentee", "mentor" or "" when closed.

    Requests from ``with_waiting_on`` carry the answer's one fact (has the mentee ranked?), so a
    list costs no query per row.
    """
    if request.status == RequestStatus.AWAITING_CHOICE:
        ranked = getattr(request, "mentee_has_ranked", None)
        if ranked is None:
            ranked = request.shortlist.filter(mentee_rank__isnull=False).exists()
        if ranked:
            return "manager"
    return WAITING_ON.get(request.status, "")


def with_waiting_on(requests: QuerySet[MentoringRequest]) -> QuerySet[MentoringRequest]:
    """``requests`` annotated for ``waiting_on`` (one subquery instead of a query per row)."""
    ranked = ShortlistEntry.objects.filter(request=OuterRef("pk"), mentee_rank__isnull=False)
    return requests.annotate(mentee_has_ranked=Exists(ranked))


def programme_requests(programme: Programme) -> QuerySet[MentoringRequest]:
    return with_waiting_on(
        MentoringRequest.objects.filter(programme=programme)
        .exclude(status=RequestStatus.DRAFT)
        .select_related("mentee", "manager")
        .order_by("status_changed_at")
    )


@dataclass(frozen=True)
class MentorResponsiveness:
    name: str
    invited: int
    answered: int
    expired: int
    median_hours: float | None

    @property
    def response_rate(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int]
    open_requests: list[MentoringRequest]
    expiring: list[MentorInvitation]
    slow_mentors: list[MentorResponsiveness]


def dashboard(programme: Programme, *, now: datetime.datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    counts = dict(
        MentoringRequest.objects.filter(programme=programme)
        .exclude(status=RequestStatus.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    open_requests = list(programme_requests(programme).filter(status__in=OPEN_STATUSES))
    expiring = list(
        MentorInvitation.objects.filter(
            request__programme=programme,
            status=InvitationStatus.PENDING,
            expires_at__lte=now + datetime.timedelta(days=2),
        ).select_related("mentor", "request__mentee")
    )
    return Dashboard(counts, open_requests, expiring, mentor_responsiveness(programme))


def mentor_responsiveness(programme: Programme) -> list[MentorResponsiveness]:
    """Per mentor invited in the network: response rate and median time, least responsive first."""
    rows = (
        MentorInvitation.objects.filter(request__network=programme.network)
        .exclude(status=InvitationStatus.CANCELLED)
        .select_related("mentor")
    )
    per_mentor: dict[int, list[MentorInvitation]] = {}
    for invitation in rows:
        per_mentor.setdefault(invitation.mentor_id, []).append(invitation)
    result = []
    for invitations in per_mentor.values():
        answered = [i for i in invitations if i.responded_at is not None]
        hours = [(i.responded_at - i.sent_at).total_seconds() / 3600 for i in answered]  # type: ignore[operator]
        result.append(
            MentorResponsiveness(
                name=invitations[0].mentor.full_name,
                invited=len(invitations),
                answered=len(answered),
                expired=sum(1 for i in invitations if i.status == InvitationStatus.EXPIRED),
                median_hours=round(statistics.median(hours), 1) if hours else None,
            )
        )
    return sorted(result, key=lambda r: (r.response_rate, -r.invited))[:20]


def record_sensitive_read(request: MentoringRequest, access: Access) -> None:
    """Opening a request whose situation touches health or well-being leaves an audit row."""
    if request.is_sensitive:
        audit.record(
            action="request.sensitive.read",
            actor=access.member.user,
            network=access.network,
            target=request,
        )


def home_items(access: Access) -> tuple[list[MentoringRequest], list[MentorInvitation]]:
    """The member's open requests and the invitations waiting for their answer."""
    requests = list(
        MentoringRequest.objects.filter(
            mentee=access.member, status__in=OPEN_STATUSES | {RequestStatus.DRAFT}
        ).select_related("programme")
    )
    invitations = list(
        MentorInvitation.objects.filter(
            mentor=access.member, status=InvitationStatus.PENDING
        ).select_related("request__programme")
    )
    return requests, invitations
