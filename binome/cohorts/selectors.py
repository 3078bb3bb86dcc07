"""Reads of cohorts, always from one network and checked against the viewer."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from binome.cohorts.models import Application, Cohort, Role
from binome.cohorts.states import CohortStatus
from binome.core.access import Access
from binome.programmes.models import Programme


def cohort_programme(access: Access, programme_id: int) -> Programme:
    programme = Programme.objects.for_network(access.network).filter(pk=programme_id).first()
    if (
        programme is None
        or programme.kind != Programme.Kind.COHORT
        or not access.manages(programme)
    ):
        raise Http404
    return programme


def cohort_for_manager(access: Access, cohort_id: int) -> Cohort:
    cohort = (
        Cohort.objects.filter(network=access.network, pk=cohort_id)
        .select_related("programme")
        .first()
    )
    if cohort is None or not access.manages(cohort.programme):
        raise Http404
    return cohort


def cohort_for_member(access: Access, cohort_id: int) -> Cohort:
    cohort = (
        Cohort.objects.filter(network=access.network, pk=cohort_id, programme__is_active=True)
        .select_related("programme")
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def application_for_manager(access: Access, cohort: Cohort, application_id: int) -> Application:
    application = (
        Application.objects.filter(cohort=cohort, pk=application_id)
        .select_related("member__user", "screened_by")
        .first()
    )
    if application is None:
        raise Http404
    return application


def application_for_member(access: Access, application_id: int) -> Application:
    application = (
        Application.objects.filter(network=access.network, pk=application_id, member=access.member)
        .select_related("cohort__programme")
        .first()
    )
    if application is None:
        raise Http404
    return application


def open_cohorts(access: Access) -> list[Cohort]:
    """Cohorts of the network whose mentors' or mentees' window is open today."""
    today = timezone.localdate()
    cohorts = Cohort.objects.filter(
        network=access.network, status=CohortStatus.OPEN, programme__is_active=True
    ).select_related("programme")
    return [
        c
        for c in cohorts
        if c.is_window_open(Role.MENTOR, today=today) or c.is_window_open(Role.MENTEE, today=today)
    ]


def applications_of(cohort: Cohort, *, role: str = "", status: str = "") -> QuerySet[Application]:
    rows = Application.objects.filter(cohort=cohort).select_related("member")
    if role:
        rows = rows.filter(role=role)
    if status:
        rows = rows.filter(status=status)
    return rows.prefetch_related("themes").order_by("role", "created_at", "pk")


def counts(cohort: Cohort) -> dict[tuple[str, str], int]:
    """Applications per (role, status), in one query."""
    rows = Application.objects.filter(cohort=cohort).values_list("role", "status")
    return dict(Counter(rows))
