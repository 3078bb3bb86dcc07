"""Mentor groups and score upper bounds: most pairs of a cohort are never scored one by one.

Rules kept here:
- mentors that can take a mentee (active, free capacity) are grouped by (sector, function);
- for every request and group, ``upper_bounds`` gives a number of milli-points that no pair of
  that request with a mentor of that group can exceed: categorical criteria from the group's
  values (sector, function exact; themes, languages, formats from the union of the group's
  values), text and skills from the best weight of each word in the group, and the maximum
  points of the other criteria (each bound is rounded up, with a margin);
- a (request, group) pair is scored exactly only when its bound could matter: for the ``k`` best
  (candidates) or for a possibly violating pair (the certificate); the rest are bounded, and the
  bound is what the certificate uses, so results stay exact;
- groups and requests are visited in a fixed order, so the outcome does not depend on timing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from binome_engine.cohort.candidates import PAIRS_PER_BLOCK, take, weights
from binome_engine.index import MentorIndex
from binome_engine.model import ProgrammeSettings
from binome_engine.scoring import Array, RequestBlock, popcount

MARGIN = 2  # milli-points added to every rounded-up float bound


@dataclass(frozen=True)
class MentorGroups:
    group: Array  # per mentor row: its group, or -1 (cannot take anyone)
    members: list[Array]  # per group: mentor rows, ascending
    sector: Array
    function: Array
    themes: Array  # union of the members' theme bits
    languages: Array
    formats: Array
    text: Array  # (groups x vocabulary): best saturation of each word among the members
    skills: Array  # (groups x skill vocabulary): 1 where a member has the skill token
    own_points: Array  # best capacity + responsiveness points of a member

    def __len__(self) -> int:
        return len(self.members)


def _matrix_rows(base: sp.csr_matrix, pending: sp.csr_matrix, n: int) -> sp.csr_matrix:
    """Mentor-major (n x vocabulary) copy of a (vocabulary x mentors) matrix and pending rows."""
    width = max(base.shape[0], pending.shape[0])
    parts = [sp.csr_matrix((base.data, base.indices, base.indptr), shape=(width, base.shape[1]))]
    if pending.shape[1]:
        parts.append(
            sp.csr_matrix(
                (pending.data, pending.indices, pending.indptr), shape=(width, pending.shape[1])
            )
        )
    full = sp.hstack(parts, format="csc") if len(parts) > 1 else parts[0].tocsc()
    return full.T.tocsr()[:n]


def _group_max(rows: sp.csr_matrix, group: Array, n_groups: int) -> Array:
    coo = rows.tocoo()
    g = group[coo.row]
    ok = g >= 0
    out = np.zeros((n_groups, rows.shape[1]), dtype=np.float32)
    np.maximum.at(out, (g[ok], coo.col[ok]), coo.data[ok].astype(np.float32))
    return out


def build_groups(index: MentorIndex, capacity: Array, settings: ProgrammeSettings) -> MentorGroups:
    n = index.n
    usable = index.active[:n] & (capacity[:n] > 0)
    sector = index.sector[:n].astype(np.int64)
    function = index.function[:n].astype(np.int64)
    key = (sector + 2) * (int(function.max(initial=0)) + 3) + (function + 2)
    keys, inverse = np.unique(key[usable], return_inverse=True)
    group = np.full(n, -1, dtype=np.int64)
    group[usable] = inverse
    n_groups = len(keys)
    rows = np.flatnonzero(usable)
    order = np.argsort(group[rows], kind="stable")
    sorted_rows = rows[order]
    cuts = np.searchsorted(group[sorted_rows], np.arange(n_groups + 1))
    members = [sorted_rows[cuts[g] : cuts[g + 1]] for g in range(n_groups)]
    first = np.array([m[0] for m in members], dtype=np.int64) if n_groups else np.zeros(0, int)

    def union(mask: Array) -> Array:
        out = np.zeros(n_groups, dtype=np.uint64)
        np.bitwise_or.at(out, group[usable], mask[:n][usable].astype(np.uint64))
        return out

    weights_ = settings.weights.as_dict()
    cap = np.rint(
        np.clip(index.capacity[:n].astype(np.float32), 0, 3)
        / np.float32(3)
        * np.float32(round(weights_["capacity"] * 1000))
    )
    resp = np.rint(index.responsiveness[:n] * np.float32(round(weights_["responsiveness"] * 1000)))
    own = np.zeros(n_groups, dtype=np.int64)
    np.maximum.at(own, group[usable], (cap + resp)[usable].astype(np.int64))
    text_p, skills_p = index.pending()
    text = _group_max(_matrix_rows(index.text_t, text_p, n), group, n_groups)
    skills = _group_max(_matrix_rows(index.skills_t, skills_p, n), group, n_groups)
    return MentorGroups(
        group=group,
        members=members,
        sector=sector[first],
        function=function[first],
        themes=union(index.themes_mask),
        languages=union(index.languages_mask),
        formats=union(index.format.astype(np.uint64)),
        text=text,
        skills=skills,
        own_points=own + 2 * MARGIN,
    )


def _dense_product(left: sp.csr_matrix, right: Array) -> Array:
    """left (B x V, sparse) times right.T (V x G) as a dense float64 (B x G) array."""
    width = min(left.shape[1], right.shape[1])
    product: Array = np.asarray(
        left[:, :width] @ right[:, :width].T.astype(np.float64), dtype=np.float64
    )
    return product


def upper_bounds(groups: MentorGroups, block: RequestBlock, settings: ProgrammeSettings) -> Array:
    """(requests x groups) milli-points no pair of the request with a member can exceed."""
    w = {name: round(value * 1000) for name, value in settings.weights.as_dict().items()}

    def up(fit: Array, milli: int) -> Array:
        points: Array = np.ceil(np.minimum(fit, 1.0) * milli).astype(np.int64) + MARGIN
        return points

    sat = max(settings.text_saturation, 1e-6)
    raw = _dense_product(block.query, groups.text)
    norm = np.maximum(block.query_norm.astype(np.float64), 1e-9)
    total = up(raw / norm / sat * (1 + 1e-5) + 1e-6, w["text"])
    total += w["sector"] * ((groups.sector[None, :] == block.sector) & (block.sector >= 0))
    same_function = (groups.function[None, :] == block.function) & (block.function >= 0)
    total += w["function"] * same_function
    shared = popcount(groups.themes[None, :] & block.themes_mask).astype(np.float64)
    total += up(shared / np.maximum(block.theme_count, 1), w["themes"])
    total += w["experience"] + MARGIN
    first = (groups.languages[None, :] & block.first_language_mask) != 0
    anyl = (groups.languages[None, :] & block.languages_mask) != 0
    total += up((first.astype(np.float64) + anyl) / 2, w["language"])
    if block.skills.nnz:
        shared_skills = _dense_product(block.skills, groups.skills)
        total += up(shared_skills / np.maximum(block.skill_count, 1) + 1e-6, w["skills"])
    total += w["format"] * ((groups.formats[None, :] & block.format.astype(np.uint64)) != 0)
    total += w["proximity"] + MARGIN
    total += groups.own_points[None, :]
    return total


def score_groups(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    groups: MentorGroups,
    pair_request: Array,
    pair_group: Array,
    visit: Callable[[Array, Array, Array], None],
    floor: int = 0,
) -> int:
    """Score exactly every (request, group) pair listed; ``visit(requests, mentors, weights)``.

    Pairs are visited group by group (ascending), requests ascending; returns the pairs scored.
    """
    order = np.lexsort((pair_request, pair_group))
    req, grp = pair_request[order], pair_group[order]
    if len(grp) == 0:
        return 0
    cuts: Array = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1], True])
    tasks: list[tuple[Array, Array]] = []
    for a, b in itertools.pairwise(cuts):
        cols = groups.members[int(grp[a])].astype(np.int32)
        for start, stop in _chunks(b - a, len(cols)):
            tasks.append((req[a + start : a + stop], cols))

    def one(task: tuple[Array, Array]) -> Array:
        return weights(index, take(block, task[0]), settings, floor, task[1])

    # chunks are scored on both cores (numpy releases the GIL) and visited in order
    scored = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for (rows, cols), w in zip(tasks, pool.map(one, tasks), strict=True):
            scored += w.size
            visit(rows, cols, w)
    return scored


def _chunks(n: int, width: int) -> Iterator[tuple[int, int]]:
    size = max(1, PAIRS_PER_BLOCK // max(width, 1))
    for start in range(0, n, size):
        yield start, min(n, start + size)


REQUESTS_PER_PASS = 8_192  # requests whose bounds are held at once (requests x groups)


def _spans(n: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n, REQUESTS_PER_PASS):
        yield start, min(n, start + REQUESTS_PER_PASS)


class _Edges:
    """Collected (request, mentor, weight) edges, with each request's best ``keep`` per visit."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.parts: list[tuple[Array, Array, Array]] = []

    def add(self, rows: Array, cols: Array, score: Array, rank: Array) -> None:
        """Keep, per row of ``score``, the ``keep`` highest ``rank`` cells where rank > -1."""
        keep = min(self.keep, score.shape[1])
        if keep == 0:
            return
        if keep < score.shape[1]:
            pick = np.argpartition(-rank, keep - 1, axis=1)[:, :keep]
        else:
            pick = np.broadcast_to(np.arange(score.shape[1]), score.shape)
        kept = np.take_along_axis(rank, pick, axis=1)
        ok = kept > -1
        r = np.broadcast_to(rows[:, None], pick.shape)[ok]
        self.parts.append(
            (
                r.astype(np.int64),
                cols[pick[ok]].astype(np.int64),
                np.take_along_axis(score, pick, axis=1)[ok],
            )
        )

    def arrays(self) -> tuple[Array, Array, Array]:
        if not self.parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        return tuple(np.concatenate([p[i] for p in self.parts]) for i in range(3))  # type: ignore[return-value]


def best_per_request(
    r: Array, c: Array, w: Array, rank: Array, keep: int
) -> tuple[Array, Array, Array, Array]:
    """The ``keep`` highest-ranked edges of each request (ties: lower mentor row first)."""
    order = np.lexsort((c, -rank, r))
    r, c, w = r[order], c[order], w[order]
    starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]]) if len(r) else np.zeros(0, np.int64)
    position = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
    mask = position < keep
    return r[mask], c[mask], w[mask], position


def top_k_grouped(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    groups: MentorGroups,
    k: int,
    floor: int = 0,
    first_members: int = 0,
) -> tuple[Array, Array, Array, Array, int]:
    """Each request's ``k`` best eligible mentors, scoring only groups whose bound could matter.

    First the groups of highest bound up to ``first_members`` mentors (default ``8 k``), then
    every group whose bound exceeds the k-th weight found. Returns (request, mentor, weight,
    bound per request, pairs scored); the bound holds for every eligible pair left out.
    """
    n = len(block)
    sizes = np.array([len(m) for m in groups.members], dtype=np.int64)
    target = first_members or 8 * k
    bound = np.full(n, -1, dtype=np.int64)
    found: list[tuple[Array, Array, Array]] = []
    scored = 0
    eligible_count = np.zeros(n, dtype=np.int64)
    for start, stop in _spans(n):
        sub = np.arange(start, stop)
        ub = upper_bounds(groups, take(block, sub), settings)
        order = np.argsort(-ub, axis=1, kind="stable")
        before = np.cumsum(sizes[order], axis=1) - sizes[order]
        first = np.zeros(ub.shape, dtype=bool)
        np.put_along_axis(first, order, before < target, axis=1)
        edges = _Edges(k)

        def visit(rows: Array, cols: Array, w: Array, edges: _Edges = edges) -> None:
            np.add.at(eligible_count, rows, (w >= 0).sum(axis=1))
            edges.add(rows, cols, w, w)

        local_r, local_g = np.nonzero(first)
        scored += score_groups(index, block, settings, groups, sub[local_r], local_g, visit, floor)
        r, c, w = edges.arrays()
        kth = _kth(r, w, start, stop, k)
        second = ~first & (ub > kth[:, None])
        local_r, local_g = np.nonzero(second)
        scored += score_groups(index, block, settings, groups, sub[local_r], local_g, visit, floor)
        r, c, w = edges.arrays()
        r, c, w, _pos = best_per_request(r, c, w, w, k)
        # unscored groups weigh at most their bound; scored eligible pairs left out at most
        # the k-th kept weight
        hidden = np.where(first | second, -1, ub).max(axis=1, initial=-1)
        truncated = eligible_count[start:stop] > k
        kth_final = _kth(r, w, start, stop, k)
        bound[start:stop] = np.maximum(np.where(truncated, kth_final, -1), hidden)
        found.append((r, c, w))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, bound, scored
    r, c, w = (np.concatenate([f[i] for f in found]) for i in range(3))
    return r, c, w, bound, scored


def _kth(r: Array, w: Array, start: int, stop: int, k: int) -> Array:
    """Per request of ``start:stop``: the k-th highest eligible weight among edges, else -1."""
    out = np.full(stop - start, -1, dtype=np.int64)
    if len(r) == 0:
        return out
    order = np.lexsort((-w, r))
    rs, ws = r[order], w[order]
    starts = np.searchsorted(rs, np.arange(start, stop))
    ends = np.searchsorted(rs, np.arange(start, stop), side="right")
    has = ends - starts >= k
    out[has] = ws[starts[has] + k - 1]
    return out
