"""The scans' fused weights (scores and hard rules in one pass) equal the plain masks."""

from __future__ import annotations

from dataclasses import replace
from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from binome_engine import scoring
from binome_engine.cohort.candidates import weights32
from binome_engine.constraints import eligible
from binome_engine.index import MentorIndex
from binome_engine.model import ProgrammeSettings
from binome_engine.scoring import encode, total_points
from binome_engine.synthetic import market
from binome_engine.tests.test_blocks import rule_sets


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10_000),
    rule_sets,
    st.integers(0, 60_000),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_fused_weights_equal_the_rules_masks(
    seed: int, rules: ProgrammeSettings, floor: int, subset: bool, listed: bool, merge: bool
) -> None:
    rng = np.random.default_rng(seed)
    mentors, requests = market(70, 90, seed=seed)
    mentors = [
        replace(m, capacity=0) if rng.random() < 0.1 else m for m in mentors
    ]  # some full mentors, some paused already (synthetic)
    # mentees who are mentors themselves, or work where some mentors do
    requests = [
        replace(r, member_id=mentors[i % 90].id, employer=mentors[(3 * i) % 90].employer)
        if rng.random() < 0.3
        else r
        for i, r in enumerate(requests)
    ]
    if listed:
        pairs = [(int(rng.integers(70)), int(rng.integers(90))) for _ in range(30)]
        rules = replace(
            rules,
            past_pairs=frozenset((mentors[j].id, requests[i].member_id) for i, j in pairs[:10]),
            conflicts=frozenset((mentors[j].id, requests[i].member_id) for i, j in pairs[10:20]),
            forbidden=frozenset((requests[i].id, mentors[j].id) for i, j in pairs[20:]),
        )
    index = MentorIndex(mentors)
    block = encode(index, requests)
    cols = np.sort(rng.choice(90, 80, replace=False)).astype(np.int32) if subset else None
    with mock.patch.object(scoring, "MERGE_FACTOR", 0 if merge else scoring.MERGE_FACTOR):
        fused = weights32(index, block, rules, floor, cols)
    plain = total_points(index, block, rules, cols)
    plain[~eligible(index, block, rules, cols) | (plain < floor)] = -1
    np.testing.assert_array_equal(fused, plain)
    assert (fused >= 0).any() or floor > 0 or not (plain >= 0).any()


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 40),
    st.integers(1, 900),
    st.integers(1, 60),
    st.floats(0, 1),
    st.integers(1, 1000),
)
def test_best_in_rows_equals_sorting_each_row(
    seed: int, rows: int, width: int, keep: int, ineligible: float, spread: int
) -> None:
    """The sampled threshold never loses a pair: same answer as a full sort of each row."""
    from binome_engine.cohort.candidates import best_in_rows

    rng = np.random.default_rng(seed)
    w = rng.integers(0, spread, size=(rows, width)).astype(np.int32)  # small spreads: ties
    w[rng.random((rows, width)) < ineligible] = -1
    w[: rows // 3, : width // 2] = spread  # a heavy corner: the sample may guess too high
    r, c, v = best_in_rows(w, keep, (w >= 0).sum(axis=1))
    for i in range(rows):
        cols = np.flatnonzero(w[i] >= 0)
        expected = cols[np.lexsort((cols, -w[i, cols]))][:keep]
        np.testing.assert_array_equal(c[r == i], expected)
        np.testing.assert_array_equal(v[r == i], w[i, expected])
    assert (np.diff(r) >= 0).all()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from((10, 1 << 20, 1 << 40, 1 << 62)))
def test_the_packed_order_is_the_lexicographic_one(seed: int, spread: int) -> None:
    from binome_engine.cohort.candidates import _order

    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 300))
    r = rng.integers(0, 20, n)
    c = rng.integers(0, 50, n)
    value = rng.integers(-spread, spread, n)
    order = _order(r, c, value)
    expected = np.lexsort((c, -value, r))
    for x in (r, c, value):
        np.testing.assert_array_equal(x[order], x[expected])
