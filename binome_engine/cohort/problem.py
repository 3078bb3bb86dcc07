"""A cohort problem, before and after solving: options, validated and encoded inputs, pins
placed (``prepare``); the result's pairs, reasons, unmatched report and final check
(``finish``). Shared by the optimal, fair and stable modes.

Rules kept here:
- inputs are validated first (``validation.py``): a bad value raises ``InvalidInput``;
- pinned pairs are kept whatever the rules say (the manager decided; broken rules are reported)
  and use up their mentor's capacity; pins that cannot be honoured are refused (``pins.py``);
- the result is checked against the plain rules before it is returned (``check.py``);
- every unmatched request gets the reasons it could not be matched.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import ParamSpec, TypeVar

import numpy as np

from binome_engine.cohort import bounded
from binome_engine.cohort.blocks import BoundTable, build_blocks
from binome_engine.cohort.candidates import Candidates
from binome_engine.cohort.check import check_pairs
from binome_engine.cohort.explain import explain, unmatched_report
from binome_engine.cohort.flow import FlowResult, Quotas
from binome_engine.cohort.pins import place_pins, quotas
from binome_engine.index import MentorIndex
from binome_engine.model import (
    Assignment,
    Certificate,
    MemberId,
    MenteeRequest,
    MentorProfile,
    Pair,
    ProgrammeSettings,
)
from binome_engine.scoring import Array, RequestBlock, encode
from binome_engine.validation import validate_options, validate_requests, validate_settings

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class CohortOptions:
    maximise_matched: bool = True
    k: int = 10  # candidates per request before pricing (measured best on M and L, issue 11 scores)
    threads: int = 2
    explain: bool = True  # compute each pair's reasons
    max_rounds: int = 100
    # from this many mentors, the certificate uses mentor blocks and score bounds (see
    # ``blocks.py``, ``bounded.py``) instead of rescoring requests; off by default: measured
    # slower than the scan up to 12,000 mentors (per-block scoring calls cost more than they
    # save), and not yet faster on 40,000
    grouped_from: int | None = None
    block_size: int = 32
    # with blocks, candidates from each request's best blocks instead of a scan of all pairs
    block_candidates: bool = False
    # next-best pairs per request kept aside: priced from their weights, joined when violating
    reserve: int = 100
    # about this many best requests of each mentor join the graph too (``candidates.top_k``)
    mentor_side: int = 4


@dataclass
class Problem:
    index: MentorIndex
    settings: ProgrammeSettings
    options: CohortOptions
    requests: list[MenteeRequest]  # the ones left to match (pins removed)
    block: RequestBlock
    capacity: Array
    pinned: list[Pair]
    quotas: Quotas | None
    bounds: bounded.Bounded | None = None

    def block_bounds(self) -> bounded.Bounded:
        """Mentor blocks and every (request, block) bound, built once."""
        if self.bounds is None:
            blocks = build_blocks(self.index, self.capacity, self.settings, self.options.block_size)
            table = BoundTable(blocks, self.block, self.settings, self.options.threads)
            self.bounds = bounded.Bounded(
                blocks, table, self.capacity, np.zeros(len(self.requests), dtype=bool)
            )
        return self.bounds


def prepare(
    mentors: Sequence[MentorProfile] | MentorIndex,
    requests: Sequence[MenteeRequest],
    settings: ProgrammeSettings | None,
    options: CohortOptions | None,
) -> Problem:
    settings = settings or ProgrammeSettings()
    options = options or CohortOptions()
    validate_requests(requests)
    validate_settings(settings)
    validate_options(options)
    index = mentors if isinstance(mentors, MentorIndex) else MentorIndex(mentors)
    capacity = index.capacity[: index.n].astype(np.int64)  # validated: never negative
    capacity[~index.active[: index.n]] = 0
    pins = place_pins(index, requests, settings, capacity)
    pinned_ids = {p.request_id for p in pins}
    left = [r for r in requests if r.id not in pinned_ids]
    block = encode(index, left)
    return Problem(
        index,
        settings,
        options,
        left,
        block,
        capacity,
        pins,
        quotas(left, settings, pins, requests),
    )


def matched_edges(result: FlowResult, cands: Candidates) -> tuple[Array, Array, Array]:
    chosen = np.flatnonzero(result.matched)
    return cands.request[chosen], cands.mentor[chosen], cands.weight[chosen]


def finish(
    problem: Problem,
    edges: tuple[Array, Array, Array],
    certificate: Certificate | None,
    mode: str,
    blocking: tuple[tuple[MemberId, MemberId], ...] = (),
) -> Assignment:
    """The result: pairs (pins first) with reasons, the unmatched report, the certificate."""
    order = np.argsort(edges[0], kind="stable")
    req_pos, mentor_rows, scores = (e[order] for e in edges)
    reasons = (
        explain(problem.index, problem.block, problem.settings, req_pos, mentor_rows)
        if problem.options.explain
        else None
    )
    check_pairs(problem, req_pos, mentor_rows, scores, reasons)
    reasons = reasons if reasons is not None else [()] * len(req_pos)
    pairs = [
        Pair(problem.requests[int(i)].id, problem.index.ids[int(j)], int(s) / 1000, rs)
        for i, j, s, rs in zip(req_pos, mentor_rows, scores, reasons, strict=True)
    ]
    used = np.bincount(mentor_rows, minlength=len(problem.capacity))
    matched = np.zeros(len(problem.requests), dtype=bool)
    matched[req_pos] = True
    unmatched = unmatched_report(problem, np.flatnonzero(~matched), problem.capacity - used, mode)
    all_pairs = tuple(problem.pinned) + tuple(pairs)
    scores_all = [p.score for p in all_pairs]
    return Assignment(
        mode=mode,
        pairs=all_pairs,
        unmatched=unmatched,
        certificate=certificate,
        total_score=round(sum(scores_all), 3),
        min_score=min(scores_all) if scores_all else None,
        blocking_pairs=blocking,
    )


def gc_paused(run: Callable[P, R]) -> Callable[P, R]:
    """``run`` with Python's cycle collector paused (its previous state restored after).

    Preparing a cohort makes hundreds of thousands of small objects (each text's tokens);
    the collector would scan them, and the caller's profiles, over and over (measured: 1.2 s
    of 5.6 s on 100,000 requests). Nothing here makes reference cycles to collect.
    """

    @wraps(run)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was = gc.isenabled()
        gc.disable()
        try:
            return run(*args, **kwargs)
        finally:
            if was:
                gc.enable()

    return paused
