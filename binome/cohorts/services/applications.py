"""Applications: a member applies, edits or withdraws while the cohort is open; a manager
screens (accept, waitlist, refuse with a reason sent to the person through the outbox)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.cohorts.models import Application, Cohort, Role
from binome.cohorts.services.questions import checked_answers
from binome.cohorts.services.transitions import locked, move_to
from binome.cohorts.states import (
    APPLICATION_MACHINE,
    EDITABLE_STATUSES,
    SCREENING_DECISIONS,
    ApplicationStatus,
    CohortStatus,
)
from binome.core import audit
from binome.core.errors import DomainError
from binome.members import taxonomy
from binome.members.models import Member, MentorOffer
from binome.notifications.emails import send_templated

# What the member answers; the rest is the managers' (status, screening).
ANSWERS = (
    "style",
    "formats",
    "languages",
    "target_sector",
    "target_function",
    "target_country",
    "target_city",
    "capacity",
    "text",
    "availability",
)


def save_application(
    *,
    cohort: Cohort,
    member: Member,
    role: str,
    data: dict[str, Any],
    themes: list[Any],
) -> Application:
    """Apply, change one's answers, or apply again after a withdrawal."""
    _check(cohort, member, role, data, themes)
    with transaction.atomic():
        cohort = locked(cohort)
        application = (
            Application.objects.select_for_update()
            .filter(cohort=cohort, member=member, role=role)
            .first()
        )
        is_new = application is None or application.status == ApplicationStatus.WITHDRAWN
        if is_new and not cohort.is_window_open(role):
            raise DomainError(_("Applications for this role are closed."), code="window")
        if (
            application is not None
            and not is_new
            and (cohort.status != CohortStatus.OPEN or application.status not in EDITABLE_STATUSES)
        ):
            raise DomainError(_("This application can no longer be changed."), code="frozen")
        if application is None:
            application = Application(
                network=cohort.network, cohort=cohort, member=member, role=role
            )
        for name in ANSWERS:
            setattr(application, name, data.get(name, getattr(application, name)))
        # The questionnaire's answers, when the form sent them (a prefilled application made
        # elsewhere, from a flash exchange, leaves them for the member to give later).
        if "answers" in data:
            application.answers = checked_answers(cohort, role, data["answers"] or {})
        if role == Role.MENTEE:
            application.capacity = 1
        try:
            with transaction.atomic():  # a savepoint: a double submit meets the constraint
                application.save()
        except IntegrityError as error:
            raise DomainError(_("You have already applied."), code="duplicate") from error
        application.themes.set(themes)
        if application.status == ApplicationStatus.WITHDRAWN:
            move_to(
                application, APPLICATION_MACHINE, ApplicationStatus.SUBMITTED, actor=member.user
            )
        audit.record(
            action="application.save", actor=member.user, network=cohort.network, target=application
        )
    return application


def withdraw_application(*, application: Application, actor: Any, reason: str = "") -> Application:
    with transaction.atomic():
        cohort = locked(application.cohort)
        application = locked(application)
        if cohort.status != CohortStatus.OPEN or application.status not in EDITABLE_STATUSES:
            raise DomainError(_("This application can no longer be withdrawn."), code="frozen")
        move_to(
            application,
            APPLICATION_MACHINE,
            ApplicationStatus.WITHDRAWN,
            actor=actor,
            reason=reason,
        )
    return application


def screen_application(
    *, application: Application, manager: Member, decision: str, reason: str = ""
) -> Application:
    """Accept, waitlist or refuse; the person is told in their language (with the reason)."""
    if decision not in SCREENING_DECISIONS:
        raise DomainError(_("Choose a decision."), code="decision")
    reason = reason.strip()
    if decision == ApplicationStatus.REFUSED and not reason:
        raise DomainError(_("Say why: the reason is sent to the person."), code="reason")
    with transaction.atomic():
        cohort = locked(application.cohort)
        application = locked(application)
        if cohort.status == CohortStatus.PUBLISHED:
            raise DomainError(_("This cohort is published."), code="published")
        if application.status == decision:
            raise DomainError(_("This is already the decision."), code="same")
        move_to(application, APPLICATION_MACHINE, decision, actor=manager.user, reason=reason)
        application.screening_reason = reason
        application.screened_by = manager
        application.screened_at = timezone.now()
        application.save(update_fields=["screening_reason", "screened_by", "screened_at"])
        send_templated(
            to=application.member.user,
            template="cohort_screened",
            context={"application": application, "cohort": cohort, "reason": reason},
        )
    return application


def _check(
    cohort: Cohort, member: Member, role: str, data: dict[str, Any], themes: list[Any]
) -> None:
    if cohort.network_id != member.network_id:
        raise DomainError(_("This cohort does not take applications."), code="cohort")
    if role not in Role.values:
        raise DomainError(_("Unknown role."), code="role")
    if any(theme.network_id != member.network_id for theme in themes):
        raise DomainError(_("Unknown theme."), code="theme")
    formats = set(data.get("formats") or [])
    if not formats or not formats <= set(cohort.formats):
        raise DomainError(_("Choose meeting formats this cohort offers."), code="formats")
    languages = set(data.get("languages") or [])
    if not languages or not languages <= taxonomy.LANGUAGE_CODES:
        raise DomainError(_("Choose the languages you can speak."), code="languages")
    if not (data.get("text") or "").strip():
        raise DomainError(_("Write a few sentences in your own words."), code="text")
    if role == Role.MENTOR:
        offer = MentorOffer.objects.filter(member=member).first()
        if offer is None or not offer.is_active:
            raise DomainError(
                _("Offer to mentor first (your mentoring offer records your consent)."),
                code="not_mentor",
            )
        if not 1 <= int(data.get("capacity") or 0) <= cohort.max_capacity:
            raise DomainError(
                _("You can take from 1 to %(max)s mentees in this cohort.")
                % {"max": cohort.max_capacity},
                code="capacity",
            )
        return
    if data.get("style") not in cohort.styles:
        raise DomainError(_("Choose a style this cohort offers."), code="style")
    for name, codes in (
        ("target_sector", taxonomy.SECTOR_CODES),
        ("target_function", taxonomy.FUNCTION_CODES),
        ("target_country", taxonomy.COUNTRY_CODES),
    ):
        if data.get(name) and data[name] not in codes:
            raise DomainError(_("Unknown value in where you want to go."), code=name)
