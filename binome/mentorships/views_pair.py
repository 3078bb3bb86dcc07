"""The pair page's operations: one URL and view each, for the pair's two members only.

Each view fetches the pair through ``selectors.pair_for_member`` (404 for anyone else, and for
another network's ids), calls one service, and on refusal re-renders the pair page with the
bound form in its slot (``views.render_pair_page``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from binome.core.access import Access, member_required
from binome.core.operations import ConfirmForm, run_operation
from binome.members.models import Member
from binome.mentorships import selectors
from binome.mentorships.forms import (
    ActionItemForm,
    CloseForm,
    MeetingForm,
    NoteForm,
    ObjectivesForm,
)
from binome.mentorships.models import ActionItem, Meeting, Mentorship
from binome.mentorships.services import charter, flags, lifecycle, meetings, work
from binome.mentorships.views import render_pair_page

Perform = Callable[[Mapping[str, Any]], str]


class OutcomeForm(forms.Form):
    held = forms.TypedChoiceField(
        label=gettext_lazy("Did the meeting take place?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
    )


class DoneForm(forms.Form):
    done = forms.TypedChoiceField(
        label=gettext_lazy("Done"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
    )


def _operate(
    request: HttpRequest,
    access: Access,
    pair: Mentorship,
    *,
    form: forms.BaseForm,
    slot: str,
    perform: Perform,
) -> HttpResponse:
    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: render_pair_page(request, access, pair, bound={slot: bound}),
        success=reverse("pair_page", args=[access.network.slug, pair.pk]),
    )


def _meeting(pair: Mentorship, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("mentorship"), mentorship=pair, pk=meeting_id
    )


@member_required
@require_POST
def meeting_propose(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)

    def perform(data: Mapping[str, Any]) -> str:
        meetings.propose_meeting(mentorship=pair, member=access.member, **data)
        return _("Proposed; the other member confirms it.")

    form = MeetingForm(request.POST, time_zone=access.member.time_zone)
    return _operate(request, access, pair, form=form, slot="propose", perform=perform)


@member_required
@require_POST
def meeting_move(
    request: HttpRequest, access: Access, pair_id: int, meeting_id: int
) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    meeting = _meeting(pair, meeting_id)

    def perform(data: Mapping[str, Any]) -> str:
        meetings.move_meeting(meeting=meeting, member=access.member, **data)
        return _("Proposed; the other member confirms it.")

    form = MeetingForm(request.POST, time_zone=access.member.time_zone, prefix=f"m{meeting.pk}")
    return _operate(request, access, pair, form=form, slot=f"move-{meeting.pk}", perform=perform)


@member_required
@require_POST
def meeting_outcome(
    request: HttpRequest, access: Access, pair_id: int, meeting_id: int
) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    meeting = _meeting(pair, meeting_id)

    def perform(data: Mapping[str, Any]) -> str:
        meetings.record_outcome(meeting=meeting, member=access.member, held=data["held"])
        return _("Thank you, noted.")

    form = OutcomeForm(request.POST)
    return _operate(request, access, pair, form=form, slot="operation", perform=perform)


@member_required
@require_POST
def meeting_summary(
    request: HttpRequest, access: Access, pair_id: int, meeting_id: int
) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    meeting = _meeting(pair, meeting_id)

    def perform(data: Mapping[str, Any]) -> str:
        meetings.save_summary(meeting=meeting, member=access.member, text=data["text"])
        return _("Saved.")

    form = NoteForm(request.POST, prefix=f"s{meeting.pk}")
    return _operate(request, access, pair, form=form, slot="note", perform=perform)


@member_required
@require_POST
def meeting_private_note(
    request: HttpRequest, access: Access, pair_id: int, meeting_id: int
) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    meeting = _meeting(pair, meeting_id)

    def perform(data: Mapping[str, Any]) -> str:
        meetings.save_private_note(meeting=meeting, member=access.member, text=data["text"])
        return _("Saved.")

    form = NoteForm(request.POST, prefix=f"n{meeting.pk}")
    return _operate(request, access, pair, form=form, slot="note", perform=perform)


@member_required
@require_POST
def objectives_save(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    form = ObjectivesForm(request.POST)

    def perform(data: Mapping[str, Any]) -> str:
        work.save_objectives(mentorship=pair, member=access.member, texts=form.texts())
        return _("Objectives saved.")

    return _operate(request, access, pair, form=form, slot="objectives", perform=perform)


@member_required
@require_POST
def action_item_add(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)

    def perform(data: Mapping[str, Any]) -> str:
        owner = pair.mentor if int(data["owner"]) == pair.mentor_id else pair.mentee
        work.add_action_item(
            mentorship=pair,
            member=access.member,
            owner=owner,
            text=data["text"],
            due_date=data["due_date"],
        )
        return _("Saved.")

    form = ActionItemForm(request.POST, pair=pair)
    return _operate(request, access, pair, form=form, slot="action", perform=perform)


@member_required
@require_POST
def action_item_done(
    request: HttpRequest, access: Access, pair_id: int, item_id: int
) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    item = get_object_or_404(ActionItem, mentorship=pair, pk=item_id)

    def perform(data: Mapping[str, Any]) -> str:
        work.set_action_done(item=item, member=access.member, done=data["done"])
        return _("Saved.")

    form = DoneForm(request.POST)
    return _operate(request, access, pair, form=form, slot="operation", perform=perform)


@member_required
@require_POST
def pair_extend(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)

    def perform(data: Mapping[str, Any]) -> str:
        moved = lifecycle.request_extension(mentorship=pair, member=access.member)
        if moved.extension_requested_by_id:
            return _("Asked: the other member confirms the extension.")
        return _("Extended for a new period.")

    form = ConfirmForm(request.POST)
    return _operate(request, access, pair, form=form, slot="operation", perform=perform)


@member_required
@require_POST
def pair_close(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)

    def perform(data: Mapping[str, Any]) -> str:
        lifecycle.close_pair(
            mentorship=pair,
            actor=access.member,
            completed=data["outcome"] == "completed",
            reason=data["reason"],
            message_to_manager=data["message_to_manager"],
        )
        return _("The pair is closed. Thank you both.")

    form = CloseForm(request.POST)
    return _operate(request, access, pair, form=form, slot="close", perform=perform)


def _pair_button(act: Callable[[Mentorship, Member], Any], message: Any, name: str) -> Any:
    """An operation that is a single button on the pair: ``act(pair, me)`` is its one service."""

    @member_required
    @require_POST
    def view(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
        pair = selectors.pair_for_member(access, pair_id)

        def perform(data: Mapping[str, Any]) -> str:
            act(pair, access.member)
            return str(message)

        form = ConfirmForm(request.POST)
        return _operate(request, access, pair, form=form, slot="operation", perform=perform)

    view.__name__ = view.__qualname__ = name
    return view


def _meeting_button(act: Callable[[Meeting, Member], Any], message: Any, name: str) -> Any:
    """An operation that is a single button on one of the pair's meetings."""

    @member_required
    @require_POST
    def view(request: HttpRequest, access: Access, pair_id: int, meeting_id: int) -> HttpResponse:
        pair = selectors.pair_for_member(access, pair_id)
        meeting = _meeting(pair, meeting_id)

        def perform(data: Mapping[str, Any]) -> str:
            act(meeting, access.member)
            return str(message)

        form = ConfirmForm(request.POST)
        return _operate(request, access, pair, form=form, slot="operation", perform=perform)

    view.__name__ = view.__qualname__ = name
    return view


pair_sign = _pair_button(
    lambda pair, me: charter.sign_charter(mentorship=pair, member=me),
    gettext_lazy("You have signed the charter."),
    "pair_sign",
)
pair_pause = _pair_button(
    lambda pair, me: lifecycle.pause_pair(mentorship=pair, member=me),
    gettext_lazy("The pair is paused."),
    "pair_pause",
)
pair_resume = _pair_button(
    lambda pair, me: lifecycle.resume_pair(mentorship=pair, member=me),
    gettext_lazy("The pair is active again."),
    "pair_resume",
)
pair_referral = _pair_button(
    lambda pair, me: flags.flag_referral(mentorship=pair, mentor=me),
    gettext_lazy("The programme manager is told; they will contact you."),
    "pair_referral",
)
meeting_confirm = _meeting_button(
    lambda meeting, me: meetings.confirm_meeting(meeting=meeting, member=me),
    gettext_lazy("Meeting confirmed: both of you receive the invitation."),
    "meeting_confirm",
)
meeting_cancel = _meeting_button(
    lambda meeting, me: meetings.cancel_meeting(meeting=meeting, member=me),
    gettext_lazy("Meeting cancelled."),
    "meeting_cancel",
)
