"""Pause, resume, close, extend, re-match: the pair decides; closing frees the mentor's place."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.members.models import Member
from binome.members.services import refresh_directory_entry
from binome.mentorships.models import Flag, Mentorship
from binome.mentorships.services.charter import add_months
from binome.mentorships.services.transitions import locked_pair, member_of, move_pair
from binome.mentorships.states import MentorshipStatus
from binome.notifications.emails import send_templated


def pause_pair(*, mentorship: Mentorship, member: Member, reason: str = "") -> Mentorship:
    member_of(mentorship, member)
    with transaction.atomic():
        pair = locked_pair(mentorship)
        return move_pair(pair, MentorshipStatus.PAUSED, actor=member.user, reason=reason)


def resume_pair(*, mentorship: Mentorship, member: Member) -> Mentorship:
    member_of(mentorship, member)
    with transaction.atomic():
        pair = locked_pair(mentorship)
        return move_pair(pair, MentorshipStatus.ACTIVE, actor=member.user, reason="resumed")


def close_pair(
    *,
    mentorship: Mentorship,
    actor: Any,
    completed: bool,
    reason: str,
    message_to_manager: str = "",
) -> Mentorship:
    """End the pair (completed, or early with a reason); the surveys app sends the end survey."""
    if reason not in Mentorship.EndReason.values:
        raise DomainError(_("Choose why the pair ends."), code="reason")
    target = MentorshipStatus.COMPLETED if completed else MentorshipStatus.ENDED_EARLY
    with transaction.atomic():
        pair = locked_pair(mentorship)
        move_pair(pair, target, actor=getattr(actor, "user", actor), reason=reason)
        pair.ended_at = timezone.now()
        pair.end_reason = reason
        pair.end_message_to_manager = message_to_manager.strip()
        pair.extension_requested_by = None
        pair.save(
            update_fields=[
                "ended_at",
                "end_reason",
                "end_message_to_manager",
                "extension_requested_by",
            ]
        )
        refresh_directory_entry(pair.mentor)  # the mentor's place is free again
        _tell_closed(pair, closed_by=actor)
    return pair


def _tell_closed(pair: Mentorship, *, closed_by: Any) -> None:
    """Whoever closes, the other member and the programme's managers learn it by email: a pair
    never ends silently for one of its members."""
    from binome.mentorships.services.flags import managers_of

    closer = closed_by if isinstance(closed_by, Member) else None
    for person in (pair.mentor, pair.mentee):
        if closer is not None and person.pk == closer.pk:
            continue
        send_templated(
            to=person.user,
            template="pair_closed",
            context={"mentorship": pair, "recipient_member": person, "closer": closer},
        )
    for manager in managers_of(pair):
        if closer is not None and manager.pk == closer.pk:
            continue
        send_templated(
            to=manager.user,
            template="pair_closed_manager",
            context={"mentorship": pair, "closer": closer},
        )


def request_extension(*, mentorship: Mentorship, member: Member) -> Mentorship:
    """Extension by mutual agreement: one asks, the other confirms with the same action."""
    member_of(mentorship, member)
    with transaction.atomic():
        pair = locked_pair(mentorship)
        if pair.status != MentorshipStatus.ACTIVE:
            raise DomainError(_("Only an active pair can be extended."), code="state")
        asked_by = pair.extension_requested_by_id
        if asked_by is None or asked_by == member.pk:
            pair.extension_requested_by = member
            pair.save(update_fields=["extension_requested_by"])
            other = pair.other(member)
            send_templated(
                to=other.user,
                template="extension_asked",
                context={"mentorship": pair, "recipient_member": other, "asker": member},
            )
            return pair
        move_pair(pair, MentorshipStatus.ACTIVE, actor=member.user, reason="extended")
        start = max(pair.period_end or timezone.localdate(), timezone.localdate())
        pair.period_end = add_months(start, pair.programme.duration_months)
        pair.extensions += 1
        pair.extension_requested_by = None
        pair.save(update_fields=["period_end", "extensions", "extension_requested_by"])
    return pair


def end_for_rematch(*, mentorship: Mentorship, manager: Member) -> Mentorship:
    """A manager ends a pair that failed and reopens the mentee's request at the shortlist.

    The pair ends as a mismatch when a member said so (an open mismatch or re-match flag, raised
    from a survey), otherwise as one member no longer answering."""
    from binome.intake.services.transitions import locked_request, move_request
    from binome.intake.states import RequestStatus

    misfit = mentorship.flags.filter(
        resolved_at=None, kind__in=[Flag.Kind.MISMATCH, Flag.Kind.REMATCH_ASKED]
    ).exists()
    with transaction.atomic():
        pair = close_pair(
            mentorship=mentorship,
            actor=manager,
            completed=False,
            reason=Mentorship.EndReason.MISMATCH if misfit else Mentorship.EndReason.NO_CONTACT,
        )
        if pair.request_id is not None:
            request = locked_request(pair.request)  # type: ignore[arg-type]
            move_request(
                request, RequestStatus.SHORTLISTING, actor=manager.user, reason="re-matching"
            )
    return pair
