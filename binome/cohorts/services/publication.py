"""Publishing a run: every proposed pair becomes a pair in one transaction, or none does.

Rules kept here:
- publishing twice is publishing once: a published run is returned as it is;
- one run per cohort is published; the cohort and the run never change after;
- each pair goes through ``mentorships.create_mentorship``, which locks the mentor's offer and
  checks its capacity (a mentor who took other pairs since the run makes the whole publication
  refuse, naming them: run again); a mentor never gets more pairs than they offered the cohort;
- an application screened again since the run (no longer accepted) refuses the publication;
- the introductions go out through the outbox, in each person's language; accepted mentees left
  without a mentor are put on the waiting list and told.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.cohorts.models import Application, CohortPair, MatchingRun, Role
from binome.cohorts.services.transitions import locked, move_to
from binome.cohorts.states import (
    APPLICATION_MACHINE,
    COHORT_MACHINE,
    RUN_MACHINE,
    ApplicationStatus,
    CohortStatus,
    RunStatus,
)
from binome.core import audit
from binome.core.errors import DomainError
from binome.members.models import Member
from binome.mentorships.services import create_mentorship
from binome.notifications.emails import send_templated

A = ApplicationStatus


def request_publication(*, run: MatchingRun, manager: Member) -> MatchingRun:
    """Ask for the run to be published by a task taking its id (asking twice = once)."""
    with transaction.atomic():
        cohort = locked(run.cohort)
        run = locked(run)
        if run.status == RunStatus.PUBLISHED or run.is_publishing:
            return run
        if cohort.status == CohortStatus.PUBLISHED:
            raise DomainError(_("Another run of this cohort is published."), code="published")
        if run.status != RunStatus.DONE or cohort.status != CohortStatus.MATCHING:
            raise DomainError(_("Only a finished run can be published."), code="run")
        run.publish_requested_at = timezone.now()
        run.publish_requested_by = manager
        run.publish_failure = ""
        run.save(update_fields=["publish_requested_at", "publish_requested_by", "publish_failure"])
        audit.record(
            action="matching_run.publish_request",
            actor=manager.user,
            network=cohort.network,
            target=run,
        )
        run_id = run.pk
        transaction.on_commit(lambda: _enqueue(run_id))
    return run


def _enqueue(run_id: int) -> None:
    from binome.cohorts.tasks import publish_matching

    publish_matching.enqueue(run_id)


def execute_publication(*, run_id: int) -> None:
    """The task: publish the run as asked; a refusal is kept in words for the manager."""
    run = MatchingRun.objects.select_related("publish_requested_by__user").filter(pk=run_id).first()
    if run is None or not run.is_publishing or run.publish_requested_by is None:
        return  # published already, or not asked: twice is once
    try:
        publish_run(run=run, manager=run.publish_requested_by)
    except DomainError as error:
        MatchingRun.objects.filter(pk=run_id, status=RunStatus.DONE).update(
            publish_failure=error.message
        )
    except Exception:
        MatchingRun.objects.filter(pk=run_id, status=RunStatus.DONE).update(
            publish_failure=_("The publication failed unexpectedly; the error is in the log.")
        )
        raise


def publish_run(*, run: MatchingRun, manager: Member) -> MatchingRun:
    with transaction.atomic():
        cohort = locked(run.cohort)
        run = locked(run)
        if run.status == RunStatus.PUBLISHED:
            return run
        if cohort.status == CohortStatus.PUBLISHED:
            raise DomainError(_("Another run of this cohort is published."), code="published")
        if run.status != RunStatus.DONE:
            raise DomainError(_("Only a finished run can be published."), code="run")
        pairs = list(
            run.pairs.select_related("mentee__member__user", "mentor__member__user").order_by("pk")
        )
        _check(pairs)
        programme = cohort.programme
        for pair in pairs:
            mentorship = create_mentorship(
                programme=programme,
                mentor=pair.mentor.member,
                mentee=pair.mentee.member,
                actor=manager.user,
            )
            CohortPair.objects.create(
                cohort=cohort,
                mentee=pair.mentee,
                mentor=pair.mentor,
                mentorship=mentorship,
                run=run,
                score=pair.score,
                reasons=pair.reasons,
            )
        matched = {pair.mentee_id for pair in pairs} | {pair.mentor_id for pair in pairs}
        for application in Application.objects.select_for_update().filter(
            pk__in=matched, status=A.ACCEPTED
        ):
            move_to(application, APPLICATION_MACHINE, A.MATCHED, actor=manager.user)
        left = Application.objects.select_for_update().filter(
            cohort=cohort, role=Role.MENTEE, status=A.ACCEPTED
        )
        for application in left.select_related("member__user"):
            move_to(
                application,
                APPLICATION_MACHINE,
                A.WAITLISTED,
                actor=manager.user,
                reason="unmatched",
            )
            send_templated(
                to=application.member.user,
                template="cohort_waitlisted",
                context={"application": application, "cohort": cohort},
            )
        run.published_at = timezone.now()
        run.save(update_fields=["published_at"])
        move_to(run, RUN_MACHINE, RunStatus.PUBLISHED, actor=manager.user)
        move_to(cohort, COHORT_MACHINE, CohortStatus.PUBLISHED, actor=manager.user)
        audit.record(
            action="matching_run.publish",
            actor=manager.user,
            network=cohort.network,
            target=run,
            pairs=len(pairs),
        )
    return run


def _check(pairs: list[Any]) -> None:
    for pair in pairs:
        for application in (pair.mentee, pair.mentor):
            if application.status != A.ACCEPTED:
                raise DomainError(
                    _(
                        "%(name)s's application is no longer accepted since this run: "
                        "run the matching again."
                    )
                    % {"name": application.member.full_name},
                    code="not_accepted",
                )
    per_mentor = Counter(pair.mentor_id for pair in pairs)
    for pair in pairs:
        if per_mentor[pair.mentor_id] > pair.mentor.capacity:
            raise DomainError(
                _("%(name)s would have more mentees than the %(capacity)s they offered.")
                % {"name": pair.mentor.member.full_name, "capacity": pair.mentor.capacity},
                code="capacity",
            )
