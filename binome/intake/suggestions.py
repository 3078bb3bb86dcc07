"""Load the engine's inputs for one request in a few queries, call the engine, map ids back.

The engine (``binome_engine``) is a library of plain values: this module is the only place that
turns members, offers and requests into its dataclasses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from binome.intake.models import MentoringRequest, MentorInvitation
from binome.intake.states import InvitationStatus
from binome.members.models import Member, MentorOffer
from binome.mentorships.models import CAPACITY_STATUSES, Mentorship
from binome_engine import model as engine

CURRENT_YEAR = datetime.date.today().year


@dataclass(frozen=True)
class Suggestion:
    member: Member
    score: float
    reasons: list[dict[str, Any]]

    def reasons_data(self) -> list[dict[str, Any]]:
        return self.reasons


@dataclass(frozen=True)
class WhyNot:
    member: Member
    codes: list[str]


@dataclass(frozen=True)
class Suggestions:
    proposals: list[Suggestion] = field(default_factory=list)
    excluded: list[WhyNot] = field(default_factory=list)


def _years(member: Member) -> int:
    if member.years_of_experience is not None:
        return member.years_of_experience
    if member.class_year:
        return max(0, CURRENT_YEAR - member.class_year - 2)
    return 0


def mentor_profiles(network_id: int) -> list[engine.MentorProfile]:
    """Every listed mentor of a network, as the engine sees them (four queries)."""
    offers = (
        MentorOffer.objects.filter(network_id=network_id, member__is_listed=True)
        .select_related("member")
        .prefetch_related("themes", "member__positions")
    )
    taken = dict(
        Mentorship.objects.filter(network_id=network_id, status__in=CAPACITY_STATUSES)
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
    )
    answered = dict(
        MentorInvitation.objects.filter(mentor__network_id=network_id)
        .exclude(status=InvitationStatus.CANCELLED)
        .values_list("mentor_id")
        .annotate(rate=Count("pk", filter=Q(responded_at__isnull=False)) * 1.0 / Count("pk"))
    )
    today = timezone.localdate()
    profiles = []
    for offer in offers:
        member = offer.member
        profiles.append(
            engine.MentorProfile(
                id=member.pk,
                sector=member.sector,
                function=member.function,
                skills=frozenset(member.skills or []),
                languages=tuple(member.languages or ()),
                country=member.country,
                years_experience=_years(member),
                class_year=member.class_year,
                employer=member.employer,
                themes=frozenset(t.code for t in offer.themes.all()),
                formats=frozenset(engine.Format(f) for f in offer.formats or []),
                capacity=max(0, offer.capacity - taken.get(member.pk, 0)),
                is_paused=offer.paused_until is not None and offer.paused_until >= today,
                responsiveness=float(answered.get(member.pk, 1.0)),
                bio=member.bio,
                past_positions=" ".join(p.title for p in member.positions.all()),
            )
        )
    return profiles


def mentee_request(request: MentoringRequest) -> engine.MenteeRequest:
    mentee = request.mentee
    return engine.MenteeRequest(
        id=request.pk,
        member_id=mentee.pk,
        sector=mentee.sector,
        function=mentee.function,
        skills=frozenset(mentee.skills or []),
        languages=tuple(request.languages or mentee.languages or ("fr",)),
        country=mentee.country,
        years_experience=_years(mentee),
        class_year=mentee.class_year,
        employer=mentee.employer,
        themes=frozenset(t.code for t in request.themes.all()),
        style=engine.Style(request.style),
        formats=frozenset(engine.Format(f) for f in request.formats or []) or engine.ALL_FORMATS,
        text=request.question,
    )


def programme_settings(request: MentoringRequest) -> engine.ProgrammeSettings:
    """Rules for this request: mentors who already declined it, and past pairs, are left out."""
    refused = MentorInvitation.objects.filter(request=request).exclude(
        status=InvitationStatus.PENDING
    )
    past = Mentorship.objects.filter(mentee=request.mentee).values_list("mentor_id", flat=True)
    return engine.ProgrammeSettings(
        forbidden=frozenset(
            (request.pk, mentor_id) for mentor_id in refused.values_list("mentor_id", flat=True)
        ),
        past_pairs=frozenset((mentor_id, request.mentee_id) for mentor_id in past),
    )


def _reason_data(reason: engine.Reason) -> dict[str, Any]:
    evidence = {
        key: list(value) if isinstance(value, tuple) else value for key, value in reason.evidence
    }
    return {"code": reason.code, "points": round(reason.points, 2), "evidence": evidence}


def suggest(request: MentoringRequest, *, exclude: set[int], k: int = 6) -> Suggestions:
    """The engine's shortlist for a request, minus the mentors already on the manager's list."""
    from binome_engine.index import MentorIndex
    from binome_engine.shortlist import shortlist

    index = MentorIndex(mentor_profiles(request.network_id))
    result = shortlist(
        index,
        mentee_request(request),
        programme_settings(request),
        k=k + len(exclude),
        excluded=8,
    )
    ids = {int(p.mentor_id) for p in result.proposals} | {int(e.mentor_id) for e in result.excluded}
    members = {m.pk: m for m in Member.objects.filter(pk__in=ids)}
    proposals = [
        Suggestion(members[int(p.mentor_id)], p.score, [_reason_data(r) for r in p.reasons])
        for p in result.proposals
        if int(p.mentor_id) not in exclude and int(p.mentor_id) in members
    ][:k]
    excluded = [
        WhyNot(members[int(e.mentor_id)], list(e.codes))
        for e in result.excluded
        if int(e.mentor_id) in members and int(e.mentor_id) != request.mentee_id
    ]
    return Suggestions(proposals, excluded)


def explain(request: MentoringRequest, mentor: Member) -> Suggestion | None:
    """The engine's score and reasons for one mentor the manager picked (None if not indexed)."""
    from binome_engine.index import MentorIndex
    from binome_engine.shortlist import why_not

    index = MentorIndex(mentor_profiles(request.network_id))
    answer = why_not(index, mentee_request(request), mentor.pk, programme_settings(request))
    if "unknown_mentor" in answer.codes:
        return None
    return Suggestion(mentor, answer.score, [_reason_data(r) for r in answer.reasons])
