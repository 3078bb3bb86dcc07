"""Hard constraints: which mentors a request may not get, and why (the why-not codes).

Rules kept here:
- each rule is a boolean mask (True = excluded) of shape (requests, mentors) under a stable code;
- a pair is eligible when no rule excludes it; removed mentors (inactive rows) are never eligible
  and never reported;
- rules on pairs of people (past pairs, conflicts) use the mentee's member id, in either order
  for conflicts; forbidden pairs use the request id; a mentee is never their own mentor;
- switchable rules follow ``HardConstraints``; pins are not constraints (the cohort honours them);
- with ``pairs=True`` the masks are of listed pairs, not of a grid: request ``i`` against mentor
  row ``cols[i]`` only, shape (B, 1), by the same code (the cohort checks its result this way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

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


def _take(index: MentorIndex, name: str, cols: Col | None, pairs: bool = False) -> Array:
    """A mentor feature as a row (1, columns), or as a column (B, 1) for ``pairs``."""
    array: Array = getattr(index, name)
    if pairs:
        assert cols is not None, "pairs need their mentor rows"
        column: Array = array[cols][:, None]
        return column
    return (array[: index.n] if cols is None else array[cols])[None, :]


def _shape(
    index: MentorIndex, block: RequestBlock, cols: Col | None, pairs: bool
) -> tuple[int, int]:
    return (len(block), 1 if pairs else index.n if cols is None else len(cols))


def exclusion_masks(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    cols: Col | None = None,
    pairs: bool = False,
) -> dict[str, Mask]:
    """Every rule's mask, shape (B, columns), or (B, 1) with ``pairs`` (request i against
    mentor row ``cols[i]``); only switched-on rules appear."""
    rules = settings.constraints
    shape = _shape(index, block, cols, pairs)

    def take(name: str) -> Array:
        return _take(index, name, cols, pairs)

    if pairs:
        rows = np.asarray(cols)[:, None]
    else:
        rows = np.arange(index.n, dtype=np.int32)[None, :] if cols is None else cols[None, :]
    out: dict[str, Mask] = {"same_person": np.broadcast_to(rows == block.self_row, shape)}
    if rules.exclude_paused:
        out["paused"] = np.broadcast_to(take("paused"), shape)
    if rules.require_capacity:
        out["no_capacity"] = np.broadcast_to(take("capacity") <= 0, shape)
    out.update(pair_masks(index, block, settings, cols, pairs))
    if rules.require_shared_language:
        out["no_shared_language"] = (take("languages_mask") & block.languages_mask) == 0
    if rules.exclude_same_employer:
        same = take("employer") == block.employer
        out["same_employer"] = same & (block.employer >= 0)
    if rules.enforce_seniority:
        out.update(_seniority(take, block, settings))
    if rules.require_common_format:
        out["no_common_format"] = (take("format") & block.format) == 0
    if rules.require_common_theme:
        themes = take("themes_mask") & block.themes_mask
        out["no_common_theme"] = (themes == 0) & (block.theme_count > 0)
    return out


def _seniority(
    take: Callable[[str], Array], block: RequestBlock, settings: ProgrammeSettings
) -> dict[str, Mask]:
    rules = settings.seniority
    gap = take("years") - block.years
    classic = (block.style == 0) & (gap < rules.classic_min_gap)
    peer = (block.style == 1) & (np.abs(gap) > rules.peer_max_gap)
    reverse = (block.style == 2) & (gap > -rules.reverse_min_gap)
    out = {"seniority": classic | peer | reverse}
    if rules.peer_requires_sector:
        # a mentor who gave no sector is not known to be in another one: their text decides
        mentor_sector = take("sector")
        other_sector = (mentor_sector != block.sector) & (mentor_sector >= 0)
        out["no_sector_expertise"] = (block.style == 1) & (block.sector >= 0) & other_sector
    return out


def pair_masks(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    cols: Col | None,
    pairs: bool = False,
) -> dict[str, Mask]:
    """Past pairs, conflicts and forbidden pairs, set cell by cell from the listed ids."""
    if not (settings.past_pairs or settings.conflicts or settings.forbidden):
        return {}
    shape = _shape(index, block, cols, pairs)
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
    out: dict[str, Mask] = {}
    for code, lookup, key in (
        ("past_pair", by_member["past_pair"], "member_id"),
        ("conflict", by_member["conflict"], "member_id"),
        ("forbidden", forbidden, "id"),
    ):
        if lookup:
            out[code] = _listed(index, block, cols, pairs, shape, lookup, key)
    return out


def _listed(
    index: MentorIndex,
    block: RequestBlock,
    cols: Col | None,
    pairs: bool,
    shape: tuple[int, int],
    lookup: defaultdict[MemberId, set[MemberId]],
    key: str,
) -> Mask:
    """True where the request's ``key`` lists the mentor in ``lookup``."""
    mask = np.zeros(shape, dtype=bool)
    if pairs:
        assert cols is not None
        for i, (request, row) in enumerate(zip(block.requests, cols.tolist(), strict=True)):
            mask[i, 0] = index.ids[row] in lookup.get(getattr(request, key), ())
        return mask
    column_of = None if cols is None else {int(r): c for c, r in enumerate(cols.tolist())}
    for i, request in enumerate(block.requests):
        for mentor_id in lookup.get(getattr(request, key), ()):
            row = index.position.get(mentor_id)
            if row is None:
                continue
            column = row if column_of is None else column_of.get(row)
            if column is not None:
                mask[i, column] = True
    return mask


def eligible(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    cols: Col | None = None,
    pairs: bool = False,
) -> Mask:
    """True where no rule excludes the pair and the mentor is active."""
    shape = _shape(index, block, cols, pairs)
    result = np.broadcast_to(_take(index, "active", cols, pairs), shape).copy()
    for mask in exclusion_masks(index, block, settings, cols, pairs).values():
        result &= ~mask
    return result


def codes_for(masks: dict[str, Mask], i: int, column: int) -> tuple[str, ...]:
    """The exclusion codes of one cell, in the fixed order of ``EXCLUSION_CODES``."""
    return tuple(code for code in EXCLUSION_CODES if code in masks and bool(masks[code][i, column]))
