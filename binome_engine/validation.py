"""Validation at the engine's boundary: bad values are refused by name, never computed with.

Rules kept here:
- every entry point (``MentorIndex`` build and ``upsert``, ``shortlist``, ``why_not``,
  ``assign``, ``assign_fair``, ``assign_stable``, ``speed_rounds``) calls a ``validate_*`` of
  this module before any number is computed; a bad value raises :class:`InvalidInput` naming
  the record, the field and the value, with a stable ``code`` the caller can translate.
  Nothing is clamped, dropped or guessed;
- the rules are tables: each dataclass field's rule comes from its type annotation (``str``,
  ``int``, ``float``, ``bool``, ``frozenset[str]``…), and ``RANGES`` narrows the numbers. A
  field added to a model gets its type check for free; one line in ``RANGES`` bounds it;
- a column is checked at once with numpy (types by a set of types, numbers by one pass); only
  when a column fails are its records scanned one by one to name the first culprit;
- weights are bounded (``MAX_WEIGHT`` each, ``MAX_WEIGHT_SUM`` together) so that the cohort's
  int32 sums cannot wrap and one broken rule (``scoring.EXCLUDED``) always makes a total
  negative, with a margin (checked below at import);
- what needs the mentors and requests together (pins, quotas) is checked by the cohort
  (``cohort/pins.py``) with the same error.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import Any, cast

import numpy as np

from binome_engine.model import (
    Format,
    HardConstraints,
    MemberId,
    MenteeRequest,
    MentorProfile,
    ProgrammeSettings,
    SeniorityRules,
    Style,
    ThemeQuota,
    Weights,
)

MAX_WEIGHT = 1_000.0  # points of one criterion
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


# ------------------------------------------------------------------------------ field rules
@dataclass(frozen=True)
class Rule:
    """One field's rule: ``scalar(v)`` is None or (code, why); ``column(values)`` is True when
    every value passes (a fast check; False sends the column to the scalar scan)."""

    scalar: Callable[[Any], tuple[str, str] | None]
    column: Callable[[list[Any]], bool]


_INTS, _BOOLS, _FLOATS = (int, np.integer), (bool, np.bool_), (float, np.floating)


def _is_int(v: Any) -> bool:
    return isinstance(v, _INTS) and not isinstance(v, _BOOLS)


def _is_real(v: Any) -> bool:
    return isinstance(v, _FLOATS) or _is_int(v)


def number(lo: float, hi: float, *, integer: bool, optional: bool = False) -> Rule:
    kind = "a whole number" if integer else "a finite number"
    why = f"must be {kind} from {lo:g} to {hi:g}" + (" (or empty)" if optional else "")

    def scalar(v: Any) -> tuple[str, str] | None:
        if v is None and optional:
            return None
        if not (_is_int(v) if integer else _is_real(v)):
            return "not_a_number", why
        if not math.isfinite(v):
            return "not_finite", why
        return None if lo <= v <= hi else ("out_of_range", why)

    def column(values: list[Any]) -> bool:
        if optional:
            values = [v for v in values if v is not None]
        if not values:
            return True
        try:
            array = np.asarray(values)
        except (ValueError, TypeError, OverflowError):
            return False
        if array.dtype.kind not in ("iu" if integer else "iuf"):
            return False
        return bool(np.all((array >= lo) & (array <= hi)))  # NaN fails both

    return Rule(scalar, column)


def _types_are(values: Iterable[Any], allowed: tuple[type, ...]) -> bool:
    return all(issubclass(t, allowed) for t in set(map(type, values)))


def typed(allowed: tuple[type, ...], code: str, why: str) -> Rule:
    """A value of one of the ``allowed`` types."""

    def scalar(v: Any) -> tuple[str, str] | None:
        return None if isinstance(v, allowed) else (code, why)

    return Rule(scalar, lambda values: _types_are(values, allowed))


def identifier() -> Rule:
    why = "must be a non-empty text or a whole number"

    def scalar(v: Any) -> tuple[str, str] | None:
        ok = (isinstance(v, str) and v != "") or _is_int(v)
        return None if ok else ("bad_id", why)

    def column(values: list[Any]) -> bool:
        types = set(map(type, values))
        if bool in types or not all(issubclass(t, str | int | np.integer) for t in types):
            return False
        return "" not in values

    return Rule(scalar, column)


def codes(container: type, allowed: Collection[str] | None = None) -> Rule:
    """A ``container`` (frozenset or tuple) of non-empty texts (of ``allowed`` if given)."""
    noun = "set" if container is frozenset else "list"
    choices = "" if allowed is None else f" among {', '.join(sorted(allowed))}"
    why = f"must be a {noun} of non-empty codes{choices}"
    known = None if allowed is None else frozenset(allowed)

    def fine(items: set[Any]) -> bool:
        if not _types_are(items, (str,)) or "" in items:
            return False
        return known is None or items <= known

    def scalar(v: Any) -> tuple[str, str] | None:
        if not isinstance(v, container):
            return "bad_codes", why
        try:
            items = set(cast(Iterable[Any], v))
        except TypeError:  # an unhashable item
            return "bad_codes", why
        return None if fine(items) else ("bad_codes", why)

    def column(values: list[Any]) -> bool:
        if not _types_are(values, (container,)):
            return False
        try:  # alike sets repeat (a frozenset keeps its hash): their items are read once
            distinct = set(values)
        except TypeError:  # an unhashable item
            return False
        return fine(set(chain.from_iterable(distinct)))

    return Rule(scalar, column)


def choice(allowed: Collection[str] | None) -> Rule:
    """One code of ``allowed`` (any non-empty text when None)."""
    known = None if allowed is None else frozenset(allowed)
    why = f"must be one of {', '.join(sorted(known))}" if known else "must be a non-empty code"

    def scalar(v: Any) -> tuple[str, str] | None:
        ok = isinstance(v, str) and v != "" and (known is None or v in known)
        return None if ok else ("unknown_code", why)

    def column(values: list[Any]) -> bool:
        if not _types_are(values, (str,)):
            return False
        return "" not in values if known is None else set(values) <= known

    return Rule(scalar, column)


# each annotation's rule; ``RANGES`` below narrows numbers field by field
BY_TYPE: dict[str, Callable[[], Rule]] = {
    "str": lambda: typed((str,), "not_text", "must be text"),
    "bool": lambda: typed((bool, np.bool_), "not_a_flag", "must be true or false"),
    "MemberId": identifier,
    "int": lambda: number(-1e9, 1e9, integer=True),
    "int | None": lambda: number(-1e9, 1e9, integer=True, optional=True),
    "float": lambda: number(-1e9, 1e9, integer=False),
    "frozenset[str]": lambda: codes(frozenset),
    "tuple[str, ...]": lambda: codes(tuple),
    "frozenset[Format]": lambda: codes(frozenset, [f.value for f in Format]),
    "Style": lambda: choice([s.value for s in Style]),
}

RANGES: dict[str, Rule] = {
    "utc_offset": number(-14, 14, integer=False),
    # Django derives years from class years back to 1900; gaps are clipped at 100 (scoring)
    "years_experience": number(0, 150, integer=True),
    "class_year": number(1800, 2200, integer=True, optional=True),
    "capacity": number(0, 100_000, integer=True),
    "responsiveness": number(0, 1, integer=False, optional=True),  # None: never invited
    # settings
    "classic_min_gap": number(-60, 60, integer=True),
    "peer_max_gap": number(0, 60, integer=True),
    "reverse_min_gap": number(0, 60, integer=True),
    "diversity": number(0, 1, integer=False),
    "text_saturation": number(1e-3, 1, integer=False),
    "minimum": number(0, 10_000_000, integer=True),
    "maximum": number(0, 10_000_000, integer=True, optional=True),
    "theme": choice(None),
    # options of the cohort (``CohortOptions``)
    "k": number(1, 1_000_000, integer=True),
    "threads": number(1, 256, integer=True),
    "max_rounds": number(1, 100_000, integer=True),
    "grouped_from": number(0, 1e9, integer=True, optional=True),
    "block_size": number(1, 1_024, integer=True),
    "reserve": number(0, 1_000_000, integer=True),
}


@cache
def rules_of(cls: type) -> dict[str, Rule]:
    """Each field of dataclass ``cls`` with its rule (fields of unknown types have none)."""
    out = {}
    for f in dataclasses.fields(cls):
        if cls is Weights:
            out[f.name] = number(0, MAX_WEIGHT, integer=False)
        elif f.name in RANGES:
            out[f.name] = RANGES[f.name]
        elif str(f.type) in BY_TYPE:
            out[f.name] = BY_TYPE[str(f.type)]()
    return out


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
    if not _types_are(records, (cls,)):
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
    if not (isinstance(quotas, tuple) and _types_are(quotas, (ThemeQuota,))):
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
