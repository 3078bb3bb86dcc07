"""Explanations of a cohort result: each pair's reasons and each unmatched request's why.

Rules kept here:
- a pair's reasons are the shortlist's reasons (same points), computed for many pairs at once by
  scoring chunks of requests against their own mentors and reading the diagonal;
- an unmatched request is explained by the first that applies: no eligible mentor at all (with
  the rules that excluded the most mentors), every fitting mentor full, its theme quota full,
  every fitting mentor with a place scoring under the fairness threshold, or (when the number
  matched is not maximised) matching it would lower the total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from binome_engine.constraints import eligible, exclusion_masks
from binome_engine.index import MentorIndex
from binome_engine.model import EvidenceValue, ProgrammeSettings, Reason, Unmatched
from binome_engine.reasons import build_reasons
from binome_engine.scoring import Array, RequestBlock, milli_points, total_points

if TYPE_CHECKING:
    from binome_engine.cohort.problem import Problem

CHUNK = 256


def explain(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    positions: Array,
    rows: Array,
) -> list[tuple[Reason, ...]]:
    """Reasons of the pairs (request ``positions[p]``, mentor ``rows[p]``)."""
    from binome_engine.cohort.candidates import take

    out: list[tuple[Reason, ...]] = []
    for start in range(0, len(positions), CHUNK):
        sub = take(block, positions[start : start + CHUNK])
        cols = rows[start : start + CHUNK].astype(np.int32)
        points = milli_points(index, sub, settings, cols)
        out.extend(
            build_reasons(index, sub, i, int(row), i, points, settings)
            for i, row in enumerate(cols)
        )
    return out


def unmatched_report(
    problem: Problem, positions: Array, places_left: Array, mode: str, threshold: int = 0
) -> tuple[Unmatched, ...]:
    from binome_engine.cohort.candidates import take

    index, settings = problem.index, problem.settings
    active = index.active[: index.n]
    report = []
    for start in range(0, len(positions), CHUNK):
        chosen = positions[start : start + CHUNK]
        sub = take(problem.block, chosen)
        ok = eligible(index, sub, settings)
        masks = exclusion_masks(index, sub, settings)
        totals = total_points(index, sub, settings)
        for i, pos in enumerate(chosen.tolist()):
            request = problem.requests[pos]
            codes, evidence = _why(
                problem, int(pos), ok[i], masks, i, active, places_left, totals[i], threshold
            )
            report.append(Unmatched(request.id, codes, evidence))
    return tuple(report)


def _why(
    problem: Problem,
    pos: int,
    ok: Array,
    masks: dict[str, Array],
    i: int,
    active: Array,
    places_left: Array,
    totals: Array,
    threshold: int,
) -> tuple[tuple[str, ...], tuple[tuple[str, EvidenceValue], ...]]:
    fitting = int(ok.sum())
    if fitting == 0:
        counts = {code: int(np.count_nonzero(m[i] & active)) for code, m in masks.items()}
        top = sorted((c for c in counts.items() if c[1] > 0), key=lambda c: (-c[1], c[0]))[:3]
        return ("no_eligible_mentor", *(code for code, _n in top)), tuple(top)
    with_place = ok & (places_left > 0)
    if not with_place.any():
        return ("all_fitting_mentors_full",), (("fitting_mentors", fitting),)
    quotas = problem.quotas
    if quotas is not None and quotas.group[pos] >= 0:
        g = int(quotas.group[pos])
        theme = problem.settings.theme_quotas[g].theme
        return ("quota_full",), (
            ("theme", theme),
            ("fitting_mentors_with_places", int(with_place.sum())),
        )
    if threshold > 0 and not (totals[with_place] >= threshold).any():
        return ("below_fairness_threshold",), (("threshold", threshold / 1000),)
    return ("lower_total",), (("fitting_mentors_with_places", int(with_place.sum())),)
