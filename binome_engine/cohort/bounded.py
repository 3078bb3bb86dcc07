"""Candidates and the certificate from block bounds (see ``blocks.py``), for large cohorts.

Rules kept here:
- candidates: each request's ``k`` best mentors among its blocks of highest bound (about
  ``4 k`` mentors scored per request); they need not be the true ``k`` best, the certificate
  makes the result exact;
- pricing: with node potentials ``d`` from the flow, a pair (i, j) left out of the graph
  improves the matching only if ``w(i, j) + bonus > d(i) - d(j)``. For a block, ``w`` is at
  most its bound plus the mentor's own points, so only the members with
  ``own(j) + d(j) > d(i) - bonus - bound(i, B)`` are scored exactly; all other pairs are
  proven not to violate;
- scored cells are grouped by block and power of two of the members needed (one scoring call
  each), in batches of at most ``CELLS_PER_PASS`` cells, run on a small thread pool and merged
  in a fixed order: the outcome does not depend on timing, the memory not on the potentials;
- the violating pairs found (the worst ``add`` per request) join the graph and the flow is
  solved again; the gap is the sum of all violations, zero when the result is optimal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from binome_engine.cohort.blocks import BoundTable, MentorBlocks, spans
from binome_engine.cohort.candidates import (
    PAIRS_PER_BLOCK,
    Candidates,
    PairSet,
    best_of_each,
    mask_cells,
    ranked,
    take,
    weights,
)
from binome_engine.cohort.certificate import Pricing, price_known
from binome_engine.cohort.flow import FlowResult
from binome_engine.index import MentorIndex
from binome_engine.model import ProgrammeSettings
from binome_engine.scoring import Array, RequestBlock

Visit = Callable[[Array, Array, Array], None]


@dataclass
class Bounded:
    """What large-cohort pricing needs: the blocks and every (request, block) bound."""

    blocks: MentorBlocks
    table: BoundTable
    capacity: Array
    repaired: Array  # per request: its free blocks were scored once already


def request_order(req: RequestBlock) -> Array:
    """Requests sorted so that neighbours want alike (sector, function, style, years)."""
    order: Array = np.lexsort(
        (
            np.arange(len(req)),
            req.years.ravel(),
            req.style.ravel(),
            req.function.ravel(),
            req.sector.ravel(),
        )
    )
    return order


def score_chunks(
    index: MentorIndex,
    req: RequestBlock,
    settings: ProgrammeSettings,
    tasks: list[tuple[Array, Array]],
    visit: Visit,
    floor: int = 0,
    threads: int = 2,
) -> int:
    """Score each task's requests against its mentors; ``visit(rows, cols, weights)`` in order.

    Tasks are split so that none holds more than ``PAIRS_PER_BLOCK`` pairs; they run on a
    small thread pool (numpy releases the GIL) and are visited in the given order.
    """
    split: list[tuple[Array, Array]] = []
    for rows, cols in tasks:
        if len(rows) == 0 or len(cols) == 0:
            continue
        step = max(1, PAIRS_PER_BLOCK // len(cols))
        split.extend((rows[i : i + step], cols) for i in range(0, len(rows), step))

    def one(task: tuple[Array, Array]) -> Array:
        return weights(index, take(req, task[0]), settings, floor, task[1])

    scored = 0
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        for (rows, cols), w in zip(split, pool.map(one, split), strict=True):
            scored += w.size
            visit(rows, cols, w)
    return scored


def _union(blocks: MentorBlocks, members: Array, cell_block: Array, cell_count: Array) -> Array:
    """The first ``count`` members (in ``members`` order) of each cell's block, united."""
    widest = np.zeros(len(blocks), dtype=np.int64)
    np.maximum.at(widest, cell_block, cell_count)
    block = np.repeat(np.arange(len(blocks)), np.diff(blocks.starts))
    offset = np.arange(len(members)) - blocks.starts[block]
    chosen: Array = np.sort(members[offset < widest[block]]).astype(np.int32)
    return chosen


def candidates(
    index: MentorIndex,
    req: RequestBlock,
    settings: ProgrammeSettings,
    bounded: Bounded,
    k: int,
    reserve: int = 0,
    floor: int = 0,
    threads: int = 2,
) -> Candidates:
    """Each request's ``k`` best mentors among its highest-bound blocks, and each mentor's best.

    Requests go in chunks of alike requests; each chunk is scored against the union of its
    requests' chosen blocks (a superset of each one's own); the next ``reserve`` of each
    request are kept aside. Then each block is scored against the requests of highest bound
    for it, and each member brings its ``2 (capacity + 1)`` best: every mentor that could be
    needed is in the first graph, so the first potentials price mentors apart.
    """
    blocks, table = bounded.blocks, bounded.table
    sizes = np.diff(blocks.starts)
    mean = max(1.0, float(sizes.mean())) if len(sizes) else 1.0
    per_request = min(len(blocks), max(1, int(np.ceil(4 * k / mean))))
    tasks: list[tuple[Array, Array]] = []
    order = request_order(req)
    for start, stop in spans(len(req), CHUNK):
        rows = order[start:stop]
        ub = table.at(rows)
        if per_request < ub.shape[1]:
            pick = np.argpartition(-ub, per_request - 1, axis=1)[:, :per_request]
        else:
            pick = np.broadcast_to(np.arange(ub.shape[1]), ub.shape)
        ok = np.take_along_axis(ub, pick, axis=1) >= 0
        cell_b = pick[ok]
        tasks.append((rows, _union(blocks, blocks.rows, cell_b, sizes[cell_b])))
    found: list[tuple[Array, Array, Array]] = []

    def visit(rows: Array, cols: Array, w: Array) -> None:
        keep = min(k + reserve, w.shape[1])
        pick = np.argpartition(-w, keep - 1, axis=1)[:, :keep]
        kept = np.take_along_axis(w, pick, axis=1)
        ok = kept >= 0
        r = np.broadcast_to(rows[:, None], pick.shape)[ok]
        found.append((r, cols[pick[ok]].astype(np.int64), kept[ok]))

    score_chunks(index, req, settings, tasks, visit, floor, threads)
    r, c, w = (_cat([f[i] for f in found]) for i in range(3))
    order, rank = ranked(r, c, w)
    r, c, w = r[order], c[order], w[order]
    top = rank < k
    edges = _mentors_best(index, req, settings, bounded, floor, threads)
    r2, c2, w2 = _union_edges((r[top], c[top], w[top]), edges, index.n)
    aside = (r[~top], c[~top], w[~top]) if reserve else None
    return Candidates(r2, c2, w2, np.full(len(req), -1, dtype=np.int64), aside)


def _mentors_best(
    index: MentorIndex,
    req: RequestBlock,
    settings: ProgrammeSettings,
    bounded: Bounded,
    floor: int,
    threads: int,
) -> tuple[Array, Array, Array]:
    """Each usable mentor's ``2 (capacity + 1)`` best requests among its block's best bounds."""
    blocks, table = bounded.blocks, bounded.table
    n = table.n
    if n == 0 or len(blocks) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    wanted = 2 * (bounded.capacity[: index.n] + 1)
    per_block = np.add.reduceat(wanted[blocks.rows], blocks.starts[:-1])
    tasks: list[tuple[Array, Array]] = []
    for b in range(len(blocks)):
        column = table.stored[:, b]
        top = min(n, int(per_block[b]) * 2)
        rows = np.argpartition(column, n - top)[n - top :] if top < n else np.arange(n)
        rows = np.sort(rows[column[rows] > 0])
        tasks.append((rows, blocks.members(b).astype(np.int32)))
    found: list[tuple[Array, Array, Array]] = []

    def visit(rows: Array, cols: Array, w: Array) -> None:
        keep = min(int(wanted[cols].max()), w.shape[0])
        pick = np.argpartition(-w, keep - 1, axis=0)[:keep]
        best = np.take_along_axis(w, pick, axis=0)
        ok = best >= 0
        mentor = np.broadcast_to(cols[None, :], pick.shape)
        found.append((rows[pick[ok]], mentor[ok].astype(np.int64), best[ok]))

    score_chunks(index, req, settings, tasks, visit, floor, threads)
    r, c, w = (_cat([f[i] for f in found]) for i in range(3))
    return r, c, w


def _union_edges(
    a: tuple[Array, Array, Array], b: tuple[Array, Array, Array], n_mentors: int
) -> tuple[Array, Array, Array]:
    """Edges of ``a`` and ``b`` without repeats, by request then mentor."""
    r, c, w = (np.concatenate([x, y]) for x, y in zip(a, b, strict=True))
    _keys, first = np.unique(r * max(n_mentors, 1) + c, return_index=True)
    return r[first], c[first], w[first]


CHUNK = 256  # alike requests scored together


def _cat(parts: list[Array]) -> Array:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def price(
    index: MentorIndex,
    req: RequestBlock,
    settings: ProgrammeSettings,
    bounded: Bounded,
    edges: tuple[Array, Array],
    result: FlowResult,
    bonus: int,
    floor: int = 0,
    add: int = 10,
    threads: int = 2,
    reserve: tuple[Array, Array, Array] | None = None,
    partial: bool = True,
) -> Pricing:
    """Every pair's reduced cost, exact where a block's bound cannot rule it out.

    With ``partial``, the reserve is priced first from its known weights; when it holds
    violating pairs they are returned at once (an incomplete pricing: no certificate yet).
    """
    blocks, table = bounded.blocks, bounded.table
    net = result.network
    n, m = net.n_requests, net.n_mentors
    d_req = result.potential[net.request_node(np.arange(n))]
    d_men = result.potential[net.mentor_node(np.arange(m))]
    kept = PairSet(*edges, m)
    if partial and reserve is not None:
        known_gap, (kr, kc, kw) = price_known(reserve, kept, d_req, d_men, bonus, add)
        if len(kr):
            return Pricing(known_gap, 0, 0, kr, kc, kw, complete=False)
    if partial and bonus > 0:
        repair = _repair(index, req, settings, bounded, edges, kept, result, add, floor, threads)
        if len(repair[0]):
            return Pricing(0, 0, 0, *repair, complete=False)
    lifted = _Lifted(blocks, blocks.own + d_men)
    limit = d_req - bonus  # a pair violates when w + d(j) > limit(i)
    gap = pairs = 0
    found: list[Violations] = []
    priced = np.zeros(n, dtype=bool)

    def visit(rows: Array, cols: Array, w: Array) -> None:
        nonlocal gap
        excess = w + bonus + d_men[cols][None, :] - d_req[rows][:, None]
        hit_r, hit_c = mask_cells((excess > 0) & (w >= 0))
        if len(hit_r) == 0:
            return
        new = ~kept.has(rows[hit_r], cols[hit_c])
        hit_r, hit_c = hit_r[new], hit_c[new]
        values = excess[hit_r, hit_c]
        gap += int(values.sum())
        # only the worst ``add`` of each request can join the graph: keep no more in memory
        found.append(
            _worst((rows[hit_r], cols[hit_c].astype(np.int64), w[hit_r, hit_c], values), add)
        )

    cells: list[tuple[Array, Array, Array]] = []
    held = 0

    def flush() -> None:
        """Score the cells gathered so far; memory stays bounded whatever the potentials."""
        nonlocal pairs, held
        if not cells:
            return
        cell_r, cell_b, cell_n = (_cat([x[i] for x in cells]) for i in range(3))
        cells.clear()
        held = 0
        priced[cell_r] = True
        tasks = _block_tasks(blocks, lifted.members, cell_r, cell_b, cell_n)
        pairs += score_chunks(index, req, settings, tasks, visit, floor, threads)
        if len(found) > 1:
            found[:] = [_worst(_joined(found), add)]

    for start, stop in spans(n):
        rows = np.arange(start, stop)
        ub = table.at(rows)
        r, b = mask_cells((ub >= 0) & (ub + lifted.best[None, :] > limit[rows, None]))
        # members that could violate: own + d(j) > limit(i) - bound(i, B)
        count = lifted.above(b, limit[rows[r]] - ub[r, b])
        some = count > 0
        cells.append((rows[r[some]], b[some], count[some]))
        held += int(some.sum())
        if held >= CELLS_PER_PASS:
            flush()
    flush()
    r, c, w, _e = _worst(_joined(found), add)
    return Pricing(gap, int(priced.sum()), pairs, r, c, w)


CELLS_PER_PASS = 2_000_000  # (request, block) cells scored together at most


Violations = tuple[Array, Array, Array, Array]  # request, mentor, weight, excess


def _worst(found: Violations, add: int) -> Violations:
    """The ``add`` largest violations of each request."""
    chosen = best_of_each(found[0], found[1], found[3], add)
    r, c, w, e = (part[chosen] for part in found)
    return r, c, w, e


def _joined(found: list[Violations]) -> Violations:
    r, c, w, e = (_cat([f[i] for f in found]) for i in range(4))
    return r, c, w, e


def _block_tasks(
    blocks: MentorBlocks, members: Array, cell_r: Array, cell_b: Array, cell_n: Array
) -> list[tuple[Array, Array]]:
    """One scoring task per block and power of two of the members needed (rows, mentors).

    A cell needs the first ``n`` members of its block in ``members`` order; grouping cells
    by the power of two above ``n`` scores at most twice the pairs needed, in few calls.
    """
    if len(cell_r) == 0:
        return []
    bucket = np.ceil(np.log2(np.maximum(cell_n, 1))).astype(np.int64)
    order = np.lexsort((cell_r, bucket, cell_b))
    rq, bl, bk, ct = cell_r[order], cell_b[order], bucket[order], cell_n[order]
    cuts = np.flatnonzero(np.r_[True, (bl[1:] != bl[:-1]) | (bk[1:] != bk[:-1]), True])
    tasks: list[tuple[Array, Array]] = []
    for a, b in itertools.pairwise(cuts.tolist()):
        first = int(blocks.starts[int(bl[a])])
        width = int(ct[a:b].max())
        tasks.append((rq[a:b], members[first : first + width].astype(np.int32)))
    return tasks


def _repair(
    index: MentorIndex,
    req: RequestBlock,
    settings: ProgrammeSettings,
    bounded: Bounded,
    edges: tuple[Array, Array],
    kept: PairSet,
    result: FlowResult,
    add: int,
    floor: int,
    threads: int,
) -> tuple[Array, Array, Array]:
    """More edges for the requests the graph leaves unmatched (once per request).

    A request left unmatched makes most of its pairs violate by the whole bonus (one more
    pair outweighs any score), and so do the requests its possible mentors hold: the full
    pricing would score nearly all their pairs. Unmatched requests are few, so each is
    scored against every mentor at once, and brings its ``add`` best mentors and its ``add``
    best mentors with a free place; the mentees of those mentors bring their ``add`` best
    free mentors: a path i -> j -> i' -> j' lets the flow match i by moving i' (most
    augmenting paths in a tight market).
    """
    blocks = bounded.blocks
    n = result.network.n_requests
    m = result.network.n_mentors
    holder_r, holder_c = edges[0][result.matched], edges[1][result.matched]
    matched = np.zeros(n, dtype=bool)
    matched[holder_r] = True
    used = np.bincount(holder_c, minlength=m)
    free = np.zeros(m, dtype=bool)
    free[blocks.rows] = bounded.capacity[blocks.rows] > used[blocks.rows]
    rows = np.flatnonzero(~matched & ~bounded.repaired)
    empty = np.zeros(0, dtype=np.int64)
    if len(rows) == 0 or len(blocks.rows) == 0:
        return empty, empty, empty
    bounded.repaired[rows] = True
    every = np.sort(blocks.rows).astype(np.int32)
    # one scoring of the unmatched: their best mentors, and their best with a free place
    r, c, w = _best_rows(index, req, settings, (rows, every), add, floor, threads, (None, free))
    wanted = np.zeros(m, dtype=bool)
    wanted[c] = True
    movers = np.unique(holder_r[wanted[holder_c]])
    movers = movers[~bounded.repaired[movers]]
    bounded.repaired[movers] = True
    free_cols = np.flatnonzero(free).astype(np.int32)
    moved = _best_rows(index, req, settings, (movers, free_cols), add, floor, threads, (None,))
    r, c, w = _union_edges((r, c, w), moved, index.n)
    new = ~kept.has(r, c)
    return r[new], c[new], w[new]


def _best_rows(
    index: MentorIndex,
    req: RequestBlock,
    settings: ProgrammeSettings,
    task: tuple[Array, Array],
    add: int,
    floor: int,
    threads: int,
    allowed: tuple[Array | None, ...],
) -> tuple[Array, Array, Array]:
    """Each of ``task``'s requests with its ``add`` best eligible mentors of ``task``'s, once
    per mask of ``allowed`` (over mentor rows; None allows all); pairs may repeat."""
    found: list[tuple[Array, Array, Array]] = []

    def visit(r: Array, c: Array, w: Array) -> None:
        keep = min(add, w.shape[1])
        for mask in allowed:
            rank = w if mask is None else np.where(mask[c][None, :], w, -1)
            pick = np.argpartition(-rank, keep - 1, axis=1)[:, :keep]
            best = np.take_along_axis(rank, pick, axis=1)
            ok = best >= 0
            rr = np.broadcast_to(r[:, None], pick.shape)[ok]
            found.append((rr, c[pick[ok]].astype(np.int64), best[ok]))

    score_chunks(index, req, settings, [task], visit, floor, threads)
    r, c, w = (_cat([f[i] for f in found]) for i in range(3))
    return r, c, w


class _Lifted:
    """Each block's members by decreasing ``own + d(j)``, to count those above a threshold."""

    def __init__(self, blocks: MentorBlocks, value: Array) -> None:
        n_blocks = len(blocks)
        block = np.repeat(np.arange(n_blocks), np.diff(blocks.starts))
        v = value[blocks.rows]
        order = np.lexsort((blocks.rows, -v, block))
        self.members = blocks.rows[order]
        self.starts = blocks.starts
        self.best = np.full(n_blocks, np.iinfo(np.int64).min // 4, dtype=np.int64)
        if n_blocks:
            self.best = np.maximum.reduceat(v, blocks.starts[:-1])
        # ascending keys, block after block, for one searchsorted over all cells
        self.low = int(v.min()) if len(v) else 0
        span = (int(v.max()) - self.low + 2) if len(v) else 2
        self.span = span
        ascending = np.lexsort((v, block))  # rows are in block order already
        self.keys = block * span + (v[ascending] - self.low)

    def above(self, b: Array, threshold: Array) -> Array:
        """How many members of block ``b`` have a value above ``threshold`` (per cell)."""
        t = np.clip(threshold - self.low, -1, self.span - 2)
        position = np.searchsorted(self.keys, b * self.span + t, side="right")
        count: Array = self.starts[b + 1] - position
        return count
