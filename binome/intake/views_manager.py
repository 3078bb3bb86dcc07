"""The programme manager's pages: queue and dashboard, intake, shortlist builder, invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.core.access import Access, staff_required
from binome.core.errors import DomainError
from binome.intake import selectors, suggestions
from binome.intake.forms import (
    AddMentorForm,
    DecisionForm,
    DirectPairForm,
    EntryForm,
    InviteForm,
    NotesForm,
    ScheduleForm,
)
from binome.intake.models import IntakeInterview, MentoringRequest, ShortlistEntry
from binome.intake.services import intake as intake_services
from binome.intake.services import invitations as invitation_services
from binome.intake.services import shortlist as shortlist_services
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
    board = selectors.dashboard(programme)
    rows = [(r, selectors.waiting_on(r)) for r in board.open_requests]
    return render(
        request, "intake/queue.html", {"programme": programme, "board": board, "rows": rows}
    )


@staff_required
def manage_request(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    mentoring_request = selectors.request_for_manager(access, request_id)
    selectors.record_sensitive_read(mentoring_request, access)
    notes_allowed = selectors.can_read_intake_notes(mentoring_request, access)
    interview = (
        selectors.read_intake_notes(mentoring_request, access)
        if notes_allowed
        else IntakeInterview.objects.filter(request=mentoring_request).defer("notes").first()
    )
    entries = list(mentoring_request.shortlist.select_related("mentor__user"))
    context: dict[str, Any] = {
        "mentoring_request": mentoring_request,
        "interview": interview,
        "entries": entries,
        "waiting_on": selectors.waiting_on(mentoring_request),
        "invitations": mentoring_request.invitations.select_related("mentor"),
        "events": mentoring_request.events.select_related("actor"),
        "schedule_form": ScheduleForm(
            programme=mentoring_request.programme,
            initial={
                "scheduled_at": interview.scheduled_at if interview else None,
                "duration_minutes": interview.duration_minutes if interview else 60,
            },
        ),
        "notes_allowed": notes_allowed,
        "notes_form": NotesForm(
            initial={"notes": interview.notes if interview and notes_allowed else ""}
        ),
        "decision_form": DecisionForm(),
        "invite_form": InviteForm(),
        "entry_forms": {
            e.pk: EntryForm(
                initial={"note": e.manager_note, "position": e.position}, prefix=f"e{e.pk}"
            )
            for e in entries
        },
    }
    if mentoring_request.status == RequestStatus.SHORTLISTING:
        shortlisted = {e.mentor_id for e in entries}
        filters = suggestions.SuggestionFilters(
            common_theme=request.GET.get("theme") == "1",
            common_format=request.GET.get("format") == "1",
            more=request.GET.get("more") == "1",
        )
        context["filters"] = filters
        context["suggestions"] = suggestions.suggest(
            mentoring_request, exclude=shortlisted, filters=filters
        )
        context["search"] = _search(access, request.GET.get("q", ""), shortlisted)
        context["q"] = request.GET.get("q", "")
    return render(request, "intake/manage_request.html", context)


def _search(access: Access, text: str, shortlisted: set[int]) -> list[Member]:
    if not text.strip():
        return []
    ids = directory_queryset(access.network, DirectoryQuery(text=text)).values_list(
        "member_id", flat=True
    )[:10]
    return [m for m in Member.objects.filter(pk__in=list(ids)) if m.pk not in shortlisted]


@staff_required
@require_POST
def request_step(request: HttpRequest, access: Access, request_id: int) -> HttpResponse:
    """One POST endpoint per request for the manager's actions, each calling one service."""
    mentoring_request = selectors.request_for_manager(access, request_id)
    action = request.POST.get("action", "")
    try:
        _run_step(request, access, mentoring_request, action)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("manage_request", access.network.slug, mentoring_request.pk)


def _run_step(
    request: HttpRequest, access: Access, mentoring_request: MentoringRequest, action: str
) -> None:
    """Dispatch one manager action to its service: intake steps, then shortlist steps."""
    if action in {"take", "schedule", "notes", "decide"}:
        _intake_step(request, access, mentoring_request, action)
    elif action == "add":
        _add_step(request, access, mentoring_request)
    elif action in {"update_entry", "remove_entry", "invite"}:
        entry = get_object_or_404(
            ShortlistEntry, request=mentoring_request, pk=request.POST.get("entry")
        )
        _entry_step(request, access.member, mentoring_request, entry, action)
    elif action == "publish":
        shortlist_services.publish_shortlist(request=mentoring_request, manager=access.member)
        messages.success(request, _("The shortlist is published; the member is told."))


def _intake_step(
    request: HttpRequest, access: Access, mentoring_request: MentoringRequest, action: str
) -> None:
    manager = access.member
    if action == "take":
        intake_services.take_request(request=mentoring_request, manager=manager)
        messages.success(request, _("You are in charge of this request."))
    elif action == "schedule":
        schedule = ScheduleForm(request.POST, programme=mentoring_request.programme)
        if not schedule.is_valid():
            raise DomainError(_("Give a valid date, time and duration."))
        intake_services.schedule_interview(
            request=mentoring_request, manager=manager, **schedule.cleaned_data
        )
        messages.success(request, _("The interview is scheduled; the member is told."))
    elif action == "notes":
        if not selectors.can_read_intake_notes(mentoring_request, access):
            raise DomainError(_("Intake notes are for the programme's managers."))
        notes = NotesForm(request.POST)
        notes.is_valid()
        intake_services.save_intake_notes(
            request=mentoring_request, manager=manager, notes=notes.cleaned_data.get("notes", "")
        )
        messages.success(request, _("Notes saved."))
    else:
        decision = DecisionForm(request.POST)
        if not decision.is_valid():
            raise DomainError(_("Choose a decision."))
        intake_services.decide(request=mentoring_request, manager=manager, **decision.cleaned_data)
        messages.success(request, _("Decision recorded; the member is told."))


def _add_step(request: HttpRequest, access: Access, mentoring_request: MentoringRequest) -> None:
    add = AddMentorForm(request.POST)
    if not add.is_valid():
        raise DomainError(_("Unknown mentor."))
    mentor = get_object_or_404(
        Member.objects.for_network(access.network), pk=add.cleaned_data["mentor"]
    )
    # The engine's view of the pick is kept for staff, whoever suggested the mentor.
    suggestion = suggestions.explain(mentoring_request, mentor)
    shortlist_services.add_to_shortlist(
        request=mentoring_request,
        manager=access.member,
        mentor=mentor,
        note=add.cleaned_data["note"],
        engine_score=suggestion.score if suggestion else None,
        engine_reasons=suggestion.reasons_data() if suggestion else [],
    )
    messages.success(request, _("%(name)s is on the shortlist.") % {"name": mentor.full_name})


def _entry_step(
    request: HttpRequest,
    manager: Member,
    mentoring_request: MentoringRequest,
    entry: ShortlistEntry,
    action: str,
) -> None:
    if action == "update_entry":
        form = EntryForm(request.POST, prefix=f"e{entry.pk}")
        if not form.is_valid():
            raise DomainError(_("Give a note and a position."))
        shortlist_services.update_entry(entry=entry, **form.cleaned_data)
        messages.success(request, _("Saved."))
    elif action == "remove_entry":
        shortlist_services.remove_from_shortlist(entry=entry)
        messages.success(request, _("Removed from the shortlist."))
    else:
        invite = InviteForm(request.POST)
        if not invite.is_valid():
            raise DomainError(_("Write a personal message to the mentor."))
        invitation_services.invite_mentor(
            request=mentoring_request,
            manager=manager,
            entry=entry,
            message=invite.cleaned_data["message"],
        )
        messages.success(request, _("%(name)s is invited.") % {"name": entry.mentor.full_name})


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
