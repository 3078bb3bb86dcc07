"""The optimality certificate: pricing every pair left out of the candidate graph.

With node potentials ``d`` from the flow (see ``flow.py``), a left-out eligible pair (i, j)
would improve the matching only if its reduced cost is negative, i.e. if its excess

    w'(i, j) - d(i) + d(j) > 0          (w' = weight + bonus)

Rules kept here:
- the LP dual bound of the full problem equals the flow's value plus the sum of these
  violations over all left-out pairs, so ``gap = sum of violations`` bounds how far from optimal
  the result can be, and ``gap == 0`` proves it optimal over *all* pairs, not only candidates;
- pairs are never all scored: ``Levels`` bounds every pair neither in the graph nor known
  (weights kept from earlier scans), and only the mentors that bound lets violate are scored;
- violating pairs (the worst first, at most ``add`` per request) join the graph, with those
  within ``NEAR`` of violating, and the flow is solved again until the gap is zero; when at
  most ``flow.INCREMENTAL`` pairs violate, they join alone (the solved flow takes them by
  cycle cancelling, no new solve);
- known pairs are priced first, from their weights (``price_reserve``): while some violate,
  they join and the flow is solved again before any pair is scored (after the scan the
  top-k graph's potentials are far from the final ones, and scoring against them scored up to
  a third of L's pairs); such a round's gap is a lower bound, never a certificate.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from binome_engine.cohort.candidates import (
    PairSet,
    best_of_each,
    block_rows,
    mask_cells,
    take,
    weights32,
)
from binome_engine.cohort.flow import INCREMENTAL, FlowResult
from binome_engine.index import MentorIndex
from binome_engine.model import ProgrammeSettings
from binome_engine.scoring import Array, RequestBlock

NONE = -(1 << 60)  # the level of a request with no pair left to price
NEAR = 3_000  # milli-points: pairs this close to violating join the graph with the violators
KEEP = 40  # scored near pairs kept known per request (the level covers the others)


@dataclass(frozen=True)
class Levels:
    """What pricing knows of each request's pairs outside the graph.

    Invariant: every eligible pair (i, j) outside the graph and ``known`` has
    ``w(i, j) + shifts[ref[i]][j] <= level[i]``. From the scan, the shift is zero and the level
    is the request's bound (its lightest kept weight). A request priced at potentials ``d``
    gets the shift ``d(mentors)`` and the level ``d(i) - bonus - slack`` (no slack on the
    first pricing after the scan; raised to cover the scored pairs it does not keep): the
    next round scores only the mentors whose potential rose more than the request's, and
    after a re-solve most potentials barely move.

    The scan's bound also holds for ever (``scan``: no pair outside the graph and the known
    ones weighs more), so a mentor is scored only when both bounds let it violate.
    """

    level: Array  # int64 per request
    ref: Array  # per request: which shift applies
    shifts: tuple[Array, ...]  # per mentor; shifts[0] is zero
    known: tuple[Array, Array, Array]  # (request, mentor, weight) of pairs priced unscored
    scan: Array  # int64 per request: the scan's bound (NONE: no pair left out)

    @classmethod
    def from_bound(
        cls,
        bound: Array,
        n_mentors: int,
        reserve: tuple[Array, Array, Array] | None,
        floor: int = 0,
    ) -> Levels:
        # a request whose left-out pairs all weigh under the floor has none left to price
        level = np.where(bound >= max(floor, 0), bound, NONE).astype(np.int64)
        empty = np.zeros(0, dtype=np.int64)
        known = reserve if reserve is not None else (empty, empty, empty)
        zero = np.zeros(n_mentors, dtype=np.int64)
        return cls(level, np.zeros(len(bound), dtype=np.int64), (zero,), known, level.copy())


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
    levels: Levels | None = None


def price(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    edges: tuple[Array, Array],
    levels: Levels,
    result: FlowResult,
    bonus: int,
    floor: int = 0,
    add: int = 10,
    threads: int = 2,
    margin: int = NEAR,
    slack: int = NEAR,
    settled: bool = False,
) -> Pricing:
    """Every violation of the potentials of ``result``, and the pairs to add to the graph."""
    net = result.network
    n, m = net.n_requests, net.n_mentors
    d_req = result.potential[net.request_node(np.arange(n))]
    d_men = result.potential[net.mentor_node(np.arange(m))]
    kr, kc, kw = levels.known  # never in the graph: known pairs leave when they join it
    # an unknown pair of i violates only if d(j) - shift(j) > d(i) - bonus - level(i)
    lifted = [d_men - shift for shift in levels.shifts]
    top = np.array([x.max() if m else 0 for x in lifted])
    thr = d_req - bonus - levels.level
    tau = d_req - bonus - levels.scan  # the scan's bound: d(j) > tau(i) too
    need = np.flatnonzero((levels.level > NONE) & (top[levels.ref] > thr) & (top[0] > tau))
    need = need[np.lexsort((-thr[need], levels.ref[need]))]  # alike mentor sets side by side
    in_need = np.zeros(n, dtype=bool)
    in_need[need] = True
    mine = np.flatnonzero(in_need[kr])
    # scored pairs in the graph or known are priced elsewhere
    # (in a list: emptied once the scoring is done, to free its memory)
    known = [PairSet(np.concatenate([edges[0], kr[mine]]), np.concatenate([edges[1], kc[mine]]), m)]
    del mine  # on L, arrays of ten million known pairs: each freed once no longer needed

    # the slack widens the scoring so that the scored requests' new level is that far below
    # violating; not on requests first priced right after the scan's first solve (not
    # ``settled``): potentials then move far more than any slack, and the scan's bound keeps
    # later rounds narrow anyway. Once the flow was solved again (the known pairs' violators
    # joined first, see ``price_reserve``), a request scored without slack would be scored
    # again at the next move of its mentors' potentials (on L: 575 M pairs again)
    # known pairs first (no scoring): how far they violate says how far the next solve will
    # move the potentials, and the slack follows (``slack`` to 10 x ``slack``: with issue 11's
    # scores 3 points let M's certifying round score 2.9 M pairs again, 8 points 24 k)
    ke = d_men[kc]  # int64 first (known pairs may be int32), in place: one temporary
    ke -= d_req[kr]
    ke += kw
    ke += bonus
    # only the known pairs that can join are kept (``near`` below is 0 or -margin)
    hot = np.flatnonzero(ke > min(-margin, 0))
    he = ke[hot]
    del ke
    if (he > 0).any():
        slack = int(np.clip(np.percentile(he[he > 0], 99), slack, 10 * slack))
    widen = np.where(levels.ref > 0, slack, slack if settled else 0)

    def columns(chosen: Array, ref: int) -> Array:
        extra = widen[chosen].max()  # one shift per run: one slack
        cut, scan_cut = thr[chosen].min() - extra, tau[chosen].min() - extra
        cols: Array = np.flatnonzero((lifted[ref] > cut) & (d_men > scan_cut)).astype(np.int32)
        return cols

    spans = _spans(need, levels.ref, columns, m)
    raised = np.full(n, NONE, dtype=np.int64)  # the level's floor from pairs not kept

    def one(chosen: Array) -> tuple[Array, Array, Array, Array, int, int]:
        # the span's columns again (the same answer as ``_spans`` found): kept for every
        # span at once, they took 150 MB on L
        cols = columns(chosen, int(levels.ref[chosen[0]]))
        if len(cols) == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty, 0, 0
        w = weights32(index, take(block, chosen), settings, floor, cols)
        hit_r, hit_c = _near(w, d_req[chosen] - bonus - max(margin, slack), d_men[cols])
        weight = w[hit_r, hit_c].astype(np.int64)
        eligible = weight >= 0
        hit_r, hit_c, weight = hit_r[eligible], hit_c[eligible], weight[eligible]
        r, c = chosen[hit_r], cols[hit_c].astype(np.int64)
        fresh = ~known[0].has(r, c)
        r, c, weight = r[fresh], c[fresh], weight[fresh]
        found = (r, c, weight, weight + bonus + d_men[c] - d_req[r])
        gap = int(found[3][found[3] > 0].sum())
        # memory stays bounded: only each request's closest pairs can join or stay known,
        # the level rises over the others
        best = best_of_each(found[0], found[1], found[3], add + KEEP)
        over = np.ones(len(found[0]), dtype=bool)
        over[best] = False
        np.maximum.at(raised, found[0][over], found[2][over] + d_men[found[1][over]])
        r, c, w_, e = (x[best] for x in found)
        return r, c, w_, e, gap, len(chosen) * len(cols)

    # blocks are independent (numpy releases the GIL); merged in block order: deterministic
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        parts = list(pool.map(one, spans))
    sr, sc, sw, se = (
        np.concatenate([p[i] for p in parts]) if parts else np.zeros(0, np.int64) for i in range(4)
    )
    gap = int(he[he > 0].sum()) + sum(p[4] for p in parts)
    pairs = sum(p[5] for p in parts)
    del parts
    known.clear()
    # with a violation anywhere, pairs near violating join too: the next potentials would
    # likely make them violate, and each round costs a flow solve
    near = -margin if gap else 0
    if 0 < int((he > 0).sum() + (se > 0).sum()) <= INCREMENTAL:
        near = 0  # so few violators join the solved flow one by one (flow.extend), no re-solve
    joins = he > near
    kh, sh = hot[joins], np.flatnonzero(se > near)
    pick = best_of_each(
        np.concatenate([kr[kh], sr[sh]]),
        np.concatenate([kc[kh], sc[sh]]),
        np.concatenate([he[joins], se[sh]]),
        add,
    )
    from_known, from_scored = kh[pick[pick < len(kh)]], sh[pick[pick >= len(kh)] - len(kh)]
    new_r, new_c, new_w = (
        np.concatenate([x[from_known], y[from_scored]]).astype(np.int64)
        for x, y in ((kr, sr), (kc, sc), (kw, sw))
    )
    stays = np.ones(len(sr), dtype=bool)
    stays[from_scored] = False
    left = np.ones(len(kr), dtype=bool)
    left[from_known] = False
    del hot, he, joins, kh, sh, pick
    level = np.maximum(d_req - bonus - widen, raised)
    scored = (sr[stays], sc[stays], sw[stays], se[stays])
    del sr, sc, sw, se
    levels = _priced(levels, left, need, level, d_men, scored)
    return Pricing(gap, len(need), pairs, new_r, new_c, new_w, True, levels)


def price_reserve(
    levels: Levels,
    result: FlowResult,
    bonus: int,
    add: int = 10,
    margin: int = NEAR,
    least: int = 1,
) -> Pricing | None:
    """Violations among the known pairs only (their weights are kept: nothing is scored), or
    None when fewer than ``least`` pairs violate (they then join with the scored violators,
    in one solve).

    The result is not a certificate (``complete`` is False): the violators join the graph
    and the flow is solved again before any pair is scored, so that scoring meets
    potentials that the cheaply found violators no longer distort.
    """
    net = result.network
    d_req = result.potential[net.request_node(np.arange(net.n_requests))]
    d_men = result.potential[net.mentor_node(np.arange(net.n_mentors))]
    kr, kc, kw = levels.known
    ke = d_men[kc]  # int64 first (known pairs may be int32), in place: one temporary
    ke -= d_req[kr]
    ke += kw
    ke += bonus
    violating = ke > 0
    if int(violating.sum()) < max(least, 1):
        return None
    gap = int(ke[violating].sum())
    hot = np.flatnonzero(ke > -margin)
    pick = hot[best_of_each(kr[hot], kc[hot], ke[hot], add)]
    left = np.ones(len(kr), dtype=bool)
    left[pick] = False
    known = (kr[left], kc[left], kw[left])
    new_r, new_c, new_w = (x[pick].astype(np.int64) for x in (kr, kc, kw))
    after = Levels(levels.level, levels.ref, levels.shifts, known, levels.scan)
    return Pricing(gap, 0, 0, new_r, new_c, new_w, False, after)


def _spans(
    need: Array, ref: Array, columns: Callable[[Array, int], Array], n_mentors: int
) -> list[Array]:
    """``need`` cut into runs of one shift, each to score against the mentor columns
    ``columns`` gives it.

    A run doubles while it stays within a scan block's pairs: once potentials barely
    move, requests need few columns, and tasks of a few pairs would cost more in calls than
    in scoring.
    """
    spans: list[Array] = []
    ends = np.r_[np.flatnonzero(np.diff(ref[need])) + 1, len(need)]
    start = 0
    for end in ends.tolist():
        while start < end:
            size = block_rows(n_mentors)
            most = size * max(n_mentors, 1)
            stop = min(end, start + size)
            while stop < end:
                wider = min(end, start + 2 * (stop - start))
                more = columns(need[start:wider], int(ref[need[start]]))
                if (wider - start) * len(more) > most:
                    break
                stop = wider
            spans.append(need[start:stop])
            start = stop
    return spans


def _near(w: Array, limit: Array, lift: Array) -> tuple[Array, Array]:
    """Cells where ``w + lift(column) > limit(row)``, in int32 when the values fit (the
    pricing's pass over every scored pair: half the memory traffic of int64)."""
    base = int(lift.min()) if len(lift) else 0
    raised = lift - base
    if len(lift) and int(raised.max()) < 1 << 30:
        # w + raised stays within int32; limits beyond it are clipped, which keeps the answer
        bar = np.clip(limit - base, -(1 << 31), (1 << 31) - 1).astype(np.int32)
        rows, cols = mask_cells(w + raised.astype(np.int32) > bar[:, None])
    else:
        rows, cols = mask_cells(w + lift[None, :] > limit[:, None])
    return rows, cols


def _priced(
    levels: Levels,
    left: Array,
    priced: Array,
    level: Array,
    d_men: Array,
    scored: tuple[Array, Array, Array, Array],
) -> Levels:
    """``levels`` once ``priced`` requests were scored at mentor potentials ``d_men``.

    ``left`` marks the known pairs still out of the graph; of the ``scored`` ones that stay
    out too (request, mentor, weight, excess), at most ``KEEP`` per request (the closest to
    violating) join them, and the level rises over the others.
    """
    ref = levels.ref.copy()
    new_level = levels.level.copy()
    shifts = levels.shifts
    if len(priced):
        ref[priced] = len(shifts)
        new_level[priced] = level[priced]
        shifts += (d_men.copy(),)
    r, c, w, e = scored
    kept = best_of_each(r, c, e, KEEP)
    dropped = np.ones(len(r), dtype=bool)
    dropped[kept] = False
    if dropped.any():
        np.maximum.at(new_level, r[dropped], w[dropped] + shifts[-1][c[dropped]])
    # the new ones take the known arrays' type (int32 from the reserve); one array at a time
    # (on L, each holds ten million pairs)
    every = bool(left.all())
    kr, kc, kw = (
        np.concatenate([x if every else x[left], y[kept].astype(x.dtype)])
        for x, y in zip(levels.known, (r, c, w), strict=True)
    )
    return Levels(new_level, ref, shifts, (kr, kc, kw), levels.scan)


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
    excess = d_men[c] - d_req[r] + w + bonus  # int64 first: the reserve may be int32
    gap = int(excess[excess > 0].sum())
    hit = np.flatnonzero(excess > (-margin if gap else 0))
    hit = hit[~kept.has(r[hit], c[hit])]
    if len(hit) == 0:
        return 0, (empty, empty, empty)
    r, c, w, e = r[hit], c[hit], w[hit], excess[hit]
    chosen = best_of_each(r, c, e, add)
    return gap, (r[chosen], c[chosen], w[chosen])
