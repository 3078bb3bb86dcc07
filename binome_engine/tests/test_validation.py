"""Bad values get a named error (record, field, value, code), at every entry point."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from binome_engine import InvalidInput, MentorIndex, ProgrammeSettings, shortlist, why_not
from binome_engine.cohort import CohortOptions, assign, assign_fair, assign_stable
from binome_engine.model import (
    HardConstraints,
    MenteeRequest,
    MentorProfile,
    SeniorityRules,
    ThemeQuota,
    Weights,
)
from binome_engine.speed import speed_rounds
from binome_engine.synthetic import market
from binome_engine.tests.builders import mentor, request
from binome_engine.validation import (
    MAX_WEIGHT_SUM,
    MENTOR_RULES,
    REQUEST_RULES,
    rules_of,
    validate_settings,
)

NAN = float("nan")


def refused(run: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        run()  # type: ignore[operator]
    return raised.value


@pytest.mark.parametrize(
    "cls", [MentorProfile, MenteeRequest, Weights, HardConstraints, SeniorityRules, ThemeQuota]
)
def test_every_field_of_every_input_has_a_rule(cls: type) -> None:
    assert set(rules_of(cls)) == {f.name for f in dataclasses.fields(cls)}


def test_a_nan_offset_names_the_mentor_the_field_and_the_value() -> None:
    mentors = [mentor(1), mentor(2, utc_offset=NAN)]
    error = refused(lambda: MentorIndex(mentors))
    assert (error.record, error.key, error.position, error.field) == ("mentor", 2, 1, "utc_offset")
    assert error.code == "not_finite"
    assert "mentor 2 (#2), utc_offset = nan" in str(error)


def test_ten_mentors_with_one_id_are_refused_instead_of_nine_vanishing() -> None:
    error = refused(lambda: MentorIndex([mentor("same") for _ in range(10)]))
    assert (error.code, error.field, error.position) == ("duplicate_id", "id", 1)


def test_requests_with_one_id_are_refused_by_every_cohort_mode_and_speed() -> None:
    mentors = [mentor(1)]
    requests = [request("a"), request("a", member_id="other")]
    for run in (assign, assign_fair, assign_stable):
        assert refused(lambda run=run: run(mentors, requests)).code == "duplicate_id"
    assert refused(lambda: speed_rounds(mentors, requests, 2)).code == "duplicate_id"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("responsiveness", -0.5, "out_of_range"),
        ("responsiveness", NAN, "not_finite"),
        ("capacity", -1, "out_of_range"),
        ("capacity", 1.5, "not_a_number"),
        ("years_experience", True, "not_a_number"),
        ("is_paused", "no", "not_a_flag"),
        ("formats", frozenset({"fax"}), "bad_codes"),
        ("languages", ["fr"], "bad_codes"),
        ("sector", None, "not_text"),
    ],
)
def test_a_bad_mentor_value_is_refused_by_the_index_and_by_upsert(
    field: str, value: object, code: str
) -> None:
    assert refused(lambda: MentorIndex([mentor(1, **{field: value})])).code == code
    index = MentorIndex([mentor(1)])
    assert refused(lambda: index.upsert(mentor(2, **{field: value}))).field == field
    assert len(index) == 1  # nothing half written


@pytest.mark.parametrize(
    ("field", "flag"),
    [
        ("years_experience", True),
        ("capacity", False),
        ("utc_offset", True),
        ("class_year", False),
        ("years_experience", np.bool_(True)),
    ],
)
def test_a_flag_among_numbers_is_refused_in_a_column_too(field: str, flag: object) -> None:
    """``bool`` is an ``int`` in Python and numpy reads ``True`` as 1: in a column of more
    than a few records (checked at once) a flag among whole numbers must still be refused."""
    mentors = [mentor(i) for i in range(40)]
    mentors[23] = mentor(23, **{field: flag})
    error = refused(lambda: MentorIndex(mentors))
    assert (error.record, error.key, error.position, error.field) == ("mentor", 23, 23, field)
    assert error.code == "not_a_number"
    requests = [request(f"r{i}") for i in range(40)]
    requests[30] = request("r30", **{field: flag}) if field != "capacity" else requests[30]
    if field != "capacity":  # requests have no capacity
        error = refused(lambda: assign([mentor(1)], requests))
        assert (error.record, error.key, error.field, error.code) == (
            "request",
            "r30",
            field,
            "not_a_number",
        )


@pytest.mark.parametrize(
    ("field", "value"),
    [("style", "mentor"), ("utc_offset", float("inf")), ("member_id", ""), ("text", None)],
)
def test_a_bad_request_is_refused_by_shortlist_why_not_and_assign(
    field: str, value: object
) -> None:
    index = MentorIndex([mentor(1)])
    changes: dict[str, Any] = {field: value}
    bad = replace(request("a"), **changes)
    for run in (
        lambda: shortlist(index, bad),
        lambda: why_not(index, bad, 1),
        lambda: assign(index, [bad]),
    ):
        error = refused(run)
        assert (error.record, error.field) == ("request", field)


@pytest.mark.parametrize(
    ("rules", "field", "code"),
    [
        (ProgrammeSettings(weights=Weights(text=NAN)), "weights.text", "not_finite"),
        (ProgrammeSettings(weights=Weights(sector=-1)), "weights.sector", "out_of_range"),
        (ProgrammeSettings(weights=Weights(text=1e7)), "weights.text", "out_of_range"),
        (ProgrammeSettings(text_saturation=0), "text_saturation", "out_of_range"),
        (ProgrammeSettings(diversity=NAN), "diversity", "not_finite"),
        (
            ProgrammeSettings(constraints=HardConstraints(require_capacity="no")),  # type: ignore[arg-type]
            "constraints.require_capacity",
            "not_a_flag",
        ),
        (
            ProgrammeSettings(seniority=SeniorityRules(peer_max_gap=-1)),
            "seniority.peer_max_gap",
            "out_of_range",
        ),
        (
            ProgrammeSettings(theme_quotas=(ThemeQuota("x", maximum=-1),)),
            "theme_quotas[0].maximum",
            "out_of_range",
        ),
        (
            ProgrammeSettings(theme_quotas=(ThemeQuota("x", minimum=3, maximum=2),)),
            "theme_quotas[0].maximum",
            "quota_below_minimum",
        ),
        (
            ProgrammeSettings(theme_quotas=(ThemeQuota("x"), ThemeQuota("x"))),
            "theme_quotas[1].theme",
            "duplicate_quota",
        ),
        (ProgrammeSettings(forbidden=frozenset({("a",)})), "forbidden", "bad_pairs"),  # type: ignore[arg-type]
    ],
)
def test_bad_settings_are_refused_with_their_dotted_name(
    rules: ProgrammeSettings, field: str, code: str
) -> None:
    error = refused(lambda: validate_settings(rules))
    assert (error.record, error.field, error.code) == ("settings", field, code)
    # and by the entry points themselves
    assert refused(lambda: assign([mentor(1)], [request("a")], rules)).field == field
    assert refused(lambda: shortlist(MentorIndex([mentor(1)]), request("a"), rules)).field == field


def test_the_weights_sum_is_bounded_so_a_broken_rule_always_loses() -> None:
    fields = [f.name for f in dataclasses.fields(Weights)]
    assert len(fields) * 1000 <= MAX_WEIGHT_SUM  # every weight at its maximum is allowed
    validate_settings(ProgrammeSettings(weights=Weights(**dict.fromkeys(fields, 1000.0))))


@pytest.mark.parametrize(
    ("pinned", "forbidden", "code"),
    [
        ({("a", 1), ("b", 1), ("c", 1)}, set(), "pinned_over_capacity"),  # 2 places
        ({("a", 1)}, {("a", 1)}, "pinned_and_forbidden"),
        ({("a", 1), ("a", 2)}, set(), "pinned_twice"),
        ({("a", 9)}, set(), "pinned_unknown_mentor"),
        ({("zz", 1)}, set(), "pinned_unknown_request"),
    ],
)
def test_contradictory_pins_are_refused_rather_than_guessed(
    pinned: set[tuple[str, int]], forbidden: set[tuple[str, int]], code: str
) -> None:
    mentors = [mentor(1, capacity=2), mentor(2)]
    requests = [request(r) for r in "abc"]
    rules = ProgrammeSettings(pinned=frozenset(pinned), forbidden=frozenset(forbidden))
    for run in (assign, assign_fair, assign_stable):
        error = refused(lambda run=run: run(mentors, requests, rules))
        assert (error.field, error.code) == ("pinned", code)


def test_pins_above_a_theme_maximum_are_refused() -> None:
    requests = [request(r, themes=frozenset({"leadership"})) for r in "ab"]
    rules = ProgrammeSettings(
        pinned=frozenset({("a", 1), ("b", 2)}),
        theme_quotas=(ThemeQuota("leadership", maximum=1),),
    )
    error = refused(lambda: assign([mentor(1), mentor(2)], requests, rules))
    assert (error.field, error.code) == ("theme_quotas[0].maximum", "pinned_over_quota")


def test_a_possible_pin_uses_a_place_and_keeps_the_rules_it_breaks_reported() -> None:
    mentors = [mentor(1, capacity=1, languages=("de",)), mentor(2)]
    rules = ProgrammeSettings(pinned=frozenset({("a", 1)}))
    result = assign(mentors, [request("a"), request("b")], rules)
    pins = [p for p in result.pairs if p.pinned]
    assert [(p.mentor_id, p.codes) for p in pins] == [(1, ("no_shared_language",))]
    assert {p.mentor_id for p in result.pairs if not p.pinned} == {2}  # mentor 1 is full


def test_the_fair_threshold_is_over_the_chosen_pairs_not_the_pins() -> None:
    mentors = [mentor(1, languages=("de",)), mentor(2)]
    rules = ProgrammeSettings(pinned=frozenset({("a", 1)}))
    result = assign_fair(mentors, [request("a"), request("b")], rules)
    assert result.certificate is not None and result.certificate.threshold is not None
    pin = next(p for p in result.pairs if p.pinned)
    chosen = next(p for p in result.pairs if not p.pinned)
    assert result.certificate.threshold == chosen.score > pin.score
    assert result.min_score == pin.score  # the report's minimum counts every pair


@pytest.mark.parametrize(
    ("rounds", "size", "field"), [(-1, None, "rounds"), (0, None, "rounds"), (2, 0, "table_size")]
)
def test_speed_rounds_refuse_impossible_evenings(rounds: int, size: int | None, field: str) -> None:
    error = refused(lambda: speed_rounds([mentor(1)], [request("a")], rounds, table_size=size))
    assert (error.record, error.field) == ("speed_rounds", field)


def test_impossible_options_and_counts_are_refused() -> None:
    assert (
        refused(lambda: assign([mentor(1)], [request("a")], None, CohortOptions(k=0))).field == "k"
    )
    index = MentorIndex([mentor(1)])
    assert refused(lambda: shortlist(index, request("a"), k=-1)).field == "k"


def test_extreme_weights_cannot_wrap_the_fused_scan_into_rule_breaking_pairs() -> None:
    """All weights at their maximum on a cohort large enough for the fused int32 scan."""
    mentors, requests = market(120, 60, seed=4)
    fields = [f.name for f in dataclasses.fields(Weights)]
    for text_saturation in (1e-3, 1.0):
        rules = ProgrammeSettings(
            weights=Weights(**dict.fromkeys(fields, 1000.0)), text_saturation=text_saturation
        )
        result = assign(mentors, requests, rules)  # the result check raises on any broken rule
        assert result.certificate is not None and result.certificate.gap == 0
        assert all(not p.codes for p in result.pairs)


def test_the_result_check_refuses_a_pair_that_breaks_a_rule() -> None:
    from binome_engine.cohort.problem import finish, prepare

    mentors = [mentor(1, languages=("de",)), mentor(2)]
    problem = prepare(mentors, [request("a")], None, None)
    edges = (np.array([0]), np.array([0]), np.array([1_000]))  # "a" with the German speaker
    with pytest.raises(AssertionError, match="break a hard rule"):
        finish(problem, edges, None, "optimal")


def test_the_rule_tables_cover_the_records_by_type() -> None:
    assert MENTOR_RULES["utc_offset"].scalar(NAN) == (
        "not_finite",
        "must be a finite number from -14 to 14",
    )
    assert REQUEST_RULES["style"].scalar("peer") is None
