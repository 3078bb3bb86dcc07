"""The shortlist of one request: the top k eligible mentors, diverse, each with reasons.

Rules kept here:
- only eligible mentors are proposed (no hard constraint excludes them, they are active);
- the k proposals are chosen by maximal marginal relevance among the best ``POOL`` eligible
  mentors: each pick maximises ``(1 - diversity) * relevance - diversity * resemblance`` to the
  mentors already picked, so five near-identical profiles are not proposed together;
- ties are broken by index row (insertion order), so the same input gives the same output;
- the best-scoring excluded mentors come back with every rule that excluded them (why-not), and
  the count of mentors excluded by each rule.
"""

from __future__ import annotations

import numpy as np

from binome_engine.constraints import EXCLUSION_CODES, codes_for, eligible, exclusion_masks
from binome_engine.index import MentorIndex
from binome_engine.model import (
    Exclusion,
    MemberId,
    MenteeRequest,
    ProgrammeSettings,
    Proposal,
    Shortlist,
    WhyNot,
)
from binome_engine.reasons import build_reasons, score_of
from binome_engine.scoring import (
    Array,
    RequestBlock,
    encode,
    meeting_fit,
    milli_points,
    total_points,
)
from binome_engine.validation import validate_query

POOL = 50


def shortlist(
    index: MentorIndex,
    request: MenteeRequest,
    settings: ProgrammeSettings | None = None,
    *,
    k: int = 5,
    excluded: int = 5,
) -> Shortlist:
    """The top ``k`` mentors for ``request`` with reasons, and the best ``excluded`` left out."""
    settings = settings or ProgrammeSettings()
    validate_query(request, settings, k, excluded)
    block = encode(index, [request])
    totals = total_points(index, block, settings)[0]
    masks = _with_meeting_rule(index, block, settings, exclusion_masks(index, block, settings))
    ok = _eligible(index, masks)
    rows = np.flatnonzero(ok)
    pool = _best(rows, totals, POOL)
    picks = _mmr(index, pool, totals[pool], k, settings.diversity)
    proposals = _proposals(index, block, picks, settings)
    return Shortlist(
        request_id=request.id,
        proposals=proposals,
        excluded=_exclusions(index, block, masks, ok, totals, excluded),
        exclusion_counts=_counts(index, masks),
        eligible_count=len(rows),
    )


def _with_meeting_rule(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    masks: dict[str, Array],
    cols: Array | None = None,
) -> dict[str, Array]:
    """``masks`` with the meeting rule when the programme requires a common format: a format
    both can use (a remote one in common, or in person in the same city), else
    ``no_common_format`` excludes the mentor. Off, such a mentor scores no format points and
    its reasons carry the warning ``no_common_format``."""
    if not settings.constraints.require_common_format:
        return masks
    formats = (index.format[: index.n] if cols is None else index.format[cols])[None, :]
    cities = (index.city[: index.n] if cols is None else index.city[cols])[None, :]
    cannot_meet = meeting_fit(formats, cities, block) == 0
    if "no_common_format" in masks:
        cannot_meet = cannot_meet | masks["no_common_format"]
    return {**masks, "no_common_format": cannot_meet}


def _eligible(index: MentorIndex, masks: dict[str, Array]) -> Array:
    """Active mentors no rule of ``masks`` excludes (``constraints.eligible`` from masks
    already computed, plus the meeting rule's)."""
    ok: Array = index.active[: index.n].copy()
    for mask in masks.values():
        ok &= ~mask[0]
    return ok


def _best(rows: Array, totals: Array, count: int) -> Array:
    """The ``count`` best rows by score, best first, ties by row."""
    if count <= 0:
        return rows[:0]
    if len(rows) > count:
        kth = np.partition(totals[rows], len(rows) - count)[len(rows) - count]
        rows = rows[totals[rows] >= kth]
    order = np.lexsort((rows, -totals[rows].astype(np.int64)))
    return rows[order][:count]


def resemblance(index: MentorIndex, rows: Array) -> Array:
    """How alike mentors are to each other, in [0, 1]: text cosine and same employer.

    Sector and function codes are left out: the mentors a request wants usually share them
    (five people of the mentee's target world is the point); five from one organisation, or
    five profiles saying the same words, is what diversity should avoid."""
    vectors = index.text_rows(rows)
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    vectors = vectors.multiply(1 / np.maximum(norms, 1e-9)[:, None]).tocsr()
    cosine = (vectors @ vectors.T).toarray()

    def same(name: str) -> Array:
        values: Array = getattr(index, name)[rows]
        equal: Array = (values[:, None] == values[None, :]) & (values[:, None] >= 0)
        return equal.astype(np.float64)

    cosine_part: Array = 0.6 * cosine
    return cosine_part + 0.4 * same("employer")


def _mmr(
    index: MentorIndex,
    pool: Array,
    scores: Array,
    k: int,
    diversity: float,
) -> list[int]:
    if len(pool) == 0 or k <= 0:
        return []
    relevance = scores / max(int(scores.max()), 1)
    alike = resemblance(index, pool) if diversity > 0 else np.zeros((len(pool), len(pool)))
    chosen: list[int] = []
    closest = np.zeros(len(pool))
    available = np.ones(len(pool), dtype=bool)
    for _ in range(min(k, len(pool))):
        value = (1 - diversity) * relevance - diversity * closest
        value[~available] = -np.inf
        pick = int(np.argmax(value))  # first maximum: the better-ranked one on ties
        chosen.append(pick)
        available[pick] = False
        closest = np.maximum(closest, alike[pick])
    return [int(pool[c]) for c in chosen]


def _proposals(
    index: MentorIndex, block: RequestBlock, rows: list[int], settings: ProgrammeSettings
) -> tuple[Proposal, ...]:
    if not rows:
        return ()
    cols = np.array(rows, dtype=np.int32)
    points = milli_points(index, block, settings, cols)
    out = []
    for rank, (column, row) in enumerate(enumerate(rows), start=1):
        reasons = build_reasons(index, block, 0, row, column, points, settings)
        out.append(Proposal(block.requests[0].id, index.ids[row], score_of(reasons), rank, reasons))
    return tuple(out)


def _exclusions(
    index: MentorIndex,
    block: RequestBlock,
    masks: dict[str, Array],
    ok: Array,
    totals: Array,
    count: int,
) -> tuple[Exclusion, ...]:
    left_out = np.flatnonzero(~ok & index.active[: index.n])
    best = _best(left_out, totals, count)
    return tuple(
        Exclusion(
            request_id=block.requests[0].id,
            mentor_id=index.ids[row],
            codes=codes_for(masks, 0, row),
            evidence=_exclusion_evidence(index, row),
            score_if_allowed=int(totals[row]) / 1000,
        )
        for row in best.tolist()
    )


def _exclusion_evidence(
    index: MentorIndex, row: int
) -> tuple[tuple[str, str | int | float | tuple[str, ...]], ...]:
    mentor = index.profiles[row]
    return (
        ("languages", tuple(mentor.languages)),
        ("places_left", mentor.capacity),
        ("years_experience", mentor.years_experience),
    )


def _counts(index: MentorIndex, masks: dict[str, Array]) -> dict[str, int]:
    active = index.active[: index.n]
    return {
        code: int(np.count_nonzero(masks[code][0] & active))
        for code in EXCLUSION_CODES
        if code in masks and np.any(masks[code][0] & active)
    }


def why_not(
    index: MentorIndex,
    request: MenteeRequest,
    mentor_id: MemberId,
    settings: ProgrammeSettings | None = None,
) -> WhyNot:
    """Why ``mentor_id`` is not (or is) proposed: exclusion codes, or rank among the eligible."""
    settings = settings or ProgrammeSettings()
    validate_query(request, settings)
    row = index.position.get(mentor_id)
    if row is None:
        return WhyNot(request.id, mentor_id, ("unknown_mentor",), 0.0, None, ())
    block = encode(index, [request])
    cols = np.array([row], dtype=np.int32)
    masks = _with_meeting_rule(
        index, block, settings, exclusion_masks(index, block, settings, cols), cols
    )
    points = milli_points(index, block, settings, cols)
    reasons = build_reasons(index, block, 0, row, 0, points, settings)
    codes = codes_for(masks, 0, 0)
    if codes:
        return WhyNot(request.id, mentor_id, codes, score_of(reasons), None, reasons)
    totals = total_points(index, block, settings)[0]
    ok = eligible(index, block, settings)[0]
    masks = _with_meeting_rule(index, block, settings, {})
    if "no_common_format" in masks:
        ok &= ~masks["no_common_format"][0]
    better = (totals > totals[row]) | ((totals == totals[row]) & (np.arange(index.n) < row))
    rank = int(np.count_nonzero(ok & better)) + 1
    return WhyNot(request.id, mentor_id, (), score_of(reasons), rank, reasons)
