"""Re-matching one mentee during the year: the engine proposes mentors of the cohort against
the places they have left; the manager picks one; a live pair of the mentee's in the cohort is
ended first (as the on-demand flow's re-match does), then the new pair is created under the
mentor's capacity lock and introduced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from binome.cohorts import matching
from binome.cohorts.models import Application, Cohort, CohortPair, Role
from binome.cohorts.services.transitions import locked, move_to
from binome.cohorts.states import APPLICATION_MACHINE, ApplicationStatus, CohortStatus
from binome.core import audit
from binome.core.errors import DomainError
from binome.intake.suggestions import reason_data
from binome.members.models import Member
from binome.mentorships.models import CAPACITY_STATUSES
from binome.mentorships.services import create_mentorship
from binome.mentorships.services.lifecycle import end_for_rematch

A = ApplicationStatus
MENTOR_STATUSES = (A.ACCEPTED, A.MATCHED)
REMATCHABLE = (A.MATCHED, A.WAITLISTED)


@dataclass(frozen=True)
class Option:
    mentor: Application
    score: float
    reasons: list[dict[str, Any]]
    places_left: int


def places_taken(cohort: Cohort) -> dict[int, int]:
    """Live pairs of the cohort per mentor application."""
    rows = (
        CohortPair.objects.filter(cohort=cohort, mentorship__status__in=CAPACITY_STATUSES)
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def rematch_options(*, cohort: Cohort, mentee: Application, k: int = 5) -> list[Option]:
    """The engine's best mentors for this mentee alone, with places left, with reasons."""
    from binome_engine.index import MentorIndex
    from binome_engine.shortlist import shortlist

    taken = places_taken(cohort)
    inputs = matching.load_inputs(
        cohort,
        pins=[],
        forbidden=[],
        mentee_ids=[mentee.pk],
        mentor_statuses=MENTOR_STATUSES,
        taken=taken,
    )
    mentors = [m for m in inputs.mentors if m.capacity > 0]
    if not mentors or not inputs.requests:
        return []
    # excluded=1, not 0: the engine's shortlist fails on 0 when a mentor is left out (its
    # _best partitions at len(rows)); the exclusion is not shown here.
    result = shortlist(MentorIndex(mentors), inputs.requests[0], inputs.settings, k=k, excluded=1)
    by_member = {
        a.member_id: a
        for a in Application.objects.filter(
            cohort=cohort, role=Role.MENTOR, status__in=MENTOR_STATUSES
        ).select_related("member")
    }
    options = []
    for proposal in sorted(result.proposals, key=lambda p: -p.score):
        application = by_member[int(proposal.mentor_id)]
        options.append(
            Option(
                mentor=application,
                score=proposal.score,
                reasons=[reason_data(r) for r in proposal.reasons],
                places_left=application.capacity - taken.get(application.pk, 0),
            )
        )
    return options


def rematch_mentee(
    *, cohort: Cohort, manager: Member, mentee: Application, mentor: Application
) -> CohortPair:
    if mentee.cohort_id != cohort.pk or mentee.role != Role.MENTEE:
        raise DomainError(_("Unknown mentee."), code="mentee")
    if mentor.cohort_id != cohort.pk or mentor.role != Role.MENTOR:
        raise DomainError(_("Unknown mentor."), code="mentor")
    with transaction.atomic():
        cohort = locked(cohort)
        if cohort.status != CohortStatus.PUBLISHED:
            raise DomainError(_("Re-matching comes after publication."), code="not_published")
        mentee, mentor = locked(mentee), locked(mentor)
        if mentee.status not in REMATCHABLE:
            raise DomainError(_("This mentee cannot be re-matched."), code="mentee_status")
        if mentor.status not in MENTOR_STATUSES:
            raise DomainError(_("This mentor is not part of the cohort."), code="mentor_status")
        if places_taken(cohort).get(mentor.pk, 0) >= mentor.capacity:
            raise DomainError(
                _("%(name)s has no place left in this cohort.") % {"name": mentor.member.full_name},
                code="capacity",
            )
        live = CohortPair.objects.filter(
            cohort=cohort, mentee=mentee, mentorship__status__in=CAPACITY_STATUSES
        ).select_related("mentorship")
        for old in live:
            end_for_rematch(mentorship=old.mentorship, manager=manager)
        mentorship = create_mentorship(
            programme=cohort.programme,
            mentor=mentor.member,
            mentee=mentee.member,
            actor=manager.user,
        )
        pair = CohortPair.objects.create(
            cohort=cohort, mentee=mentee, mentor=mentor, mentorship=mentorship
        )
        for application in (mentee, mentor):
            if application.status != A.MATCHED:
                move_to(application, APPLICATION_MACHINE, A.MATCHED, actor=manager.user)
        audit.record(
            action="cohort.rematch", actor=manager.user, network=cohort.network, target=pair
        )
    return pair
