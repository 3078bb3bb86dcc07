"""Hard constraints: which mentors a request may not get, and why (the why-not codes).

Rules kept here:
- each rule is a boolean mask (True = excluded) of shape (requests, mentors) under a stable code;
- a pair is eligible when no rule excludes it; removed mentors (inactive rows) are never eligible
  and never reported;
- rules on pairs of people (past pairs, conflicts) use the mentee's member id, in either order
  for conflicts; forbidden pairs use the request id; a mentee is never their own mentor;
- switchable rules follow ``HardConstraints``; pins are not constraints (the cohort honours them).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from binome_engine.index import MentorIndex
from binome_engine.model import MemberId, ProgrammeSettings
from binome_engine.scoring import Array, Col, RequestBlock

Mask = Array

EXCLUSION_CODES = (
    "same_person",
    "paused",
    "no_capacity",
    "forbidden",
    "past_pair",
    "conflict",
    "no_shared_language",
    "same_employer",
    "seniority",
    "no_sector_expertise",
    "no_common_format",
    "no_common_theme",
)


def _take(index: MentorIndex, name: str, cols: Col | None) -> Array:
    array: Array = getattr(index, name)
    return (array[: index.n] if cols is None else array[cols])[None, :]


def exclusion_masks(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings, cols: Col | None = None
) -> dict[str, Mask]:
    """Every rule's mask, shape (B, columns); only switched-on rules appear."""
    rules = settings.constraints
    shape = (len(block), index.n if cols is None else len(cols))
    rows = np.arange(index.n, dtype=np.int32)[None, :] if cols is None else cols[None, :]
    out: dict[str, Mask] = {"same_person": np.broadcast_to(rows == block.self_row, shape)}
    if rules.exclude_paused:
        out["paused"] = np.broadcast_to(_take(index, "paused", cols), shape)
    if rules.require_capacity:
        out["no_capacity"] = np.broadcast_to(_take(index, "capacity", cols) <= 0, shape)
    out.update(pair_masks(index, block, settings, cols))
    if rules.require_shared_language:
        out["no_shared_language"] = (
            _take(index, "languages_mask", cols) & block.languages_mask
        ) == 0
    if rules.exclude_same_employer:
        same = _take(index, "employer", cols) == block.employer
        out["same_employer"] = same & (block.employer >= 0)
    if rules.enforce_seniority:
        out.update(_seniority(index, block, settings, cols))
    if rules.require_common_format:
        out["no_common_format"] = (_take(index, "format", cols) & block.format) == 0
    if rules.require_common_theme:
        themes = _take(index, "themes_mask", cols) & block.themes_mask
        out["no_common_theme"] = (themes == 0) & (block.theme_count > 0)
    return out


def _seniority(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings, cols: Col | None
) -> dict[str, Mask]:
    rules = settings.seniority
    gap = _take(index, "years", cols) - block.years
    classic = (block.style == 0) & (gap < rules.classic_min_gap)
    peer = (block.style == 1) & (np.abs(gap) > rules.peer_max_gap)
    reverse = (block.style == 2) & (gap > -rules.reverse_min_gap)
    out = {"seniority": classic | peer | reverse}
    if rules.peer_requires_sector:
        other_sector = _take(index, "sector", cols) != block.sector
        out["no_sector_expertise"] = (block.style == 1) & (block.sector >= 0) & other_sector
    return out


def pair_masks(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings, cols: Col | None
) -> dict[str, Mask]:
    """Past pairs, conflicts and forbidden pairs, set cell by cell from the listed ids."""
    if not (settings.past_pairs or settings.conflicts or settings.forbidden):
        return {}
    shape = (len(block), index.n if cols is None else len(cols))
    by_member: dict[str, defaultdict[MemberId, set[MemberId]]] = {
        "past_pair": defaultdict(set),
        "conflict": defaultdict(set),
    }
    for mentor_id, member_id in settings.past_pairs:
        by_member["past_pair"][member_id].add(mentor_id)
    for a, b in settings.conflicts:
        by_member["conflict"][b].add(a)
        by_member["conflict"][a].add(b)
    forbidden: defaultdict[MemberId, set[MemberId]] = defaultdict(set)
    for request_id, mentor_id in settings.forbidden:
        forbidden[request_id].add(mentor_id)
    column_of = None if cols is None else {int(r): c for c, r in enumerate(cols.tolist())}
    out: dict[str, Mask] = {}
    for code, lookup, key in (
        ("past_pair", by_member["past_pair"], "member_id"),
        ("conflict", by_member["conflict"], "member_id"),
        ("forbidden", forbidden, "id"),
    ):
        if not lookup:
            continue
        mask = np.zeros(shape, dtype=bool)
        for i, request in enumerate(block.requests):
            for mentor_id in lookup.get(getattr(request, key), ()):
                row = index.position.get(mentor_id)
                if row is None:
                    continue
                column = row if column_of is None else column_of.get(row)
                if column is not None:
                    mask[i, column] = True
        out[code] = mask
    return out


def eligible(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings, cols: Col | None = None
) -> Mask:
    """True where no rule excludes the pair and the mentor is active."""
    result = np.broadcast_to(
        _take(index, "active", cols), (len(block), index.n if cols is None else len(cols))
    ).copy()
    for mask in exclusion_masks(index, block, settings, cols).values():
        result &= ~mask
    return result


def codes_for(masks: dict[str, Mask], i: int, column: int) -> tuple[str, ...]:
    """The exclusion codes of one cell, in the fixed order of ``EXCLUSION_CODES``."""
    return tuple(code for code in EXCLUSION_CODES if code in masks and bool(masks[code][i, column]))
