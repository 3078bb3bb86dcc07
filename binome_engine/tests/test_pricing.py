"""Pricing's levels: every pair outside the graph and the known ones stays under its level."""

from __future__ import annotations

from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from binome_engine.cohort import CohortOptions, assign_fair, certificate
from binome_engine.cohort.candidates import top_k, weights
from binome_engine.cohort.certificate import NONE, Levels, price, price_reserve
from binome_engine.cohort.flow import FlowResult, solve
from binome_engine.cohort.problem import prepare
from binome_engine.cohort.solver import _best_score
from binome_engine.synthetic import market


def _check(levels: Levels, edges: tuple[np.ndarray, np.ndarray], w: np.ndarray) -> None:
    outside = w >= 0
    outside[edges[0], edges[1]] = False
    outside[levels.known[0], levels.known[1]] = False
    r, c = np.nonzero(outside)
    shift = np.stack(levels.shifts)[levels.ref[r], c]
    assert (levels.level[r] > NONE).all()
    assert (w[r, c] + shift <= levels.level[r]).all()
    assert (w[r, c] <= levels.scan[r]).all()  # the scan's bound holds for ever
    # known pairs carry their true weights
    kr, kc, kw = levels.known
    np.testing.assert_array_equal(w[kr, kc], kw)
    in_graph = np.zeros(w.shape, dtype=bool)
    in_graph[edges[0], edges[1]] = True
    assert not in_graph[kr, kc].any()  # a pair that joins the graph is no longer known


def _violations(
    result: FlowResult, edges: tuple[np.ndarray, np.ndarray], w: np.ndarray, bonus: int
) -> int:
    """The sum of every left-out eligible pair's excess over the potentials, by brute force."""
    net = result.network
    d_req = result.potential[net.request_node(np.arange(net.n_requests))]
    d_men = result.potential[net.mentor_node(np.arange(net.n_mentors))]
    excess = w + bonus + d_men[None, :] - d_req[:, None]
    excess[w < 0] = 0
    excess[edges[0], edges[1]] = 0
    return int(excess[excess > 0].sum())


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 1000),
    st.integers(1, 3),
    st.integers(0, 3),
    st.integers(0, 2),
    st.sampled_from((0, 1, 3_000)),
    st.booleans(),
    st.booleans(),
)
def test_every_round_keeps_the_levels_invariant(
    seed: int, k: int, reserve: int, keep: int, slack: int, known_first: bool, settled: bool
) -> None:
    """As the rounds run: optionally the known pairs' violators first (nothing scored, the
    gap a lower bound), else a full pricing whose gap is exactly every violation."""
    mentors, requests = market(40, 25, seed=seed)
    problem = prepare(mentors, requests, None, CohortOptions(k=k, reserve=reserve, threads=1))
    w = weights(problem.index, problem.block, problem.settings)
    cands = top_k(problem.index, problem.block, problem.settings, k, 1, 0, reserve)
    levels = Levels.from_bound(cands.bound, len(problem.capacity), cands.reserve)
    r, c, wt = cands.edges()
    _check(levels, (r, c), w)
    bonus = _best_score(problem, cands) + 1
    result = None
    with mock.patch.object(certificate, "KEEP", keep):
        for _round in range(6):
            near = None if result is None else result.potential  # as the rounds do
            result = solve(len(requests), problem.capacity, r, c, wt, bonus, None, near)
            cheap = price_reserve(levels, result, bonus, add=1) if known_first else None
            pricing = cheap or price(
                problem.index,
                problem.block,
                problem.settings,
                (r, c),
                levels,
                result,
                bonus,
                add=1,
                threads=1,
                slack=slack,
                settled=settled and _round > 0,
            )
            assert pricing.levels is not None
            levels = pricing.levels
            if cheap is None:
                assert pricing.gap == _violations(result, (r, c), w, bonus)
            else:  # the known pairs' violations only: a lower bound, never a certificate
                assert 0 < pricing.gap <= _violations(result, (r, c), w, bonus)
                assert not pricing.complete and len(pricing.new_request) > 0
            np.testing.assert_array_equal(
                w[pricing.new_request, pricing.new_mentor], pricing.new_weight
            )
            r, c, wt = (
                np.concatenate([a, b])
                for a, b in zip(
                    (r, c, wt), (pricing.new_request, pricing.new_mentor, pricing.new_weight)
                )
            )
            _check(levels, (r, c), w)
            if pricing.complete and pricing.gap == 0:
                break


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from((100, 1 << 29, 1 << 31, 1 << 50)))
def test_near_cells_match_the_int64_sum(seed: int, spread: int) -> None:
    from binome_engine.cohort.certificate import _near

    rng = np.random.default_rng(seed)
    w = rng.integers(-1, 120_000, size=(7, 30)).astype(np.int32)
    lift = rng.integers(-spread, spread, 30) + (1 << 40)
    limit = rng.integers(-2 * spread, 2 * spread, 7) + (1 << 40)
    expected = np.nonzero(w.astype(np.int64) + lift[None, :] > limit[:, None])
    for got, want in zip(_near(w, limit, lift), expected, strict=True):
        np.testing.assert_array_equal(got, want)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 3),
    st.integers(0, 4),
    st.integers(1, 3),
    st.sampled_from((0, 40_000)),
    st.integers(1, 2),
)
def test_mentor_side_edges_keep_the_scan_bounds(
    seed: int, k: int, reserve: int, side: int, floor: int, threads: int
) -> None:
    """Brute force: with each mentor's best requests in the graph, the graph and the reserve
    do not overlap, every eligible pair outside both stays under its request's bound, and
    every mentor with an eligible request has one of its heaviest pairs in the graph."""
    from binome_engine.cohort import candidates

    mentors, requests = market(40, 25, seed=seed)
    problem = prepare(mentors, requests, None, CohortOptions(threads=threads))
    w = weights(problem.index, problem.block, problem.settings, floor)
    # many blocks, both threads
    with (
        mock.patch.object(candidates, "PAIRS_PER_BLOCK", 100),
        mock.patch.object(candidates, "MIN_ROWS", 1),
    ):
        cands = top_k(
            problem.index, problem.block, problem.settings, k, threads, floor, reserve, side
        )
        again = top_k(
            problem.index, problem.block, problem.settings, k, threads, floor, reserve, side
        )
    for a, b in zip(cands.edges(), again.edges(), strict=True):
        np.testing.assert_array_equal(a, b)  # deterministic whatever the threads' order
    in_graph = np.zeros(w.shape, dtype=bool)
    in_graph[cands.request, cands.mentor] = True
    assert int(in_graph.sum()) == len(cands.request)  # no pair twice
    np.testing.assert_array_equal(w[cands.request, cands.mentor], cands.weight)
    known = np.zeros(w.shape, dtype=bool)
    if cands.reserve is not None:
        kr, kc, kw = cands.reserve
        known[kr, kc] = True
        np.testing.assert_array_equal(w[kr, kc], kw)
        assert not (known & in_graph).any()
    outside = (w >= 0) & ~in_graph & ~known
    r, c = np.nonzero(outside)
    assert (w[r, c] <= cands.bound[r]).all()
    best = w.max(axis=0)
    for j in np.flatnonzero(best >= 0):
        assert (in_graph[:, j] & (w[:, j] == best[j])).any()


def test_a_request_bounded_under_the_floor_has_nothing_left_to_price() -> None:
    # fair mode's floored optimisation: every left-out pair weighs at most the bound, so under
    # the floor it is ineligible and the request is never scored
    levels = Levels.from_bound(np.array([70_000, 64_000, -1]), 3, None, floor=65_000)
    assert levels.level.tolist() == [70_000, NONE, NONE]
    assert levels.scan.tolist() == levels.level.tolist()


def test_fair_mode_prices_its_floored_rounds_with_slack_from_the_start() -> None:
    mentors, requests = market(1_500, 600, seed=5)
    seen: list[tuple[int, bool]] = []  # (floor, settled) of each pricing
    real = certificate.price

    def spy(*args: object, **kwargs: object) -> certificate.Pricing:
        seen.append((int(args[7]), bool(kwargs.get("settled"))))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with mock.patch("binome_engine.cohort.solver.price", spy):
        result = assign_fair(mentors, requests, None, CohortOptions(explain=False))
    assert result.certificate is not None and result.certificate.gap == 0
    floored = [settled for floor, settled in seen if floor > 0]
    assert floored and all(floored)  # the floored rounds never price without slack
