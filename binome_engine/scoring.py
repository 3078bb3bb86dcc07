"""Scores of requests against mentors, criterion by criterion, in integer milli-points.

Rules kept here:
- a score is the sum of the criteria's points; each criterion earns at most its weight;
- points are computed in integer milli-points (``round(weight * fit * 1000)``) so that the
  reasons of a proposal add up to its score exactly and the cohort solver works on integers;
- one code path scores a block of requests (rows) against all or some mentors (columns) by
  numpy broadcasting: the shortlist (one request) and the cohort (thousands) agree to the point;
- the request side is encoded in the index's vocabularies: a value no mentor has matches nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from binome_engine import kernel
from binome_engine.index import MentorIndex, employer_key, format_mask, place_key
from binome_engine.model import MenteeRequest, ProgrammeSettings, SeniorityRules, Style
from binome_engine.query import query_rows
from binome_engine.text import analyse

CRITERIA = (
    "text",
    "sector",
    "function",
    "themes",
    "experience",
    "language",
    "skills",
    "format",
    "proximity",
    "capacity",
    "responsiveness",
)
REASON_CODES = {
    "text": "text_overlap",
    "sector": "same_sector",
    "function": "same_function",
    "themes": "shared_themes",
    "experience": "experience_gap",
    "language": "shared_language",
    "skills": "shared_skills",
    "format": "common_format",
    "proximity": "proximity",
    "capacity": "free_capacity",
    "responsiveness": "responsiveness",
}
STYLE_CODES = {Style.CLASSIC: 0, Style.PEER: 1, Style.REVERSE: 2}

# numpy's element types are checked at run time by the tests; statically an array is an array
Array = npt.NDArray[Any]
Col = Array
Points = Array


def _column(values: Sequence[float | int], dtype: type) -> Array:
    return np.array(values, dtype=dtype).reshape(-1, 1)


@dataclass(frozen=True)
class RequestBlock:
    """Requests encoded against one index; every array has shape (B, 1) for broadcasting."""

    requests: tuple[MenteeRequest, ...]
    sector: Col
    function: Col
    country: Col  # the country the mentee wants to work in (target, else current)
    country_named: Col  # whether the mentee named it (a target country on the form)
    city: Col  # the city where the mentee can meet (target, else current); -1 when not given
    employer: Col
    years: Col
    style: Col
    format: Col
    utc_offset: Array
    languages_mask: Array
    first_language_mask: Array
    themes_mask: Array
    theme_count: Array
    skill_count: Array
    self_row: Col  # the mentee's own row in the index, or -1
    query: sp.csr_matrix  # (B x vocabulary) idf weights of the request's words
    query_norm: Array
    skills: sp.csr_matrix  # (B x skill vocabulary) 1 for each skill token
    surface: tuple[dict[str, str], ...]

    def __len__(self) -> int:
        return len(self.requests)


def encode(index: MentorIndex, requests: Sequence[MenteeRequest]) -> RequestBlock:
    """Encode ``requests`` in ``index``'s vocabularies (words unknown to mentors weigh 0)."""
    from binome_engine.text import tokens_of

    idf = index.idf()
    analysed = [analyse(r.text) for r in requests]
    query, norms = query_rows(index, requests, analysed, idf)
    wanted = [set().union(*map(tokens_of, r.skills)) for r in requests]
    skill_codes = index.skill_tokens.codes  # a skill no mentor has matches nothing
    skill_rows = [list(map(skill_codes.__getitem__, skill_codes.keys() & w)) for w in wanted]
    skills, _n = _weighted_rows(skill_rows, None, len(skill_codes))
    return RequestBlock(
        requests=tuple(requests),
        sector=_column([index.sectors.get(r.wanted_sector) for r in requests], np.int32),
        function=_column([index.functions.get(r.wanted_function) for r in requests], np.int32),
        country=_column(
            [index.countries.get(place_key(r.wanted_country)) for r in requests], np.int32
        ),
        country_named=_column([bool(r.target_country) for r in requests], np.bool_),
        city=_column(
            [index.cities.get(place_key(r.wanted_city)) if r.wanted_city else -1 for r in requests],
            np.int32,
        ),
        employer=_column(
            [index.employers.get(employer_key(r.employer)) for r in requests], np.int32
        ),
        years=_column([r.years_experience for r in requests], np.int32),
        style=_column([STYLE_CODES[Style(r.style)] for r in requests], np.int32),
        format=_column([format_mask(r.formats) for r in requests], np.int32),
        utc_offset=_column([r.utc_offset for r in requests], np.float32),
        languages_mask=_column(
            [index.languages.mask(r.languages, False) for r in requests], np.uint64
        ),
        first_language_mask=_column(
            [index.languages.mask(r.languages[:1], False) for r in requests], np.uint64
        ),
        themes_mask=_column([index.themes.mask(r.themes, False) for r in requests], np.uint64),
        theme_count=_column([len(r.themes) for r in requests], np.float32),
        skill_count=_column([len(w) for w in wanted], np.float32),
        self_row=_column([index.position.get(r.member_id, -1) for r in requests], np.int32),
        query=query,
        query_norm=norms.reshape(-1, 1),
        skills=skills,
        surface=tuple(a.surface for a in analysed),
    )


NEAR = 0.2  # proximity for a mentor in another country at the same time zone
OTHER_CITY = 0.5  # proximity in the country but another city, for a mentee who wants to meet


ABROAD = 0.5  # share of the world's points (text, sector, function) for a mentor elsewhere


def world_share(country: Array, block: RequestBlock, settings: ProgrammeSettings) -> Array:
    """1, or ``ABROAD`` for a mentor who works in another country than the one the mentee
    named as where they want to work (both known; no target country on the form: 1).

    Knowing the world the mentee aims at is worth less from another market: such a mentor
    cannot open the doors, tell the local pay, hiring and networks, nor meet in person; for
    the mentee they are a partial match, like a mentor of a neighbouring world at home (the
    evaluation's rubric grades both 1 of 3). Without it, a mentor of the right world abroad
    whose codes were ticked beat a local one who left them empty. A programme that gives place
    no weight (``Weights.proximity`` 0) keeps the whole world's points.
    """
    if settings.weights.proximity == 0:
        return np.ones((1, 1), dtype=np.float32)
    named = block.country_named & (block.country >= 0)
    elsewhere = (country != block.country) & (country >= 0) & named
    share: Array = np.where(elsewhere, np.float32(ABROAD), np.float32(1))
    return share


IN_PERSON = 1  # the in-person bit of ``format_mask``
ALL_FORMATS_MASK = 7


def proximity_fit(country: Array, city: Array, utc: Array, block: RequestBlock) -> Array:
    """Where the mentor is against where the mentee wants to work, in [0, 1].

    In the target country: 1, or ``OTHER_CITY`` for a mentor in another city when the mentee
    asked to meet in person (formats narrowed to include it) and named a city; elsewhere, a
    little for a close time zone (``NEAR`` at most, for video calls).
    """
    hours = np.abs(utc.astype(np.float32) - block.utc_offset)
    near = np.clip(np.float32(1) - hours / np.float32(6), 0, 1) * np.float32(NEAR)
    same_country = (country == block.country) & (block.country >= 0)
    wants_to_meet = ((block.format & IN_PERSON) != 0) & (block.format != ALL_FORMATS_MASK)
    elsewhere = wants_to_meet & (city != block.city) & (city >= 0) & (block.city >= 0)
    here = np.where(elsewhere, np.float32(OTHER_CITY), np.float32(1))
    fit: Array = np.where(same_country, here, near).astype(np.float32)
    return fit


def meeting_fit(formats: Array, city: Array, block: RequestBlock) -> Array:
    """How well the pair can meet, in [0, 1]: 1 in person in the same city (or either city
    unknown) or remotely when the mentee did not ask to meet; 0.5 remotely only, when the
    mentee narrowed their formats to include meeting in person; 0 with no usable format."""
    common = formats.astype(np.int32) & block.format
    remote = (common & ~IN_PERSON) != 0
    meet = (city == block.city) | (city < 0) | (block.city == -1)
    in_person = ((common & IN_PERSON) != 0) & meet
    wants_to_meet = ((block.format & IN_PERSON) != 0) & (block.format != ALL_FORMATS_MASK)
    remote_fit = np.where(wants_to_meet, np.float32(0.5), np.float32(1))
    fit: Array = np.where(in_person, np.float32(1), remote * remote_fit).astype(np.float32)
    return fit


def _weighted_rows(
    rows: list[list[int]], weights: Array | None, width: int
) -> tuple[sp.csr_matrix, Array]:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.array([c for r in rows for c in sorted(r)], dtype=np.int32)
    data = (weights[indices] if weights is not None else np.ones(len(indices))).astype(np.float32)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(rows), max(width, 1)))
    norms = np.asarray(matrix.sum(axis=1), dtype=np.float32).ravel()
    return matrix, norms


DENSE_LIMIT = 1 << 26  # cells of a mentors' matrix held dense (256 MiB of float32) for speed


def _sparse_product(
    left: sp.csr_matrix, base: sp.csr_matrix, pending: sp.csr_matrix, n: int, cols: Col | None
) -> Array:
    """left (B x V) times the mentors' (V x n) matrix, split into built and pending rows.

    Built rows are multiplied as a dense matrix when it is small enough (sparse x dense is
    several times faster than sparse x sparse); the choice depends on the matrix only, so every
    query of an index adds the same terms in the same order.
    """
    width = base.shape[0]
    built_n = base.shape[1]
    cols = None if cols is None else np.asarray(cols).ravel()
    built = np.ones(0, dtype=bool) if cols is None else cols < built_n
    wanted = None if cols is None else cols[built]
    dense = _dense(base)
    if dense is not None:
        # each output cell adds the same terms in the same order either way; copying the
        # wanted columns only pays when they are fewer than the rows times all mentors;
        # np.take, not [:, wanted], which returns a column-major array (slow to add to rows)
        if wanted is None or dense.shape[0] * len(wanted) > left.shape[0] * built_n:
            product = np.asarray(left[:, :width] @ dense, dtype=np.float32)
            product = product if wanted is None else np.take(product, wanted, axis=1)
        else:
            product = np.asarray(left[:, :width] @ np.take(dense, wanted, axis=1), dtype=np.float32)
    elif wanted is None or len(wanted) * 4 >= built_n:
        product = (left[:, :width] @ base).toarray()
        product = product if wanted is None else np.take(product, wanted, axis=1)
    else:  # a few mentors: multiply their columns only
        product = (left[:, :width] @ _csc(base)[:, wanted]).toarray()
    if pending.shape[1] == 0 and (cols is None or built.all()):
        return np.ascontiguousarray(product, dtype=np.float32)  # fresh: callers write in it
    out = np.zeros((left.shape[0], n if cols is None else len(cols)), dtype=np.float32)
    if cols is None:
        out[:, :built_n] = product
    else:
        out[:, built] = product
    if pending.shape[1]:
        extra = (left[:, : pending.shape[0]] @ pending).toarray()
        if cols is None:
            out[:, built_n:] = extra
        elif not built.all():
            out[:, ~built] = extra[:, cols[~built] - built_n]
    return out


def _dense(matrix: sp.csr_matrix) -> Array | None:
    """A dense copy of a mentors' matrix (made once), or None when too large."""
    if matrix.shape[0] * matrix.shape[1] > DENSE_LIMIT:
        return None
    cached: Array | None = getattr(matrix, "_binome_dense", None)
    if cached is None:
        cached = matrix.toarray()
        matrix._binome_dense = cached
    return cached


def _csc(matrix: sp.csr_matrix) -> sp.csc_matrix:
    """A column-major copy of a mentors' matrix, made once per matrix (they are never mutated)."""
    cached: sp.csc_matrix | None = getattr(matrix, "_binome_csc", None)
    if cached is None:
        cached = matrix.tocsc()
        matrix._binome_csc = cached
    return cached


def _pad(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    if matrix.shape[1] >= width:
        return matrix
    return sp.csr_matrix(
        (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width)
    )


def _text_parts(
    index: MentorIndex, block: RequestBlock, cols: Col | None
) -> tuple[sp.csr_matrix | None, Array, Col | None]:
    """What ``kernel.total`` multiplies: (the query, the mentors' dense text, ``cols``) when
    that matrix is held dense with no pending rows, else (None, the text product, None)."""
    text_p, _skills_p = index.pending()
    dense = _dense(index.text_t) if text_p.shape[1] == 0 else None
    if dense is not None:
        query = _pad(block.query, dense.shape[0])[:, : dense.shape[0]]
        return query.tocsr(), dense, None if cols is None else np.asarray(cols).ravel()
    query = _pad(block.query, max(index.text_t.shape[0], text_p.shape[0]))
    return None, _sparse_product(query, index.text_t, text_p, index.n, cols), None


def similarity(index: MentorIndex, block: RequestBlock, cols: Col | None = None) -> Array:
    """BM25 similarity: idf-weighted share of the request's words found in each mentor's text."""
    text_p, _skills_p = index.pending()
    query = _pad(block.query, max(index.text_t.shape[0], text_p.shape[0]))
    raw = _sparse_product(query, index.text_t, text_p, index.n, cols)
    raw /= np.maximum(block.query_norm, np.float32(1e-9))  # in place: the same numbers
    return raw


def shared_skills(index: MentorIndex, block: RequestBlock, cols: Col | None = None) -> Array:
    _text_p, skills_p = index.pending()
    skills = _pad(block.skills, max(index.skills_t.shape[0], skills_p.shape[0]))
    return _sparse_product(skills, index.skills_t, skills_p, index.n, cols)


def _take(array: Array, cols: Col | None, n: int) -> Array:
    return array[:n] if cols is None else array[cols]


def popcount(masks: Array) -> Array:
    return np.bitwise_count(masks)


def fits(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings, cols: Col | None = None
) -> dict[str, Array]:
    """Each criterion's fit in [0, 1]: booleans for yes/no criteria, floats otherwise.

    Shapes broadcast to (B, columns); criteria of the mentor alone have shape (1, columns).
    """
    n = index.n

    def m(name: str) -> Array:
        return _take(getattr(index, name), cols, n)[None, :]

    sat = np.float32(max(settings.text_saturation, 1e-6))
    out: dict[str, Array] = {}
    here = world_share(m("country"), block, settings)
    out["text"] = np.minimum(similarity(index, block, cols) / sat, np.float32(1)) * here
    out["sector"] = ((m("sector") == block.sector) & (block.sector >= 0)) * here
    out["function"] = ((m("function") == block.function) & (block.function >= 0)) * here
    shared = popcount(m("themes_mask") & block.themes_mask).astype(np.float32)
    out["themes"] = shared / np.maximum(block.theme_count, np.float32(1))
    gap = np.clip(m("years") - block.years, -GAP_RANGE, GAP_RANGE) + GAP_RANGE
    out["experience"] = _experience_table(settings.seniority)[block.style, gap]
    speaks_first = (m("languages_mask") & block.first_language_mask) != 0
    speaks_any = (m("languages_mask") & block.languages_mask) != 0
    out["language"] = (speaks_first.astype(np.float32) + speaks_any.astype(np.float32)) / 2
    if block.skills.nnz:
        skills = shared_skills(index, block, cols)
        out["skills"] = np.minimum(skills / np.maximum(block.skill_count, 1), np.float32(1))
    else:
        out["skills"] = np.zeros((1, 1), dtype=np.float32)
    out["format"] = meeting_fit(m("format"), m("city"), block)
    out["proximity"] = proximity_fit(m("country"), m("city"), m("utc_offset"), block)
    out["capacity"] = np.clip(m("capacity").astype(np.float32), 0, 3) / np.float32(3)
    out["responsiveness"] = m("responsiveness")
    return out


def experience_fit(gap: Array, style: Col, settings: ProgrammeSettings) -> Array:
    """How well a gap (mentor years - mentee years) suits the style, in [0, 1].

    classic: full from the minimum gap to 15 years beyond it, fading over 3 years below and 15
    above (a far older mentor relates less); peer: full within 2 years, gone past the maximum
    gap; reverse: the younger the mentor, up to 2 years beyond the minimum.
    """
    rules = settings.seniority
    g = gap.astype(np.float32)
    low = np.clip((g - (rules.classic_min_gap - 3)) / 3, 0, 1)
    high = np.clip(1 - (g - (rules.classic_min_gap + 15)) / 15, 0, 1)
    classic = low * high
    span = max(rules.peer_max_gap - 1, 1)
    peer = np.clip((rules.peer_max_gap + 1 - np.abs(g)) / span, 0, 1)
    reverse = np.clip(-g / (rules.reverse_min_gap + 2), 0, 1)
    fit = np.where(style == 0, classic, np.where(style == 1, peer, reverse))
    return np.asarray(fit, dtype=np.float32)


GAP_RANGE = 100  # every fit is constant beyond +-100 years


@lru_cache(maxsize=32)
def _experience_table(rules: SeniorityRules) -> Array:
    """experience_fit for every (style, gap), so that scoring is one lookup per pair."""
    gaps = np.arange(-GAP_RANGE, GAP_RANGE + 1)[None, :]
    styles = np.arange(3)[:, None]
    return experience_fit(gaps, styles, ProgrammeSettings(seniority=rules))


def milli_points(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings, cols: Col | None = None
) -> dict[str, Points]:
    """Each criterion's points in integer milli-points, shape (B, columns) (maybe a view)."""
    weights = settings.weights.as_dict()
    shape = (len(block), index.n if cols is None else len(cols))
    out: dict[str, Points] = {}
    for name, fit in fits(index, block, settings, cols).items():
        milli = round(weights[name] * 1000)
        if fit.dtype == np.bool_:
            points = fit * np.int32(milli)
        else:
            points = np.rint(fit * np.float32(milli)).astype(np.int32)
        out[name] = np.broadcast_to(points, shape)
    return out


# two gathers become one when their value combinations are this many times fewer than columns:
# a gather in the compiled loop costs about a nanosecond a pair, a table cell ten or more (4
# before the loop was compiled; 16 took L's scan from 19.7 to 16.4 s)
MERGE_FACTOR = 16
EXCLUDED = -(1 << 26)  # added once per broken rule: up to 31 rules stay within int32


def total_points(
    index: MentorIndex,
    block: RequestBlock,
    settings: ProgrammeSettings,
    cols: Col | None = None,
    hard: bool = False,
    floor: int | None = None,
) -> Points:
    """The sum of ``milli_points`` (the same integers), computed faster for large blocks.

    Categorical criteria take few distinct values on the mentors' side: each is computed once
    per (request, distinct mentor value) with the formulas of ``fits`` and gathered, instead of
    once per pair; the text, skills and mentor-only criteria are as in ``fits``.

    With ``hard``, each hard rule of ``constraints.py`` that excludes a pair adds ``EXCLUDED``
    to its total, in the same gathered tables (the cohort's scans score and filter in one
    pass); rules on listed pairs (past pairs, conflicts, forbidden) are left to the caller.
    Only for large blocks and rules whose gaps fit the tables (see ``fusable``). With a
    ``floor`` too, every total under it is -1 (broken rules included): the scans' weights.
    """
    assert hard or floor is None, "a floor comes with the hard rules"
    n = index.n
    b = len(block)
    if b * (n if cols is None else len(cols)) < 4096:  # small: the plain sum is as fast
        assert not hard, "hard rules are fused for large blocks only"
        return _plain_total(index, block, settings, cols)
    rules = settings.constraints
    seniority = settings.seniority
    milli = {name: round(value * 1000) for name, value in settings.weights.as_dict().items()}

    def m(name: str) -> Array:
        return _take(getattr(index, name), cols, n)

    def points(fit: Array, name: str) -> Array:
        if fit.dtype == np.bool_:
            return fit * np.int32(milli[name])
        return np.rint(fit * np.float32(milli[name])).astype(np.int32)

    width = n if cols is None else len(cols)

    # each criterion's table (B, distinct mentor values) with each mentor's column in it: the
    # compiled loop (``kernel.total``) gathers them all, with the text, in one pass
    parts: list[tuple[Array, Array]] = []

    def gather(names: tuple[str, ...], table: Callable[..., Array]) -> None:
        """table(*distinct mentor values as (1, U) rows) -> (B, U) points, gathered per pair."""
        distinct, inverse = _distinct(index, names, cols)
        parts.append((table(*distinct), inverse))

    def gather_both(
        a: tuple[str, ...],
        table_a: Callable[..., Array],
        b: tuple[str, ...],
        table_b: Callable[..., Array],
    ) -> None:
        """gather(a) and gather(b): one table of both tables' sum over the distinct value
        combinations of a and b, when those are few (gathering per pair is the dear part)."""
        distinct, inverse = _distinct(index, a + b, cols)
        if distinct[0].shape[1] * MERGE_FACTOR > width:
            gather(a, table_a)
            gather(b, table_b)
            return
        parts.append((table_a(*distinct[: len(a)]) + table_b(*distinct[len(a) :]), inverse))

    # some mentee named a target country: a mentor elsewhere keeps a share of the world's points
    abroad = bool(block.country_named.any()) and bool(settings.weights.proximity)

    def excluded(mask: Array) -> Array:
        return mask * np.int32(EXCLUDED)

    def sector_function(sector: Array, function: Array, country: Array | None = None) -> Array:
        here = np.float32(1) if country is None else world_share(country, block, settings)
        same_s = ((sector == block.sector) & (block.sector >= 0)) * here
        same_f = ((function == block.function) & (block.function >= 0)) * here
        out = points(same_s, "sector") + points(same_f, "function")
        if hard and rules.enforce_seniority and seniority.peer_requires_sector:
            elsewhere = (sector != block.sector) & (sector >= 0)  # no sector given: not excluded
            out += excluded((block.style == 1) & (block.sector >= 0) & elsewhere)
        return out

    if abroad:
        gather(("sector", "function", "country"), sector_function)
    else:  # every mentor keeps the world's whole points: fewer distinct values to score
        gather(("sector", "function"), sector_function)

    def themes(mask: Array) -> Array:
        shared = popcount(mask & block.themes_mask)
        out = points(shared.astype(np.float32) / np.maximum(block.theme_count, 1), "themes")
        if hard and rules.require_common_theme:
            out += excluded((shared == 0) & (block.theme_count > 0))
        return out

    table = _experience_table(settings.seniority)

    def experience(years: Array) -> Array:
        gap = np.clip(years - block.years, -GAP_RANGE, GAP_RANGE) + GAP_RANGE
        out = points(table[block.style, gap], "experience")
        if hard and rules.enforce_seniority:
            out += excluded(_seniority_table(seniority)[block.style, gap])
        return out

    def language_format(languages: Array, formats: Array, city: Array) -> Array:
        languages = languages.astype(np.uint64)
        first = ((languages & block.first_language_mask) != 0).astype(np.float32)
        any_ = ((languages & block.languages_mask) != 0).astype(np.float32)
        common = meeting_fit(formats, city, block)
        out = points((first + any_) / 2, "language") + points(common, "format")
        if hard and rules.require_shared_language:
            out += excluded(any_ == 0)
        if hard and rules.require_common_format:
            out += excluded((formats.astype(np.int32) & block.format) == 0)
        return out

    def proximity(country: Array, city: Array, utc: Array) -> Array:
        return points(proximity_fit(country, city, utc, block), "proximity")

    gather_both(("themes_mask",), themes, ("country", "city", "utc_offset"), proximity)
    gather_both(("years",), experience, ("languages_mask", "format", "city"), language_format)
    own = points(np.clip(m("capacity").astype(np.float32), 0, 3) / np.float32(3), "capacity")
    own += points(m("responsiveness"), "responsiveness")
    if hard:
        out_of_play = ~m("active")
        if rules.exclude_paused:
            out_of_play |= m("paused")
        if rules.require_capacity:
            out_of_play |= m("capacity") <= 0
        own += excluded(out_of_play)
    query, text, text_cols = _text_parts(index, block, cols)
    # the text's points as ``kernel.reference`` computes them: the similarity over the query
    # norm and the saturation, at most 1, the world's share abroad, in milli-points
    named = np.where(block.country_named & (block.country >= 0), block.country, -1)
    total = kernel.total(
        kernel.Parts(
            query=query,
            text=text,
            cols=text_cols,
            norm=np.maximum(block.query_norm, np.float32(1e-9)),
            sat=max(settings.text_saturation, 1e-6),
            milli_text=milli["text"],
            share=ABROAD,
            named=named if abroad else np.full(b, -1),
            country=m("country"),
            tables=[t for t, _i in parts],
            inverses=[i for _t, i in parts],
            own=own,
            floor=None if block.skills.nnz else floor,  # the skills' points come after
        )
    )
    if hard:
        floored = floor is not None and not block.skills.nnz
        _exclude_rows(index, block, cols, total, rules.exclude_same_employer, floored)
    if block.skills.nnz:
        skills = shared_skills(index, block, cols)
        total += points(
            np.minimum(skills / np.maximum(block.skill_count, 1), np.float32(1)), "skills"
        )
        if floor is not None:
            total[total < floor] = -1
    return total


def fusable(settings: ProgrammeSettings) -> bool:
    """Whether ``total_points(hard=True)`` holds these rules: their gaps fit its tables."""
    rules = settings.seniority
    gaps = (rules.classic_min_gap, rules.peer_max_gap, rules.reverse_min_gap)
    return all(abs(g) < GAP_RANGE for g in gaps)


@lru_cache(maxsize=32)
def _seniority_table(rules: SeniorityRules) -> Array:
    """Whether the seniority rule excludes each (style, clipped gap), as in ``constraints``."""
    gap = np.arange(-GAP_RANGE, GAP_RANGE + 1)[None, :]
    style = np.arange(3)[:, None]
    classic = (style == 0) & (gap < rules.classic_min_gap)
    peer = (style == 1) & (np.abs(gap) > rules.peer_max_gap)
    reverse = (style == 2) & (gap > -rules.reverse_min_gap)
    table: Array = classic | peer | reverse
    return table


def _exclude_rows(
    index: MentorIndex,
    block: RequestBlock,
    cols: Col | None,
    total: Array,
    employer_rule: bool,
    floored: bool = False,
) -> None:
    """``EXCLUDED`` added where the mentor is the mentee, or works at the mentee's employer
    (-1 set instead in ``floored`` totals, where every excluded pair is -1).

    Both touch few mentors per request: they are found through the rows, not by comparing
    every pair.
    """
    n = index.n
    column = np.arange(n) if cols is None else np.full(n, -1)
    if cols is not None:
        column[np.asarray(cols).ravel()] = np.arange(len(cols))
    own = block.self_row.ravel()
    who = np.flatnonzero(own >= 0)
    at = column[own[who]]
    _exclude(total, who[at >= 0], at[at >= 0], floored)
    if not employer_rule:
        return
    rows, keys = _by_employer(index)
    employer = block.employer.ravel()
    lo = np.searchsorted(keys, employer, "left")
    hi = np.searchsorted(keys, employer, "right")
    hi[employer < 0] = lo[employer < 0]
    count = hi - lo
    who = np.repeat(np.arange(len(employer)), count)
    starts = np.repeat(lo - np.cumsum(count) + count, count)
    at = column[rows[np.arange(int(count.sum())) + starts]]
    _exclude(total, who[at >= 0], at[at >= 0], floored)


def _exclude(total: Array, rows: Array, cols: Array, floored: bool) -> None:
    if floored:
        total[rows, cols] = -1
    else:
        total[rows, cols] += EXCLUDED  # a cell listed twice takes it once: both are excluded


def _by_employer(index: MentorIndex) -> tuple[Array, Array]:
    """Mentor rows sorted by employer code, and the codes in that order (kept per size)."""
    n = index.n
    cached = getattr(index, "_binome_by_employer", None)
    if cached is None or cached[0] != n:
        rows = np.argsort(index.employer[:n], kind="stable")
        cached = (n, rows, index.employer[:n][rows])
        index._binome_by_employer = cached  # type: ignore[attr-defined]
    return cached[1], cached[2]


def _distinct(
    index: MentorIndex, names: tuple[str, ...], cols: Col | None
) -> tuple[tuple[Array, ...], Array]:
    """The distinct value combinations of mentor fields (as (1, U) rows) and each mentor's.

    For all mentors the answer is kept on the index: rows are never rewritten, so it holds
    for as long as the number of rows is the same.
    """
    n = index.n
    if cols is not None and len(cols) >= 1024:  # many mentors: the answer for all, subset
        every, positions = _distinct(index, names, None)
        return every, positions[np.asarray(cols).ravel()]
    cache: dict[tuple[tuple[str, ...], int], tuple[tuple[Array, ...], Array]] | None = None
    if cols is None:
        cache = getattr(index, "_binome_distinct", None)
        if cache is None:
            cache = {}
            index._binome_distinct = cache  # type: ignore[attr-defined]
        found = cache.get((names, n))
        if found is not None:
            return found
    keys = [_take(getattr(index, name), cols, n) for name in names]
    codes = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        values, inverse = np.unique(key, return_inverse=True)
        codes = codes * len(values) + inverse.ravel()
    _u, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    answer = (tuple(key[first][None, :] for key in keys), inverse.ravel())
    if cache is not None:
        cache[(names, n)] = answer
    return answer


def _plain_total(
    index: MentorIndex, block: RequestBlock, settings: ProgrammeSettings, cols: Col | None = None
) -> Points:
    parts = milli_points(index, block, settings, cols)
    total = np.zeros(parts["sector"].shape, dtype=np.int32)
    for name in CRITERIA:
        total += parts[name]
    return total
