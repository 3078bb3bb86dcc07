"""The last step of every cohort mode: the result is checked against the rules themselves.

Rules kept here:
- the pairs a solver returns are checked with the plain masks of ``constraints.py`` (not the
  fused scan their weights came from): one mentor per request, no mentor over its free places,
  no hard rule broken, scores within the weights' maximum and equal to their reasons;
- any failure is a bug of the engine (inputs are validated before, see ``validation.py``) and
  raises ``AssertionError`` explicitly (not an ``assert``, which ``python -O`` strips): a
  certificate is never returned for a pair that breaks a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from binome_engine.cohort.candidates import take
from binome_engine.constraints import eligible
from binome_engine.model import Reason
from binome_engine.scoring import Array

if TYPE_CHECKING:
    from binome_engine.cohort.problem import Problem

CHECK_CHUNK = 65_536  # pairs checked at once (bounded memory on large cohorts)


def check_pairs(
    problem: Problem,
    req_pos: Array,
    mentor_rows: Array,
    scores: Array,
    reasons: list[tuple[Reason, ...]] | None,
) -> None:
    """Every chosen pair keeps the rules, whatever the solver did: one mentor per request, no
    mentor over its places, every pair eligible by the plain masks of ``constraints.py`` (not
    the fused scan the weights came from), scores within the weights' maximum and equal to
    their reasons. A certificate never covers a pair that breaks a rule: this raises first."""
    if len(req_pos) == 0:
        return
    used = np.bincount(mentor_rows, minlength=len(problem.capacity))
    ok = np.ones(len(req_pos), dtype=bool)
    for start in range(0, len(req_pos), CHECK_CHUNK):
        part = slice(start, start + CHECK_CHUNK)
        sub = take(problem.block, req_pos[part])
        rows = mentor_rows[part].astype(np.int64)
        ok[part] = eligible(problem.index, sub, problem.settings, rows, pairs=True)[:, 0]
    top = round(sum(problem.settings.weights.as_dict().values()) * 1000)
    problems = [
        (len(np.unique(req_pos)) < len(req_pos), "a request has two mentors"),
        (bool((used > problem.capacity).any()), "a mentor has more mentees than places"),
        (not ok.all(), f"{int((~ok).sum())} pairs break a hard rule"),
        (bool((scores < 0).any() or (scores > top).any()), "a score is out of range"),
    ]
    if reasons is not None:
        summed = np.array([sum(round(r.points * 1000) for r in rs) for rs in reasons])
        problems.append((bool((summed != scores).any()), "reasons do not add up to scores"))
    broken = [why for bad, why in problems if bad]
    if broken:  # a bug of the solver, never of the input: inputs are validated before
        raise AssertionError("cohort result refused: " + "; ".join(broken))
