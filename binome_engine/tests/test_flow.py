"""Adding a few edges to a solved flow gives the optimum a fresh solve finds."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from binome_engine.cohort.flow import extend, solve


@st.composite
def graphs(draw: st.DrawFn) -> tuple[int, np.ndarray, list[tuple[int, int, int]], int]:
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 5))
    capacity = np.array([draw(st.integers(0, 2)) for _ in range(m)], dtype=np.int64)
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)),
            min_size=1,
            max_size=n * m,
            unique=True,
        )
    )
    edges = [(r, c, draw(st.integers(0, 100_000))) for r, c in pairs]
    split = draw(st.integers(max(0, len(edges) - 3), len(edges)))
    return n, capacity, edges, split


@settings(max_examples=200, deadline=None)
@given(graphs(), st.sampled_from((0, 10**7)))
def test_extend_equals_a_fresh_solve(
    graph: tuple[int, np.ndarray, list[tuple[int, int, int]], int], bonus: int
) -> None:
    n, capacity, edges, split = graph
    r, c, w = (np.array([e[i] for e in edges], dtype=np.int64) for i in range(3))
    first = solve(n, capacity, r[:split], c[:split], w[:split], bonus)
    grown = extend(first, r[split:], c[split:], w[split:], bonus)
    fresh = solve(n, capacity, r, c, w, bonus)
    assert grown is not None
    assert grown.cost == fresh.cost
    # the potentials prove it: no residual arc has a negative reduced cost
    tails, heads, caps, costs, flow = grown.arcs  # type: ignore[misc]
    d = grown.potential
    assert (costs[flow < caps] + d[tails[flow < caps]] - d[heads[flow < caps]] >= 0).all()
    assert (-costs[flow > 0] + d[heads[flow > 0]] - d[tails[flow > 0]] >= 0).all()
    load = np.bincount(c[: len(grown.matched)][grown.matched], minlength=len(capacity))
    assert (load <= capacity).all()
