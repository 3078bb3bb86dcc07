"""Matching runs: launched by a manager, executed by a task taking the run's id, never changed
once done. A manual swap (a pin) or a forbidden pair is a new run from the one reviewed."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.cohorts import matching, options
from binome.cohorts.models import Application, Cohort, MatchingRun, Mode, Role
from binome.cohorts.services.transitions import locked, move_to
from binome.cohorts.states import RUN_MACHINE, ApplicationStatus, CohortStatus, RunStatus
from binome.core import audit
from binome.core.errors import DomainError
from binome.members.models import Member
from binome_engine.validation import InvalidInput

logger = logging.getLogger(__name__)


def launch_run(
    *,
    cohort: Cohort,
    manager: Member,
    mode: str,
    pins: list[list[int]] | None = None,
    forbidden: list[list[int]] | None = None,
    parent: MatchingRun | None = None,
    weights: dict[str, float] | None = None,
    quotas: list[dict[str, Any]] | None = None,
    rules: dict[str, bool] | None = None,
) -> MatchingRun:
    """Queue a run over the cohort's accepted applications; the worker executes it. Its
    options (objective, weights, theme quotas) are stored with it and never change."""
    if mode not in Mode.values:
        raise DomainError(_("Choose an objective."), code="mode")
    weights = _checked_weights(weights)
    quotas = _checked_quotas(quotas)
    rules = _checked_rules(rules)
    with transaction.atomic():
        cohort = locked(cohort)
        if cohort.status != CohortStatus.MATCHING:
            raise DomainError(
                _("Start matching first: it freezes the applications."), code="not_matching"
            )
        if cohort.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
            raise DomainError(_("A run is already under way; wait for it."), code="busy")
        last = cohort.runs.order_by("-number").values_list("number", flat=True).first() or 0
        run = MatchingRun.objects.create(
            network=cohort.network,
            cohort=cohort,
            number=last + 1,
            parent=parent,
            mode=mode,
            pins=pins or [],
            forbidden=forbidden or [],
            weights=weights,
            quotas=quotas,
            rules=rules,
            created_by=manager,
        )
        audit.record(
            action="matching_run.launch", actor=manager.user, network=cohort.network, target=run
        )
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _checked_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """Every criterion's points (the engine's defaults for those not given), each bounded."""
    full = options.engine_weights()
    for name, value in (weights or {}).items():
        if name not in full:
            raise DomainError(_("Unknown criterion."), code="weights")
        if not 0 <= float(value) <= options.MAX_WEIGHT:
            raise DomainError(
                _("Each weight is from 0 to %(max)s points.") % {"max": options.MAX_WEIGHT},
                code="weights",
            )
        full[name] = float(value)
    if not any(full.values()):
        raise DomainError(_("At least one criterion needs some weight."), code="weights")
    return full


def _checked_rules(rules: dict[str, bool] | None) -> dict[str, bool]:
    full = options.engine_rules()
    for name, value in (rules or {}).items():
        if name not in full:
            raise DomainError(_("Unknown rule."), code="rules")
        full[name] = bool(value)
    return full


def _checked_quotas(quotas: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    checked = []
    seen = set()
    for quota in quotas or []:
        theme = str(quota["theme"])
        minimum = int(quota.get("minimum") or 0)
        maximum = quota.get("maximum")
        maximum = None if maximum is None else int(maximum)
        if theme in seen:
            raise DomainError(_("One quota per theme."), code="quotas")
        if minimum < 0 or (maximum is not None and maximum < minimum):
            raise DomainError(_("A quota's minimum is from 0 to its maximum."), code="quotas")
        if minimum == 0 and maximum is None:
            continue  # no bound at all: no quota
        seen.add(theme)
        checked.append({"theme": theme, "minimum": minimum, "maximum": maximum})
    return checked


def _enqueue(run_id: int) -> None:
    from binome.cohorts.tasks import run_matching

    run_matching.enqueue(run_id)


def pin_pair(
    *, run: MatchingRun, manager: Member, mentee: Application, mentor: Application | None
) -> MatchingRun:
    """Run again with ``mentee`` kept with ``mentor`` (or without its pin when ``mentor`` is
    None); the engine re-optimises everyone else around the pin."""
    _check_pair(run, mentee, mentor)
    pins = [p for p in run.pins if int(p[0]) != mentee.pk]
    forbidden = list(run.forbidden)
    if mentor is not None:
        if [mentee.pk, mentor.pk] in forbidden:
            forbidden.remove([mentee.pk, mentor.pk])
        taken = sum(1 for p in pins if int(p[1]) == mentor.pk)
        if taken >= mentor.capacity:
            raise DomainError(
                _("%(name)s already has %(count)s pinned mentees, their whole capacity.")
                % {"name": mentor.member.full_name, "count": taken},
                code="pinned_over_capacity",
            )
        pins.append([mentee.pk, mentor.pk])
    return launch_run(
        cohort=run.cohort,
        manager=manager,
        mode=run.mode,
        pins=pins,
        forbidden=forbidden,
        parent=run,
        weights=run.weights,
        quotas=run.quotas,
        rules=run.rules,
    )


def forbid_pair(
    *,
    run: MatchingRun,
    manager: Member,
    mentee: Application,
    mentor: Application,
    allow: bool = False,
) -> MatchingRun:
    """Run again with this pair never proposed (or allowed again)."""
    _check_pair(run, mentee, mentor)
    pair = [mentee.pk, mentor.pk]
    forbidden = [p for p in run.forbidden if list(map(int, p)) != pair]
    pins = list(run.pins)
    if not allow:
        forbidden.append(pair)
        pins = [p for p in pins if list(map(int, p)) != pair]
    return launch_run(
        cohort=run.cohort,
        manager=manager,
        mode=run.mode,
        pins=pins,
        forbidden=forbidden,
        parent=run,
        weights=run.weights,
        quotas=run.quotas,
        rules=run.rules,
    )


def _check_pair(run: MatchingRun, mentee: Application, mentor: Application | None) -> None:
    if run.status not in {RunStatus.DONE} or run.is_publishing:
        raise DomainError(_("Only a finished, unpublished run can be adjusted."), code="run")
    if mentee.cohort_id != run.cohort_id or mentee.role != Role.MENTEE:
        raise DomainError(_("Unknown mentee."), code="mentee")
    if mentor is not None and (mentor.cohort_id != run.cohort_id or mentor.role != Role.MENTOR):
        raise DomainError(_("Unknown mentor."), code="mentor")
    ids = [a.pk for a in (mentee, mentor) if a is not None]
    fresh = Application.objects.select_related("member").in_bulk(ids)
    for application in fresh.values():
        if application.status != ApplicationStatus.ACCEPTED:
            raise DomainError(
                _("%(name)s's application is not accepted.")
                % {"name": application.member.full_name},
                code="not_accepted",
            )


def execute_run(*, run_id: int) -> None:
    """Load, solve, store; the run ends done or failed (with why, in words)."""
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != RunStatus.QUEUED:
            return  # run twice by two workers: the first one holds it
        move_to(run, RUN_MACHINE, RunStatus.RUNNING, actor=None)
        run.started_at = timezone.now()
        run.save(update_fields=["started_at"])
    try:
        _phase(run, "loading")
        started = time.perf_counter()
        inputs = matching.load_inputs(
            run.cohort,
            pins=run.pins,
            forbidden=run.forbidden,
            weights=run.weights,
            quotas=run.quotas,
            rules=run.rules,
        )
        loaded = time.perf_counter()
        _phase(run, "solving")
        result = matching.solve(inputs, run.mode)
        solved = time.perf_counter()
        _phase(run, "storing")
        with transaction.atomic():
            run = locked(run)
            matching.store(run, inputs, result)
            run.mentees_count = len(inputs.requests)
            run.mentors_count = len(inputs.mentors)
            run.places_count = inputs.places
            run.matched_count = len(result.pairs)
            run.unmatched_count = len(result.unmatched)
            run.total_score = round(result.total_score, 3)
            run.min_score = result.min_score
            run.certificate = matching.certificate_data(result)
            run.load_seconds = round(loaded - started, 3)
            run.solve_seconds = round(solved - loaded, 3)
            run.store_seconds = round(time.perf_counter() - solved, 3)
            run.finished_at = timezone.now()
            run.phase = ""
            run.save()
            move_to(run, RUN_MACHINE, RunStatus.DONE, actor=None)
    except InvalidInput as error:
        _fail(run, _("The engine refused an input: %(why)s") % {"why": error})
    except Exception:
        logger.exception("matching run %s failed", run_id)
        _fail(run, _("The run failed unexpectedly; the error is in the server's log."))
        raise


def _phase(run: MatchingRun, phase: str) -> None:
    # Outside any transaction: the manager's page polls it while the run goes on.
    MatchingRun.objects.filter(pk=run.pk).update(phase=phase)


def _fail(run: MatchingRun, why: str) -> None:
    with transaction.atomic():
        run = locked(run)
        run.failure = why
        run.phase = ""
        run.finished_at = timezone.now()
        run.save(update_fields=["failure", "phase", "finished_at"])
        move_to(run, RUN_MACHINE, RunStatus.FAILED, actor=None)
