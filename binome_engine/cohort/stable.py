"""Stable assignment: mentee-proposing deferred acceptance with capacities.

Rules kept here:
- both sides rank by the pair's score (the mentee its eligible mentors, the mentor the requests
  proposing to it); ties go to the lower index row, then the earlier request, so every
  preference is strict and the result is the mentee-optimal stable matching;
- a mentee proposes down its list, best first; a mentor holds its best offers up to its free
  capacity and rejects the rest; lists are fetched ``k`` at a time, and a mentee who runs out
  gets the rest of its list (all eligible mentors), so truncation never changes the result;
- pinned pairs are kept and use capacity; the report lists blocking pairs found by scanning all
  pairs (an eligible pair whose mentee and mentor both prefer each other to what they got):
  there are none when the result is stable.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence

import numpy as np

from binome_engine.cohort.candidates import Candidates, blocks, take, top_k, weights
from binome_engine.cohort.problem import CohortOptions, Problem, finish, gc_paused, prepare
from binome_engine.index import MentorIndex
from binome_engine.model import (
    Assignment,
    MemberId,
    MenteeRequest,
    MentorProfile,
    ProgrammeSettings,
)
from binome_engine.scoring import Array


@gc_paused
def assign_stable(
    mentors: Sequence[MentorProfile] | MentorIndex,
    requests: Sequence[MenteeRequest],
    settings: ProgrammeSettings | None = None,
    options: CohortOptions | None = None,
) -> Assignment:
    problem = prepare(mentors, requests, settings, options)
    cands = top_k(
        problem.index, problem.block, problem.settings, problem.options.k, problem.options.threads
    )
    lists = _lists(cands, len(problem.requests))
    match = _defer(problem, lists, cands.bound)
    req = np.array(sorted(match), dtype=np.int64)
    men = np.array([match[i][0] for i in req.tolist()], dtype=np.int64)
    wts = np.array([match[i][1] for i in req.tolist()], dtype=np.int64)
    blocking = blocking_pairs(problem, req, men, wts)
    return finish(problem, (req, men, wts), None, "stable", blocking)


def _lists(cands: Candidates, n: int) -> list[list[tuple[int, int]]]:
    """Each request's (weight, mentor row) list, best first (ties: lower row first)."""
    order = np.lexsort((cands.mentor, -cands.weight, cands.request))
    lists: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, w, j in zip(
        cands.request[order].tolist(),
        cands.weight[order].tolist(),
        cands.mentor[order].tolist(),
        strict=True,
    ):
        lists[i].append((w, j))
    return lists


def _full_list(problem: Problem, i: int) -> list[tuple[int, int]]:
    w = weights(problem.index, take(problem.block, np.array([i])), problem.settings)[0]
    rows = np.flatnonzero(w >= 0)
    order = np.lexsort((rows, -w[rows]))
    return [(int(w[r]), int(r)) for r in rows[order]]


def _defer(
    problem: Problem, lists: list[list[tuple[int, int]]], bound: Array
) -> dict[int, tuple[int, int]]:
    """Deferred acceptance; returns request position -> (mentor row, weight)."""
    capacity = problem.capacity
    held: dict[int, list[tuple[int, int]]] = {}  # mentor -> heap of (weight, -request)
    nxt = [0] * len(lists)
    complete = [bool(b < 0) for b in bound.tolist()]
    free = deque(range(len(lists)))
    while free:
        i = free.popleft()
        if nxt[i] >= len(lists[i]):
            if complete[i]:
                continue
            lists[i] = _full_list(problem, i)  # the rest of the list, exactly
            complete[i] = True
            if nxt[i] >= len(lists[i]):
                continue
        w, j = lists[i][nxt[i]]
        nxt[i] += 1
        if capacity[j] <= 0:
            free.append(i)
            continue
        heap = held.setdefault(j, [])
        heapq.heappush(heap, (w, -i))
        if len(heap) > capacity[j]:
            _w, loser = heapq.heappop(heap)
            free.append(-loser)
    return {-neg: (j, w) for j, heap in held.items() for w, neg in heap}


def blocking_pairs(
    problem: Problem, req: Array, men: Array, wts: Array
) -> tuple[tuple[MemberId, MemberId], ...]:
    """Every eligible pair that both sides would rather have, scanning all pairs."""
    n, m = len(problem.requests), len(problem.capacity)
    mine = np.full(n, -1, dtype=np.int64)  # the mentee's key for its match (-1: none)
    mine[req] = wts * m + (m - 1 - men)
    worst = np.full(m, -1, dtype=np.int64)  # the mentor's key for its worst held (-1: a place free)
    used = np.bincount(men, minlength=m)
    keys = wts * n + (n - 1 - req)
    full = used >= problem.capacity
    for j in np.flatnonzero(full & (used > 0)).tolist():
        worst[j] = keys[men == j].min()
    worst[full & (used == 0)] = np.iinfo(np.int64).max  # no place at all
    found: list[tuple[MemberId, MemberId]] = []
    rows = np.arange(m)
    for start, stop in blocks(n, m):
        pos = np.arange(start, stop)
        w = weights(problem.index, take(problem.block, pos), problem.settings)
        mentee_wants = w * m + (m - 1 - rows)[None, :] > mine[pos][:, None]
        mentor_wants = w * n + (n - 1 - pos)[:, None] > worst[None, :]
        a, b = np.nonzero((w >= 0) & mentee_wants & mentor_wants)
        found.extend(
            (problem.requests[int(pos[x])].id, problem.index.ids[int(y)])
            for x, y in zip(a, b, strict=True)
        )
    return tuple(found)
