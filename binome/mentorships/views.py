"""The pair's own page (its two members only), its calendar file and the one-click check-in.

The page's operations are in ``views_pair``, one view each.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from binome.core.access import Access, member_required, public
from binome.mentorships import selectors
from binome.mentorships.forms import ActionItemForm, CloseForm, MeetingForm, ObjectivesForm
from binome.mentorships.ics import meeting_ics
from binome.mentorships.models import Meeting, Mentorship, PrivateNote
from binome.mentorships.services import meetings
from binome.mentorships.states import LIVE_STATUSES, MeetingStatus
from binome.mentorships.tokens import read_check_in_token


@member_required
@require_safe
def my_pairs(request: HttpRequest, access: Access) -> HttpResponse:
    pairs = selectors.pairs_of_member(access)
    return render(request, "mentorships/my_pairs.html", {"pairs": pairs})


@member_required
def pair_page(request: HttpRequest, access: Access, pair_id: int) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return render_pair_page(request, access, pair)


def render_pair_page(
    request: HttpRequest,
    access: Access,
    pair: Mentorship,
    *,
    bound: Mapping[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    """The pair's page; ``bound`` holds the form an operation refused, by slot name."""
    return render(request, "mentorships/pair.html", _pair_context(access, pair, bound or {}))


def _pair_context(
    access: Access, pair: Mentorship, bound: Mapping[str, forms.BaseForm]
) -> dict[str, Any]:
    me = access.member
    all_meetings = list(pair.meetings.all())
    notes = {
        n.meeting_id: n.text
        for n in PrivateNote.objects.filter(meeting__mentorship=pair, author=me)
    }
    signed = set(pair.signatures.values_list("member_id", flat=True))
    now = timezone.now()
    upcoming = [
        (m, m.starts_at <= now, bound.get(f"move-{m.pk}") or _move_form(m, me.time_zone))
        for m in all_meetings
        if m.status in (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)
    ]
    note_form = bound.get("note")
    typed = note_form.data.get(f"{note_form.prefix}-text", "") if note_form else ""
    past = [
        PastMeeting(
            meeting=m,
            summary=typed if note_form and note_form.prefix == f"s{m.pk}" else m.summary,
            note=typed if note_form and note_form.prefix == f"n{m.pk}" else notes.get(m.pk, ""),
            errors=[str(e) for e in note_form.errors.get("text", [])]
            if note_form and note_form.prefix in (f"s{m.pk}", f"n{m.pk}")
            else [],
        )
        for m in all_meetings
        if m.status in (MeetingStatus.HELD, MeetingStatus.NOT_HELD)
    ]
    return {
        "pair": pair,
        "other": pair.other(me),
        "is_mentor": me.pk == pair.mentor_id,
        "is_live": pair.status in LIVE_STATUSES,
        "charter": pair.programme.current_charter(),
        "i_signed": me.pk in signed,
        "other_signed": pair.other(me).pk in signed,
        "upcoming": upcoming,
        "past": past[::-1],  # newest first; older meetings are folded on the page
        "held": sum(1 for m in all_meetings if m.status == MeetingStatus.HELD),
        "objectives": list(pair.objectives.all()),
        "objectives_form": bound.get("objectives")
        or ObjectivesForm(initial={"objectives": "\n".join(o.text for o in pair.objectives.all())}),
        "meeting_form": bound.get("propose") or MeetingForm(time_zone=me.time_zone),
        "action_form": bound.get("action") or ActionItemForm(pair=pair),
        "close_form": bound.get("close") or CloseForm(),
        "operation_form": bound.get("operation"),
        "actions": pair.action_items.select_related("owner"),
    }


@dataclass(frozen=True)
class PastMeeting:
    """A past meeting as its member sees it: the shared summary and their own private note
    (what they typed, when saving it was refused)."""

    meeting: Meeting
    summary: str
    note: str
    errors: list[str]


def _move_form(meeting: Meeting, time_zone: str) -> MeetingForm:
    local = timezone.localtime(meeting.starts_at, zoneinfo.ZoneInfo(time_zone))
    return MeetingForm(
        time_zone=time_zone,
        prefix=f"m{meeting.pk}",
        initial={
            "starts_at": local.replace(tzinfo=None),
            "duration_minutes": meeting.duration_minutes,
            "format": meeting.format,
            "place": meeting.place,
            "video_link": meeting.video_link,
        },
    )


@member_required
def meeting_ics_download(
    request: HttpRequest, access: Access, pair_id: int, meeting_id: int
) -> HttpResponse:
    pair = selectors.pair_for_member(access, pair_id)
    meeting = get_object_or_404(Meeting, mentorship=pair, pk=meeting_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
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
