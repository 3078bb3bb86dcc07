"""The optimality certificate: pricing every pair left out of the candidate graph.

With node potentials ``d`` from the flow (see ``flow.py``), a left-out eligible pair (i, j)
would improve the matching only if its reduced cost is negative, i.e. if

    w'(i, j) > d(i) - d(j)          (w' = weight + bonus)

Rules kept here:
- the LP dual bound of the full problem equals the flow's value plus the sum of these
  violations over all left-out pairs, so ``gap = sum of violations`` bounds how far from optimal
  the result can be, and ``gap == 0`` proves it optimal over *all* pairs, not only candidates;
- a left-out pair of request i weighs at most ``bound(i)`` (its lightest kept weight), so only
  mentors with ``d(j) > d(i) - bonus - bound(i)`` can violate: only those are scored, and a
  request with none is skipped;
- the others are rescored in blocks; their violating pairs (the worst first, at most ``add``
  per request) join the graph, and the flow is solved again until the gap is zero.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from binome_engine.cohort.candidates import PairSet, best_of_each, blocks, take, weights
from binome_engine.cohort.flow import FlowResult
from binome_engine.index import MentorIndex
from binome_engine.model import ProgrammeSettings
from binome_engine.scoring import Array, RequestBlock


@dataclass(frozen=True)
class Pricing:
    gap: int
    requests_priced: int
    pairs_priced: int
    new_request: Array
    new_mentor: Array
    new_weight: Array
    # False when only the reserve was priced (violators found there): the gap is then a
    # lower bound, not a certificate, and another round follows
    complete: bool = True


def price(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    edges: tuple[Array, Array],
    bound: Array,
    result: FlowResult,
    bonus: int,
    floor: int = 0,
    add: int = 10,
    threads: int = 2,
    reserve: tuple[Array, Array, Array] | None = None,
) -> Pricing:
    net = result.network
    n, m = net.n_requests, net.n_mentors
    d_req = result.potential[net.request_node(np.arange(n))]
    d_men = result.potential[net.mentor_node(np.arange(m))]
    # a left-out pair of request i weighs at most bound[i], so only mentors j with
    # d(j) > d(i) - bonus - bound[i] can violate; requests with no such mentor are skipped
    tau = d_req - bonus - bound
    top = d_men.max() if m else 0
    need = np.flatnonzero((bound >= 0) & (tau < top))
    need = need[np.argsort(-tau[need], kind="stable")]  # similar mentor sets side by side
    kept = PairSet(*edges, m)
    known = price_known(reserve, kept, d_req, d_men, bonus, add)
    # reserve pairs are priced from their known weights above, never twice
    priced = kept if reserve is None else PairSet(*_joined(edges, reserve), m)
    spans = list(blocks(len(need), m))

    def one(span: tuple[int, int]) -> tuple[int, int, tuple[Array, Array, Array]]:
        chosen = need[span[0] : span[1]]
        cols = np.flatnonzero(d_men > tau[chosen].min()).astype(np.int32)
        w = weights(index, take(block, chosen), settings, floor, cols)
        excess = w + bonus + d_men[cols][None, :] - d_req[chosen][:, None]
        excess[w < 0] = 0
        hit_r, hit_c = np.nonzero(excess > 0)
        known_pair = priced.has(chosen[hit_r], cols[hit_c])
        excess[hit_r[known_pair], hit_c[known_pair]] = 0
        excess = np.maximum(excess, 0)
        return int(excess.sum()), len(chosen) * len(cols), _worst(chosen, cols, excess, w, add)

    # blocks are independent (numpy releases the GIL); merged in block order: deterministic
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        parts = list(pool.map(one, spans))
    gap = known[0] + sum(p[0] for p in parts)
    pairs = sum(p[1] for p in parts)
    found = [known[1], *(p[2] for p in parts)]
    r, c, wt = (
        np.concatenate([f[i] for f in found]) if found else np.zeros(0, np.int64) for i in range(3)
    )
    return Pricing(gap, len(need), pairs, r, c, wt)


NEAR = 3_000  # milli-points: reserve pairs this close to violating join with the violators


def price_known(
    reserve: tuple[Array, Array, Array] | None,
    kept: PairSet,
    d_req: Array,
    d_men: Array,
    bonus: int,
    add: int,
    margin: int = NEAR,
) -> tuple[int, tuple[Array, Array, Array]]:
    """Violations among reserve pairs not yet in the graph, from their known weights.

    Pairs within ``margin`` of violating join too (when some pair violates): the next
    potentials will likely make them violate, and each round costs a flow solve.
    """
    empty = np.zeros(0, dtype=np.int64)
    if reserve is None or len(reserve[0]) == 0:
        return 0, (empty, empty, empty)
    r, c, w = reserve
    excess = w + bonus + d_men[c] - d_req[r]
    gap = int(excess[excess > 0].sum())
    hit = np.flatnonzero(excess > (-margin if gap else 0))
    hit = hit[~kept.has(r[hit], c[hit])]
    if len(hit) == 0:
        return 0, (empty, empty, empty)
    r, c, w, e = r[hit], c[hit], w[hit], excess[hit]
    chosen = best_of_each(r, c, e, add)
    return gap, (r[chosen], c[chosen], w[chosen])


def _joined(edges: tuple[Array, Array], reserve: tuple[Array, Array, Array]) -> tuple[Array, Array]:
    return np.concatenate([edges[0], reserve[0]]), np.concatenate([edges[1], reserve[1]])


def _worst(
    chosen: Array, mentors: Array, excess: Array, w: Array, add: int
) -> tuple[Array, Array, Array]:
    """Up to ``add`` most violating pairs of each request (only strictly violating ones)."""
    keep = min(add, excess.shape[1])
    if keep == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    cols = np.argpartition(-excess, keep - 1, axis=1)[:, :keep]
    hit = np.take_along_axis(excess, cols, axis=1) > 0
    rows = np.repeat(chosen, keep).reshape(len(chosen), keep)
    weight = np.take_along_axis(w, cols, axis=1)[hit]
    return rows[hit], mentors[cols[hit]].astype(np.int64), weight
