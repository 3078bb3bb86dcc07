"""The managers' pages of matching runs: launch, progress, review, manual swaps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binome.cohorts import options, selectors
from binome.cohorts.forms import ForbidForm, LaunchForm, PinForm
from binome.cohorts.models import Cohort, MatchingRun
from binome.cohorts.services import runs as run_services
from binome.cohorts.states import CohortStatus, RunStatus
from binome.cohorts.views_manager import _cohort_page
from binome.core.access import Access, staff_required
from binome.core.operations import run_operation


def _run_url(access: Access, run: MatchingRun) -> str:
    return reverse("run_detail", args=[access.network.slug, run.cohort_id, run.pk])


@staff_required
@require_POST
def run_launch(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    launched: dict[str, MatchingRun] = {}
    form = LaunchForm(request.POST, cohort=cohort)
    # The options page sends "options"; the quick form of the cohort's page, the objective.
    full = "options" in request.POST

    def perform(data: Mapping[str, Any]) -> str:
        launched["run"] = run_services.launch_run(
            cohort=cohort,
            manager=access.member,
            mode=data["mode"],
            weights=form.weights(),
            quotas=form.quotas(),
            rules=form.rules(),
        )
        return _("The run has started.")

    def page(bound: forms.BaseForm) -> HttpResponse:
        if full:
            return _options_page(request, cohort, bound)
        return _cohort_page(request, access, cohort, bound=bound)

    response = run_operation(
        request,
        form=form,
        perform=perform,
        page=page,
        success=reverse("cohort_manage", args=[access.network.slug, cohort.pk]),
    )
    if "run" in launched:
        response["Location"] = _run_url(access, launched["run"])
    return response


@staff_required
def run_new(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    """The options of a new run, with a preview of how rankings move (posted to run_launch)."""
    cohort = selectors.cohort_for_manager(access, cohort_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _options_page(request, cohort, LaunchForm(cohort=cohort))


def _options_page(request: HttpRequest, cohort: Cohort, form: forms.BaseForm) -> HttpResponse:
    return render(
        request,
        "cohorts/run_new.html",
        {
            "cohort": cohort,
            "form": form,
            "can_launch": cohort.status == CohortStatus.MATCHING,
            "max_weight": options.MAX_WEIGHT,
        },
    )


@staff_required
def run_preview(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    """How the top mentors of a few mentees move from the default weights to those typed in
    (an htmx partial; the weights come in the query string)."""
    cohort = selectors.cohort_for_manager(access, cohort_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = LaunchForm(request.GET, cohort=cohort)
    form.fields["mode"].required = False  # the objective does not move rankings
    rows: list[options.PreviewRow] = []
    valid = form.is_valid()
    if valid:
        before = options.default_weights(cohort)
        rows = options.preview(
            cohort,
            before,
            form.weights() or before,
            rules_before=options.default_rules(cohort),
            rules_after=form.rules(),
        )
    return render(
        request,
        "cohorts/_run_preview.html",
        {"cohort": cohort, "rows": rows, "valid": valid, "form": form},
    )


@staff_required
def run_detail(request: HttpRequest, access: Access, cohort_id: int, run_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    run = selectors.run_for_manager(cohort, run_id)
    if request.method not in ("GET", "HEAD"):  # read-only, once access is settled
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _run_page(request, cohort, run)


def _run_page(
    request: HttpRequest, cohort: Cohort, run: MatchingRun, *, bound: forms.BaseForm | None = None
) -> HttpResponse:
    done = run.status in {RunStatus.DONE, RunStatus.PUBLISHED}
    return render(
        request,
        "cohorts/run_detail.html",
        {
            "cohort": cohort,
            "run": run,
            "review": selectors.review(run, page=request.GET.get("page")) if done else None,
            "can_adjust": run.status == RunStatus.DONE and not run.is_publishing,
            "operation_form": bound,
        },
    )


@staff_required
def run_progress(request: HttpRequest, access: Access, cohort_id: int, run_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    run = selectors.run_for_manager(cohort, run_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = render(request, "cohorts/_run_progress.html", {"cohort": cohort, "run": run})
    if not run.is_running and not run.is_publishing and getattr(request, "htmx", False):
        response["HX-Refresh"] = "true"  # the run or its publication ended: show it
    return response


@staff_required
def run_mentee(
    request: HttpRequest, access: Access, cohort_id: int, run_id: int, application_id: int
) -> HttpResponse:
    """Choose a mentor by hand for one mentee of a run (a pin, then a new run)."""
    cohort = selectors.cohort_for_manager(access, cohort_id)
    run = selectors.run_for_manager(cohort, run_id)
    mentee = selectors.application_for_manager(access, cohort, application_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if mentee.role != "mentee":
        raise Http404
    pair = run.pairs.filter(mentee=mentee).select_related("mentor__member").first()
    form = PinForm(initial={"mentee": mentee.pk}, cohort=cohort)
    return _mentee_page(request, cohort, run, mentee, pair, form)


def _mentee_page(
    request: HttpRequest,
    cohort: Cohort,
    run: MatchingRun,
    mentee: Any,
    pair: Any,
    form: forms.BaseForm,
) -> HttpResponse:
    left = selectors.places_left(run)
    mentors = [
        (application, left.get(application.pk, 0))
        for application in selectors.accepted(cohort, "mentor")
    ]
    return render(
        request,
        "cohorts/run_mentee.html",
        {
            "cohort": cohort,
            "run": run,
            "mentee": mentee,
            "pair": pair,
            "form": form,
            "mentors": mentors,
            "unmatched": run.unmatched.filter(mentee=mentee).first(),
            "can_adjust": run.status == RunStatus.DONE,
        },
    )


@staff_required
@require_POST
def run_pin(request: HttpRequest, access: Access, cohort_id: int, run_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    run = selectors.run_for_manager(cohort, run_id)
    launched: dict[str, MatchingRun] = {}

    def perform(data: Mapping[str, Any]) -> str:
        launched["run"] = run_services.pin_pair(
            run=run, manager=access.member, mentee=data["mentee"], mentor=data["mentor"]
        )
        return _("The pin is set: the engine matches everyone else again around it.")

    form = PinForm(request.POST, cohort=cohort)
    response = run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _run_page(request, cohort, run, bound=bound),
        success=_run_url(access, run),
    )
    if "run" in launched:
        response["Location"] = _run_url(access, launched["run"])
    return response


@staff_required
@require_POST
def run_forbid(request: HttpRequest, access: Access, cohort_id: int, run_id: int) -> HttpResponse:
    cohort = selectors.cohort_for_manager(access, cohort_id)
    run = selectors.run_for_manager(cohort, run_id)
    launched: dict[str, MatchingRun] = {}

    def perform(data: Mapping[str, Any]) -> str:
        launched["run"] = run_services.forbid_pair(
            run=run,
            manager=access.member,
            mentee=data["mentee"],
            mentor=data["mentor"],
            allow=data["allow"],
        )
        if data["allow"]:
            return _("The pair is allowed again: a new run has started.")
        return _("This pair will not be proposed: a new run has started.")

    form = ForbidForm(request.POST, cohort=cohort)
    response = run_operation(
        request,
        form=form,
        perform=perform,
        page=lambda bound: _run_page(request, cohort, run, bound=bound),
        success=_run_url(access, run),
    )
    if "run" in launched:
        response["Location"] = _run_url(access, launched["run"])
    return response


@staff_required
def run_compare(request: HttpRequest, access: Access, cohort_id: int) -> HttpResponse:
    """Two finished runs of the cohort side by side (``?a=`` and ``?b=``: the runs' ids; by
    default the latest run against the one before)."""
    cohort = selectors.cohort_for_manager(access, cohort_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    finished = list(selectors.finished_runs(cohort))
    by_id = {run.pk: run for run in finished}

    def chosen(name: str, default: int) -> MatchingRun | None:
        value = request.GET.get(name, "")
        if value.isdigit() and int(value) in by_id:
            return by_id[int(value)]
        return finished[default] if len(finished) > default else None

    a, b = chosen("a", 1), chosen("b", 0)
    return render(
        request,
        "cohorts/run_compare.html",
        {
            "cohort": cohort,
            "runs": finished,
            "a": a,
            "b": b,
            "comparison": selectors.compare(a, b) if a and b and a != b else None,
        },
    )
