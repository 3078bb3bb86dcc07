"""The optimal cohort: min-cost flow on candidates, priced over all pairs until certified.

Rules kept here:
- the objective is lexicographic: theme-quota minimums, then the number matched (unless
  ``maximise_matched`` is off), then the total score;
- candidates are each request's ``k`` best mentors; the flow is solved on them, every left-out
  pair is priced against the potentials (see ``certificate.py``), violating pairs are added and
  the flow solved again, until the gap is zero: the result is optimal over all pairs;
- the first solves use a bonus of one best score, kept when the result matches the most
  requests any matching of all pairs can (proven before the first solve, ``cardinality.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from binome_engine.cohort import bounded
from binome_engine.cohort.candidates import Candidates, top_k
from binome_engine.cohort.cardinality import most_matched
from binome_engine.cohort.certificate import Levels, Pricing, price, price_reserve
from binome_engine.cohort.flow import FlowResult, extend, solve
from binome_engine.cohort.problem import Problem
from binome_engine.model import Certificate
from binome_engine.scoring import Array


def optimise(
    problem: Problem, floor: int = 0, cands: Candidates | None = None, target: int | None = None
) -> tuple[FlowResult, Candidates, Certificate]:
    """Solve on candidates, price all pairs, add violators, repeat until the gap is zero.

    Matching the most requests first takes a bonus per pair larger than any total of scores,
    which slows the flow solver (its work grows with the cost range). So a bonus of one
    best score is tried first: when that result matches as many requests as can ever be
    matched (``target``, else the maximum over all pairs that ``cardinality.most_matched``
    proves, at most every request with an eligible mentor within the total capacity), it is
    lexicographically optimal too (its certificate bounds every matching of that size);
    otherwise the rounds go on with the full bonus.
    """
    opts = problem.options
    big = opts.grouped_from is not None and problem.index.n >= opts.grouped_from
    # candidates given by the caller (fair mode: the optimum's graph, floored) are no fresh
    # scan: its potentials are near the final ones from the first solve
    settled = cands is not None
    if cands is None and big and opts.block_candidates:
        cands = bounded.candidates(
            problem.index,
            problem.block,
            problem.settings,
            problem.block_bounds(),
            opts.k,
            opts.reserve,
            floor,
            opts.threads,
        )
    elif cands is None:
        cands = top_k(
            problem.index,
            problem.block,
            problem.settings,
            opts.k,
            opts.threads,
            floor,
            opts.reserve,
            opts.mentor_side,
        )
    full = _bonus(problem, cands) if opts.maximise_matched else 0
    most = target if target is not None else cands.matchable
    if most is not None:
        most = min(most, int(problem.capacity.sum()))
    quick = opts.maximise_matched and problem.quotas is None and most is not None
    if quick and most is not None:
        cands, most = most_matched(problem, cands, most, floor)
    bonus = _best_score(problem, cands) + 1 if quick else full
    run = _rounds(problem, cands, cands.edges(), bonus, floor, big, settled=settled)
    if bonus != full and int(run.result.matched.sum()) < (most or 0):
        bonus = full
        run = _rounds(problem, cands, run.edges, full, floor, big, run, settled)
    matched = int(run.result.matched.sum())
    # reported with the full bonus whatever was used, so that results compare
    objective = -run.result.cost - matched * bonus + matched * full
    certificate = Certificate(
        objective=objective,
        dual_bound=objective + run.pricing.gap,
        gap=run.pricing.gap,
        rounds=run.rounds,
        candidate_pairs=len(run.edges[0]),
        requests_priced=run.requests_priced,
        pairs_priced=run.pairs_priced,
        is_optimal=run.pricing.gap == 0,
    )
    r, c, w = run.edges
    return run.result, Candidates(r, c, w, cands.bound, cands.reserve), certificate


@dataclass
class _Run:
    result: FlowResult
    edges: tuple[Array, Array, Array]
    pricing: Pricing
    rounds: int
    requests_priced: int
    pairs_priced: int
    levels: Levels | None = None  # what pricing knows, for the rounds that follow


def _rounds(
    problem: Problem,
    cands: Candidates,
    edges: tuple[Array, Array, Array],
    bonus: int,
    floor: int,
    big: bool,
    before: _Run | None = None,
    settled: bool = False,
) -> _Run:
    """Flow, pricing, new edges, until the certificate holds (or ``max_rounds``)."""
    opts = problem.options
    r, c, w = edges
    priced_requests = 0 if before is None else before.requests_priced
    priced_pairs = 0 if before is None else before.pairs_priced
    first = 1 if before is None else before.rounds + 1
    result: FlowResult | None = None
    added: tuple[Array, Array, Array] | None = None
    levels = (
        Levels.from_bound(cands.bound, len(problem.capacity), cands.reserve, floor)
        if before is None or before.levels is None
        else before.levels
    )
    round_ = first
    for round_ in range(first, first + opts.max_rounds):
        extended = None if result is None or added is None else extend(result, *added, bonus)
        if extended is None:
            near = None if result is None else result.potential
            result = None  # the old flow's arcs are freed before the new ones are built
            result = solve(
                len(problem.requests), problem.capacity, r, c, w, bonus, problem.quotas, near
            )
        else:
            result = extended
        last = round_ == first + opts.max_rounds - 1
        if big:
            pricing = bounded.price(
                problem.index,
                problem.block,
                problem.settings,
                problem.block_bounds(),
                (r, c),
                result,
                bonus,
                floor,
                threads=opts.threads,
                reserve=cands.reserve,
                partial=not last,
            )
        else:
            # violators among the known pairs join first (nothing scored): scoring then meets
            # potentials they no longer distort; a few (under 1 % of the graph) are not worth
            # a solve of their own
            cheap = None if last else price_reserve(levels, result, bonus, least=len(r) // 100)
            pricing = cheap or price(
                problem.index,
                problem.block,
                problem.settings,
                (r, c),
                levels,
                result,
                bonus,
                floor,
                threads=opts.threads,
                settled=settled or round_ > 1,
            )
            assert pricing.levels is not None
            levels = pricing.levels
        priced_requests += pricing.requests_priced
        priced_pairs += pricing.pairs_priced
        if pricing.complete and (pricing.gap == 0 or len(pricing.new_request) == 0):
            break
        if last:
            break
        added = (pricing.new_request, pricing.new_mentor, pricing.new_weight)
        r = np.concatenate([r, pricing.new_request])
        c = np.concatenate([c, pricing.new_mentor])
        w = np.concatenate([w, pricing.new_weight])
    assert result is not None  # max_rounds >= 1
    return _Run(result, (r, c, w), pricing, round_, priced_requests, priced_pairs, levels)


def _best_score(problem: Problem, cands: Candidates) -> int:
    """No pair scores more (milli-points): every criterion at its maximum."""
    top = int(sum(problem.settings.weights.as_dict().values()) * 1000)
    if len(cands.weight):
        top = max(top, int(cands.weight.max()))
    return top


def _bonus(problem: Problem, cands: Candidates) -> int:
    """A per-pair bonus larger than any total of scores: one more pair always wins."""
    top = int(
        max(problem.settings.weights.as_dict().values())
        * 1000
        * len(problem.settings.weights.as_dict())
    )
    if len(cands.weight):
        top = max(top, int(cands.weight.max()))
    return (top + 1) * (min(len(problem.requests), int(problem.capacity.sum())) + 1)
