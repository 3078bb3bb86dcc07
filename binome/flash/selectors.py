"""Reads of self-service: open programmes, a member's direct requests, suggested mentors."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from binome.core.access import Access
from binome.flash.models import DirectAsk
from binome.flash.services.direct import month_start
from binome.intake.models import MentoringRequest
from binome.intake.suggestions import Suggestion, suggest
from binome.members.models import DirectoryEntry, Member, MentorOffer
from binome.programmes.models import Programme

SHOWN = 6


def direct_programmes(access: Access) -> QuerySet[Programme]:
    return Programme.objects.for_network(access.network).filter(
        kind=Programme.Kind.ON_DEMAND, is_active=True, direct_policy__is_open=True
    )


def direct_request_for_mentee(access: Access, request_id: int) -> MentoringRequest:
    request = (
        MentoringRequest.objects.filter(
            network=access.network, pk=request_id, mentee=access.member, is_direct=True
        )
        .select_related("programme")
        .first()
    )
    if request is None:
        raise Http404
    return request


def direct_request_for_manager(access: Access, request_id: int) -> MentoringRequest:
    request = (
        MentoringRequest.objects.filter(network=access.network, pk=request_id, is_direct=True)
        .select_related("programme", "mentee")
        .first()
    )
    if request is None or not access.manages(request.programme):
        raise Http404
    return request


def askable_mentor(access: Access, member_id: int) -> Member:
    """A listed mentor of the network who takes direct requests, or 404."""
    mentor = (
        Member.objects.filter(
            network=access.network,
            pk=member_id,
            is_listed=True,
            mentor_offer__accepts_direct_requests=True,
        )
        .exclude(pk=access.member.pk)
        .first()
    )
    if mentor is None:
        raise Http404
    return mentor


def awaiting_approval(programme: Programme) -> QuerySet[DirectAsk]:
    return DirectAsk.objects.filter(
        request__programme=programme, request__status="submitted"
    ).select_related("request__mentee", "mentor")


def suggested_mentors(request: MentoringRequest) -> list[Suggestion]:
    """The engine's shortlist for the member's question, kept to mentors who take direct
    requests, have a free place and have not reached this month's limit."""
    found = suggest(request, exclude=set(), k=30)
    ids = [s.member.pk for s in found.proposals]
    direct = set(
        MentorOffer.objects.filter(member_id__in=ids, accepts_direct_requests=True).values_list(
            "member_id", flat=True
        )
    )
    free = set(
        DirectoryEntry.objects.filter(member_id__in=ids, has_free_capacity=True).values_list(
            "member_id", flat=True
        )
    )
    policy = getattr(request.programme, "direct_policy", None)
    limit = policy.per_mentor_per_month if policy is not None else 0
    received = dict(
        DirectAsk.objects.filter(mentor_id__in=ids, created_at__gte=month_start())
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
    )
    kept = [
        s
        for s in found.proposals
        if s.member.pk in direct
        and s.member.pk in free
        and s.member.pk != request.mentee_id
        and received.get(s.member.pk, 0) < limit
    ]
    return kept[:SHOWN]
