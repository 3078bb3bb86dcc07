"""The programme manager's pages: queue, the request page, and the intake operations.

One view per operation (``core.operations``): each calls one service; a refusal re-renders the
request page with the bound form so nothing typed is lost. Shortlist and invitation operations
are in ``views_shortlist``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import Access, staff_required
from binome.core.errors import DomainError
from binome.core.operations import ConfirmForm, Perform, run_operation
from binome.intake import selectors, suggestions
from binome.intake.forms import (
    DecisionForm,
    DirectPairForm,
    EntryForm,
    InviteForm,
    NotesForm,
    ScheduleForm,
)
from binome.intake.models import IntakeInterview, MentoringRequest
from binome.intake.services import intake as intake_services
from binome.intake.shortlist_rows import ShortlistRow, shortlist_rows
from binome.intake.states import RequestStatus
from binome.members.models import Member
from binome.members.selectors import DirectoryQuery, directory_queryset
from binome.mentorships.services import create_mentorship
from binome.programmes.models import Programme


@staff_required
def intake_queue(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_network(access.network), pk=programme_id)
    if not access.manages(programme):
        raise Http404
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    board = selectors.dashboard(programme)
    rows = [(r, selectors.waiting_on(r)) for r in board.open_requests]
    return render(
        request, "intake/queue.html", {"programme": programme, "board": board, "rows": rows}
    )


@staff_required
def manage_request(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return request_page(request, access, mentoring_request)


def request_page(
    request: HttpRequest,
    access: Access,
    mentoring_request: MentoringRequest,
    *,
    bound: Mapping[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    """The request's page; ``bound`` replaces a blank form by the one an operation refused."""
    selectors.record_sensitive_read(mentoring_request, access)
    notes_allowed = selectors.can_read_intake_notes(mentoring_request, access)
    interview = (
        selectors.read_intake_notes(mentoring_request, access)
        if notes_allowed
        else IntakeInterview.objects.filter(request=mentoring_request).defer("notes").first()
    )
    bound = dict(bound or {})
    entries = shortlist_rows(mentoring_request)
    for row in entries:
        entry = row.entry
        row.entry_form = bound.get(f"entry-{entry.pk}") or EntryForm(
            initial={"note": entry.manager_note, "position": entry.position}, prefix=f"e{entry.pk}"
        )
        row.invite_form = bound.get(f"invite-{entry.pk}") or InviteForm(prefix=f"i{entry.pk}")
    context: dict[str, Any] = {
        "mentoring_request": mentoring_request,
        "interview": interview,
        "entries": entries,
        "waiting_on": selectors.waiting_on(mentoring_request),
        "invitations": mentoring_request.invitations.select_related("mentor"),
        "events": mentoring_request.events.select_related("actor"),
        "schedule_form": bound.get("schedule") or _schedule_form(mentoring_request, interview),
        "notes_allowed": notes_allowed,
        "notes_form": bound.get("notes")
        or NotesForm(initial={"notes": interview.notes if interview and notes_allowed else ""}),
        "decision_form": bound.get("decide") or DecisionForm(),
        "operation_form": bound.get("operation"),
        "add_form": bound.get("add"),
    }
    if mentoring_request.status == RequestStatus.SHORTLISTING:
        context.update(_suggestion_context(request, access, mentoring_request, entries))
    return render(request, "intake/manage_request.html", context)


def _schedule_form(
    mentoring_request: MentoringRequest, interview: IntakeInterview | None
) -> ScheduleForm:
    return ScheduleForm(
        programme=mentoring_request.programme,
        initial={
            "scheduled_at": interview.scheduled_at if interview else None,
            "duration_minutes": interview.duration_minutes if interview else 60,
        },
    )


def _suggestion_context(
    request: HttpRequest,
    access: Access,
    mentoring_request: MentoringRequest,
    entries: list[ShortlistRow],
) -> dict[str, Any]:
    shortlisted = {row.entry.mentor_id for row in entries}
    filters = suggestions.SuggestionFilters(
        common_theme=request.GET.get("theme") == "1",
        common_format=request.GET.get("any_format") != "1",
        more=request.GET.get("more") == "1",
    )
    text = request.GET.get("q", "")
    return {
        "filters": filters,
        "suggestions": suggestions.suggest(mentoring_request, exclude=shortlisted, filters=filters),
        "search": _search(access, text, shortlisted),
        "q": text,
    }


def _search(access: Access, text: str, shortlisted: set[int]) -> list[Member]:
    if not text.strip():
        return []
    ids = directory_queryset(access.network, DirectoryQuery(text=text)).values_list(
        "member_id", flat=True
    )[:10]
    return [m for m in Member.objects.filter(pk__in=list(ids)) if m.pk not in shortlisted]


def request_operation(
    request: HttpRequest,
    access: Access,
    mentoring_request: MentoringRequest,
    *,
    form: forms.BaseForm,
    slot: str,
    perform: Perform,
) -> HttpResponse:
    """Run one operation of the request page; ``slot`` names where its bound form is shown."""
    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: request_page(request, access, mentoring_request, bound={slot: bound}),
        success=reverse("manage_request", args=[access.network.slug, mentoring_request.pk]),
    )


@staff_required
@require_POST
def request_take(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        intake_services.take_request(request=mentoring_request, manager=access.member)
        return _("You are in charge of this request.")

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
def request_schedule(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        intake_services.schedule_interview(request=mentoring_request, manager=access.member, **data)
        return _("The interview is scheduled; the member is told.")

    form = ScheduleForm(request.POST, programme=mentoring_request.programme)
    return request_operation(
        request, access, mentoring_request, form=form, slot="schedule", perform=perform
    )


@staff_required
@require_POST
def request_notes(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)
    if not selectors.can_read_intake_notes(mentoring_request, access):
        raise Http404  # intake notes are for the programme's managers only

    def perform(data: Mapping[str, Any]) -> str:
        intake_services.save_intake_notes(
            request=mentoring_request, manager=access.member, notes=data["notes"]
        )
        return _("Notes saved.")

    return request_operation(
        request,
        access,
        mentoring_request,
        form=NotesForm(request.POST),
        slot="notes",
        perform=perform,
    )


@staff_required
@require_POST
def request_decide(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)

    def perform(data: Mapping[str, Any]) -> str:
        intake_services.decide(request=mentoring_request, manager=access.member, **data)
        return _("Decision recorded; the member is told.")

    return request_operation(
        request,
        access,
        mentoring_request,
        form=DecisionForm(request.POST),
        slot="decide",
        perform=perform,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def direct_pair(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    """The seeds' "création directe de binômes": an admin pairs two members without a request."""
    programme = get_object_or_404(Programme.objects.for_network(access.network), pk=programme_id)
    if not access.is_network_admin:
        raise Http404
    form = DirectPairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        members = Member.objects.for_network(access.network).select_related("user")
        mentor = members.filter(user__email=form.cleaned_data["mentor_email"].lower()).first()
        mentee = members.filter(user__email=form.cleaned_data["mentee_email"].lower()).first()
        if mentor is None:
            form.add_error("mentor_email", _("No member of this network has this email address."))
        if mentee is None:
            form.add_error("mentee_email", _("No member of this network has this email address."))
        if mentor is not None and mentee is not None:
            try:
                create_mentorship(
                    programme=programme, mentor=mentor, mentee=mentee, actor=request.user
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("The pair %(mentor)s & %(mentee)s is created.")
                    % {"mentor": mentor.full_name, "mentee": mentee.full_name},
                )
                return redirect("programme_detail", access.network.slug, programme.pk)
    return render(request, "intake/direct_pair.html", {"form": form, "programme": programme})
