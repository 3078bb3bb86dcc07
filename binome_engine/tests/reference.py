"""Brute-force references for small cohorts: every pair scored by the plain path, LP solves.

The weights come from the plain sum of ``milli_points`` and the plain masks of
``constraints.py`` over the full grid (the cohort's scan fuses both on large blocks); the
optimum comes from SciPy's LP (HiGHS), whose vertices are integral on these flow polytopes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from binome_engine import MentorIndex
from binome_engine.constraints import eligible
from binome_engine.model import MenteeRequest, MentorProfile, ProgrammeSettings
from binome_engine.scoring import _plain_total, encode


@dataclass
class Grid:
    requests: list[MenteeRequest]  # those left once pins are placed
    w: np.ndarray  # milli-points, -1 where not eligible
    capacity: np.ndarray  # free places once pins are placed


def grid(
    mentors: list[MentorProfile], requests: list[MenteeRequest], rules: ProgrammeSettings
) -> Grid:
    index = MentorIndex(mentors)
    pinned = {r for r, _m in rules.pinned}
    left = [r for r in requests if r.id not in pinned]
    pins = Counter(m for _r, m in rules.pinned)
    capacity = np.array([m.capacity - pins[m.id] for m in mentors], dtype=np.int64)
    if not left:
        return Grid(left, np.zeros((0, len(mentors)), dtype=np.int64), capacity)
    block = encode(index, left)
    total = _plain_total(index, block, rules).astype(np.int64)
    ok = eligible(index, block, rules)
    return Grid(left, np.where(ok, total, -1), capacity)


def _matching_lp(
    g: Grid, cost: np.ndarray, rows: np.ndarray, cols: np.ndarray, count: int | None
) -> float:
    """The best of ``cost`` (maximised) over b-matchings of the pairs (of ``count`` if given)."""
    n, m = g.w.shape
    a = np.zeros((n + m, len(rows)))
    a[rows, np.arange(len(rows))] = 1
    a[n + cols, np.arange(len(rows))] = 1
    equal = None if count is None else (np.ones((1, len(rows))), [count])
    res = linprog(
        -cost,
        A_ub=a,
        b_ub=[1] * n + list(g.capacity),
        A_eq=None if equal is None else equal[0],
        b_eq=None if equal is None else equal[1],
        bounds=(0, 1),
        method="highs",
    )
    assert res.status == 0
    return float(-res.fun)


def most_pairs(g: Grid, floor: int = 0) -> int:
    """How many requests can be matched with pairs of at least ``floor`` (a max flow)."""
    n, m = g.w.shape
    rows, cols = np.nonzero(g.w >= floor)
    if len(rows) == 0:
        return 0
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), rows, n + np.arange(m)])
    heads = np.concatenate([np.arange(n), n + cols, np.full(m, sink)])
    caps = np.concatenate([np.ones(n), np.ones(len(rows)), g.capacity]).astype(np.int32)
    graph = csr_matrix((caps, (tails, heads)), shape=(n + m + 2, n + m + 2))
    return int(maximum_flow(graph, source, sink).flow_value)


def best_total(g: Grid, matched_first: bool, floor: int = 0) -> tuple[int, float]:
    """(pairs, best total in points): most pairs first when ``matched_first``."""
    rows, cols = np.nonzero(g.w >= floor)
    if len(rows) == 0:
        return 0, 0.0
    weight = g.w[rows, cols].astype(np.float64)
    if not matched_first:
        total = _matching_lp(g, weight, rows, cols, None)
        return -1, round(total) / 1000
    count = most_pairs(g, floor)
    return count, round(_matching_lp(g, weight, rows, cols, count)) / 1000


def bottleneck(g: Grid) -> int:
    """The best worst pair (milli-points) of a matching of the most requests."""
    target = most_pairs(g)
    if target == 0:  # no pair at all: no worst pair either
        return 0
    values = sorted({int(v) for v in g.w[g.w >= 0]}, reverse=True)
    return next((v for v in values if most_pairs(g, v) == target), 0)
