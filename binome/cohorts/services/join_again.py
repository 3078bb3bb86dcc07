""" "Join again": when a cohort's mentors' window opens, the programme's past mentors are asked
by email (in their language) to apply again, with last time's answers prefilled.

Rules kept here:
- past mentors are members whose mentor application to an earlier cohort of the same programme
  was accepted or matched; those who already applied to this cohort are not asked;
- each is asked once per cohort (``JoinInvitation``), so the periodic job can run any number of
  times; only windows opened within ``RECENT_DAYS`` are considered (an old window does not send
  a wave of emails when this feature is deployed);
- the prefill takes the latest earlier application of the same role in the programme: its
  answers, its themes still offered, the formats this cohort offers, a capacity within this
  cohort's bound, and the answers to questions asked again in the same words.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from binome.cohorts.models import Application, Cohort, JoinInvitation, Role
from binome.cohorts.states import ApplicationStatus, CohortStatus
from binome.notifications.emails import send_templated

logger = logging.getLogger(__name__)
RECENT_DAYS = 14
PAST = (ApplicationStatus.ACCEPTED, ApplicationStatus.MATCHED)


def past_mentors(cohort: Cohort) -> dict[int, Application]:
    """member id → their latest accepted or matched mentor application to an earlier cohort."""
    rows = (
        Application.objects.filter(
            cohort__programme_id=cohort.programme_id,
            role=Role.MENTOR,
            status__in=PAST,
            member__user__is_active=True,
        )
        .exclude(cohort=cohort)
        .select_related("member__user", "cohort")
        .order_by("member_id", "-cohort__mentors_open_on", "-pk")
    )
    latest: dict[int, Application] = {}
    for application in rows:
        latest.setdefault(application.member_id, application)
    return latest


def invite_past_mentors(cohort: Cohort) -> int:
    """Ask the programme's past mentors to apply again (once each); how many were asked."""
    if cohort.status != CohortStatus.OPEN or not cohort.is_window_open(Role.MENTOR):
        return 0
    latest = past_mentors(cohort)
    applied = set(
        Application.objects.filter(cohort=cohort, role=Role.MENTOR).values_list(
            "member_id", flat=True
        )
    )
    asked = set(cohort.join_invitations.values_list("member_id", flat=True))
    sent = 0
    for member_id, previous in latest.items():
        if member_id in applied or member_id in asked:
            continue
        try:
            with transaction.atomic():
                JoinInvitation.objects.create(cohort=cohort, member_id=member_id, previous=previous)
                send_templated(
                    to=previous.member.user,
                    template="cohort_join_again",
                    context={"cohort": cohort, "previous": previous, "member": previous.member},
                )
        except IntegrityError:
            continue  # another worker asked them meanwhile
        sent += 1
    return sent


def invite_for_open_windows(*, today: datetime.date | None = None) -> int:
    """The periodic job: every open cohort whose mentors' window opened lately."""
    today = today or timezone.localdate()
    cohorts = Cohort.objects.filter(
        status=CohortStatus.OPEN,
        mentors_open_on__lte=today,
        mentors_open_on__gte=today - datetime.timedelta(days=RECENT_DAYS),
        mentors_close_on__gte=today,
        programme__is_active=True,
    ).select_related("programme", "network")
    return sum(invite_past_mentors(cohort) for cohort in cohorts)


def prefill(cohort: Cohort, member: Any, role: str) -> tuple[dict[str, Any], Application | None]:
    """Initial answers from the member's latest earlier application of ``role`` in the
    programme (empty when there is none)."""
    previous = (
        Application.objects.filter(
            cohort__programme_id=cohort.programme_id, member=member, role=role
        )
        .exclude(cohort=cohort)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("cohort")
        .order_by("-cohort__mentors_open_on", "-pk")
        .first()
    )
    if previous is None:
        return {}, None
    initial: dict[str, Any] = {
        "formats": [f for f in previous.formats if f in cohort.formats] or list(cohort.formats),
        "languages": previous.languages,
        "capacity": max(1, min(previous.capacity, cohort.max_capacity)),
        "text": previous.text,
        "availability": previous.availability,
        "target_sector": previous.target_sector,
        "target_function": previous.target_function,
        "target_country": previous.target_country,
        "target_city": previous.target_city,
        "themes": list(previous.themes.all()),
    }
    if previous.style in cohort.styles:
        initial["style"] = previous.style
    before = {
        (q.label_fr.strip(), q.kind, tuple(c.get("fr") for c in q.choices)): q.pk
        for q in previous.cohort.questions.filter(role=role)
    }
    for question in cohort.questions.filter(role=role):
        key = (
            question.label_fr.strip(),
            question.kind,
            tuple(c.get("fr") for c in question.choices),
        )
        old = before.get(key)
        if old is not None and str(old) in previous.answers:
            initial[f"q_{question.pk}"] = previous.answers[str(old)]
    return initial, previous
