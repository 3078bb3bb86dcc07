"""The manager's shortlist and invitation operations, one view each (see ``views_manager``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binome.core.access import Access, staff_required
from binome.core.errors import DomainError
from binome.core.operations import ConfirmForm
from binome.intake import selectors, suggestions
from binome.intake.forms import AddMentorForm, EntryForm, InviteForm
from binome.intake.models import MentoringRequest, ShortlistEntry
from binome.intake.services import invitations as invitation_services
from binome.intake.services import shortlist as shortlist_services
from binome.intake.views_manager import request_operation
from binome.members.models import Member


def _entry(mentoring_request: MentoringRequest, entry_id: int) -> ShortlistEntry:
    return get_object_or_404(
        ShortlistEntry.objects.select_related("mentor__user"),
        request=mentoring_request,
        pk=entry_id,
    )


@staff_required
@require_POST
def shortlist_add(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        mentor = Member.objects.for_network(access.network).filter(pk=data["mentor"]).first()
        if mentor is None:
            raise DomainError(_("This person is not a listed mentor of the network."))
        # The engine's view of the pick is kept for staff, whoever suggested the mentor.
        suggestion = suggestions.explain(mentoring_request, mentor)
        shortlist_services.add_to_shortlist(
            request=mentoring_request,
            manager=access.member,
            mentor=mentor,
            note=data["note"],
            engine_score=suggestion.score if suggestion else None,
            engine_reasons=suggestion.reasons_data() if suggestion else [],
        )
        return _("%(name)s is on the shortlist.") % {"name": mentor.full_name}

    return request_operation(
        request,
        access,
        mentoring_request,
        form=AddMentorForm(request.POST),
        slot="add",
        perform=perform,
    )


@staff_required
@require_POST
def shortlist_entry_update(
    request: HttpRequest, access: Access, request_id: int, entry_id: int
) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)
    entry = _entry(mentoring_request, entry_id)

    def perform(data: Mapping[str, Any]) -> str:
        shortlist_services.update_entry(entry=entry, note=data["note"], position=data["position"])
        return _("Saved.")

    return request_operation(
        request,
        access,
        mentoring_request,
        form=EntryForm(request.POST, prefix=f"e{entry.pk}"),
        slot=f"entry-{entry.pk}",
        perform=perform,
    )


@staff_required
@require_POST
def shortlist_entry_remove(
    request: HttpRequest, access: Access, request_id: int, entry_id: int
) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)
    entry = _entry(mentoring_request, entry_id)

    def perform(data: Mapping[str, Any]) -> str:
        shortlist_services.remove_from_shortlist(entry=entry)
        return _("Removed from the shortlist.")

    return request_operation(
        request,
        access,
        mentoring_request,
        form=ConfirmForm(request.POST),
        slot="operation",
        perform=perform,
    )


@staff_required
@require_POST
def shortlist_publish(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        shortlist_services.publish_shortlist(request=mentoring_request, manager=access.member)
        return _("The shortlist is published; the member is told.")

    return request_operation(
        request,
        access,
        mentoring_request,
        form=ConfirmForm(request.POST),
        slot="operation",
        perform=perform,
    )


@staff_required
@require_POST
def invitation_send(
    request: HttpRequest, access: Access, request_id: int, entry_id: int
) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)
    entry = _entry(mentoring_request, entry_id)

    def perform(data: Mapping[str, Any]) -> str:
        invitation_services.invite_mentor(
            request=mentoring_request, manager=access.member, entry=entry, message=data["message"]
        )
        return _("%(name)s is invited.") % {"name": entry.mentor.full_name}

    return request_operation(
        request,
        access,
        mentoring_request,
        form=InviteForm(request.POST, prefix=f"i{entry.pk}"),
        slot=f"invite-{entry.pk}",
        perform=perform,
    )
