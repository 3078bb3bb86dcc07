"""The pair's own page (its two members only) and the one-click check-in link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import Access, member_required, public
from binome.core.errors import DomainError
from binome.members.models import Member
from binome.mentorships import selectors
from binome.mentorships.forms import (
    ActionItemForm,
    CloseForm,
    MeetingForm,
    NoteForm,
    ObjectivesForm,
)
from binome.mentorships.ics import meeting_ics
from binome.mentorships.models import ActionItem, Meeting, Mentorship, PrivateNote
from binome.mentorships.services import charter, flags, lifecycle, meetings, work
from binome.mentorships.states import MeetingStatus
from binome.mentorships.tokens import read_check_in_token


@member_required
def my_pairs(request: HttpRequest, access: Access) -> HttpResponse:
    pairs = selectors.pairs_of_member(access)
    return render(request, "mentorships/my_pairs.html", {"pairs": pairs})


@member_required
def pair_page(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    return render(request, "mentorships/pair.html", _pair_context(access, pair))


def _pair_context(access: Access, pair: Mentorship) -> dict[str, Any]:
    me = access.member
    all_meetings = list(pair.meetings.all())
    notes = {
        n.meeting_id: n.text
        for n in PrivateNote.objects.filter(meeting__mentorship=pair, author=me)
    }
    signed = set(pair.signatures.values_list("member_id", flat=True))
    return {
        "pair": pair,
        "other": pair.other(me),
        "is_mentor": me.pk == pair.mentor_id,
        "charter": pair.programme.current_charter(),
        "i_signed": me.pk in signed,
        "other_signed": pair.other(me).pk in signed,
        "upcoming": [
            m for m in all_meetings if m.status in (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)
        ],
        # Newest first; older meetings are folded on the page.
        "past": [
            (m, notes.get(m.pk, ""))
            for m in all_meetings
            if m.status in (MeetingStatus.HELD, MeetingStatus.NOT_HELD)
        ][::-1],
        "held": sum(1 for m in all_meetings if m.status == MeetingStatus.HELD),
        "objectives_form": ObjectivesForm(
            initial={"objectives": "\n".join(o.text for o in pair.objectives.all())}
        ),
        "meeting_form": MeetingForm(time_zone=me.time_zone),
        "action_form": ActionItemForm(pair=pair),
        "close_form": CloseForm(),
        "actions": pair.action_items.select_related("owner"),
    }


@member_required
@require_POST
def pair_step(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    try:
        _run(request, access, pair, request.POST.get("action", ""))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("pair_page", access.network.slug, pair.pk)


def _meeting(pair: Mentorship, request: HttpRequest) -> Meeting:
    return get_object_or_404(Meeting, mentorship=pair, pk=request.POST.get("meeting"))


def _run(request: HttpRequest, access: Access, pair: Mentorship, action: str) -> None:
    """Dispatch one POSTed action of the pair's page to its service (one per action)."""
    for actions, handler in _STEPS:
        if action in actions:
            handler(request, access.member, pair, action)
            return
    _run_lifecycle(request, access, pair, action)


def _sign_step(request: HttpRequest, me: Member, pair: Mentorship, action: str) -> None:
    charter.sign_charter(mentorship=pair, member=me)
    messages.success(request, _("You have signed the charter."))


def _meeting_step(request: HttpRequest, me: Member, pair: Mentorship, action: str) -> None:
    if action in {"propose", "move"}:
        form = MeetingForm(request.POST, time_zone=me.time_zone)
        if not form.is_valid():
            raise DomainError(_("Check the date, the duration and the format."))
        if action == "propose":
            meetings.propose_meeting(mentorship=pair, member=me, **form.cleaned_data)
        else:
            meetings.move_meeting(meeting=_meeting(pair, request), member=me, **form.cleaned_data)
        messages.success(request, _("Proposed; the other member confirms it."))
    elif action == "confirm":
        meetings.confirm_meeting(meeting=_meeting(pair, request), member=me)
        messages.success(request, _("Meeting confirmed: both of you receive the invitation."))
    elif action == "cancel":
        meetings.cancel_meeting(meeting=_meeting(pair, request), member=me)
        messages.success(request, _("Meeting cancelled."))
    else:
        meetings.record_outcome(meeting=_meeting(pair, request), member=me, held=action == "held")
        messages.success(request, _("Thank you, noted."))


def _writing_step(request: HttpRequest, me: Member, pair: Mentorship, action: str) -> None:
    if action == "objectives":
        objectives = ObjectivesForm(request.POST)
        if objectives.is_valid():
            work.save_objectives(mentorship=pair, member=me, texts=objectives.texts())
            messages.success(request, _("Objectives saved."))
        return
    note = NoteForm(request.POST)
    note.is_valid()
    text = note.cleaned_data.get("text", "")
    if action == "summary":
        meetings.save_summary(meeting=_meeting(pair, request), member=me, text=text)
    else:
        meetings.save_private_note(meeting=_meeting(pair, request), member=me, text=text)
    messages.success(request, _("Saved."))


def _action_item_step(request: HttpRequest, me: Member, pair: Mentorship, action: str) -> None:
    if action == "add_action":
        item_form = ActionItemForm(request.POST, pair=pair)
        if not item_form.is_valid():
            raise DomainError(_("Say what is to be done."))
        data = item_form.cleaned_data
        owner = pair.mentor if int(data["owner"]) == pair.mentor_id else pair.mentee
        work.add_action_item(
            mentorship=pair, member=me, owner=owner, text=data["text"], due_date=data["due_date"]
        )
        return
    item = get_object_or_404(ActionItem, mentorship=pair, pk=request.POST.get("item"))
    work.set_action_done(item=item, member=me, done=action == "done")


_STEPS: tuple[
    tuple[frozenset[str], Callable[[HttpRequest, Member, Mentorship, str], None]], ...
] = (
    (frozenset({"sign"}), _sign_step),
    (frozenset({"propose", "move", "confirm", "cancel", "held", "not_held"}), _meeting_step),
    (frozenset({"objectives", "summary", "private_note"}), _writing_step),
    (frozenset({"add_action", "done", "undone"}), _action_item_step),
)


def _run_lifecycle(request: HttpRequest, access: Access, pair: Mentorship, action: str) -> None:
    me = access.member
    if action == "pause":
        lifecycle.pause_pair(mentorship=pair, member=me)
        messages.success(request, _("The pair is paused."))
    elif action == "resume":
        lifecycle.resume_pair(mentorship=pair, member=me)
        messages.success(request, _("The pair is active again."))
    elif action == "extend":
        pair = lifecycle.request_extension(mentorship=pair, member=me)
        if pair.extension_requested_by_id:
            messages.success(request, _("Asked: the other member confirms the extension."))
        else:
            messages.success(request, _("Extended for a new period."))
    elif action == "close":
        form = CloseForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Say how and why the pair ends."))
        lifecycle.close_pair(
            mentorship=pair,
            actor=me,
            completed=form.cleaned_data["outcome"] == "completed",
            reason=form.cleaned_data["reason"],
            message_to_manager=form.cleaned_data["message_to_manager"],
        )
        messages.success(request, _("The pair is closed. Thank you both."))
    elif action == "referral":
        flags.flag_referral(mentorship=pair, mentor=me)
        messages.success(request, _("The programme manager is told; they will contact you."))


@member_required
def meeting_ics_download(
    request: HttpRequest, access: Access, pair_id: int, meeting_id: int
) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    meeting = get_object_or_404(Meeting, mentorship=pair, pk=meeting_id)
    other = pair.other(access.member)
    body = meeting_ics(
        meeting, title=_("Mentoring meeting with %(name)s") % {"name": other.full_name}
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@public
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """The check-in email's link: GET shows the answer to confirm (mail scanners open links),
    the button records it."""
    found = read_check_in_token(token)
    if found is None:
        return render(request, "mentorships/check_in_invalid.html", status=400)
    meeting, member, answer = found
    if request.method == "POST":
        meetings.check_in(meeting=meeting, member=member, answer=answer)
        return render(
            request, "mentorships/check_in_done.html", {"meeting": meeting, "answer": answer}
        )
    return render(request, "mentorships/check_in.html", {"meeting": meeting, "answer": answer})
