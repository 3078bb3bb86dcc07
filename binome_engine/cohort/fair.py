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

from binome_engine.cohort.candidates import Candidates, PairSet, best_of_each, take, top_k
from binome_engine.cohort.flow import max_matched, max_matching, solve
from binome_engine.cohort.problem import (
    CohortOptions,
    Problem,
    finish,
    gc_paused,
    matched_edges,
    prepare,
)
from binome_engine.cohort.solver import optimise
from binome_engine.index import MentorIndex
from binome_engine.model import Assignment, MenteeRequest, MentorProfile, ProgrammeSettings
from binome_engine.scoring import Array


@gc_paused
def assign_fair(
    mentors: Sequence[MentorProfile] | MentorIndex,
    requests: Sequence[MenteeRequest],
    settings: ProgrammeSettings | None = None,
    options: CohortOptions | None = None,
) -> Assignment:
    """The max-min fair assignment (then max total), certified like ``assign``."""
    problem = prepare(mentors, requests, settings, options)
    result, cands, _certificate = optimise(problem)
    target = int(result.matched.sum())
    worst = int(cands.weight[result.matched].min()) if target else 0  # a feasible floor
    del result  # its arcs weigh as much as the graph; the peak comes later (dels: ≤ 2 GiB on L)
    cands = _trimmed(cands, FAIR_RESERVE)
    n_edges = len(cands.request)
    n_aside = 0 if cands.reserve is None else len(cands.reserve[0])
    merged = cands.merged()
    del cands
    # the bisection counts on edges and reserve together, with one bound for the rest
    threshold, every = _threshold(problem, merged, target, worst)
    del merged
    # the total is then maximised on the edges (and completed pairs) at or above the
    # threshold, the reserve kept aside for the certificate as before
    part = np.zeros(len(every.request), dtype=bool)
    part[n_edges : n_edges + n_aside] = True
    heavy = every.weight >= threshold
    edges, aside = heavy & ~part, heavy & part
    floored = Candidates(
        every.request[edges],
        every.mentor[edges],
        every.weight[edges],
        every.bound,
        (every.request[aside], every.mentor[aside], every.weight[aside]) if n_aside else None,
    )
    del every
    result, floored, certificate = optimise(problem, threshold, floored, target)
    certificate = replace(certificate, threshold=threshold / 1000)
    return finish(problem, matched_edges(result, floored), certificate, "fair")


FAIR_RESERVE = 40  # reserve pairs per request the threshold search counts on (fewer: faster)


def _trimmed(cands: Candidates, keep: int) -> Candidates:
    """Only each request's ``keep`` heaviest reserve pairs; the bound covers the rest."""
    if cands.reserve is None:
        return cands
    r, c, w = cands.reserve
    inside = best_of_each(r, c, w, keep)
    outside = np.ones(len(r), dtype=bool)
    outside[inside] = False
    bound = cands.bound.copy()
    np.maximum.at(bound, r[outside], w[outside])
    aside = (r[inside], c[inside], w[inside])
    return Candidates(cands.request, cands.mentor, cands.weight, bound, aside, cands.matchable)


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


def _threshold(
    problem: Problem, cands: Candidates, target: int, low: int
) -> tuple[int, Candidates]:
    """The largest floor keeping ``target`` pairs, exact over all pairs.

    ``low`` is feasible (the optimum's worst pair). The first search bisects the candidate
    weights above it; after requests whose hidden pairs could beat the result are completed,
    the threshold can only have risen, so the search gallops up from the last one.
    """
    first = True
    while True:
        values = np.unique(cands.weight[cands.weight >= low])
        if first:
            best = _bisect(problem, cands, target, values, 0)
        else:
            best = _gallop(problem, cands, target, values)
        first = False
        hidden = np.flatnonzero((cands.bound > best) & _could_help(problem, cands, best + 1))
        if len(hidden) == 0:
            return best, cands
        cands = _complete(problem, cands, hidden, best + 1)
        low = best


def _could_help(problem: Problem, cands: Candidates, floor: int) -> Array:
    """Requests whose missing pairs of at least ``floor`` could raise the count there.

    Without quotas, the count at ``floor`` is a max flow: only requests on the source side of
    its minimum cut can gain from new edges (any edge from the others leaves the cut as it
    is), so the others need not be completed. With quotas, every request may.
    """
    if problem.quotas is not None:
        return np.ones(len(problem.requests), dtype=bool)
    keep = cands.weight >= floor
    _count, source_side, _used = max_matching(
        len(problem.requests), problem.capacity, cands.request[keep], cands.mentor[keep]
    )
    return source_side


def _feasible(problem: Problem, cands: Candidates, target: int, floor: int) -> bool:
    return _count(problem, cands, floor) >= target


def _bisect(problem: Problem, cands: Candidates, target: int, values: Array, lo: int) -> int:
    """The largest of ``values`` (ascending, ``values[lo]`` feasible) that is feasible."""
    if len(values) == 0:
        return 0
    hi = len(values) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _feasible(problem, cands, target, int(values[mid])):
            lo = mid
        else:
            hi = mid - 1
    return int(values[lo])


def _gallop(problem: Problem, cands: Candidates, target: int, values: Array) -> int:
    """Like ``_bisect`` from ``values[0]``, trying 1, 2, 4… steps up first (it rarely moves)."""
    if len(values) == 0:
        return 0
    step, lo = 1, 0
    while lo + step < len(values) and _feasible(problem, cands, target, int(values[lo + step])):
        lo += step
        step *= 2
    top = min(len(values) - 1, lo + step - 1)
    return _bisect(problem, cands, target, values[: top + 1], lo)


def _complete(problem: Problem, cands: Candidates, hidden: Array, floor: int) -> Candidates:
    """Add every pair of at least ``floor`` of the ``hidden`` requests; their bound drops."""
    index = problem.index
    extra = top_k(index, take(problem.block, hidden), problem.settings, index.n, 1, floor)
    r = hidden[extra.request]
    new = ~PairSet(cands.request, cands.mentor, index.n).has(r, extra.mentor)
    bound = cands.bound.copy()
    bound[hidden] = np.minimum(bound[hidden], floor - 1)
    return Candidates(
        np.concatenate([cands.request, r[new]]),
        np.concatenate([cands.mentor, extra.mentor[new]]),
        np.concatenate([cands.weight, extra.weight[new]]),
        bound,
    )
