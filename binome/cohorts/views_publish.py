"""Publishing a run, exporting its proposal, re-matching one mentee after publication."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binome.cohorts import exports, selectors
from binome.cohorts.forms import RematchForm
from binome.cohorts.models import Application, Cohort, CohortPair
from binome.cohorts.services import publication, rematch
from binome.cohorts.views_runs import _run_page
from binome.core import audit
from binome.core.access import Access, staff_required
from binome.core.operations import ConfirmForm, run_operation


@staff_required
@require_POST
def run_publish(request: HttpRequest, access: Access, cohort_id: int, run_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    run = selectors.run_for_manager(cohort, run_id)

    def perform(data: Mapping[str, Any]) -> str:
        publication.request_publication(run=run, manager=access.member)
        return _(
            "Publication has started: the pairs are created and introduced by email, and the "
            "waiting list is told."
        )

    return run_operation(
        request,
        form=ConfirmForm(request.POST),
        perform=perform,
        page=lambda bound: _run_page(request, cohort, run, bound=bound),
        success=reverse("run_detail", args=[access.network.slug, cohort.pk, run.pk]),
    )


@staff_required
def run_export(
    request: HttpRequest, access: Access, cohort_id: int, run_id: int, file_format: str
) -> HttpResponseBase:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    run = selectors.run_for_manager(cohort, run_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    name = f"{slugify(cohort.programme.name)}-{slugify(cohort.name)}-{run.number}"
    response: HttpResponseBase
    if file_format in {"csv", "csv-excel"}:
        response = StreamingHttpResponse(
            exports.export_csv(run, delimiter=";" if file_format == "csv-excel" else ","),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.export_xlsx(run),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        raise Http404
    # The file carries names and emails: who took one, when, is kept.
    audit.record(
        action="matching_run.export", actor=request.user, network=access.network, target=run
    )
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def cohort_rematch(
    request: HttpRequest, access: Access, cohort_id: int, application_id: int
) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    mentee = selectors.application_for_manager(access, cohort, application_id)
    if mentee.role != "mentee":
        raise Http404
    if request.method == "GET":
        return _rematch_page(request, cohort, mentee, RematchForm(cohort=cohort))

    def perform(data: Mapping[str, Any]) -> str:
        rematch.rematch_mentee(
            cohort=cohort, manager=access.member, mentee=mentee, mentor=data["mentor"]
        )
        return _("%(mentee)s is now paired with %(mentor)s; both are introduced by email.") % {
            "mentee": mentee.member.full_name,
            "mentor": data["mentor"].member.full_name,
        }

    return run_operation(
        request,
        form=RematchForm(request.POST, cohort=cohort),
        perform=perform,
        page=lambda bound: _rematch_page(request, cohort, mentee, bound),
        success=reverse("cohort_manage", args=[access.network.slug, cohort.pk]),
    )


def _rematch_page(
    request: HttpRequest, cohort: Cohort, mentee: Application, form: forms.BaseForm
) -> HttpResponse:
    published = cohort.status == "published"
    return render(
        request,
        "cohorts/rematch.html",
        {
            "cohort": cohort,
            "mentee": mentee,
            "form": form,
            "published": published,
            "options": rematch.rematch_options(cohort=cohort, mentee=mentee) if published else [],
            "pairs": CohortPair.objects.filter(cohort=cohort, mentee=mentee).select_related(
                "mentor__member", "mentorship"
            ),
        },
    )
