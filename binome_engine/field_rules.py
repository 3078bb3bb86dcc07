"""The rule of each input field, read off its type annotation and narrowed by name.

Rules kept here:
- each dataclass field's rule comes from its type annotation (``str``, ``int``, ``float``,
  ``bool``, ``frozenset[str]``…, ``BY_TYPE``), and ``RANGES`` narrows the numbers by field
  name; a field added to a model gets its type check for free, one line in ``RANGES`` bounds
  it (a test fails until every field has a rule);
- a rule checks one value (``scalar``: None or a (code, why) to raise) and a whole column at
  once (``column``: a fast numpy pass, True when every value passes; False only sends the
  column to the scalar scan that names the culprit), and both agree;
- a ``bool`` is never a number (Python counts it as an int: ``True`` for years of
  experience is a mistake, not 1), in a single value or in a column;
- weights are bounded by ``MAX_WEIGHT`` each (their sum by ``validation.MAX_WEIGHT_SUM``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any, cast

import numpy as np

from binome_engine.model import Format, Style, Weights

MAX_WEIGHT = 1_000.0  # points of one criterion


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
        if any(issubclass(t, _BOOLS) for t in set(map(type, values))):
            return False  # numpy would read True as 1
        try:
            array = np.asarray(values)
        except (ValueError, TypeError, OverflowError):
            return False
        if array.dtype.kind not in ("iu" if integer else "iuf"):
            return False
        return bool(np.all((array >= lo) & (array <= hi)))  # NaN fails both

    return Rule(scalar, column)


def types_are(values: Iterable[Any], allowed: tuple[type, ...]) -> bool:
    return all(issubclass(t, allowed) for t in set(map(type, values)))


def typed(allowed: tuple[type, ...], code: str, why: str) -> Rule:
    """A value of one of the ``allowed`` types."""

    def scalar(v: Any) -> tuple[str, str] | None:
        return None if isinstance(v, allowed) else (code, why)

    return Rule(scalar, lambda values: types_are(values, allowed))


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
        if not types_are(items, (str,)) or "" in items:
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
        if not types_are(values, (container,)):
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
        if not types_are(values, (str,)):
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
