"""Cohort scenarios through the services a person uses: shared by tests, the demo and benches."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from binome.cohorts.models import Application, Cohort, Question
from binome.cohorts.services import applications, cohorts
from binome.members.models import Member
from binome.programmes.models import Programme


def open_cohort(programme: Programme, *, actor: Any = None, **settings: Any) -> Cohort:
    """A cohort whose two windows are open today (three days in, a month to go)."""
    today = timezone.localdate()
    opens, closes = today - datetime.timedelta(days=3), today + datetime.timedelta(days=30)
    data = {
        "name": "2026–2027",
        "mentors_open_on": opens,
        "mentors_close_on": closes,
        "mentees_open_on": opens,
        "mentees_close_on": closes,
        "styles": ["classic", "peer"],
        "formats": ["in_person", "video"],
        "duration_months": 10,
        "max_capacity": 3,
        **settings,
    }
    return cohorts.save_cohort(programme=programme, actor=actor, data=data)


def apply(
    cohort: Cohort, member: Member, role: str, *, themes: list[Any] | None = None, **answers: Any
) -> Application:
    data = {
        "formats": ["video"],
        "languages": ["fr"],
        "style": "classic",
        "capacity": 1,
        "text": "Passer de la recherche à l'industrie." if role == "mentee" else "Vingt ans.",
        **answers,
    }
    return applications.save_application(
        cohort=cohort, member=member, role=role, data=data, themes=themes or []
    )


def add_question(cohort: Cohort, role: str, **fields: Any) -> Question:
    """A question of the cohort's own, written by a manager (a free text by default)."""
    from binome.cohorts.services.questions import save_question

    data = {
        "role": role,
        "kind": "text",
        "label_fr": "Qu'attendez-vous de ce programme ?",
        "label_en": "What do you expect from this programme?",
        "choices": [],
        "scale_min": 1,
        "scale_max": 5,
        "required": False,
        **fields,
    }
    return save_question(cohort=cohort, actor=None, data=data)


def accept_all(cohort: Cohort, manager: Member) -> None:
    for application in cohort.applications.filter(status="submitted").select_related("member"):
        applications.screen_application(
            application=application, manager=manager, decision="accepted"
        )


def run_now(cohort: Cohort, manager: Member, *, mode: str = "optimal", **inputs: Any) -> Any:
    """Launch a run and execute it here (tests and demo have no worker, and the task is only
    enqueued when the launch's transaction commits)."""
    from binome.cohorts.services import runs

    cohort.refresh_from_db()
    if cohort.status == "open":
        cohorts.start_matching(cohort=cohort, actor=manager.user)
    run = runs.launch_run(cohort=cohort, manager=manager, mode=mode, **inputs)
    runs.execute_run(run_id=run.pk)
    run.refresh_from_db()
    return run
