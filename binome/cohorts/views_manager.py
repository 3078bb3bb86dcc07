"""The managers' pages of a cohort: settings, applications and their screening."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.cohorts import exports, selectors
from binome.cohorts.forms import CohortForm, LaunchForm, ScreenForm
from binome.cohorts.models import Cohort, Role
from binome.cohorts.services import applications as application_services
from binome.cohorts.services import cohorts as cohort_services
from binome.cohorts.services.cohorts import SETTINGS
from binome.cohorts.states import ApplicationStatus, CohortStatus
from binome.core import audit
from binome.core.access import Access, staff_required
from binome.core.errors import DomainError
from binome.core.operations import ConfirmForm, run_operation
from binome.programmes.models import Programme

APPLICATIONS_PER_PAGE = 50


@staff_required
def cohort_list(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = selectors.cohort_programme(access, programme_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return render(
        request,
        "cohorts/cohort_list.html",
        {"programme": programme, "cohorts": programme.cohorts.all()},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def cohort_create(request: HttpRequest, access: Access, programme_id: int) -> HttpResponse:
    programme = selectors.cohort_programme(access, programme_id)
    return _settings_page(request, access, programme, None)


@staff_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    return _settings_page(request, access, cohort.programme, cohort)


def _settings_page(
    request: HttpRequest, access: Access, programme: Programme, cohort: Cohort | None
) -> HttpResponse:
    initial: dict[str, Any] = {
        "styles": ["classic", "peer"],
        "formats": ["in_person", "video"],
        "duration_months": programme.duration_months,
    }
    if cohort is not None:
        initial = {name: getattr(cohort, name) for name in SETTINGS}
    form = CohortForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = cohort_services.save_cohort(
                programme=programme, actor=request.user, data=dict(form.cleaned_data), cohort=cohort
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The cohort is saved."))
            return redirect("cohort_manage", access.network.slug, saved.pk)
    return render(
        request,
        "cohorts/cohort_edit.html",
        {"form": form, "programme": programme, "cohort": cohort},
    )


@staff_required
def cohort_manage(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _cohort_page(request, access, cohort)


def _cohort_page(
    request: HttpRequest, access: Access, cohort: Cohort, *, bound: forms.BaseForm | None = None
) -> HttpResponse:
    role = request.GET.get("role", "")
    status = request.GET.get("status", "")
    role = role if role in Role.values else ""
    status = status if status in ApplicationStatus.values else ""
    counts = selectors.counts(cohort)
    table = [
        (
            label,
            [counts.get((value, s), 0) for s in ApplicationStatus.values],
            sum(n for (r, _s), n in counts.items() if r == value),
        )
        for value, label in Role.choices
    ]
    return render(
        request,
        "cohorts/cohort_manage.html",
        {
            "cohort": cohort,
            "programme": cohort.programme,
            "statuses": ApplicationStatus.choices,
            "roles": Role.choices,
            "table": table,
            "applications": Paginator(
                selectors.applications_of(cohort, role=role, status=status), APPLICATIONS_PER_PAGE
            ).get_page(request.GET.get("page")),
            "filters": urlencode({k: v for k, v in (("role", role), ("status", status)) if v}),
            "role": role,
            "status": status,
            "operation_form": bound,
            "launch_form": bound if isinstance(bound, LaunchForm) else LaunchForm(),
            "runs": cohort.runs.select_related("created_by")[:20],
            "is_open": cohort.status == CohortStatus.OPEN,
            "asked_again": cohort.join_invitations.count(),
            "is_matching": cohort.status == CohortStatus.MATCHING,
        },
    )


def _cohort_operation(
    request: HttpRequest, access: Access, cohort: Cohort, perform: Any
) -> HttpResponse:
    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda bound: _cohort_page(request, access, cohort, bound=bound),
        success=reverse("cohort_manage", args=[access.network.slug, cohort.pk]),
    )


@staff_required
@require_POST
def cohort_start_matching(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)

    def perform(data: Mapping[str, Any]) -> str:
        cohort_services.start_matching(cohort=cohort, actor=request.user)
        return _("Applications are frozen: you can now run the matching.")

    return _cohort_operation(request, access, cohort, perform)


@staff_required
@require_POST
def cohort_reopen(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)

    def perform(data: Mapping[str, Any]) -> str:
        cohort_services.reopen_applications(cohort=cohort, actor=request.user)
        return _("Applications are open again.")

    return _cohort_operation(request, access, cohort, perform)


@staff_required
def application_review(
    request: HttpRequest, access: Access, cohort_id: int, application_id: int
) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    application = selectors.application_for_manager(access, cohort, application_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _review_page(request, cohort, application, ScreenForm())


def _review_page(
    request: HttpRequest, cohort: Cohort, application: Any, form: forms.BaseForm
) -> HttpResponse:
    return render(
        request,
        "cohorts/application_review.html",
        {
            "cohort": cohort,
            "application": application,
            "form": form,
            "can_screen": cohort.status != CohortStatus.PUBLISHED,
        },
    )


@staff_required
@require_POST
def application_screen(
    request: HttpRequest, access: Access, cohort_id: int, application_id: int
) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    application = selectors.application_for_manager(access, cohort, application_id)

    def perform(data: Mapping[str, Any]) -> str:
        application_services.screen_application(
            application=application,
            manager=access.member,
            decision=data["decision"],
            reason=data["reason"],
        )
        return _("%(name)s: %(decision)s. The person is told by email.") % {
            "name": application.member.full_name,
            "decision": ApplicationStatus(data["decision"]).label,
        }

    return run_operation(
        request,
        form=ScreenForm(request.POST),
        perform=perform,
        page=lambda bound: _review_page(request, cohort, application, bound),
        success=reverse("cohort_manage", args=[access.network.slug, cohort.pk]),
    )


@staff_required
def applications_export(
    request: HttpRequest, access: Access, cohort_id: int, role: str
) -> HttpResponseBase:
    """The applications of one role as a CSV for Excel, with the questionnaire's answers."""
    cohort = selectors.cohort_for_manager(access, cohort_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if role not in Role.values:
        raise Http404
    response = StreamingHttpResponse(
        exports.applications_csv(cohort, role, delimiter=";"),
        content_type="text/csv; charset=utf-8",
    )
    name = f"{slugify(cohort.programme.name)}-{slugify(cohort.name)}-{role}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    # The file carries names, emails and answers: who took one, when, is kept.
    audit.record(
        action="cohort.applications_export",
        actor=request.user,
        network=access.network,
        target=cohort,
        role=role,
    )
    return response
