"""Speed-mentoring pages: register and see one's schedule; the manager's event, rotation,
printable schedules and the room's "round N" screen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.core.access import Access, member_required, staff_required
from binome.core.errors import DomainError
from binome.core.operations import run_operation
from binome.events import selectors
from binome.events.forms import (
    AttendanceForm,
    EventForm,
    FollowUpForm,
    MoveForm,
    RegisterForm,
    SignupForm,
    TickForm,
)
from binome.events.models import Introduction, Registration, SpeedEvent, Tick
from binome.events.services import events as event_services
from binome.events.services import followups, rotation
from binome.events.states import EventStatus
from binome.members.models import Member
from binome.programmes.models import Programme


@member_required
@require_safe
def events_index(request: HttpRequest, access: Access) -> HttpResponse:
    # The figures managers follow: registered, present, introductions (one query).
    upcoming = (
        SpeedEvent.objects.filter(network=access.network, programme__is_active=True)
        .select_related("programme")
        .annotate(
            registered=Count("registrations", distinct=True),
            came=Count("registrations", filter=Q(registrations__attended=True), distinct=True),
            introduced=Count("introductions", distinct=True),
            paired=Count("introductions", filter=Q(introductions__status="pair"), distinct=True),
            flashed=Count("introductions", filter=Q(introductions__status="flash"), distinct=True),
        )
    )
    managed = [
        p
        for p in Programme.objects.for_network(access.network).filter(kind="speed")
        if access.manages(p)
    ]
    return render(
        request,
        "events/index.html",
        {
            "events": upcoming,
            "managed": managed,
            "managed_ids": {p.pk for p in managed},
        },
    )


# -- The member's side


def _event_page(
    request: HttpRequest,
    access: Access,
    event: SpeedEvent,
    *,
    bound: Mapping[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    bound = bound or {}
    registration = Registration.objects.filter(event=event, member=access.member).first()
    met = event_services.met(event, access.member) if registration else set()
    ticked = list(
        Tick.objects.filter(event=event, author=access.member).values_list("about_id", flat=True)
    )
    follow_ups = [
        (
            introduction,
            bound.get(f"follow{introduction.pk}") or _follow_up_form(access, introduction),
        )
        for introduction in selectors.introductions_of(event, access.member)
    ]
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "registration": registration,
            "schedule": selectors.person_schedules(event).get(access.member.pk, [])
            if registration and event.status != EventStatus.OPEN
            else [],
            "signup_form": bound.get("signup") or SignupForm(programme=event.programme),
            "tick_form": bound.get("ticks") or TickForm(met=met, initial={"about": ticked}),
            "follow_ups": follow_ups,
            "can_tick": registration is not None
            and event.status == EventStatus.LOCKED
            and event.starts_at <= timezone.now(),
        },
    )


@member_required
@require_safe
def event_page(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    return _event_page(request, access, selectors.event_for_member(access, event_id))


@member_required
@require_POST
def event_signup(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    event = selectors.event_for_member(access, event_id)

    def perform(data: Mapping[str, Any]) -> str:
        event_services.register(
            event=event, member=access.member, role=data["role"], themes=list(data["themes"])
        )
        return _("You are registered.")

    return run_operation(
        request,
        form=SignupForm(request.POST, programme=event.programme),
        perform=perform,
        page=lambda form: _event_page(request, access, event, bound={"signup": form}),
        success=reverse("event_page", args=[access.network.slug, event.pk]),
    )


@member_required
@require_POST
def event_ticks(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    event = selectors.event_for_member(access, event_id)
    met = event_services.met(event, access.member)

    def perform(data: Mapping[str, Any]) -> str:
        event_services.set_ticks(
            event=event, member=access.member, about=[m.pk for m in data["about"]]
        )
        return _("Thank you: mutual wishes become introductions when the event closes.")

    return run_operation(
        request,
        form=TickForm(request.POST, met=met),
        perform=perform,
        page=lambda form: _event_page(request, access, event, bound={"ticks": form}),
        success=reverse("event_page", args=[access.network.slug, event.pk]),
    )


def _follow_up_form(access: Access, introduction: Introduction, data: Any = None) -> forms.BaseForm:
    is_mentor = introduction.mentor_id == access.member.pk
    choice = introduction.choice_of(access.member)
    programmes = [] if is_mentor else followups.pair_programmes(introduction)
    only = programmes[0].pk if len(programmes) == 1 else None
    return FollowUpForm(
        data,
        prefix=f"f{introduction.pk}",
        is_mentor=is_mentor,
        programmes=programmes,
        has_flash=followups.flash_programme(introduction) is not None,
        has_pair=followups.mentor_takes_pairs(introduction),
        initial={
            "choice": choice,
            "programme": introduction.programme_id or only,
            "starts_at": introduction.flash_starts_at,
            "duration_minutes": introduction.flash_minutes or 45,
            "format": introduction.flash_format or "video",
            "place": introduction.flash_place,
        },
    )


@member_required
@require_POST
def event_follow_up(request: HttpRequest, access: Access, introduction_id: int) -> HttpResponse:
    """One person's choice of a follow-up after a mutual tick."""
    introduction = selectors.introduction_for_member(access, introduction_id)
    event = introduction.event

    def perform(data: Mapping[str, Any]) -> str:
        made = followups.choose_follow_up(
            introduction=introduction,
            member=access.member,
            choice=data["choice"],
            programme=data.get("programme"),
            starts_at=data.get("starts_at"),
            duration_minutes=data.get("duration_minutes"),
            format=data.get("format") or "",
            place=data.get("place") or "",
        )
        if made.flash_exchange_id:
            return _("You both chose a flash exchange: it is planned, with a calendar file.")
        if made.mentorship_id:
            return _("You both chose a long pair: you receive an introduction email.")
        return _("Your choice is recorded.")

    return run_operation(
        request,
        form=_follow_up_form(access, introduction, request.POST),
        perform=perform,
        page=lambda form: _event_page(
            request, access, event, bound={f"follow{introduction.pk}": form}
        ),
        success=reverse("event_page", args=[access.network.slug, event.pk]),
    )


# -- The manager's side


def _managed_speed_programme(access: Access, programme_id: int) -> Programme:
    programme = get_object_or_404(
        Programme.objects.for_network(access.network), pk=programme_id, kind="speed"
    )
    if not access.manages(programme):
        raise Http404
    return programme


@staff_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = _managed_speed_programme(access, programme_id)
    created: list[SpeedEvent] = []

    def page(form: forms.BaseForm) -> HttpResponse:
        return render(request, "events/event_new.html", {"programme": programme, "form": form})

    if request.method != "POST":
        return page(EventForm())

    def perform(data: Mapping[str, Any]) -> str:
        created.append(event_services.create_event(programme=programme, actor=request.user, **data))
        return _("The event is created: register mentors and mentees.")

    response = run_operation(
        request,
        form=EventForm(request.POST),
        perform=perform,
        page=page,
        success=reverse("events_index", args=[access.network.slug]),
    )
    if created:
        return redirect("event_manage", access.network.slug, created[0].pk)
    return response


def _manage_page(
    request: HttpRequest,
    access: Access,
    event: SpeedEvent,
    *,
    bound: Mapping[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    bound = bound or {}
    registrations = Registration.objects.filter(event=event).select_related("member")
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "mentors": [r for r in registrations if r.role == "mentor"],
            "mentees": [r for r in registrations if r.role == "mentee"],
            "tables": selectors.tables(event) if event.rotation_built_at else [],
            "idle": selectors.idle_count(event) if event.rotation_built_at else 0,
            "register_form": bound.get("register") or RegisterForm(programme=event.programme),
            "move_form": bound.get("move") or MoveForm(event=event),
            "operation_form": bound.get("operation"),
            "introductions": event.introductions.select_related("mentor", "mentee"),
            "attendance_form": bound.get("attendance")
            or AttendanceForm(
                event=event,
                initial={"present": [r.member for r in registrations if r.attended]},
            ),
            "came": sum(1 for r in registrations if r.attended),
        },
    )


@staff_required
@require_safe
def event_manage(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    return _manage_page(request, access, selectors.event_for_manager(access, event_id))


def _manage_operation(
    request: HttpRequest,
    access: Access,
    event: SpeedEvent,
    *,
    form: forms.BaseForm,
    slot: str,
    perform: Any,
) -> HttpResponse:
    return run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _manage_page(request, access, event, bound={slot: bound}),
        success=reverse("event_manage", args=[access.network.slug, event.pk]),
    )


@staff_required
@require_POST
def event_register(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    event = selectors.event_for_manager(access, event_id)

    def perform(data: Mapping[str, Any]) -> str:
        member = Member.objects.filter(
            network=access.network, user__email__iexact=data["email"]
        ).first()
        if member is None:
            raise DomainError(_("No member of the network has this email address."))
        event_services.register(
            event=event,
            member=member,
            role=data["role"],
            themes=list(data["themes"]),
            by_staff=True,
        )
        return _("%(name)s is registered.") % {"name": member.full_name}

    return _manage_operation(
        request,
        access,
        event,
        form=RegisterForm(request.POST, programme=event.programme),
        slot="register",
        perform=perform,
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(
        choices=[
            (step, step) for step in ("build", "lock", "unlock", "close", "invite_past_mentors")
        ]
    )


@staff_required
@require_POST
def event_step(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    """Build the rotation, lock it, unlock it, or close the event."""
    event = selectors.event_for_manager(access, event_id)

    def perform(data: Mapping[str, Any]) -> str:
        step = data["step"]
        if step == "build":
            schedule = rotation.build_rotation(event=event, actor=request.user)
            return _("The rotation is built: %(n)s meetings.") % {"n": len(schedule.meetings)}
        if step == "lock":
            event_services.lock_rotation(event=event, actor=request.user)
            return _("The rotation is locked; everyone receives their schedule.")
        if step == "invite_past_mentors":
            count = event_services.invite_past_mentors(event=event, actor=request.user)
            return _("%(n)s mentors of earlier events invited.") % {"n": count}
        if step == "unlock":
            event_services.unlock_rotation(event=event, actor=request.user)
            return _("The rotation is open to changes again.")
        introductions = event_services.close_event(event=event, actor=request.user)
        return _("The event is closed: %(n)s introductions sent.") % {"n": len(introductions)}

    return _manage_operation(
        request, access, event, form=StepForm(request.POST), slot="operation", perform=perform
    )


@staff_required
@require_POST
def event_move(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    event = selectors.event_for_manager(access, event_id)

    def perform(data: Mapping[str, Any]) -> str:
        rotation.move_mentee(
            event=event,
            actor=request.user,
            round=data["round"],
            mentee=data["mentee"],
            mentor=data["mentor"],
        )
        return _("The rotation is changed.")

    return _manage_operation(
        request,
        access,
        event,
        form=MoveForm(request.POST, event=event),
        slot="move",
        perform=perform,
    )


@staff_required
@require_POST
def event_attendance(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    event = selectors.event_for_manager(access, event_id)

    def perform(data: Mapping[str, Any]) -> str:
        came = event_services.record_attendance(
            event=event, actor=request.user, present=[m.pk for m in data["present"]]
        )
        return _("Attendance recorded: %(n)s present.") % {"n": came}

    return _manage_operation(
        request,
        access,
        event,
        form=AttendanceForm(request.POST, event=event),
        slot="attendance",
        perform=perform,
    )


@staff_required
@require_safe
def event_tables(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    """Printable: one block per table, the mentees round by round."""
    event = selectors.event_for_manager(access, event_id)
    return render(
        request, "events/tables.html", {"event": event, "tables": selectors.tables(event)}
    )


@staff_required
@require_safe
def event_people(request: HttpRequest, access: Access, event_id: int) -> HttpResponse:
    """Printable: one block per person, their table and whom they meet each round."""
    event = selectors.event_for_manager(access, event_id)
    schedules = selectors.person_schedules(event)
    registrations = Registration.objects.filter(event=event).select_related("member")
    people = sorted(
        ((r, schedules.get(r.member_id, [])) for r in registrations),
        key=lambda row: (row[0].member.last_name, row[0].member.first_name),
    )
    return render(request, "events/people.html", {"event": event, "people": people})


@staff_required
@require_safe
def event_round(request: HttpRequest, access: Access, event_id: int, number: int) -> HttpResponse:
    """The room's screen: round N, each table and who sits there."""
    event = selectors.event_for_manager(access, event_id)
    if number not in event.round_numbers():
        raise Http404
    rows = [(t, t.rounds.get(number, [])) for t in selectors.tables(event)]
    return render(
        request,
        "events/round.html",
        {
            "event": event,
            "number": number,
            "rows": rows,
            "starts": event.round_starts(number),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < event.rounds else None,
        },
    )
