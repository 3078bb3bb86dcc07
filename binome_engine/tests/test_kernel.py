"""The compiled loops give numpy's numbers, to the point, on every path."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from binome_engine import kernel
from binome_engine.cohort.flow import _potentials


def _case(
    seed: int, rows: int, width: int, gathered: bool, abroad: bool, floor: int | None
) -> kernel.Parts:
    rng = np.random.default_rng(seed)
    # wanted columns dense (multiplied in one run, then picked) or scattered (read one by one)
    full = width * (2 if seed % 3 else 20) if gathered else width
    # products on the rounding edges too: exact halves of a milli-point after scaling
    product = rng.random((rows, full), dtype=np.float32) * np.float32(3)
    product[:, ::7] = np.float32(0.5) / np.float32(30_000)
    cols = np.sort(rng.choice(full, width, replace=False)) if gathered else None
    if cols is not None and seed % 5 == 0:  # wanted columns in any order, repeated too
        cols = rng.permutation(cols)
        cols[: width // 3] = cols[-(width // 3) :] if width >= 3 else cols[: width // 3]
    widths = rng.integers(1, 40, rng.integers(0, 5))
    given = kernel.Parts(  # the product given, not multiplied here
        query=None,
        text=product,
        cols=None,
        norm=(rng.random(rows, dtype=np.float32) + np.float32(0.2)).astype(np.float32),
        sat=1.7,
        milli_text=30_000.0,
        share=0.5,
        named=rng.integers(-1, 4, rows) if abroad else np.full(rows, -1),
        country=rng.integers(-1, 4, width),
        tables=[rng.integers(-(1 << 26), 9_000, (rows, int(u))).astype(np.int32) for u in widths],
        inverses=[rng.integers(0, int(u), width) for u in widths],
        own=rng.integers(-(1 << 26), 4_000, width).astype(np.int32),
        floor=floor,
    )
    if not gathered and seed % 2:
        return given
    # each request keeps its words among the first 30 to 40 codes: word counts vary, so both
    # the loop's four-words-at-a-time steps and the words left over are run
    kept = rng.integers(0, 11, rows)
    query = sp.random(rows, 40, density=0.2, format="csr", dtype=np.float32, random_state=seed)
    query = sp.csr_matrix(query.toarray() * (np.arange(40)[None, :] < kept[:, None] + 30))
    text = rng.random((40, full), dtype=np.float32) * (rng.random((40, full)) < 0.4)
    return replace(given, query=query.astype(np.float32), text=text.astype(np.float32), cols=cols)


@pytest.mark.parametrize("gathered", [False, True])
@pytest.mark.parametrize("abroad", [False, True])
@pytest.mark.parametrize("floor", [None, 0, 12_000])
# 3: wanted columns scattered, the product given; 5: dense, in any order; 10: the query
@pytest.mark.parametrize("seed", [3, 5, 10])
def test_compiled_equals_numpy(gathered: bool, abroad: bool, floor: int | None, seed: int) -> None:
    # wider than a tile: the loop's column tiles join without a seam
    case = _case(seed, 9, kernel.TILE * 2 + 77, gathered, abroad, floor)
    assert np.array_equal(kernel.total(case), kernel.reference(case))


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    rows=st.integers(1, 6),
    width=st.integers(1, 300),
    gathered=st.booleans(),
    abroad=st.booleans(),
    floor=st.one_of(st.none(), st.integers(-5, 40_000)),
)
def test_compiled_equals_numpy_anywhere(
    seed: int, rows: int, width: int, gathered: bool, abroad: bool, floor: int | None
) -> None:
    case = _case(seed, rows, width, gathered, abroad, floor)
    assert np.array_equal(kernel.total(case), kernel.reference(case))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), nodes=st.integers(1, 30), arcs=st.integers(0, 120))
def test_potentials_are_shortest_distances(seed: int, nodes: int, arcs: int) -> None:
    """The compiled queue gives Bellman-Ford's distances from a root joined to every node."""
    rng = np.random.default_rng(seed)
    tails, heads = rng.integers(0, nodes, arcs), rng.integers(0, nodes, arcs)
    # costs of any sign, none negative once reduced by some potential: no negative cycle
    potential = rng.integers(-40, 40, nodes)
    costs = rng.integers(0, 30, arcs) + potential[tails] - potential[heads]
    caps = np.ones(arcs, dtype=np.int64)
    flow = np.zeros(arcs, dtype=np.int64)  # every arc residual forwards only
    start = rng.integers(-20, 20, nodes)
    d = start.astype(np.int64)
    for _ in range(nodes + 1):  # plain Bellman-Ford
        for t, h, c in zip(tails, heads, costs, strict=True):
            d[h] = min(d[h], d[t] + c)
    got = _potentials(nodes, tails, heads, caps, costs, flow, start)
    assert np.array_equal(got, d)


def test_a_negative_cycle_is_named() -> None:
    tails, heads, costs = np.array([0, 1]), np.array([1, 0]), np.array([-3, 1])
    ones, none = np.ones(2, dtype=np.int64), np.zeros(2, dtype=np.int64)
    with pytest.raises(RuntimeError, match="negative cycle"):
        _potentials(2, tails, heads, ones, costs, none)


def test_compiled_where_numba_cannot_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only installation compiles at import instead of failing."""
    from numba import njit as real

    def no_cache(signature: str, **options: Any) -> Any:
        if options.get("cache"):
            raise RuntimeError("cannot cache function 'twice': no locator available for file")
        return real(signature, **options)

    monkeypatch.setattr(kernel, "njit", no_cache)

    @kernel.compiled("i8(i8)")
    def twice(x: int) -> int:
        return 2 * x

    assert twice(21) == 42


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(0, 7), width=st.integers(0, 60))
def test_rows_and_columns_in_one_pass(seed: int, rows: int, width: int) -> None:
    rng = np.random.default_rng(seed)
    w = rng.integers(-1, 4, (rows, width)).astype(np.int32)  # ties on purpose
    eligible, best, first = kernel.rows_and_columns(w)
    assert np.array_equal(eligible, (w >= 0).sum(axis=1))
    if rows:
        assert np.array_equal(best, w.max(axis=0))
        assert np.array_equal(first, np.argmax(w, axis=0))  # the first row of the best
