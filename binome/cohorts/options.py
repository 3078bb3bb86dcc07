"""A run's options — objective, weight of each criterion, theme quotas — and the preview of how
rankings move when the weights change.

Rules kept here:
- weights are the engine's criteria, each from 0 to ``MAX_WEIGHT`` points; the defaults are those
  of the programme's latest run (the engine's own when it has none);
- hard rules (``RULES``) exclude pairs outright; capacity and pauses always hold;
- a quota bounds the pairs of mentees whose first quota theme (in the programme's order of
  themes) is that theme — the engine's ``ThemeQuota``;
- the preview ranks mentors for a small sample of accepted mentees on inputs loaded once
  (``matching.load_inputs``): the same scores as a run, without solving anything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from binome.cohorts.models import Application, Cohort, MatchingRun
from binome.cohorts.states import ApplicationStatus
from binome_engine import model as engine

MAX_WEIGHT = 100
SAMPLE = 8
TOP = 3

CRITERIA = {
    "text": _("Words in common (what they wrote)"),
    "sector": _("Sector"),
    "function": _("Job function"),
    "themes": _("Shared themes"),
    "experience": _("Experience gap"),
    "language": _("Shared language"),
    "skills": _("Skills"),
    "format": _("Meeting format"),
    "proximity": _("Same city or country"),
    "capacity": _("Mentor's free places"),
    "responsiveness": _("Mentor answers invitations"),
}


# Hard rules a manager may switch for a run (the others — capacity, pauses — always hold).
RULES = {
    "require_shared_language": _("A shared language"),
    "exclude_same_employer": _("Never two people of the same employer"),
    "enforce_seniority": _("Experience fits the kind of mentor asked"),
    "require_common_format": _("A common meeting format"),
    "require_common_theme": _("A common theme"),
}


def engine_rules() -> dict[str, bool]:
    rules = engine.HardConstraints()
    return {name: bool(getattr(rules, name)) for name in RULES}


def default_rules(cohort: Cohort) -> dict[str, bool]:
    """The rules of the programme's latest run, else the engine's defaults."""
    latest = (
        MatchingRun.objects.filter(cohort__programme_id=cohort.programme_id)
        .exclude(rules={})
        .order_by("-created_at", "-pk")
        .values_list("rules", flat=True)
        .first()
    )
    rules = engine_rules()
    if latest:
        rules.update({k: bool(v) for k, v in latest.items() if k in rules})
    return rules


def to_constraints(rules: dict[str, Any] | None) -> engine.HardConstraints:
    if not rules:
        return engine.HardConstraints()
    return engine.HardConstraints(**{k: bool(v) for k, v in rules.items() if k in RULES})


def engine_weights() -> dict[str, float]:
    return engine.Weights().as_dict()


def default_weights(cohort: Cohort) -> dict[str, float]:
    """The weights of the programme's latest run, else the engine's defaults."""
    latest = (
        MatchingRun.objects.filter(cohort__programme_id=cohort.programme_id)
        .exclude(weights={})
        .order_by("-created_at", "-pk")
        .values_list("weights", flat=True)
        .first()
    )
    weights = engine_weights()
    if latest:
        weights.update({k: float(v) for k, v in latest.items() if k in weights})
    return weights


def run_weights(run: MatchingRun | None) -> dict[str, float]:
    weights = engine_weights()
    if run is not None and run.weights:
        weights.update({k: float(v) for k, v in run.weights.items() if k in weights})
    return weights


def to_settings_weights(weights: dict[str, Any] | None) -> engine.Weights:
    if not weights:
        return engine.Weights()
    known = engine_weights()
    return engine.Weights(**{k: float(v) for k, v in weights.items() if k in known})


def to_theme_quotas(quotas: list[dict[str, Any]] | None) -> tuple[engine.ThemeQuota, ...]:
    return tuple(
        engine.ThemeQuota(
            theme=str(q["theme"]),
            minimum=int(q.get("minimum") or 0),
            maximum=None if q.get("maximum") is None else int(q["maximum"]),
        )
        for q in quotas or []
    )


@dataclass(frozen=True)
class Ranked:
    name: str
    score: float


@dataclass(frozen=True)
class PreviewRow:
    mentee: str
    before: list[Ranked]
    after: list[Ranked]

    @property
    def moved(self) -> bool:
        return [r.name for r in self.before] != [r.name for r in self.after]


# The mentors' side of a cohort's preview, kept a little while per process: the manager types
# weight after weight, the accepted mentors do not change in between (a screening does: it
# changes the fingerprint, and the entry is rebuilt).
PREVIEW_TTL = 120.0
PREVIEW_COHORTS = 4
_INDEXES: dict[int, tuple[tuple[Any, ...], float, Any]] = {}


def clear_preview_cache() -> None:
    _INDEXES.clear()


def _mentor_index(cohort: Cohort) -> Any:
    """The engine's index of the cohort's accepted mentors (cached, see ``PREVIEW_TTL``)."""
    from binome.cohorts import matching
    from binome_engine.index import MentorIndex

    mentors = Application.objects.filter(
        cohort=cohort, role="mentor", status=ApplicationStatus.ACCEPTED
    )
    figures = mentors.aggregate(
        n=Count("pk"), changed=Max("status_changed_at"), updated=Max("updated_at")
    )
    key = (figures["n"], figures["changed"], figures["updated"])
    now = time.monotonic()
    cached = _INDEXES.get(cohort.pk)
    if cached is not None and cached[0] == key and cached[1] > now:
        return cached[2]
    inputs = matching.load_inputs(cohort, pins=[], forbidden=[], mentee_ids=[])
    index = MentorIndex(inputs.mentors) if inputs.mentors else None
    if len(_INDEXES) >= PREVIEW_COHORTS:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[cohort.pk] = (key, now + PREVIEW_TTL, index)
    return index


def preview(
    cohort: Cohort,
    before: dict[str, float],
    after: dict[str, float],
    *,
    sample: int = SAMPLE,
    rules_before: dict[str, bool] | None = None,
    rules_after: dict[str, bool] | None = None,
) -> list[PreviewRow]:
    """Each sampled mentee's top mentors under ``before`` and ``after`` weights (and rules)."""
    from binome.cohorts import matching
    from binome.members.models import Member
    from binome.mentorships.models import Mentorship
    from binome_engine.constraints import eligible
    from binome_engine.scoring import encode, total_points

    sampled = list(
        Application.objects.filter(cohort=cohort, role="mentee", status=ApplicationStatus.ACCEPTED)
        .order_by("pk")
        .values_list("pk", "member_id", "member__first_name", "member__last_name")[:sample]
    )
    if not sampled:
        return []
    index = _mentor_index(cohort)
    if index is None:
        return []
    # The sampled mentees alone (no mentor is loaded again), and their past pairs.
    inputs = matching.load_inputs(
        cohort, pins=[], forbidden=[], mentee_ids=[row[0] for row in sampled], mentor_statuses=()
    )
    past = frozenset(
        Mentorship.objects.filter(mentee_id__in=[row[1] for row in sampled])
        .values_list("mentor_id", "mentee_id")
        .distinct()
    )
    block = encode(index, inputs.requests)
    rows: dict[str, np.ndarray] = {}
    for key, weights, rules in (
        ("before", before, rules_before),
        ("after", after, rules_after),
    ):
        settings = engine.ProgrammeSettings(
            weights=to_settings_weights(weights),
            constraints=to_constraints(rules),
            past_pairs=past,
        )
        points = np.asarray(total_points(index, block, settings), dtype=np.float64) / 1000
        points[~np.asarray(eligible(index, block, settings), dtype=bool)] = -np.inf
        rows[key] = points
    top = {
        key: [
            [
                int(j)
                for j in np.argsort(-points[i], kind="stable")[:TOP]
                if np.isfinite(points[i][j])
            ]
            for i in range(len(inputs.requests))
        ]
        for key, points in rows.items()
    }
    wanted = {int(index.ids[j]) for lists in top.values() for js in lists for j in js}
    mentor_names = {
        pk: f"{first} {last}".strip()
        for pk, first, last in Member.objects.filter(pk__in=wanted).values_list(
            "pk", "first_name", "last_name"
        )
    }
    mentee_names = {pk: f"{first} {last}".strip() for pk, _m, first, last in sampled}
    result = []
    for i, request in enumerate(inputs.requests):
        ranked = {
            key: [
                Ranked(mentor_names.get(int(index.ids[j]), "?"), round(float(rows[key][i][j]), 1))
                for j in top[key][i]
            ]
            for key in rows
        }
        result.append(
            PreviewRow(mentee_names.get(int(request.id), "?"), ranked["before"], ranked["after"])
        )
    return result
