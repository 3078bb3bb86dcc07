"""Block bounds never under-estimate an eligible pair; bounded pricing reaches the same optimum."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from binome_engine.cohort import CohortOptions, assign
from binome_engine.cohort.blocks import BoundTable, bounds, build_blocks, own_points
from binome_engine.cohort.candidates import weights
from binome_engine.index import MentorIndex
from binome_engine.model import (
    HardConstraints,
    MenteeRequest,
    MentorProfile,
    ProgrammeSettings,
    SeniorityRules,
)
from binome_engine.scoring import RequestBlock, encode
from binome_engine.synthetic import market
from binome_engine.tests.strategies import Market, markets

rule_sets = st.builds(
    ProgrammeSettings,
    constraints=st.builds(
        HardConstraints,
        require_shared_language=st.booleans(),
        exclude_paused=st.booleans(),
        enforce_seniority=st.booleans(),
        require_common_format=st.booleans(),
        require_common_theme=st.booleans(),
    ),
    seniority=st.builds(
        SeniorityRules,
        classic_min_gap=st.integers(0, 8),
        peer_max_gap=st.integers(1, 6),
        peer_requires_sector=st.booleans(),
        reverse_min_gap=st.integers(0, 3),
    ),
    text_saturation=st.sampled_from((0.2, 0.45, 1.0)),
)


def _check(
    mentors: list[MentorProfile], requests: list[MenteeRequest], rules: ProgrammeSettings, size: int
) -> None:
    index = MentorIndex(mentors)
    block = encode(index, requests)
    capacity = np.maximum(index.capacity[: index.n].astype(np.int64), 0)
    blocks = build_blocks(index, capacity, rules, size)
    ub = bounds(blocks, block, rules)
    table = BoundTable(blocks, block, rules, threads=1).at(np.arange(len(requests)))
    w = weights(index, block, rules)
    own = own_points(index, rules)
    for b in range(len(blocks)):
        members = blocks.members(b)
        inner = w[:, members] - own[members][None, :]
        eligible = w[:, members] >= 0
        best = np.where(eligible, inner, -(10**9)).max(axis=1)
        some = eligible.any(axis=1)
        assert (ub[some, b] >= best[some]).all()
        assert (table[some, b] >= ub[some, b]).all()  # stored rounding only goes up


@settings(max_examples=60, deadline=None)
@given(markets(max_mentors=8, max_requests=6), rule_sets, st.integers(1, 4))
def test_block_bounds_never_under_estimate(
    market_: Market, rules: ProgrammeSettings, size: int
) -> None:
    _check(*market_, rules, size)


def test_block_bounds_on_a_synthetic_market() -> None:
    mentors, requests = market(300, 200, seed=5)
    for rules in (ProgrammeSettings(), ProgrammeSettings(text_saturation=0.3)):
        _check(mentors, requests, rules, 16)


@settings(max_examples=25, deadline=None)
@given(markets(max_mentors=8, max_requests=8), rule_sets)
def test_bounded_pricing_reaches_the_same_optimum(
    market_: Market, rules: ProgrammeSettings
) -> None:
    mentors, requests = market_
    plain = assign(mentors, requests, rules, CohortOptions(explain=False))
    assert plain.certificate is not None
    for from_blocks in (False, True):
        small = CohortOptions(
            explain=False,
            grouped_from=0,
            block_size=2,
            k=1,
            reserve=1,
            block_candidates=from_blocks,
        )
        bounded = assign(mentors, requests, rules, small)
        assert bounded.certificate is not None
        assert bounded.certificate.gap == 0
        assert bounded.certificate.objective == plain.certificate.objective


@settings(max_examples=60, deadline=None)
@given(markets(max_mentors=8, max_requests=6), rule_sets)
def test_the_scan_never_rules_out_an_eligible_mentor(
    market_: Market, rules: ProgrammeSettings
) -> None:
    """``possible_mentors`` only drops mentors that no request of the block may be given."""
    mentors, requests = market_
    index = MentorIndex(mentors)
    _possible_covers_eligible(index, encode(index, requests), rules)


def test_the_scan_never_rules_out_an_eligible_mentor_on_a_synthetic_market() -> None:
    """Years on every boundary of the seniority rules, in small blocks of alike requests as
    the scan makes them (so that many mentors are ruled out)."""
    from binome_engine.cohort.candidates import _alike, take

    mentors, requests = market(400, 300, seed=9)
    index = MentorIndex(mentors)
    block = encode(index, requests)
    order = _alike(block)
    for rules in (ProgrammeSettings(), ProgrammeSettings(seniority=SeniorityRules(3, 2))):
        for start in range(0, len(order), 8):
            _possible_covers_eligible(index, take(block, order[start : start + 8]), rules)


def _possible_covers_eligible(
    index: MentorIndex, block: RequestBlock, rules: ProgrammeSettings
) -> None:
    from binome_engine.cohort.candidates import possible_mentors
    from binome_engine.constraints import eligible

    cols = possible_mentors(index, block, rules)
    if cols is None:
        return
    dropped = np.ones(index.n, dtype=bool)
    dropped[cols] = False
    assert not eligible(index, block, rules)[:, dropped].any()
