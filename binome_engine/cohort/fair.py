"""Fair assignment: raise the worst match first, then the total.

Rules kept here:
- the number matched is the optimum's (nobody is left out to raise the minimum);
- the threshold t* is the largest score such that that many requests can all be matched with
  pairs scoring at least t*; it is found by bisection over the candidate weights, each test a
  count-only flow;
- it is exact over all pairs: a request whose left-out pairs might reach t* + 1 (its bound says
  so) is rescored and all its pairs of at least t* + 1 join the graph, then the bisection
  resumes, until no request can hide such a pair;
- the total is then maximised over pairs scoring at least t*, with the usual certificate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from binome_engine.cohort.assign import (
    CohortOptions,
    Problem,
    finish,
    matched_edges,
    optimise,
    prepare,
)
from binome_engine.cohort.candidates import Candidates, take, top_k
from binome_engine.cohort.flow import max_matched, solve
from binome_engine.index import MentorIndex
from binome_engine.model import Assignment, MenteeRequest, MentorProfile, ProgrammeSettings
from binome_engine.scoring import Array


def assign_fair(
    mentors: Sequence[MentorProfile] | MentorIndex,
    requests: Sequence[MenteeRequest],
    settings: ProgrammeSettings | None = None,
    options: CohortOptions | None = None,
) -> Assignment:
    """The max-min fair assignment (then max total), certified like ``assign``."""
    problem = prepare(mentors, requests, settings, options)
    result, cands, _certificate = optimise(problem)
    cands = cands.merged()  # the bisection counts on edges, with one bound for the rest
    target = int(result.matched.sum())
    threshold, cands = _threshold(problem, cands, target)
    keep = cands.weight >= threshold
    floored = Candidates(cands.request[keep], cands.mentor[keep], cands.weight[keep], cands.bound)
    result, floored, certificate = optimise(problem, floor=threshold, cands=floored)
    certificate = replace(certificate, threshold=threshold / 1000)
    return finish(problem, matched_edges(result, floored), certificate, "fair")


def _count(problem: Problem, cands: Candidates, floor: int) -> int:
    keep = cands.weight >= floor
    if problem.quotas is None:  # no quota minimums to fill first: a plain max flow counts
        return max_matched(
            len(problem.requests), problem.capacity, cands.request[keep], cands.mentor[keep]
        )
    flow = solve(
        len(problem.requests),
        problem.capacity,
        cands.request[keep],
        cands.mentor[keep],
        np.zeros(int(keep.sum()), dtype=np.int64),
        1,
        problem.quotas,
    )
    return int(flow.matched.sum())


def _threshold(problem: Problem, cands: Candidates, target: int) -> tuple[int, Candidates]:
    """The largest floor keeping ``target`` pairs, exact over all pairs."""
    low = 0
    while True:
        values = np.unique(cands.weight[cands.weight >= low])
        lo, hi = 0, len(values) - 1  # values[lo] is feasible (it is the current low)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if _count(problem, cands, int(values[mid])) >= target:
                lo = mid
            else:
                hi = mid - 1
        best = int(values[lo]) if len(values) else 0
        hidden = np.flatnonzero(cands.bound > best)
        if len(hidden) == 0:
            return best, cands
        cands = _complete(problem, cands, hidden, best + 1)
        low = best


def _complete(problem: Problem, cands: Candidates, hidden: Array, floor: int) -> Candidates:
    """Add every pair of at least ``floor`` of the ``hidden`` requests; their bound drops."""
    index = problem.index
    extra = top_k(index, take(problem.block, hidden), problem.settings, index.n, 1, floor)
    have = set(zip(cands.request.tolist(), cands.mentor.tolist(), strict=True))
    r = hidden[extra.request]
    new = np.array(
        [(a, b) not in have for a, b in zip(r.tolist(), extra.mentor.tolist(), strict=True)],
        dtype=bool,
    )
    bound = cands.bound.copy()
    bound[hidden] = np.minimum(bound[hidden], floor - 1)
    return Candidates(
        np.concatenate([cands.request, r[new]]),
        np.concatenate([cands.mentor, extra.mentor[new]]),
        np.concatenate([cands.weight, extra.weight[new]]),
        bound,
    )
