"""The candidate graph of a cohort: every eligible pair's weight, scanned block by block.

Rules kept here:
- a pair's weight is its score in milli-points (the same numbers as the shortlist), plus a
  constant bonus when the number matched is maximised first; ineligible pairs have no weight
  and are never edges;
- the full mentee x mentor matrix is never held: requests are scored in blocks against all
  mentors and only the k best eligible mentors of each request are kept, with the k-th weight as
  a bound on every pair left out (used by the certificate to skip whole requests);
- blocks run on a small thread pool (numpy releases the GIL), results are merged in block order,
  so the outcome does not depend on timing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from operator import itemgetter
from typing import Any

import numpy as np
import scipy.sparse as sp

from binome_engine.constraints import eligible, pair_masks
from binome_engine.index import MentorIndex
from binome_engine.kernel import rows_and_columns
from binome_engine.model import ProgrammeSettings
from binome_engine.scoring import Array, RequestBlock, fusable, total_points

PAIRS_PER_BLOCK = 1_500_000
# requests scored at once, at least: at 40,000 mentors, blocks of 37 requests (1.5 M pairs)
# cost L 5 s more than blocks of 75 (59 s against 52-55 s: per-block work, words picked per
# tile for fewer requests), while M (375 requests a block) was slower with 750
MIN_ROWS = 75


def block_rows(n_mentors: int) -> int:
    """How many requests to score at once against ``n_mentors`` mentors."""
    return max(1, PAIRS_PER_BLOCK // max(n_mentors, 1), MIN_ROWS)


def rows(block: RequestBlock, start: int, stop: int) -> RequestBlock:
    """Requests ``start:stop`` of ``block``."""
    return take(block, np.arange(start, stop))


def take(block: RequestBlock, positions: Array) -> RequestBlock:
    """The requests of ``block`` at ``positions``, in that order."""
    chosen: dict[str, Any] = {}
    for f in fields(block):
        value = getattr(block, f.name)
        if isinstance(value, np.ndarray | sp.csr_matrix):
            chosen[f.name] = value[positions]
        elif isinstance(value, tuple):
            chosen[f.name] = _pick(value, positions)
    return replace(block, **chosen)


def _pick(values: tuple[Any, ...], positions: Array) -> tuple[Any, ...]:
    """``values`` at ``positions``, as a tuple (C-speed ``itemgetter``)."""
    if len(positions) == 0:
        return ()
    if len(positions) == 1:
        return (values[int(positions[0])],)
    picked: tuple[Any, ...] = itemgetter(*positions.tolist())(values)
    return picked


def weights(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    floor: int = 0,
    cols: Array | None = None,
) -> Array:
    """Milli-point scores (int64), -1 where the pair is not eligible or under ``floor``."""
    return weights32(index, block, settings, floor, cols).astype(np.int64)


def weights32(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    floor: int = 0,
    cols: Array | None = None,
) -> Array:
    """``weights`` as int32 (the scans' hot path: half the memory traffic).

    Large blocks score and apply the hard rules in one pass (``total_points(hard=True)``);
    small ones take the plain masks of ``constraints.py``, which the tests check it against.
    """
    width = index.n if cols is None else len(cols)
    if len(block) * width < 4096 or not fusable(settings):
        total = total_points(index, block, settings, cols)
        total[~eligible(index, block, settings, cols) | (total < floor)] = -1
        return total
    total = total_points(index, block, settings, cols, hard=True, floor=max(floor, 0))
    for mask in pair_masks(index, block, settings, cols).values():
        total[mask] = -1
    return total


@dataclass(frozen=True)
class Candidates:
    """The kept edges (request position, mentor row, weight) and each request's bound."""

    request: Array
    mentor: Array
    weight: Array
    bound: Array  # per request: no eligible pair outside edges and reserve weighs more (-1: none)
    # the next best pairs of each request (request, mentor, weight), not in the graph: the
    # certificate prices them from their known weights instead of scoring them again; their
    # arrays may be int32 (add them to int64 values, never a Python int, before a bonus)
    reserve: tuple[Array, Array, Array] | None = None
    matchable: int | None = None  # requests with at least one eligible mentor, when known

    def merged(self) -> Candidates:
        """The same pairs with the reserve joined to the edges."""
        if self.reserve is None:
            return self
        r, c, w = (np.concatenate([a, b]) for a, b in zip(self.edges(), self.reserve, strict=True))
        return Candidates(r, c, w, self.bound, None, self.matchable)

    def edges(self) -> tuple[Array, Array, Array]:
        return self.request, self.mentor, self.weight


def ranked(r: Array, c: Array, value: Array) -> tuple[Array, Array]:
    """The order putting each request's pairs by decreasing ``value`` (ties: lower mentor row
    first), and the rank of each pair within its request, in that order."""
    order = _order(r, c, value)
    rs = r[order]
    if len(rs) == 0:
        return order, rs
    starts = np.flatnonzero(np.r_[True, rs[1:] != rs[:-1]])
    rank: Array = np.arange(len(rs)) - np.repeat(starts, np.diff(np.r_[starts, len(rs)]))
    return order, rank


def _order(r: Array, c: Array, value: Array) -> Array:
    """``np.lexsort((c, -value, r))``, by one argsort of a packed key when it fits 62 bits
    (several times faster)."""
    if len(r) and min(int(r.min()), int(c.min())) >= 0:
        top = int(value.max())
        c_bits = int(c.max()).bit_length()
        v_bits = (top - int(value.min())).bit_length()
        if int(r.max()).bit_length() + v_bits + c_bits <= 62:
            key = r.astype(np.int64) << (v_bits + c_bits)
            key |= (top - value.astype(np.int64)) << c_bits
            key |= c.astype(np.int64)
            packed: Array = np.argsort(key, kind="stable")
            return packed
    order: Array = np.lexsort((c, -value, r))
    return order


def best_of_each(r: Array, c: Array, value: Array, keep: int) -> Array:
    """Positions of each request's ``keep`` pairs of highest ``value`` (see ``ranked``)."""
    order, rank = ranked(r, c, value)
    chosen: Array = order[rank < keep]
    return chosen


class PairSet:
    """A set of (request, mentor) pairs that answers for many pairs at once."""

    def __init__(self, r: Array, c: Array, n_mentors: int) -> None:
        self.width = max(n_mentors, 1)
        self.keys = self._keys(r, c)
        self.keys.sort()  # in place: one array of keys at a time (on L, 100 MB each)

    def _keys(self, r: Array, c: Array) -> Array:
        keys: Array = r.astype(np.int64)  # a copy
        keys *= self.width
        keys += c
        return keys

    def has(self, r: Array, c: Array) -> Array:
        keys = self._keys(r, c)
        if len(self.keys) == 0:
            return np.zeros(len(keys), dtype=bool)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        found: Array = self.keys[at] == keys
        return found


SAMPLE = 16  # one column in this many estimates each row's threshold


def mask_cells(mask: Array) -> tuple[Array, Array]:
    """``np.nonzero`` of a 2-d mask, several times faster (one flat pass, then divmod)."""
    rows, cols = np.divmod(np.flatnonzero(mask), max(mask.shape[1], 1))
    return rows, cols


def best_in_rows(w: Array, keep: int, eligible: Array) -> tuple[Array, Array, Array]:
    """Each row's ``keep`` largest non-negative values of ``w`` as (row, column, value),
    rows in order, each row's heaviest first (ties: lower column first); ``eligible`` counts
    each row's non-negative values.

    A threshold read off a sample of the columns (about three times ``keep`` down each row)
    picks a small superset of the answer; rows it leaves short take all their columns.
    """
    rows, width = w.shape
    if keep == 0 or rows == 0 or width == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    floor = np.zeros(rows, dtype=w.dtype)
    sample = w[:, ::SAMPLE]
    depth = min(sample.shape[1], -(-3 * keep // SAMPLE))
    if width >= 8 * keep:
        guess = np.partition(sample, sample.shape[1] - depth, axis=1)[:, -depth]
        floor = np.maximum(guess, 0)
    r, c = mask_cells(w >= floor[:, None])
    got = np.bincount(r, minlength=rows)
    short = np.flatnonzero((got < keep) & (eligible > got))
    if len(short):  # the sample guessed too high: those rows take every eligible column
        redo = np.zeros(rows, dtype=bool)
        redo[short] = True
        extra_r, extra_c = mask_cells(w[short] >= 0)
        others = ~redo[r]
        r = np.concatenate([r[others], short[extra_r]])
        c = np.concatenate([c[others], extra_c])
    value = w[r, c]
    order, ranks = ranked(r, c, value)
    chosen = order[ranks < keep]
    return r[chosen], c[chosen], value[chosen]


def blocks(n: int, n_mentors: int) -> Iterator[tuple[int, int]]:
    size = block_rows(n_mentors)
    for start in range(0, n, size):
        yield start, min(n, start + size)


def scan(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    visit: Callable[[Array, Array | None, Array], tuple[Array, Array, Array]],
    threads: int = 2,
    floor: int = 0,
) -> tuple[Array, Array, Array]:
    """Score every request against every mentor that could suit it, block by block.

    Requests go in blocks of alike ones (style, languages, years), and each block is scored
    only against the mentors some of its requests could be given (``possible_mentors``):
    the others are ineligible for all of them. ``visit(positions, mentor rows or None for
    all, weights)`` picks (request, mentor, weight) edges.
    """
    order = _alike(block)

    def one(span: tuple[int, int]) -> tuple[Array, Array, Array]:
        positions = order[span[0] : span[1]]
        sub = take(block, positions)
        cols = possible_mentors(index, sub, settings)
        return visit(positions, cols, weights32(index, sub, settings, floor, cols))

    spans = list(blocks(len(block), index.n))
    with ThreadPoolExecutor(max_workers=threads) as pool:
        parts = list(pool.map(one, spans))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))  # type: ignore[return-value]


def _alike(block: RequestBlock) -> Array:
    """Request positions sorted by style, languages and years (neighbours rule out alike)."""
    style = block.style.ravel()
    peer_sector = np.where(style == 1, block.sector.ravel(), 0)  # peers need their sector
    order: Array = np.lexsort(
        (
            np.arange(len(block)),
            block.years.ravel(),
            peer_sector,
            block.languages_mask.ravel(),
            style,
        )
    )
    return order


def possible_mentors(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings
) -> Array | None:
    """Mentor rows that rules on languages, seniority and availability leave possible for
    at least one request of ``block``; None when that is nearly every mentor."""
    n = index.n
    rules = settings.constraints
    ok = index.active[:n].copy()
    if rules.exclude_paused:
        ok &= ~index.paused[:n]
    if rules.require_capacity:
        ok &= index.capacity[:n] > 0
    if rules.require_shared_language and len(block):
        wanted = np.bitwise_or.reduce(block.languages_mask.ravel())
        ok &= (index.languages_mask[:n] & wanted) != 0
    if rules.enforce_seniority and len(block):
        ok &= _seniority_possible(index.years[:n].astype(np.int64), block, settings)
        style = block.style.ravel()
        sectors = block.sector.ravel()
        if settings.seniority.peer_requires_sector and (style == 1).all() and (sectors >= 0).all():
            # peers: their own sector only, or none given
            ok &= np.isin(index.sector[:n], np.unique(sectors)) | (index.sector[:n] < 0)
    if ok.sum() > 0.9 * n:
        return None
    cols: Array = np.flatnonzero(ok).astype(np.int32)
    return cols


def _seniority_possible(years: Array, block: RequestBlock, settings: ProgrammeSettings) -> Array:
    rules = settings.seniority
    style = block.style.ravel()
    mentee = block.years.ravel().astype(np.int64)
    ok = np.zeros(len(years), dtype=bool)
    if (style == 0).any():  # classic: at least classic_min_gap more years
        ok |= years >= mentee[style == 0].min() + rules.classic_min_gap
    if (style == 1).any():  # peer: within peer_max_gap
        peers = mentee[style == 1]
        ok |= (years >= peers.min() - rules.peer_max_gap) & (
            years <= peers.max() + rules.peer_max_gap
        )
    if (style == 2).any():  # reverse: at least reverse_min_gap fewer years
        ok |= years <= mentee[style == 2].max() - rules.reverse_min_gap
    return ok


def top_k(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    k: int,
    threads: int = 2,
    floor: int = 0,
    reserve: int = 0,
    mentor_side: int = 0,
) -> Candidates:
    """The ``k`` best eligible mentors of every request (the next ``reserve`` kept aside),
    and with ``mentor_side``, about that many best requests of every mentor in the graph too.

    Mentor side: a mentor in no request's best ``k + reserve`` has no edge, so the first
    solves leave its places empty and its potential at zero, and the first pricing finds
    nearly every request violating with it (on L, 1.8 billion pairs scored, 0.8 billion
    again in the next round, with 5 % of places to spare). The scan keeps, per block, each
    mentor's best request when it beats the lowest of the ``mentor_side`` values already
    kept for that mentor; each mentor's best ``mentor_side`` of those join the graph.
    """
    bound = np.full(len(block), -1, dtype=np.int64)
    any_eligible = np.zeros(len(block), dtype=bool)
    most = max(1, k + reserve)
    n_mentors = index.n
    # per mentor, ``mentor_side`` values seen (their lowest never passes the mentor's
    # ``mentor_side``-th best so far, whatever the threads' order: each slot holds one value)
    slots = np.full((n_mentors, max(mentor_side, 1)), -1, dtype=np.int32)
    lows = np.full(n_mentors, -1, dtype=np.int32)  # each mentor's lowest slot
    side: list[tuple[Array, Array, Array]] = []

    def mentors_best(positions: Array, mentors: Array | None, best: Array, first: Array) -> None:
        low = lows if mentors is None else lows[mentors]
        beat = np.flatnonzero((best >= 0) & (best >= low))
        if len(beat) == 0:
            return
        rows = first[beat]  # the first best row of the block
        cols = beat if mentors is None else mentors[beat].astype(np.int64)
        best = best[beat]
        side.append((positions[rows].astype(np.int64), cols.astype(np.int64), best))
        lowest = slots[cols].argmin(axis=1)
        raise_ = best > slots[cols, lowest]
        cols, lowest = cols[raise_], lowest[raise_]
        slots[cols, lowest] = best[raise_]
        lows[cols] = slots[cols].min(axis=1)

    def visit(positions: Array, mentors: Array | None, w: Array) -> tuple[Array, Array, Array]:
        eligible, best, first = rows_and_columns(w)
        if mentor_side and w.shape[1]:
            mentors_best(positions, mentors, best, first)
        any_eligible[positions] = eligible > 0
        keep = min(k + reserve, w.shape[1])
        r, c, kept = best_in_rows(w, keep, eligible)
        # the lightest kept weight bounds every eligible pair left out, if any was left out
        lightest = np.full(len(w), -1, dtype=np.int64)
        truncated = eligible > keep
        last = np.r_[r[1:] != r[:-1], True] if len(r) else np.zeros(0, dtype=bool)
        lightest[r[last]] = kept[last]  # pairs come heaviest first in each row
        bound[positions] = np.where(truncated, lightest, -1)
        rank = np.arange(len(r)) - np.searchsorted(r, r)
        cols = c if mentors is None else mentors[c]
        # the rank is folded into the request column: request * most + rank, undone below;
        # int32 where it fits (the reserve holds most pairs: half the memory)
        folded_r = (positions[r].astype(np.int64) * most + rank).astype(folded)
        return folded_r, cols.astype(np.int32), kept.astype(np.int32)

    folded = np.int32 if len(block) * most < 2**31 else np.int64
    r, c, w = scan(index, block, settings, visit, threads, floor)
    r, rank = np.divmod(r, most)
    matchable = int(any_eligible.sum())
    top = rank < k if reserve else np.ones(len(r), dtype=bool)
    edges = (r[top].astype(np.int64), c[top].astype(np.int64), w[top].astype(np.int64))
    aside = (r[~top], c[~top], w[~top])  # int32, or int64 for huge cohorts
    if side:
        # each mentor's best pairs (ties: the lower request); those not already edges join
        # the graph, and leave the reserve
        sr, sc, sw = (np.concatenate([p[i] for p in side]) for i in range(3))
        pick = best_of_each(sc, sr, sw, mentor_side)
        sr, sc, sw = (x[pick] for x in (sr, sc, sw))
        order = np.lexsort((sc, sr))
        sr, sc, sw = (x[order] for x in (sr, sc, sw))
        fresh = ~PairSet(edges[0], edges[1], n_mentors).has(sr, sc)
        sr, sc, sw = (x[fresh] for x in (sr, sc, sw))
        stays = ~PairSet(sr, sc, n_mentors).has(aside[0], aside[1])
        aside = (aside[0][stays], aside[1][stays], aside[2][stays])
        edges = (
            np.concatenate([edges[0], sr]),
            np.concatenate([edges[1], sc]),
            np.concatenate([edges[2], sw]),
        )
    if not reserve:
        return Candidates(*edges, bound, None, matchable)
    return Candidates(*edges, bound, aside, matchable)
