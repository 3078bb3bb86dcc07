"""Validation at the engine's boundary: bad values are refused by name, never computed with.

Rules kept here:
- every entry point (``MentorIndex`` build and ``upsert``, ``shortlist``, ``why_not``,
  ``assign``, ``assign_fair``, ``assign_stable``, ``speed_rounds``) calls a ``validate_*`` of
  this module before any number is computed; a bad value raises :class:`InvalidInput` naming
  the record, the field and the value, with a stable ``code`` the caller can translate.
  Nothing is clamped, dropped or guessed;
- the rules are tables (``field_rules.py``): each dataclass field's rule comes from its type
  annotation, and ``RANGES`` narrows the numbers;
- a column is checked at once with numpy (types by a set of types, numbers by one pass); only
  when a column fails are its records scanned one by one to name the first culprit;
- weights are bounded (``MAX_WEIGHT`` each, ``MAX_WEIGHT_SUM`` together) so that the cohort's
  int32 sums cannot wrap and one broken rule (``scoring.EXCLUDED``) always makes a total
  negative, with a margin (checked below at import);
- what needs the mentors and requests together (pins, quotas) is checked by the cohort
  (``cohort/pins.py``) with the same error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

from binome_engine.field_rules import (
    MAX_WEIGHT,
    RANGES,
    Rule,
    identifier,
    number,
    rules_of,
    types_are,
)
from binome_engine.model import (
    HardConstraints,
    MemberId,
    MenteeRequest,
    MentorProfile,
    ProgrammeSettings,
    SeniorityRules,
    ThemeQuota,
    Weights,
)

__all__ = [
    "MAX_WEIGHT",
    "MAX_WEIGHT_SUM",
    "RANGES",
    "InvalidInput",
    "Rule",
    "number",
    "rules_of",
    "validate_mentors",
    "validate_options",
    "validate_query",
    "validate_requests",
    "validate_settings",
    "validate_speed",
]

MAX_WEIGHT_SUM = 20_000.0  # points of all criteria together
_EXCLUDED = 1 << 26  # scoring.EXCLUDED's size (not imported: scoring imports the index)
_RULES_AT_MOST = 31  # hard rules one pair can break in the fused sum
# a full score stays far below one broken rule, and the worst sum far above int32's floor
assert MAX_WEIGHT_SUM * 1000 * 3 < _EXCLUDED
assert MAX_WEIGHT_SUM * 1000 + _RULES_AT_MOST * _EXCLUDED < 2**31

MAX_ROUNDS = 1_000  # speed-mentoring rounds


class InvalidInput(ValueError):
    """A value the engine refuses: ``record`` (``mentor``, ``request``, ``settings``…), the
    record's ``key`` (its id) and ``position`` (0-based, in the sequence given), the
    ``field`` (dotted for nested settings), the ``value``, a stable ``code`` and a ``why``."""

    def __init__(
        self,
        record: str,
        field: str,
        value: Any,
        code: str,
        why: str,
        *,
        key: MemberId | None = None,
        position: int | None = None,
    ) -> None:
        self.record, self.field, self.value = record, field, value
        self.code, self.why, self.key, self.position = code, why, key, position
        where = record if key is None else f"{record} {key!r}"
        if position is not None:
            where += f" (#{position + 1})"
        super().__init__(f"{where}, {field} = {_shown(value)}: {why}")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


_ID = identifier()
MENTOR_RULES = rules_of(MentorProfile)
REQUEST_RULES = rules_of(MenteeRequest)
FEW = 16  # fewer records are checked one by one (numpy's calls cost more than they save)
BIT_FIELDS = ("languages", "themes")  # the index holds each as a 64-bit mask
MAX_DISTINCT = 64


# ------------------------------------------------------------------------------ records
def validate_mentors(mentors: Sequence[MentorProfile]) -> None:
    """Every mentor's fields, unique ids, at most 64 distinct languages and themes."""
    _records("mentor", mentors, MentorProfile, MENTOR_RULES)
    for name in BIT_FIELDS:
        _distinct("mentor", mentors, name)


def validate_requests(requests: Sequence[MenteeRequest]) -> None:
    """Every request's fields and unique ids."""
    _records("request", requests, MenteeRequest, REQUEST_RULES)


def _key(record: Any) -> MemberId | None:
    key = getattr(record, "id", None)
    return key if _ID.scalar(key) is None else None


def _records(kind: str, records: Sequence[Any], cls: type, rules: Mapping[str, Rule]) -> None:
    if not types_are(records, (cls,)):
        at = next(i for i, r in enumerate(records) if not isinstance(r, cls))
        why = f"must be a {cls.__name__}"
        raise InvalidInput(kind, "*", records[at], "wrong_type", why, position=at)
    for name, rule in rules.items():
        values = list(map(attrgetter(name), records))
        if len(values) > FEW and rule.column(values):
            continue
        for at, value in enumerate(values):
            bad = rule.scalar(value)
            if bad is not None:
                key = _key(records[at])
                raise InvalidInput(kind, name, value, *bad, key=key, position=at)
    ids = [r.id for r in records]
    if len(set(ids)) < len(ids):
        first: dict[MemberId, int] = {}
        for at, key in enumerate(ids):
            if key in first:
                why = f"is also the id of {kind} #{first[key] + 1}"
                raise InvalidInput(kind, "id", key, "duplicate_id", why, key=key, position=at)
            first[key] = at


def _distinct(kind: str, records: Sequence[Any], name: str) -> None:
    values = list(map(attrgetter(name), records))
    if len(set(chain.from_iterable(values))) <= MAX_DISTINCT:
        return
    seen: set[str] = set()
    for at, value in enumerate(values):
        seen.update(value)
        if len(seen) > MAX_DISTINCT:
            why = f"more than {MAX_DISTINCT} distinct {name} among all {kind}s"
            raise InvalidInput(
                kind, name, value, "too_many_codes", why, key=_key(records[at]), position=at
            )


# ------------------------------------------------------------------------------ settings
NESTED = (("weights", Weights), ("constraints", HardConstraints), ("seniority", SeniorityRules))
PAIR_SETS = ("past_pairs", "conflicts", "pinned", "forbidden")


def validate_settings(settings: ProgrammeSettings) -> None:
    """Every setting: nested rules, weights' sum, pair lists, quotas, diversity, saturation."""
    if not isinstance(settings, ProgrammeSettings):
        raise InvalidInput("settings", "*", settings, "wrong_type", "must be ProgrammeSettings")
    for name, cls in NESTED:
        _fields("settings", getattr(settings, name), cls, rules_of(cls), prefix=f"{name}.")
    total = sum(settings.weights.as_dict().values())
    if total > MAX_WEIGHT_SUM:
        why = f"the weights add up to more than {MAX_WEIGHT_SUM:g} points"
        raise InvalidInput("settings", "weights", total, "out_of_range", why)
    for name in ("diversity", "text_saturation"):
        _field("settings", name, getattr(settings, name), RANGES[name])
    for name in PAIR_SETS:
        _pairs(name, getattr(settings, name))
    _quotas(settings.theme_quotas)


def validate_options(options: object, record: str = "options") -> None:
    """The fields of an options dataclass (``CohortOptions``), by the same tables."""
    cls: type = type(options)
    _fields(record, options, cls, rules_of(cls))


def _fields(
    record: str, value: Any, cls: type, rules: Mapping[str, Rule], prefix: str = ""
) -> None:
    if not isinstance(value, cls):
        why = f"must be a {cls.__name__}"
        raise InvalidInput(record, prefix.rstrip(".") or "*", value, "wrong_type", why)
    for name, rule in rules.items():
        _field(record, prefix + name, getattr(value, name), rule)


def _field(record: str, name: str, value: Any, rule: Rule, **where: Any) -> None:
    bad = rule.scalar(value)
    if bad is not None:
        raise InvalidInput(record, name, value, *bad, **where)


def _pairs(name: str, pairs: Any) -> None:
    why = "must be a frozenset of (id, id) pairs"
    if not isinstance(pairs, frozenset):
        raise InvalidInput("settings", name, pairs, "bad_pairs", why)
    check = _ID.scalar
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2) or check(pair[0]) or check(pair[1]):
            raise InvalidInput("settings", name, pair, "bad_pairs", why)


def _quotas(quotas: Any) -> None:
    if not (isinstance(quotas, tuple) and types_are(quotas, (ThemeQuota,))):
        why = "must be a tuple of ThemeQuota"
        raise InvalidInput("settings", "theme_quotas", quotas, "wrong_type", why)
    rules = rules_of(ThemeQuota)
    seen: set[str] = set()
    for at, quota in enumerate(quotas):
        for name, rule in rules.items():
            _field("settings", f"theme_quotas[{at}].{name}", getattr(quota, name), rule)
        if quota.maximum is not None and quota.minimum > quota.maximum:
            why = f"the minimum ({quota.minimum}) is above the maximum"
            raise InvalidInput(
                "settings", f"theme_quotas[{at}].maximum", quota.maximum, "quota_below_minimum", why
            )
        if quota.theme in seen:
            why = "this theme already has a quota"
            raise InvalidInput(
                "settings", f"theme_quotas[{at}].theme", quota.theme, "duplicate_quota", why
            )
        seen.add(quota.theme)


# ------------------------------------------------------------------------------ calls
def validate_query(
    request: MenteeRequest,
    settings: ProgrammeSettings,
    k: int | None = None,
    excluded: int | None = None,
) -> None:
    """``shortlist`` and ``why_not``: the request, the settings and the counts asked for."""
    validate_requests([request])
    validate_settings(settings)
    counts = number(0, 1_000_000, integer=True)
    for name, value in (("k", k), ("excluded", excluded)):
        if value is not None:
            _field("shortlist", name, value, counts)


def validate_speed(rounds: Any, table_size: Any) -> None:
    _field("speed_rounds", "rounds", rounds, number(1, MAX_ROUNDS, integer=True))
    size = number(1, 100_000, integer=True, optional=True)
    _field("speed_rounds", "table_size", table_size, size)
