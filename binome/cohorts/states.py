"""The allowed moves of a cohort, an application and a matching run — data, applied by
``core.transitions.move``; nothing else assigns their status.

A cohort takes applications while it is open (each role within its window), freezes them when
matching starts, and is published once. An application is screened (accepted, waitlisted or
refused) by a manager; only accepted applications enter a matching run; publishing marks the
matched ones and puts the others on the waitlist.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from binome.core.transitions import StateMachine


class CohortStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("cohort", "Taking applications")
    MATCHING = "matching", _("Matching in progress")
    PUBLISHED = "published", pgettext_lazy("cohort", "Published")


C = CohortStatus
COHORT_TRANSITIONS: dict[str, frozenset[str]] = {
    # Matching → open: the managers reopen the applications before anything is published.
    C.OPEN: frozenset({C.MATCHING}),
    C.MATCHING: frozenset({C.OPEN, C.PUBLISHED}),
    C.PUBLISHED: frozenset(),
}


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for screening")
    ACCEPTED = "accepted", pgettext_lazy("application", "Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REFUSED = "refused", pgettext_lazy("application", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("application", "Withdrawn")
    MATCHED = "matched", pgettext_lazy("application", "Matched")


A = ApplicationStatus
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    A.SUBMITTED: frozenset({A.ACCEPTED, A.WAITLISTED, A.REFUSED, A.WITHDRAWN}),
    # A screening can be revised until the cohort is published.
    A.ACCEPTED: frozenset({A.WAITLISTED, A.REFUSED, A.WITHDRAWN, A.MATCHED}),
    A.WAITLISTED: frozenset({A.ACCEPTED, A.REFUSED, A.WITHDRAWN, A.MATCHED}),
    A.REFUSED: frozenset({A.ACCEPTED, A.WAITLISTED}),
    # Applying again while the window is open.
    A.WITHDRAWN: frozenset({A.SUBMITTED}),
    # Matched → matched: a mentor's further pair, or a mentee's new pair after a re-match.
    A.MATCHED: frozenset({A.MATCHED}),
}
# Applications the member may still change or withdraw (while the cohort is open).
EDITABLE_STATUSES = frozenset({A.SUBMITTED, A.ACCEPTED, A.WAITLISTED})
SCREENING_DECISIONS = (A.ACCEPTED, A.WAITLISTED, A.REFUSED)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", pgettext_lazy("run", "Published")


R = RunStatus
RUN_TRANSITIONS: dict[str, frozenset[str]] = {
    R.QUEUED: frozenset({R.RUNNING, R.FAILED}),
    R.RUNNING: frozenset({R.DONE, R.FAILED}),
    R.DONE: frozenset({R.PUBLISHED}),
    R.FAILED: frozenset(),
    R.PUBLISHED: frozenset(),
}


COHORT_MACHINE = StateMachine("cohort", COHORT_TRANSITIONS, CohortStatus)
APPLICATION_MACHINE = StateMachine("application", APPLICATION_TRANSITIONS, ApplicationStatus)
RUN_MACHINE = StateMachine("matching_run", RUN_TRANSITIONS, RunStatus)
