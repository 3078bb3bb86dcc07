from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from binome_engine import MentorIndex, ProgrammeSettings
from binome_engine.cohort import CohortOptions, assign, assign_fair, assign_stable
from binome_engine.cohort.candidates import weights
from binome_engine.model import MemberId, Style, ThemeQuota
from binome_engine.scoring import encode
from binome_engine.tests.builders import mentor, request
from binome_engine.tests.strategies import Market, markets


def lp_optimum(market: Market, rules: ProgrammeSettings, matched_first: bool) -> tuple[float, int]:
    """(best total score, most pairs) by linear programming over every eligible pair."""
    mentors, requests = market
    index = MentorIndex(mentors)
    w = weights(index, encode(index, requests), rules)
    rows, cols = np.nonzero(w >= 0)
    if len(rows) == 0:
        return 0.0, 0
    bonus = 10**7 if matched_first else 0
    a = np.zeros((len(requests) + len(mentors), len(rows)))
    a[rows, np.arange(len(rows))] = 1
    a[len(requests) + cols, np.arange(len(rows))] = 1
    caps = [max(m.capacity, 0) for m in mentors]
    res = linprog(
        -(w[rows, cols] + bonus),
        A_ub=a,
        b_ub=[1] * len(requests) + caps,
        bounds=(0, 1),
        method="highs",
    )
    x = np.round(res.x)
    return float(np.dot(x, w[rows, cols])) / 1000, int(x.sum())


@settings(max_examples=80, deadline=None)
@given(
    markets(max_mentors=5, max_requests=8),
    st.booleans(),
    st.integers(1, 3),
    st.sampled_from((0, 1, 2, 100)),
)
def test_the_result_equals_the_lp_optimum_over_all_pairs(
    market: Market, matched_first: bool, k: int, reserve: int
) -> None:
    mentors, requests = market
    rules = ProgrammeSettings()
    options = CohortOptions(maximise_matched=matched_first, k=k, threads=1, reserve=reserve)
    result = assign(mentors, requests, rules, options)
    best_total, most_pairs = lp_optimum(market, rules, matched_first)
    assert result.certificate is not None
    assert result.certificate.gap == 0
    assert result.certificate.is_optimal
    assert abs(result.total_score - best_total) < 1e-6
    if matched_first:
        assert len(result.pairs) == most_pairs


@settings(max_examples=30, deadline=None)
@given(markets(max_mentors=5, max_requests=8), st.data())
def test_capacities_pins_and_forbids_are_honoured(market: Market, data: st.DataObject) -> None:
    mentors, requests = market
    pairs = [(r.id, m.id) for r in requests for m in mentors]
    places = {m.id: m.capacity for m in mentors}
    pinned: set[tuple[MemberId, MemberId]] = set()
    for request_id, mentor_id in data.draw(st.lists(st.sampled_from(pairs), max_size=2)):
        # possible pins only (one per request, within places): contradictions are refused
        free = places[mentor_id] - sum(p[1] == mentor_id for p in pinned)
        if request_id not in {p[0] for p in pinned} and free > 0:
            pinned.add((request_id, mentor_id))
    forbidden = data.draw(st.sets(st.sampled_from(pairs), max_size=4)) - pinned
    rules = ProgrammeSettings(pinned=frozenset(pinned), forbidden=frozenset(forbidden))
    result = assign(mentors, requests, rules, CohortOptions(k=2, threads=1))
    got = {(p.request_id, p.mentor_id) for p in result.pairs}
    assert pinned <= got  # every pin kept
    assert not got & forbidden
    load = Counter(p.mentor_id for p in result.pairs if not p.pinned)
    pins = Counter(p.mentor_id for p in result.pairs if p.pinned)
    for m in mentors:
        assert load[m.id] <= max(0, max(m.capacity, 0) - pins[m.id])
    ids = [p.request_id for p in result.pairs] + [u.request_id for u in result.unmatched]
    assert sorted(ids, key=str) == sorted((r.id for r in requests), key=str)


@settings(max_examples=15, deadline=None)
@given(markets(max_mentors=5, max_requests=8))
def test_the_same_input_gives_the_same_assignment(market: Market) -> None:
    mentors, requests = market
    assert assign(mentors, requests) == assign(mentors, requests)


def test_the_reasons_of_each_pair_add_up_to_its_score() -> None:
    result = assign([mentor(1), mentor(2, sector="banking")], [request("a"), request("b")])
    for pair in result.pairs:
        assert abs(sum(r.points for r in pair.reasons) - pair.score) < 1e-9


def test_it_matches_more_people_before_a_higher_total() -> None:
    # bob fits both, alice fits only bob's mentor... one place each: both must be matched
    mentors = [mentor(1, capacity=1), mentor(2, capacity=1, sector="banking", bio="banque")]
    requests = [request("alice"), request("bob", languages=("fr",))]
    best = assign(mentors, requests)
    assert len(best.pairs) == 2


def test_unmatched_requests_say_why() -> None:
    mentors = [mentor(1, capacity=1, languages=("fr",))]
    requests = [request("a"), request("b"), request("c", languages=("de",))]
    result = assign(mentors, requests)
    why = {u.request_id: u.codes for u in result.unmatched}
    assert why["c"][:2] == ("no_eligible_mentor", "no_shared_language")
    assert [codes for rid, codes in why.items() if rid != "c"] == [("all_fitting_mentors_full",)]


def test_a_pin_is_kept_even_against_the_rules_and_reported() -> None:
    mentors = [mentor(1, languages=("de",))]
    rules = ProgrammeSettings(pinned=frozenset({("a", 1)}))
    result = assign(mentors, [request("a")], rules)
    assert result.pairs[0].pinned
    assert result.pairs[0].codes == ("no_shared_language",)


def test_theme_quotas_bound_the_pairs_of_a_theme() -> None:
    mentors = [mentor(i, capacity=1) for i in range(5)]
    requests = [request(f"s{i}", themes=frozenset({"entrepreneurship"})) for i in range(3)] + [
        request(f"c{i}", themes=frozenset({"career_change"}), text="reconversion") for i in range(3)
    ]
    rules = ProgrammeSettings(
        theme_quotas=(
            ThemeQuota("entrepreneurship", maximum=1),
            ThemeQuota("career_change", minimum=3),
        )
    )
    result = assign(mentors, requests, rules)
    themes = Counter(str(p.request_id)[0] for p in result.pairs)
    assert themes == {"s": 1, "c": 3}
    assert {u.codes for u in result.unmatched} == {("quota_full",)}


def bottleneck(market: Market, rules: ProgrammeSettings) -> tuple[int, float]:
    """(most pairs, best worst score) by brute force over thresholds, with LP counts."""
    mentors, requests = market
    index = MentorIndex(mentors)
    w = weights(index, encode(index, requests), rules)
    caps = [max(m.capacity, 0) for m in mentors]

    def most(floor: int) -> int:
        rows, cols = np.nonzero(w >= floor)
        if len(rows) == 0:
            return 0
        a = np.zeros((len(requests) + len(mentors), len(rows)))
        a[rows, np.arange(len(rows))] = 1
        a[len(requests) + cols, np.arange(len(rows))] = 1
        res = linprog(-np.ones(len(rows)), A_ub=a, b_ub=[1] * len(requests) + caps, bounds=(0, 1))
        return int(-res.fun + 0.5)

    target = most(0)
    best = max((int(v) for v in np.unique(w[w >= 0]) if most(int(v)) == target), default=0)
    return target, best / 1000


@settings(max_examples=25, deadline=None)
@given(markets(max_mentors=5, max_requests=8), st.integers(1, 3))
def test_the_fair_mode_maximises_the_worst_score_then_the_total(market: Market, k: int) -> None:
    mentors, requests = market
    rules = ProgrammeSettings()
    result = assign_fair(mentors, requests, rules, CohortOptions(k=k, threads=1))
    target, worst = bottleneck(market, rules)
    assert len(result.pairs) == target
    if target:
        assert result.min_score == worst
    assert result.certificate is not None and result.certificate.gap == 0


def brute_force_blocking(market: Market, result_pairs: set[tuple[MemberId, MemberId]]) -> int:
    mentors, requests = market
    index = MentorIndex(mentors)
    w = weights(index, encode(index, requests), ProgrammeSettings())
    match = {r: mid for r, mid in result_pairs}
    row = {mm.id: j for j, mm in enumerate(mentors)}
    pos = {r.id: i for i, r in enumerate(requests)}
    count = 0
    for i, r in enumerate(requests):
        for j, mm in enumerate(mentors):
            if w[i, j] < 0 or match.get(r.id) == mm.id:
                continue
            cur = match.get(r.id)
            if cur is not None and (int(w[i, row[cur]]), -row[cur]) >= (int(w[i, j]), -j):
                continue
            held = [pos[q] for q, x in result_pairs if x == mm.id]
            if len(held) < max(mm.capacity, 0) or (
                held and min((w[q, j], -q) for q in held) < (w[i, j], -i)
            ):
                count += 1
    return count


@settings(max_examples=30, deadline=None)
@given(markets(max_mentors=5, max_requests=8), st.integers(1, 3))
def test_the_stable_mode_leaves_no_blocking_pair(market: Market, k: int) -> None:
    mentors, requests = market
    result = assign_stable(mentors, requests, options=CohortOptions(k=k, threads=1))
    pairs = {(p.request_id, p.mentor_id) for p in result.pairs}
    assert result.blocking_pairs == ()
    assert brute_force_blocking(market, pairs) == 0
    load = Counter(p.mentor_id for p in result.pairs)
    assert all(load[m.id] <= max(m.capacity, 0) for m in mentors)


@pytest.mark.parametrize("merge_factor", [16, 0])  # 0: every pair of gathers merged
@pytest.mark.parametrize("dense_limit", [1 << 26, 0])  # 0: the mentors' text kept sparse
@pytest.mark.parametrize("compact", [False, True])  # False: rows pending since the build
def test_fast_total_equals_the_sum_of_the_criteria(
    merge_factor: int, dense_limit: int, compact: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``total_points`` (gathered per distinct mentor value) == the sum of ``milli_points``,
    with the text multiplied in the compiled loop (dense) or before it (sparse, as a large
    vocabulary keeps it)."""
    from binome_engine import scoring
    from binome_engine.index import MentorIndex
    from binome_engine.scoring import CRITERIA, encode, milli_points, total_points
    from binome_engine.synthetic import market

    monkeypatch.setattr(scoring, "MERGE_FACTOR", merge_factor)
    monkeypatch.setattr(scoring, "DENSE_LIMIT", dense_limit)

    mentors, requests = market(200, 1_300, seed=3)
    index = MentorIndex(mentors[:1_250])
    for extra in mentors[1_250:]:
        index.upsert(extra)  # pending rows too
    if compact:
        index.compact()
    block = encode(index, requests)
    few = np.r_[0, 7, 1_260, 7, 1_299, np.arange(1, 300, 3)].astype(np.int32)
    # from 1,024 columns the distinct mentor values and the text product take other paths
    many = np.r_[np.arange(0, 1_300, 1)[::-1][:1_100], 5].astype(np.int32)
    for rules in (ProgrammeSettings(), ProgrammeSettings(text_saturation=0.3)):
        for cols in (None, few, many):
            parts = milli_points(index, block, rules, cols)
            expected = sum(parts[name].astype(np.int64) for name in CRITERIA)
            assert np.array_equal(total_points(index, block, rules, cols), expected)
            # and a column subset scores as those columns of all mentors
            every = total_points(index, block, rules, None)
            assert np.array_equal(expected, every if cols is None else every[:, cols])


def test_grouped_candidates_reach_the_same_optimum() -> None:
    """Candidates from mentor groups and score bounds: same certified optimum as scoring all."""
    from binome_engine.synthetic import market

    for seed in (1, 2):
        mentors, requests = market(400, 160, seed=seed)
        plain = assign(mentors, requests, None, CohortOptions(explain=False))
        grouped = assign(mentors, requests, None, CohortOptions(explain=False, grouped_from=0))
        for result in (plain, grouped):
            assert result.certificate is not None and result.certificate.gap == 0
        assert plain.certificate is not None and grouped.certificate is not None
        assert grouped.certificate.objective == plain.certificate.objective
        assert len(grouped.pairs) == len(plain.pairs)


def test_the_objective_does_not_depend_on_the_bonus_tried_first() -> None:
    """Two requests, one possible mentor: the quick bonus cannot prove the count; same report."""
    from binome_engine.model import MenteeRequest, MentorProfile

    mentors = [
        MentorProfile(
            id=i, sector="energy", languages=("fr",), employer=e, capacity=1, years_experience=20
        )
        for i, e in enumerate(("BNP", "EDF"))
    ]
    requests = [
        MenteeRequest(id=f"r{i}", member_id=f"m{i}", languages=("fr",), employer="EDF")
        for i in range(2)
    ]
    options = CohortOptions(explain=False)
    first = assign(mentors, requests, None, options)
    forced = assign(mentors, requests, None, CohortOptions(explain=False, grouped_from=0))
    assert first.certificate is not None and forced.certificate is not None
    assert len(first.pairs) == 1
    assert first.certificate.objective == forced.certificate.objective
    # the full bonus: (30 points x 11 criteria + 1 milli-point) x (2 requests + 1), per pair
    assert first.certificate.objective == round(first.total_score * 1000) + 330_001 * 3


def test_the_reserve_pairs_a_larger_matching_needs_join_the_graph() -> None:
    """Both requests rank mentor 0 first; k=1 strands one, the reserve's pair saves it."""
    from binome_engine.cohort.candidates import top_k
    from binome_engine.cohort.cardinality import most_matched
    from binome_engine.cohort.flow import max_matched
    from binome_engine.cohort.problem import prepare

    mentors = [
        mentor(0, sector="energy", capacity=1, responsiveness=1.0),
        mentor(1, sector="banking", capacity=1, responsiveness=0.0),
    ]
    requests = [request(f"r{i}", target_sector="energy") for i in range(2)]
    problem = prepare(mentors, requests, None, CohortOptions(k=1, reserve=1, threads=1))
    cands = top_k(problem.index, problem.block, problem.settings, 1, 1, 0, 1)
    assert max_matched(2, problem.capacity, cands.request, cands.mentor) == 1
    joined, most = most_matched(problem, cands, 2)
    assert most == 2
    assert max_matched(2, problem.capacity, joined.request, joined.mentor) == 2
    assert joined.reserve is not None and len(joined.reserve[0]) == 1  # only the needed pair
    assert len(joined.request) == len(cands.request) + 1


def test_the_cycle_collector_is_paused_only_while_assigning() -> None:
    import gc

    from binome_engine.cohort.problem import gc_paused

    seen: list[bool] = []

    @gc_paused
    def work(fail: bool) -> None:
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("bad input")

    assert gc.isenabled()
    work(False)
    with pytest.raises(ValueError):
        work(True)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        work(False)
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()


@pytest.mark.parametrize("seed", range(8))
def test_the_most_matched_is_the_maximum_matching_over_all_pairs(seed: int) -> None:
    """One best mentor per request and no reserve strand many requests of a crowded market;
    the alternating search over all pairs finds the true maximum (augmenting paths when they
    exist, the proof none does otherwise)."""
    from binome_engine.cohort.candidates import top_k
    from binome_engine.cohort.cardinality import most_matched
    from binome_engine.cohort.flow import max_matched
    from binome_engine.cohort.problem import prepare
    from binome_engine.synthetic import market

    mentors, requests = market(40, 12, seed=seed, capacity_ratio=0.9 + seed * 0.05)
    _total, most_pairs = lp_optimum((mentors, requests), ProgrammeSettings(), True)
    problem = prepare(mentors, requests, None, CohortOptions(k=1, reserve=0, threads=1))
    cands = top_k(problem.index, problem.block, problem.settings, 1, 1, 0, 0)
    asked = min(cands.matchable or 0, int(problem.capacity.sum()))
    assert max_matched(len(requests), problem.capacity, cands.request, cands.mentor) < most_pairs
    joined, most = most_matched(problem, cands, asked)
    assert most == most_pairs
    assert max_matched(len(requests), problem.capacity, joined.request, joined.mentor) == most
    assert len(set(zip(joined.request.tolist(), joined.mentor.tolist(), strict=True))) == len(
        joined.request
    )  # no pair twice in the graph
    w = weights(problem.index, problem.block, problem.settings)
    assert (w[joined.request, joined.mentor] == joined.weight).all()  # every pair eligible


def test_a_stranded_request_is_matched_through_a_path_the_lists_did_not_hold() -> None:
    """Both requests want mentor 0 (one place) most; with no reserve the second is stranded
    and only the search over all pairs finds mentor 1 for it."""
    from binome_engine.cohort.candidates import top_k
    from binome_engine.cohort.cardinality import most_matched
    from binome_engine.cohort.problem import prepare

    mentors = [
        mentor(0, sector="energy", capacity=1, responsiveness=1.0),
        mentor(1, sector="banking", capacity=1, responsiveness=0.0),
    ]
    requests = [request(f"r{i}", target_sector="energy") for i in range(2)]
    problem = prepare(mentors, requests, None, CohortOptions(k=1, reserve=0, threads=1))
    cands = top_k(problem.index, problem.block, problem.settings, 1, 1, 0, 0)
    joined, most = most_matched(problem, cands, 2)
    assert most == 2
    assert set(joined.mentor.tolist()) == {0, 1}


def test_when_fewer_can_be_matched_the_proven_maximum_is_the_target() -> None:
    """Two requests speak only French, one French-speaking place: the count of requests with
    an eligible mentor (2) cannot be reached, the search proves 1."""
    from binome_engine.cohort.candidates import top_k
    from binome_engine.cohort.cardinality import most_matched
    from binome_engine.cohort.problem import prepare

    mentors = [mentor(0, capacity=1), mentor(1, capacity=3, languages=("de",))]
    requests = [request(f"r{i}") for i in range(2)]
    problem = prepare(mentors, requests, None, CohortOptions(k=1, reserve=0, threads=1))
    cands = top_k(problem.index, problem.block, problem.settings, 1, 1, 0, 0)
    assert cands.matchable == 2
    _joined, most = most_matched(problem, cands, 2)
    assert most == 1
    result = assign(mentors, requests, None, CohortOptions(k=1, reserve=0, threads=1))
    assert result.certificate is not None and result.certificate.gap == 0
    assert len(result.pairs) == 1


def test_a_peer_cohort_pairs_a_mentor_who_gave_no_sector() -> None:
    # every request a peer one with its sector: the candidate filter keeps mentors with no
    # sector (as the shortlist does) and drops those of another sector
    mentors = [
        mentor(1, sector="", years_experience=19),
        mentor(2, sector="banking", years_experience=19),
        mentor(3, sector="energy", years_experience=40),  # the request's sector, not a peer
    ]
    requests = [request("a", style=Style.PEER, years_experience=18)]
    result = assign(mentors, requests, ProgrammeSettings(), CohortOptions(threads=1))
    assert [(p.request_id, p.mentor_id) for p in result.pairs] == [("a", 1)]
