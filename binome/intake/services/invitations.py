"""Inviting mentors: the association convinces; the mentor accepts or declines; silence expires.

Rules:
- one pending invitation per request at a time (a database constraint too);
- no answer within the programme's delay → one reminder and two more days, then expiry;
- a decline or an expiry moves on to the mentee's next choice — with the association's standard
  text, never the personal message written for the previous mentor — and tells the manager
  (with the decline's reason); with no choice left, the request goes back to the manager;
- a mentor whose last two invitations expired unanswered is paused (not spammed) and told so;
- accepting creates the pair under the mentor's capacity lock and introduces both by email;
- a direct request (the member chose the mentor, see ``binome.flash``) has one invitation only:
  a decline or an expiry ends it and tells the member, who may ask someone else.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.core.transitions import move
from binome.intake.models import MentoringRequest, MentorInvitation, ShortlistEntry
from binome.intake.services.transitions import locked_request, move_request
from binome.intake.states import INVITATION_MACHINE, InvitationStatus, RequestStatus
from binome.intake.tokens import token_context
from binome.members.models import Member, MentorOffer
from binome.members.services import pause_mentor_offer
from binome.mentorships.services import create_mentorship
from binome.notifications.emails import send_templated

REMINDER_GRACE = datetime.timedelta(days=2)
PAUSE_AFTER_EXPIRIES = 2
PAUSE_FOR = datetime.timedelta(days=60)


def invite_mentor(
    *, request: MentoringRequest, manager: Member, entry: ShortlistEntry, message: str
) -> MentorInvitation:
    if not message.strip():
        raise DomainError(_("Write a personal message to the mentor."), code="message")
    with transaction.atomic():
        request = locked_request(request)
        entry = ShortlistEntry.objects.select_related("mentor__user").get(pk=entry.pk)
        if entry.request_id != request.pk or not entry.is_published:
            raise DomainError(_("This mentor is not on the published shortlist."), code="entry")
        if request.status not in {RequestStatus.AWAITING_CHOICE, RequestStatus.INVITING}:
            raise DomainError(_("The request is not at the invitation step."), code="state")
        if MentorInvitation.objects.filter(request=request, mentor=entry.mentor).exists():
            raise DomainError(_("This mentor was already invited for this request."), code="again")
        if request.invitations.filter(status=InvitationStatus.PENDING).exists():
            raise DomainError(_("An invitation is already waiting for an answer."), code="pending")
        return _send(request, entry, message, actor=manager.user, invited_by=manager)


def send_invitation(
    *,
    request: MentoringRequest,
    entry: ShortlistEntry,
    message: str,
    actor: Any,
    invited_by: Member | None,
) -> MentorInvitation:
    """Invite ``entry``'s mentor now, on a request the caller locked (self-service uses it)."""
    return _send(request, entry, message, actor=actor, invited_by=invited_by)


def _send(
    request: MentoringRequest,
    entry: ShortlistEntry,
    message: str,
    *,
    actor: Any,
    invited_by: Member | None,
) -> MentorInvitation:
    move_request(request, RequestStatus.INVITING, actor=actor, reason=str(entry.mentor))
    delay = datetime.timedelta(days=request.programme.invitation_delay_days)
    invitation = MentorInvitation.objects.create(
        request=request,
        mentor=entry.mentor,
        invited_by=invited_by,
        message=message,
        expires_at=timezone.now() + delay,
    )
    send_templated(
        to=entry.mentor.user,
        # The direct request's email (in binome.flash's templates) names the member who asks.
        template="direct_invitation" if request.is_direct else "invitation",
        context={"invitation": invitation, **token_context(invitation)},
    )
    return invitation


def _locked_pending(invitation: MentorInvitation, to: str) -> MentorInvitation:
    locked = MentorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not INVITATION_MACHINE.allows(locked.status, to):
        raise DomainError(
            _("This invitation has already been answered or has expired."), code="answered"
        )
    return locked


def accept_invitation(*, invitation: MentorInvitation, mentor: Member) -> MentorInvitation:
    if invitation.mentor_id != mentor.pk:
        raise DomainError(_("This invitation is addressed to someone else."), code="not_yours")
    with transaction.atomic():
        request = locked_request(invitation.request)
        invitation = _locked_pending(invitation, InvitationStatus.ACCEPTED)
        if invitation.expires_at < timezone.now():
            raise DomainError(_("This invitation has expired."), code="expired")
        create_mentorship(
            programme=request.programme,
            mentor=mentor,
            mentee=request.mentee,
            actor=mentor.user,
            request=request,
        )
        _answer(invitation, InvitationStatus.ACCEPTED, actor=mentor.user)
        move_request(request, RequestStatus.MATCHED, actor=mentor.user)
    return invitation


def decline_invitation(
    *, invitation: MentorInvitation, mentor: Member, reason: str = ""
) -> MentorInvitation:
    if invitation.mentor_id != mentor.pk:
        raise DomainError(_("This invitation is addressed to someone else."), code="not_yours")
    with transaction.atomic():
        request = locked_request(invitation.request)
        invitation = _locked_pending(invitation, InvitationStatus.DECLINED)
        invitation.decline_reason = reason
        _answer(invitation, InvitationStatus.DECLINED, actor=mentor.user)
        _next_choice(request, invitation, actor=mentor.user)
    return invitation


def cancel_pending_invitation(*, request: MentoringRequest) -> None:
    for invitation in request.invitations.filter(status=InvitationStatus.PENDING):
        _answer(invitation, InvitationStatus.CANCELLED)


def _answer(invitation: MentorInvitation, status: str, *, actor: Any = None) -> None:
    """The invitation's status move (with its audit row), and when the mentor answered."""
    if status in {InvitationStatus.ACCEPTED, InvitationStatus.DECLINED}:
        invitation.responded_at = timezone.now()
    invitation.save(update_fields=["responded_at", "decline_reason"])
    move(
        invitation,
        INVITATION_MACHINE,
        status,
        actor=actor,
        network=invitation.request.network,
        reason=invitation.decline_reason,
    )


def _next_choice(request: MentoringRequest, previous: MentorInvitation, *, actor: Any) -> None:
    """Invite the mentee's next ranked choice, or hand the request back to the manager; the
    manager is told either way. A direct request ends, and its member is told."""
    if request.is_direct:
        expired = previous.status == InvitationStatus.EXPIRED
        reason = "invitation expired" if expired else "mentor declined"
        move_request(request, RequestStatus.DECLINED, actor=actor, reason=reason)
        send_templated(
            to=request.mentee.user,
            template="direct_declined",
            context={"request": request, "previous": previous, "expired": expired},
        )
        return
    invited = set(request.invitations.values_list("mentor_id", flat=True))
    candidates = (
        ShortlistEntry.objects.filter(request=request, is_published=True, mentee_rank__isnull=False)
        .exclude(mentor_id__in=invited)
        .select_related("mentor__user")
        .order_by("mentee_rank")
    )
    following = None
    for entry in candidates:
        offer = MentorOffer.objects.filter(member=entry.mentor).first()
        if offer is not None and offer.is_active and not _is_paused(offer):
            # The personal message was written for the previous mentor: not forwarded.
            following = _send(request, entry, "", actor=actor, invited_by=previous.invited_by)
            break
    if following is None:
        move_request(request, RequestStatus.SHORTLISTING, actor=actor, reason="shortlist exhausted")
    if request.manager is not None:
        send_templated(
            to=request.manager.user,
            template="invitation_refused",
            context={"request": request, "previous": previous, "following": following},
        )


def _is_paused(offer: MentorOffer) -> bool:
    return offer.paused_until is not None and offer.paused_until >= timezone.localdate()


def process_due_invitations(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Periodic: remind once at the deadline, expire after the grace. Safe to run twice."""
    now = now or timezone.now()
    counts = {"reminded": 0, "expired": 0}
    due = MentorInvitation.objects.filter(status=InvitationStatus.PENDING, expires_at__lte=now)
    for pk, request_id in list(due.values_list("pk", "request_id")):
        with transaction.atomic():
            # Lock order, the same as accept and decline: request, then invitation, then the
            # mentor's offer — two transactions never wait on each other in a cycle.
            request = locked_request(MentoringRequest(pk=request_id))
            invitation = (
                MentorInvitation.objects.select_for_update()
                .filter(pk=pk, status=InvitationStatus.PENDING, expires_at__lte=now)
                .select_related("mentor__user")
                .first()
            )
            if invitation is None:
                continue  # answered, or another run took it
            if invitation.reminded_at is None:
                invitation.reminded_at = now
                invitation.expires_at = now + REMINDER_GRACE
                invitation.save(update_fields=["reminded_at", "expires_at"])
                send_templated(
                    to=invitation.mentor.user,
                    template="invitation_reminder",
                    context={"invitation": invitation, **token_context(invitation)},
                )
                counts["reminded"] += 1
                continue
            _answer(invitation, InvitationStatus.EXPIRED)
            _pause_if_unresponsive(invitation.mentor)
            _next_choice(request, invitation, actor=None)
            counts["expired"] += 1
    return counts


def _pause_if_unresponsive(mentor: Member) -> None:
    last = list(
        MentorInvitation.objects.filter(mentor=mentor)
        .exclude(status=InvitationStatus.CANCELLED)
        .order_by("-sent_at")
        .values_list("status", flat=True)[:PAUSE_AFTER_EXPIRIES]
    )
    if len(last) < PAUSE_AFTER_EXPIRIES or any(s != InvitationStatus.EXPIRED for s in last):
        return
    offer = MentorOffer.objects.filter(member=mentor).first()
    if offer is None or not offer.is_active or _is_paused(offer):
        return
    # Pausing goes through the members' service (row lock, directory entry, audit row).
    offer = pause_mentor_offer(
        member=mentor,
        until=timezone.localdate() + PAUSE_FOR,
        reason="unanswered invitations",
    )
    send_templated(to=mentor.user, template="mentor_paused", context={"offer": offer})
