"""The shortlist: the manager curates 3–5 mentors with a note each; the mentee ranks them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from binome.core.errors import DomainError
from binome.intake.models import MentoringRequest, ShortlistEntry
from binome.intake.services.transitions import locked_request, move_request
from binome.intake.states import RequestStatus
from binome.members.models import Member
from binome.notifications.emails import send_templated

MAX_ENTRIES = 5


def add_to_shortlist(
    *,
    request: MentoringRequest,
    manager: Member,
    mentor: Member,
    note: str = "",
    engine_score: float | None = None,
    engine_reasons: list[Any] | None = None,
) -> ShortlistEntry:
    if mentor.network_id != request.network_id or not mentor.is_listed:
        raise DomainError(_("This person is not a listed mentor of the network."), code="mentor")
    if mentor.pk == request.mentee_id:
        raise DomainError(_("A member cannot mentor themselves."), code="self")
    with transaction.atomic():
        request = locked_request(request)
        if request.status != RequestStatus.SHORTLISTING:
            raise DomainError(_("The shortlist cannot be changed now."), code="state")
        entries = ShortlistEntry.objects.filter(request=request)
        if entries.filter(mentor=mentor).exists():
            raise DomainError(_("This mentor is already on the shortlist."), code="duplicate")
        if entries.filter(is_published=False).count() >= MAX_ENTRIES:
            raise DomainError(
                _("A shortlist holds at most %(max)s mentors.") % {"max": MAX_ENTRIES},
                code="full",
            )
        last = entries.aggregate(last=Max("position"))["last"] or 0
        return ShortlistEntry.objects.create(
            request=request,
            mentor=mentor,
            position=last + 1,
            manager_note=note,
            engine_score=engine_score,
            engine_reasons=engine_reasons or [],
        )


def update_entry(*, entry: ShortlistEntry, note: str, position: int) -> ShortlistEntry:
    with transaction.atomic():
        request = locked_request(entry.request)
        if request.status != RequestStatus.SHORTLISTING:
            raise DomainError(_("The shortlist cannot be changed now."), code="state")
        entry.manager_note = note
        entry.position = position
        entry.save(update_fields=["manager_note", "position"])
    return entry


def remove_from_shortlist(*, entry: ShortlistEntry) -> None:
    with transaction.atomic():
        request = locked_request(entry.request)
        if request.status != RequestStatus.SHORTLISTING or entry.is_published:
            raise DomainError(_("This mentor can no longer be removed."), code="state")
        entry.delete()


def publish_shortlist(*, request: MentoringRequest, manager: Member) -> MentoringRequest:
    with transaction.atomic():
        request = locked_request(request)
        drafts = ShortlistEntry.objects.filter(request=request, is_published=False)
        if not drafts.exists():
            raise DomainError(_("Add at least one mentor before publishing."), code="empty")
        if drafts.filter(manager_note="").exists():
            raise DomainError(
                _("Write a note for each mentor: it is what the mentee reads."), code="notes"
            )
        move_request(request, RequestStatus.AWAITING_CHOICE, actor=manager.user)
        # A new round replaces the mentee's earlier ranking.
        ShortlistEntry.objects.filter(request=request).update(mentee_rank=None)
        drafts.update(is_published=True)
        send_templated(
            to=request.mentee.user, template="shortlist_published", context={"request": request}
        )
    return request


def rank_shortlist(
    *, request: MentoringRequest, mentee: Member, ranking: list[int]
) -> MentoringRequest:
    """The mentee's order of preference (entry ids, first = preferred; one is enough)."""
    if request.mentee_id != mentee.pk:
        raise DomainError(_("Only the mentee ranks the shortlist."), code="not_mentee")
    with transaction.atomic():
        request = locked_request(request)
        if request.status != RequestStatus.AWAITING_CHOICE:
            raise DomainError(_("The shortlist cannot be ranked now."), code="state")
        published = {
            e.pk: e for e in ShortlistEntry.objects.filter(request=request, is_published=True)
        }
        if not ranking or len(set(ranking)) != len(ranking) or not set(ranking) <= set(published):
            raise DomainError(_("Choose at least one mentor of the list, each once."), code="rank")
        ShortlistEntry.objects.filter(request=request).update(mentee_rank=None)
        for rank, entry_id in enumerate(ranking, 1):
            ShortlistEntry.objects.filter(pk=entry_id).update(mentee_rank=rank)
        if request.manager is not None:
            send_templated(
                to=request.manager.user, template="mentee_chose", context={"request": request}
            )
    return request


def ask_for_other_names(
    *, request: MentoringRequest, mentee: Member, message: str
) -> MentoringRequest:
    if request.mentee_id != mentee.pk:
        raise DomainError(_("Only the mentee can ask for other names."), code="not_mentee")
    with transaction.atomic():
        request = locked_request(request)
        move_request(request, RequestStatus.SHORTLISTING, actor=mentee.user, reason=message)
        if request.manager is not None:
            send_templated(
                to=request.manager.user,
                template="other_names_asked",
                context={"request": request, "message": message},
            )
    return request
