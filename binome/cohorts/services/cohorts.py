"""A manager's side of a cohort: its settings and windows, starting and reopening matching."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from binome.cohorts.models import Cohort
from binome.cohorts.services.transitions import locked, move_to
from binome.cohorts.states import COHORT_MACHINE, CohortStatus
from binome.core import audit
from binome.core.errors import DomainError
from binome.intake.models import Style
from binome.members.models import Format
from binome.members.services import MAX_CAPACITY
from binome.programmes.models import Programme

SETTINGS = (
    "name",
    "mentors_open_on",
    "mentors_close_on",
    "mentees_open_on",
    "mentees_close_on",
    "styles",
    "formats",
    "duration_months",
    "max_capacity",
)


def save_cohort(
    *, programme: Programme, actor: Any, data: dict[str, Any], cohort: Cohort | None = None
) -> Cohort:
    """Create a cohort of a cohort programme, or change its settings before it is published."""
    if programme.kind != Programme.Kind.COHORT:
        raise DomainError(_("Only a cohort programme has cohorts."), code="programme")
    _check(data)
    with transaction.atomic():
        if cohort is None:
            cohort = Cohort(network=programme.network, programme=programme)
        else:
            cohort = locked(cohort)
            if cohort.status == CohortStatus.PUBLISHED:
                raise DomainError(_("A published cohort cannot change."), code="published")
        for name in SETTINGS:
            setattr(cohort, name, data[name])
        cohort.save()
        audit.record(action="cohort.save", actor=actor, network=programme.network, target=cohort)
    return cohort


def _check(data: dict[str, Any]) -> None:
    if data["mentors_close_on"] < data["mentors_open_on"]:
        raise DomainError(_("The mentors' window closes before it opens."), code="window")
    if data["mentees_close_on"] < data["mentees_open_on"]:
        raise DomainError(_("The mentees' window closes before it opens."), code="window")
    if not data["styles"] or not set(data["styles"]) <= set(Style.values):
        raise DomainError(_("Offer at least one style of mentoring."), code="styles")
    if not data["formats"] or not set(data["formats"]) <= set(Format.values):
        raise DomainError(_("Choose at least one meeting format."), code="formats")
    if not 1 <= data["max_capacity"] <= MAX_CAPACITY:
        raise DomainError(
            _("A mentor takes between 1 and %(max)s mentees.") % {"max": MAX_CAPACITY},
            code="capacity",
        )
    if not 1 <= data["duration_months"] <= 36:
        raise DomainError(_("A cohort lasts between 1 and 36 months."), code="duration")


def start_matching(*, cohort: Cohort, actor: Any) -> Cohort:
    """Freeze the applications: members can no longer change or withdraw them."""
    with transaction.atomic():
        cohort = locked(cohort)
        move_to(cohort, COHORT_MACHINE, CohortStatus.MATCHING, actor=actor)
    return cohort


def reopen_applications(*, cohort: Cohort, actor: Any) -> Cohort:
    with transaction.atomic():
        cohort = locked(cohort)
        move_to(cohort, COHORT_MACHINE, CohortStatus.OPEN, actor=actor)
    return cohort
