"""The most requests that can be matched, proven over all pairs, before the weighted solve.

The first weighted solve uses a bonus of one best score (see ``solver.optimise``); its result
is lexicographically optimal only when it matches as many requests as any matching of all
pairs can. A graph that strands requests (their best mentors are popular and fill up) also
ruins pricing: an unmatched request, and every request an alternating path reaches from it,
makes nearly every one of its pairs violate by the whole bonus (on L, 40 stranded requests
made the first pricing score 1.3 billion pairs).

Rules kept here:
- a max flow (no costs, fast) over the graph and the reserve of the requests on the source
  side of its minimum cut finds a larger matching; the reserve pairs it uses join the graph;
- while requests stay unmatched, an alternating search from them over *all* pairs (each
  request it reaches is scored against every mentor) looks for a mentor with room: the pairs
  of the paths it finds join the graph and the max flow runs again; when the search reaches
  no mentor with room, no augmenting path exists (Berge), so the count is the maximum over
  all pairs and becomes the target;
- only pairs join the graph (never leave it), each one at most once, and a pair that joins
  leaves the reserve: the scan's bound and pricing's invariants are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from binome_engine.cohort.candidates import (
    Candidates,
    PairSet,
    best_of_each,
    block_rows,
    mask_cells,
    possible_mentors,
    take,
    weights32,
)
from binome_engine.cohort.flow import _ranges, max_matching
from binome_engine.scoring import Array

if TYPE_CHECKING:
    from binome_engine.cohort.problem import Problem


def most_matched(
    problem: Problem, cands: Candidates, most: int, floor: int = 0
) -> tuple[Candidates, int]:
    """``cands`` with the pairs a matching of the most requests needs, and that number
    (``most``, or the proven maximum below it)."""
    n = len(problem.requests)
    count, source_side, used = max_matching(n, problem.capacity, cands.request, cands.mentor)
    if count >= most:
        return cands, most
    matched = cands.request[used], cands.mentor[used]
    if cands.reserve is not None:
        cands, count, matched = _from_reserve(problem, cands, source_side)
    while count < most:
        found = augmenting_pairs(problem, *matched, floor)
        if found is None:
            return cands, count  # no augmenting path over all pairs: the maximum
        cands = _joined(cands, *found)
        count, _side, used = max_matching(n, problem.capacity, cands.request, cands.mentor)
        matched = cands.request[used], cands.mentor[used]
    return cands, most


def _from_reserve(
    problem: Problem, cands: Candidates, source_side: Array
) -> tuple[Candidates, int, tuple[Array, Array]]:
    """The reserve pairs a larger matching uses, moved into the graph; its size and pairs."""
    assert cands.reserve is not None
    r, c, w = cands.reserve
    # only reserve pairs of source-side requests cross the minimum cut (see flow.max_matching)
    near = np.flatnonzero(source_side[r])
    count, _side, used = max_matching(
        len(problem.requests),
        problem.capacity,
        np.concatenate([cands.request, r[near]]),
        np.concatenate([cands.mentor, c[near]]),
    )
    in_graph = used[: len(cands.request)]
    moved = near[used[len(cands.request) :]]
    matched = (
        np.concatenate([cands.request[in_graph], r[moved].astype(np.int64)]),
        np.concatenate([cands.mentor[in_graph], c[moved].astype(np.int64)]),
    )
    return _joined(cands, r[moved], c[moved], w[moved]), count, matched


def _joined(cands: Candidates, r: Array, c: Array, w: Array) -> Candidates:
    """``cands`` with pairs (r, c, w) added to the graph (and taken out of the reserve)."""
    n_mentors = int(max(cands.mentor.max(initial=0), c.max(initial=0))) + 1
    fresh = ~PairSet(cands.request, cands.mentor, n_mentors).has(r, c)
    r, c, w = r[fresh].astype(np.int64), c[fresh].astype(np.int64), w[fresh].astype(np.int64)
    reserve = cands.reserve
    if reserve is not None and len(r):
        stays = ~PairSet(r, c, n_mentors).has(reserve[0], reserve[1])
        reserve = (reserve[0][stays], reserve[1][stays], reserve[2][stays])
    return Candidates(
        np.concatenate([cands.request, r]),
        np.concatenate([cands.mentor, c]),
        np.concatenate([cands.weight, w]),
        cands.bound,
        reserve,
        cands.matchable,
    )


def augmenting_pairs(
    problem: Problem, matched_r: Array, matched_c: Array, floor: int = 0, keep: int | None = None
) -> tuple[Array, Array, Array] | None:
    """Pairs that make augmenting paths for the matching ``matched_r -> matched_c``, or None
    when no path exists over all eligible pairs.

    Breadth first from the unmatched requests: each layer of requests is scored against every
    mentor; a mentor with room ends paths (the best ``keep`` (``options.k``) such pairs of
    each request of that layer join); full mentors reached for the first time lead to the
    requests they hold, the next layer. The pairs that reached each mentor are kept, and
    the paths are traced back from the mentors with room to the unmatched requests.
    """
    n, m = len(problem.requests), len(problem.capacity)
    keep = problem.options.k if keep is None else keep
    holder = np.full(n, -1, dtype=np.int64)  # each request's mentor
    holder[matched_r] = matched_c
    load = np.bincount(matched_c, minlength=m)
    room = load < problem.capacity
    held_by = np.argsort(matched_c, kind="stable")  # requests grouped by their mentor
    starts = np.searchsorted(matched_c[held_by], np.arange(m + 1))
    # the pair that first reached each mentor: (request, weight)
    via_request = np.full(m, -1, dtype=np.int64)
    via_weight = np.zeros(m, dtype=np.int64)
    seen = np.zeros(n, dtype=bool)
    frontier = np.flatnonzero(holder < 0)
    seen[frontier] = True
    while len(frontier):
        # the layer's pairs chunk by chunk (on L a layer holds hundreds of millions): the
        # pairs ending paths (each request's best ``keep``: a request's pairs are all in one
        # chunk) and, for mentors not reached yet, the first pair reaching each (chunks in
        # order: as the first of the whole layer)
        end_parts: list[tuple[Array, Array, Array]] = []
        layer_request = np.full(m, -1, dtype=np.int64)
        layer_weight = np.zeros(m, dtype=np.int64)
        for r, c, w in _eligible_pairs(problem, frontier, floor):
            ends = room[c]
            if ends.any():
                best = best_of_each(r[ends], c[ends], w[ends], keep)
                end_parts.append((r[ends][best], c[ends][best], w[ends][best]))
            if end_parts:
                continue  # the layer ends paths: nothing else of it is used
            new = via_request[c] < 0
            mentors, first = np.unique(c[new], return_index=True)
            unset = layer_request[mentors] < 0
            layer_request[mentors[unset]] = r[new][first][unset]
            layer_weight[mentors[unset]] = w[new][first][unset]
        if end_parts:
            r, c, w = (np.concatenate([p[i] for p in end_parts]) for i in range(3))
            return _traced(r, c, w, holder, via_request, via_weight)
        mentors = np.flatnonzero(layer_request >= 0)
        via_request[mentors] = layer_request[mentors]
        via_weight[mentors] = layer_weight[mentors]
        nxt = held_by[_ranges(starts[mentors], starts[mentors + 1])]
        nxt = matched_r[nxt]
        nxt = np.unique(nxt[~seen[nxt]])
        seen[nxt] = True
        frontier = nxt
    return None


def _traced(
    r: Array, c: Array, w: Array, holder: Array, via_request: Array, via_weight: Array
) -> tuple[Array, Array, Array]:
    """The end pairs (r, c, w) and the pairs that reached them back to unmatched requests."""
    out_r, out_c, out_w = [r], [c], [w]
    at = r  # requests on the paths, one layer back each step
    while len(at):
        mentor = holder[at]
        back = mentor >= 0  # an unmatched request starts its path
        mentor = np.unique(mentor[back])
        out_r.append(via_request[mentor])
        out_c.append(mentor)
        out_w.append(via_weight[mentor])
        at = np.unique(via_request[mentor])
    return tuple(np.concatenate(x).astype(np.int64) for x in (out_r, out_c, out_w))  # type: ignore[return-value]


def _eligible_pairs(
    problem: Problem, rows: Array, floor: int
) -> Iterator[tuple[Array, Array, Array]]:
    """Every eligible pair (request position, mentor row, weight) of requests ``rows``, in
    chunks of consecutive requests (in the order of ``rows``), each chunk's pairs by request."""
    index, m = problem.index, len(problem.capacity)
    size = block_rows(m)
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        sub = take(problem.block, chunk)
        cols = possible_mentors(index, sub, problem.settings)
        w = weights32(index, sub, problem.settings, floor, cols)
        hit_r, hit_c = mask_cells(w >= 0)
        mentor = hit_c if cols is None else cols[hit_c]
        yield chunk[hit_r], mentor.astype(np.int64), w[hit_r, hit_c].astype(np.int64)
