"""Reads on pairs. Staff reads return metadata only — never objectives, summaries, notes or
action items; the pair's own page reads those for its two members."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from binome.core.access import Access
from binome.mentorships.models import Mentorship
from binome.mentorships.states import (
    CAPACITY_STATUSES,
    LIVE_STATUSES,
    MeetingStatus,
    MentorshipStatus,
)
from binome.programmes.models import Programme

NOT_STARTED_AFTER = datetime.timedelta(days=14)


def pair_for_member(access: Access, pair_id: int) -> Mentorship:
    pair = (
        Mentorship.objects.filter(network=access.network, pk=pair_id)
        .filter(Q(mentor=access.member) | Q(mentee=access.member))
        .select_related("programme", "mentor__user", "mentee__user")
        .first()
    )
    if pair is None:
        raise Http404
    return pair


def pairs_of_member(access: Access) -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.filter(network=access.network)
        .filter(Q(mentor=access.member) | Q(mentee=access.member))
        .select_related("programme", "mentor", "mentee")
    )


@dataclass(frozen=True)
class PairOverview:
    """What a manager may know of a pair: dates, counts, statuses, flags."""

    pair: Mentorship
    signatures: int
    held: int
    recommended: int
    last_meeting: datetime.datetime | None
    open_flags: list[str]
    needs_attention: list[str]


def pairs_for_staff(access: Access, programme: Programme) -> list[PairOverview]:
    if not access.manages(programme):
        raise Http404
    return _overviews(programme, Mentorship.objects.filter(programme=programme))


def pair_overview(access: Access, pair: Mentorship) -> PairOverview:
    """One pair's row of ``pairs_for_staff``, without building the programme's every row."""
    if not access.manages(pair.programme):
        raise Http404
    return _overviews(pair.programme, Mentorship.objects.filter(pk=pair.pk))[0]


def _overviews(programme: Programme, pairs: QuerySet[Mentorship]) -> list[PairOverview]:
    now = timezone.now()
    annotated = (
        pairs.select_related("mentor", "mentee", "programme")
        .annotate(
            n_signatures=Count("signatures", distinct=True),
            n_held=Count("meetings", filter=Q(meetings__status=MeetingStatus.HELD), distinct=True),
            last_meeting=Max("meetings__starts_at", filter=Q(meetings__status=MeetingStatus.HELD)),
        )
        .prefetch_related("flags")
        .order_by("status", "-created_at")
    )
    rows = []
    for pair in annotated:
        flags = [f.get_kind_display() for f in pair.flags.all() if f.resolved_at is None]
        rows.append(
            PairOverview(
                pair=pair,
                signatures=pair.n_signatures,
                held=pair.n_held,
                recommended=programme.recommended_meetings,
                last_meeting=pair.last_meeting,
                open_flags=[str(f) for f in flags],
                needs_attention=_attention(pair, now),
            )
        )
    return rows


def _attention(pair: Mentorship, now: datetime.datetime) -> list[str]:
    reasons = []
    if (
        pair.status == MentorshipStatus.AWAITING_CHARTER
        and now - pair.created_at > NOT_STARTED_AFTER
    ):
        reasons.append("not_started")
    last = pair.last_meeting or pair.started_at  # type: ignore[attr-defined]
    silent_after = datetime.timedelta(weeks=pair.programme.silence_weeks)
    if pair.status == MentorshipStatus.ACTIVE and last and now - last > silent_after:
        reasons.append("silent")
    if any(f.resolved_at is None for f in pair.flags.all()):
        reasons.append("flagged")
    return reasons


def pair_for_staff(access: Access, pair_id: int) -> Mentorship:
    pair = (
        Mentorship.objects.filter(network=access.network, pk=pair_id)
        .select_related("programme", "mentor", "mentee")
        .first()
    )
    if pair is None or not access.manages(pair.programme):
        raise Http404
    return pair


def live_pairs_count(programme: Programme) -> int:
    return Mentorship.objects.filter(programme=programme, status__in=LIVE_STATUSES).count()


def active_mentee_count(mentor_id: int) -> int:
    """Pairs that take a place in the mentor's capacity (also paused and awaiting the charter)."""
    return Mentorship.objects.filter(mentor_id=mentor_id, status__in=CAPACITY_STATUSES).count()
