"""A member's side of a request: draft, submit, withdraw."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.intake.models import SENSITIVE_SITUATIONS, MentoringRequest, Situation, Style
from binome.intake.services.transitions import locked_request, move_request
from binome.intake.states import OPEN_STATUSES, RequestStatus
from binome.members import taxonomy
from binome.members.models import Format, Member
from binome.notifications.emails import send_templated
from binome.programmes.models import Programme, StaffRole

EDITABLE = (
    "situation",
    "question",
    "style",
    "formats",
    "languages",
    "availability",
    "target_sector",
    "target_function",
    "target_country",
    "target_city",
    "target_organisation",
)


def save_draft(
    *,
    mentee: Member,
    programme: Programme,
    data: dict[str, Any],
    themes: list[Any],
    sensitive_consent: bool,
    request: MentoringRequest | None = None,
) -> MentoringRequest:
    """Create or update a draft; nothing is sent to anyone."""
    _check(mentee, programme, data, themes, sensitive_consent)
    with transaction.atomic():
        if request is None:
            request = MentoringRequest(network=mentee.network, programme=programme, mentee=mentee)
        elif locked_request(request).status != RequestStatus.DRAFT:
            raise DomainError(_("Only a draft can be edited."), code="not_draft")
        for name in EDITABLE:
            setattr(request, name, data.get(name, getattr(request, name)))
        request.sensitive_consent_at = (
            (request.sensitive_consent_at or timezone.now())
            if data.get("situation") in SENSITIVE_SITUATIONS
            else None
        )
        request.save()
        request.themes.set(themes)
    return request


def submit_request(*, request: MentoringRequest, actor: Any) -> MentoringRequest:
    with transaction.atomic():
        request = locked_request(request)
        if MentoringRequest.objects.filter(
            mentee=request.mentee, programme=request.programme, status__in=OPEN_STATUSES
        ).exists():
            raise DomainError(
                _("You already have an open request in this programme."), code="already_open"
            )
        if request.situation in SENSITIVE_SITUATIONS and request.sensitive_consent_at is None:
            raise DomainError(_("Your consent is needed for this situation."), code="consent")
        try:
            with transaction.atomic():  # a savepoint: the constraint's refusal is recoverable
                move_request(request, RequestStatus.SUBMITTED, actor=actor)
        except IntegrityError as error:
            raise DomainError(
                _("You already have an open request in this programme."), code="already_open"
            ) from error
        request.submitted_at = timezone.now()
        request.save(update_fields=["submitted_at"])
        for manager in _managers(request.programme):
            send_templated(
                to=manager.user, template="request_submitted", context={"request": request}
            )
    return request


def withdraw_request(
    *, request: MentoringRequest, actor: Any, reason: str = ""
) -> MentoringRequest:
    from binome.intake.services.invitations import cancel_pending_invitation

    with transaction.atomic():
        request = locked_request(request)
        cancel_pending_invitation(request=request)
        move_request(request, RequestStatus.WITHDRAWN, actor=actor, reason=reason)
        audit.record(
            action="request.withdraw", actor=actor, network=request.network, target=request
        )
    return request


def _managers(programme: Programme) -> list[Member]:
    roles = StaffRole.objects.filter(programme=programme).select_related("member__user")
    return [role.member for role in roles]


def _check(
    mentee: Member,
    programme: Programme,
    data: dict[str, Any],
    themes: list[Any],
    sensitive_consent: bool,
) -> None:
    if (
        programme.network_id != mentee.network_id
        or programme.kind != Programme.Kind.ON_DEMAND
        or not programme.is_active
    ):
        raise DomainError(_("This programme does not take requests."), code="programme")
    if any(theme.network_id != mentee.network_id for theme in themes):
        raise DomainError(_("Unknown theme."), code="theme")
    if data.get("situation") not in Situation.values:
        raise DomainError(_("Choose your situation."), code="situation")
    if data.get("style", Style.CLASSIC) not in Style.values:
        raise DomainError(_("Unknown kind of mentor."), code="style")
    if not set(data.get("formats") or []) <= set(Format.values):
        raise DomainError(_("Unknown meeting format."), code="formats")
    if not set(data.get("languages") or []) <= taxonomy.LANGUAGE_CODES:
        raise DomainError(_("Unknown language."), code="languages")
    if not (data.get("question") or "").strip():
        raise DomainError(_("Write your question in a few sentences."), code="question")
    if data.get("situation") in SENSITIVE_SITUATIONS and not sensitive_consent:
        raise DomainError(
            _(
                "This situation may touch on your health or well-being: tick the box to let "
                "the programme's managers process it."
            ),
            code="consent",
        )
