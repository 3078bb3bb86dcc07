"""Direct requests: a member asks one mentor themselves, from the suggestions or the directory.

Rules:
- only an open programme's policy allows it (on-demand programmes; closed by default);
- the mentor opted in to direct requests, is not paused and has a free place — checked under
  the lock of the mentor's offer, the same lock that keeps capacity when the pair is created;
- a member sends at most ``per_member_per_month`` direct requests a calendar month, a mentor
  receives at most ``per_mentor_per_month`` (counted under the same lock);
- with ``needs_approval``, a manager approves (the mentor is then invited) or refuses (the
  member is told why); without it the mentor is invited at once;
- from the invitation on, the on-demand flow's machinery answers: one-click accept or decline,
  reminder, expiry, the pair created under the capacity lock (``intake.services.invitations``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.flash.models import DirectAsk, DirectRequestPolicy
from binome.intake.models import MentoringRequest, ShortlistEntry
from binome.intake.services import requests as request_services
from binome.intake.services.invitations import send_invitation
from binome.intake.services.transitions import locked_request, move_request
from binome.intake.states import RequestStatus
from binome.members.models import Member, MentorOffer
from binome.mentorships.models import CAPACITY_STATUSES, Mentorship
from binome.notifications.emails import send_templated
from binome.programmes.models import Programme, StaffRole


def open_policy(programme: Programme) -> DirectRequestPolicy:
    policy = DirectRequestPolicy.objects.filter(programme=programme, is_open=True).first()
    if policy is None or not programme.is_active or programme.kind != Programme.Kind.ON_DEMAND:
        raise DomainError(_("This programme does not take direct requests."), code="closed")
    return policy


def month_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """The first instant of the current calendar month, in the site's time zone."""
    today = timezone.localtime(now or timezone.now())
    return today.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def save_policy(
    *,
    programme: Programme,
    actor: Any,
    is_open: bool,
    needs_approval: bool,
    per_member_per_month: int,
    per_mentor_per_month: int,
) -> DirectRequestPolicy:
    if programme.kind != Programme.Kind.ON_DEMAND:
        raise DomainError(_("Only an on-demand programme takes direct requests."), code="kind")
    if not (1 <= per_member_per_month <= 20 and 1 <= per_mentor_per_month <= 20):
        raise DomainError(_("Monthly limits go from 1 to 20."), code="limits")
    with transaction.atomic():
        policy, _created = DirectRequestPolicy.objects.select_for_update().get_or_create(
            programme=programme
        )
        policy.is_open = is_open
        policy.needs_approval = needs_approval
        policy.per_member_per_month = per_member_per_month
        policy.per_mentor_per_month = per_mentor_per_month
        policy.save()
        audit.record(
            action="direct_policy.save", actor=actor, network=programme.network, target=policy
        )
    return policy


def start_direct_request(
    *,
    mentee: Member,
    programme: Programme,
    data: dict[str, Any],
    themes: list[Any],
    sensitive_consent: bool,
) -> MentoringRequest:
    """The member's question, kept as a draft direct request: what the suggestions read."""
    open_policy(programme)
    with transaction.atomic():
        request = request_services.save_draft(
            mentee=mentee,
            programme=programme,
            data=data,
            themes=themes,
            sensitive_consent=sensitive_consent,
        )
        MentoringRequest.objects.filter(pk=request.pk).update(is_direct=True)
        request.is_direct = True
    return request


def ask_mentor(
    *,
    request: MentoringRequest,
    mentee: Member,
    mentor: Member,
    message: str,
    score: float | None = None,
    reasons: list[dict[str, Any]] | None = None,
) -> MentoringRequest:
    """Send the draft direct request to ``mentor`` (or to the managers for approval)."""
    if not message.strip():
        raise DomainError(_("Write a few words to the mentor."), code="message")
    if request.mentee_id != mentee.pk or not request.is_direct:
        raise DomainError(_("This request is not yours to send."), code="not_yours")
    if mentor.pk == mentee.pk:
        raise DomainError(_("A member cannot mentor themselves."), code="self")
    if mentor.network_id != mentee.network_id:
        raise DomainError(_("This member is not listed as a mentor."), code="not_mentor")
    with transaction.atomic():
        request = locked_request(request)
        if request.status != RequestStatus.DRAFT:
            raise DomainError(_("This request was already sent."), code="sent")
        policy = open_policy(request.programme)
        _check_mentor_and_limits(policy, mentee, mentor)
        ask = DirectAsk.objects.create(request=request, mentor=mentor, message=message)
        entry = ShortlistEntry.objects.create(
            request=request,
            mentor=mentor,
            position=1,
            mentee_rank=1,
            is_published=True,
            engine_score=score,
            engine_reasons=reasons or [],
        )
        try:
            with transaction.atomic():  # a savepoint: the constraint's refusal is recoverable
                move_request(request, RequestStatus.SUBMITTED, actor=mentee.user)
        except IntegrityError as error:
            raise DomainError(
                _("You already have an open request in this programme."), code="already_open"
            ) from error
        request.submitted_at = timezone.now()
        request.save(update_fields=["submitted_at"])
        if policy.needs_approval:
            for manager in _managers(request.programme):
                send_templated(to=manager.user, template="direct_to_approve", context={"ask": ask})
        else:
            send_invitation(
                request=request, entry=entry, message=message, actor=mentee.user, invited_by=None
            )
    return request


def _managers(programme: Programme) -> list[Member]:
    roles = StaffRole.objects.filter(programme=programme).select_related("member__user")
    return [role.member for role in roles]


def _check_mentor_and_limits(policy: DirectRequestPolicy, mentee: Member, mentor: Member) -> None:
    # The offer's row lock: the capacity check of create_mentorship takes the same one.
    offer = MentorOffer.objects.select_for_update().filter(member=mentor).first()
    if offer is None or not offer.is_active or not offer.accepts_direct_requests:
        raise DomainError(_("This mentor does not take direct requests."), code="not_direct")
    if offer.paused_until is not None and offer.paused_until >= timezone.localdate():
        raise DomainError(_("This mentor is paused for now."), code="paused")
    taken = Mentorship.objects.filter(mentor=mentor, status__in=CAPACITY_STATUSES).count()
    if taken >= offer.capacity:
        raise DomainError(
            _("%(name)s has no free place (capacity %(capacity)s).")
            % {"name": mentor.full_name, "capacity": offer.capacity},
            code="capacity",
        )
    if Mentorship.objects.filter(
        mentor=mentor, mentee=mentee, status__in=CAPACITY_STATUSES
    ).exists():
        raise DomainError(_("These two members already form a pair."), code="duplicate")
    since = month_start()
    sent = DirectAsk.objects.filter(request__mentee=mentee, created_at__gte=since).count()
    if sent >= policy.per_member_per_month:
        raise DomainError(
            _("You have sent %(n)s direct requests this month, the most this programme allows.")
            % {"n": sent},
            code="member_limit",
        )
    received = DirectAsk.objects.filter(mentor=mentor, created_at__gte=since).count()
    if received >= policy.per_mentor_per_month:
        raise DomainError(
            _("%(name)s has received enough direct requests this month: ask another mentor.")
            % {"name": mentor.full_name},
            code="mentor_limit",
        )


def _pending_ask(request: MentoringRequest) -> tuple[MentoringRequest, DirectAsk]:
    request = locked_request(request)
    if not request.is_direct or request.status != RequestStatus.SUBMITTED:
        raise DomainError(_("This direct request is not waiting for an approval."), code="state")
    return request, DirectAsk.objects.select_related("mentor__user").get(request=request)


def approve_direct_request(*, request: MentoringRequest, manager: Member) -> MentoringRequest:
    with transaction.atomic():
        request, ask = _pending_ask(request)
        entry = ShortlistEntry.objects.get(request=request, mentor=ask.mentor)
        ask.approved_by, ask.decided_at = manager, timezone.now()
        ask.save(update_fields=["approved_by", "decided_at"])
        send_invitation(
            request=request,
            entry=entry,
            message=ask.message,
            actor=manager.user,
            invited_by=None,
        )
    return request


def refuse_direct_request(
    *, request: MentoringRequest, manager: Member, message: str
) -> MentoringRequest:
    if not message.strip():
        raise DomainError(_("Tell the member why, in a few words."), code="message")
    with transaction.atomic():
        request, ask = _pending_ask(request)
        ask.decided_at = timezone.now()
        ask.save(update_fields=["decided_at"])
        move_request(request, RequestStatus.DECLINED, actor=manager.user, reason=message)
        send_templated(
            to=request.mentee.user,
            template="direct_refused",
            context={"request": request, "ask": ask, "message": message},
        )
    return request
