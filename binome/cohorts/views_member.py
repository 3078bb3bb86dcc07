"""The members' pages: open cohorts, applying as mentor or mentee, one's applications."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from binome.cohorts import selectors
from binome.cohorts.forms import ApplicationForm, WithdrawForm
from binome.cohorts.models import Application, Role
from binome.cohorts.services import applications as application_services
from binome.cohorts.services import join_again
from binome.cohorts.states import EDITABLE_STATUSES, ApplicationStatus, CohortStatus
from binome.core.access import Access, member_required
from binome.core.errors import DomainError
from binome.core.operations import run_operation
from binome.members.models import MentorOffer


@member_required
@require_safe
def my_cohorts(request: HttpRequest, access: Access) -> HttpResponse:
    mine = list(
        Application.objects.filter(member=access.member)
        .select_related("cohort__programme")
        .order_by("-created_at")
    )
    applied = {(a.cohort_id, a.role) for a in mine if a.status != ApplicationStatus.WITHDRAWN}
    rows = [
        (
            cohort,
            [
                (role, label)
                for role, label in Role.choices
                if cohort.is_window_open(role) and (cohort.pk, role) not in applied
            ],
        )
        for cohort in selectors.open_cohorts(access)
    ]
    return render(request, "cohorts/my_cohorts.html", {"rows": rows, "applications": mine})


@member_required
@require_http_methods(["GET", "POST"])
def cohort_apply(request: HttpRequest, access: Access, cohort_id: int, role: str) -> HttpResponse:
    cohort = selectors.cohort_for_member(access, cohort_id)
    if role not in Role.values:
        raise Http404
    application = Application.objects.filter(cohort=cohort, member=access.member, role=role).first()
    previous = None
    if application is not None and application.status != ApplicationStatus.WITHDRAWN:
        initial: dict[str, Any] = {
            name: getattr(application, name) for name in application_services.ANSWERS
        }
        initial["themes"] = list(application.themes.all())
        initial.update({f"q_{pk}": value for pk, value in application.answers.items()})
        can_save = cohort.status == CohortStatus.OPEN and application.status in EDITABLE_STATUSES
    else:
        initial = {
            "languages": access.member.languages,
            "formats": list(cohort.formats),
            "style": cohort.styles[0] if cohort.styles else "",
            "capacity": 1,
        }
        # Applying again: last time's answers, to check and send ("join again").
        earlier, previous = join_again.prefill(cohort, access.member, role)
        initial.update(earlier)
        can_save = cohort.is_window_open(role)
    offer = MentorOffer.objects.filter(member=access.member).first()
    needs_offer = role == Role.MENTOR and (offer is None or not offer.is_active)
    form = ApplicationForm(request.POST or None, initial=initial, cohort=cohort, role=role)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["answers"] = form.answers()
        try:
            saved = application_services.save_application(
                cohort=cohort,
                member=access.member,
                role=role,
                data=data,
                themes=list(data.pop("themes")),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your application is saved."))
            return redirect("my_application", access.network.slug, saved.pk)
    return render(
        request,
        "cohorts/apply.html",
        {
            "cohort": cohort,
            "role": role,
            "role_label": Role(role).label,
            "form": form,
            "application": application,
            "can_save": can_save,
            "needs_offer": needs_offer,
            "previous": previous,
        },
    )


@member_required
def my_application(request: HttpRequest, access: Access, application_id: int) -> HttpResponse:
    application = selectors.application_for_member(access, application_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _application_page(request, application, WithdrawForm())


def _application_page(
    request: HttpRequest, application: Application, form: forms.BaseForm
) -> HttpResponse:
    cohort = application.cohort
    return render(
        request,
        "cohorts/my_application.html",
        {
            "application": application,
            "cohort": cohort,
            "withdraw_form": form,
            "can_change": cohort.status == CohortStatus.OPEN
            and application.status in EDITABLE_STATUSES,
            "can_apply_again": application.status == ApplicationStatus.WITHDRAWN
            and cohort.is_window_open(application.role),
            "themes": application.themes.all(),
        },
    )


@member_required
@require_POST
def application_withdraw(request: HttpRequest, access: Access, application_id: int) -> HttpResponse:
    application = selectors.application_for_member(access, application_id)

    def perform(data: Mapping[str, Any]) -> str:
        application_services.withdraw_application(
            application=application, actor=request.user, reason=data["reason"]
        )
        return _("Your application is withdrawn.")

    return run_operation(
        request,
        form=WithdrawForm(request.POST),
        perform=perform,
        page=lambda bound: _application_page(request, application, bound),
        success=reverse("my_application", args=[access.network.slug, application.pk]),
    )
