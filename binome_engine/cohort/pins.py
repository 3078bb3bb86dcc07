"""Pins and theme quotas: a manager's decisions, checked before they shape the cohort.

Rules kept here:
- a pin is kept whatever the scoring says: its pair is in the result (``Pair.pinned``), it
  takes one of its mentor's free places, and the hard rules it breaks (language, seniority,
  paused…) are listed on the pair (``Pair.codes``): the manager's call;
- a pin the cohort cannot honour is refused with ``InvalidInput`` instead of being dropped
  or guessed: a second pin for one request, an unknown request or mentor, a pinned pair also
  forbidden, more pins on a mentor than its free places, more pins of a theme than its quota's
  maximum;
- pinned requests count in their theme's quota (its bounds are lowered by them), but not in
  the fairness threshold, which ranks the pairs the engine chooses (``Assignment.min_score``
  covers every pair, pins included).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence

import numpy as np

from binome_engine.cohort.explain import explain
from binome_engine.cohort.flow import Quotas
from binome_engine.constraints import codes_for, exclusion_masks
from binome_engine.index import MentorIndex
from binome_engine.model import MemberId, MenteeRequest, Pair, ProgrammeSettings
from binome_engine.scoring import Array, encode
from binome_engine.validation import InvalidInput


def place_pins(
    index: MentorIndex,
    requests: Sequence[MenteeRequest],
    settings: ProgrammeSettings,
    capacity: Array,
) -> list[Pair]:
    """The pins as pairs (with the rules each breaks), their places taken from ``capacity``."""

    def free(mentor_id: MemberId) -> int | None:
        row = index.position.get(mentor_id)
        return None if row is None else int(capacity[row])

    validate_pins(settings, {r.id for r in requests}, free)
    by_id = {r.id: r for r in requests}
    pins: list[Pair] = []
    for request_id, mentor_id in sorted(settings.pinned, key=str):  # validated: all possible
        row = index.position[mentor_id]
        block = encode(index, [by_id[request_id]])
        cols = np.array([row], dtype=np.int32)
        codes = codes_for(exclusion_masks(index, block, settings, cols), 0, 0)
        reasons = explain(index, block, settings, np.array([0]), cols)[0]
        score = sum(r.points for r in reasons)
        pins.append(Pair(request_id, mentor_id, round(score, 3), reasons, True, codes))
        capacity[row] -= 1
    return pins


def quotas(
    left: list[MenteeRequest],
    settings: ProgrammeSettings,
    pins: list[Pair],
    everyone: Sequence[MenteeRequest],
) -> Quotas | None:
    """Each request's quota group and the bounds left once pins are counted (refused when
    pins alone pass a maximum)."""
    if not settings.theme_quotas:
        return None
    themes = [q.theme for q in settings.theme_quotas]

    def group(request: MenteeRequest) -> int:
        return next((g for g, t in enumerate(themes) if t in request.themes), -1)

    by_id = {r.id: r for r in everyone}
    used = Counter(group(by_id[p.request_id]) for p in pins)
    for g, quota in enumerate(settings.theme_quotas):
        if quota.maximum is not None and used[g] > quota.maximum:
            why = f"{used[g]} pinned requests of this theme, above its maximum"
            field = f"theme_quotas[{g}].maximum"
            raise InvalidInput("settings", field, quota.maximum, "pinned_over_quota", why)
    minimum = np.array([max(0, q.minimum - used[g]) for g, q in enumerate(settings.theme_quotas)])
    maximum = np.array(
        [
            -1 if q.maximum is None else q.maximum - used[g]
            for g, q in enumerate(settings.theme_quotas)
        ]
    )
    return Quotas(np.array([group(r) for r in left], dtype=np.int64), minimum, maximum)


def validate_pins(
    settings: ProgrammeSettings,
    request_ids: Collection[MemberId],
    capacity_of: Callable[[MemberId], int | None],
) -> None:
    """Pins the cohort can honour: one per request, of a request given and a known mentor,
    not forbidden, and no more on a mentor than its free capacity (``capacity_of``: None for
    an unknown mentor)."""
    per_request: Counter[MemberId] = Counter()
    per_mentor: Counter[MemberId] = Counter()
    for pair in sorted(settings.pinned, key=str):
        request_id, mentor_id = pair
        per_request[request_id] += 1
        per_mentor[mentor_id] += 1
        capacity = capacity_of(mentor_id)
        if request_id not in request_ids:
            problem = ("pinned_unknown_request", "the request is not among the requests given")
        elif capacity is None:
            problem = ("pinned_unknown_mentor", "no such mentor")
        elif pair in settings.forbidden:
            problem = ("pinned_and_forbidden", "the pair is both pinned and forbidden")
        elif per_request[request_id] > 1:
            problem = ("pinned_twice", "the request is pinned to another mentor too")
        elif per_mentor[mentor_id] > capacity:
            why = f"more pins on this mentor than its free places ({capacity})"
            problem = ("pinned_over_capacity", why)
        else:
            continue
        raise InvalidInput("settings", "pinned", pair, *problem)
