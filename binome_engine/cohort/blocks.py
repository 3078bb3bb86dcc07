"""Mentor blocks and per-(request, block) score bounds: most pairs are never scored one by one.

Rules kept here:
- mentors that can take a mentee (active, free capacity) are sorted by (sector, function,
  years of experience, themes) and cut into blocks of at most ``size`` mentors that share a
  sector and a function, so a block's years span is narrow;
- ``bounds`` gives, for every request and block, milli-points that no *eligible* pair of the
  request with a member can exceed, **without** the mentor's own points (capacity and
  responsiveness), which the callers add mentor by mentor:
  sector and function exact; experience the exact best over the block's years span (within
  the seniority rule of the request's style when it is enforced); themes, languages, formats,
  countries from the union of the members' values; proximity from the block's time zone span;
  text and skills from the best weight of each word among the members; float bounds are
  rounded up with a margin;
- a block none of whose members can be eligible (no shared language, seniority, peer sector,
  required format or theme) has the bound -1;
- bounds are computed once per cohort and kept as uint16 in units of 2 milli-points, rounded
  up (half the memory of int32: 100,000 requests x 1,300 blocks hold in 260 MB).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from binome_engine.cohort.candidates import take
from binome_engine.index import MentorIndex
from binome_engine.model import ProgrammeSettings, SeniorityRules
from binome_engine.scoring import GAP_RANGE, Array, RequestBlock, _experience_table, popcount

MARGIN = 2  # milli-points added to every rounded-up float bound
UNIT = 2  # milli-points per stored unit
REQUESTS_PER_PASS = 4_096


@dataclass(frozen=True)
class MentorBlocks:
    rows: Array  # usable mentor rows in block order
    starts: Array  # block b holds rows[starts[b] : starts[b + 1]]
    block_of: Array  # per mentor row: its block, or -1
    own: Array  # per mentor row: capacity + responsiveness milli-points
    sector: Array
    function: Array
    years_low: Array
    years_high: Array
    themes: Array  # union of the members' theme bits
    languages: Array
    formats: Array
    countries: Array  # bit (country code mod 64) of each member: a superset, enough to bound
    utc_low: Array
    utc_high: Array
    text: Array  # (blocks x vocabulary) best saturation of each word among the members
    skills: Array  # (blocks x skill vocabulary) 1 where a member has the skill token

    def __len__(self) -> int:
        return len(self.starts) - 1

    def members(self, b: int) -> Array:
        found: Array = self.rows[self.starts[b] : self.starts[b + 1]]
        return found


def own_points(index: MentorIndex, settings: ProgrammeSettings) -> Array:
    """Capacity and responsiveness milli-points of every mentor row, as ``total_points``."""
    n = index.n
    w = settings.weights.as_dict()
    cap = np.rint(
        np.clip(index.capacity[:n].astype(np.float32), 0, 3)
        / np.float32(3)
        * np.float32(round(w["capacity"] * 1000))
    ).astype(np.int64)
    resp = np.rint(index.responsiveness[:n] * np.float32(round(w["responsiveness"] * 1000)))
    own: Array = cap + resp.astype(np.int64)
    return own


def build_blocks(
    index: MentorIndex, capacity: Array, settings: ProgrammeSettings, size: int = 32
) -> MentorBlocks:
    n = index.n
    usable_mask = index.active[:n] & (capacity[:n] > 0)
    if settings.constraints.exclude_paused:
        usable_mask &= ~index.paused[:n]
    usable = np.flatnonzero(usable_mask)
    sector = index.sector[:n].astype(np.int64)
    function = index.function[:n].astype(np.int64)
    years = index.years[:n].astype(np.int64)
    themes = index.themes_mask[:n].astype(np.uint64)
    order = np.lexsort((usable, themes[usable], years[usable], function[usable], sector[usable]))
    rows = usable[order]
    key = sector[rows] * (int(function.max(initial=0)) + 3) + function[rows]
    group_starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(rows) else rows[:0]
    starts: list[int] = []
    bounds = [*group_starts.tolist(), len(rows)]
    for a, b in itertools.pairwise(bounds):
        pieces = -(-(b - a) // size)  # equal pieces, none larger than size
        starts.extend(int(a + (b - a) * p // pieces) for p in range(pieces))
    starts_arr = np.array([*starts, len(rows)], dtype=np.int64)
    n_blocks = len(starts_arr) - 1
    block_of = np.full(n, -1, dtype=np.int64)
    block_of[rows] = np.repeat(np.arange(n_blocks), np.diff(starts_arr))
    first = starts_arr[:-1]

    def reduce(values: Array, ufunc: np.ufunc) -> Array:
        if n_blocks == 0:
            return values[:0]
        out: Array = ufunc.reduceat(values[rows], first)
        return out

    country_bits = np.left_shift(
        np.uint64(1), (index.country[:n].astype(np.int64) % 64).astype(np.uint64)
    )
    text_p, skills_p = index.pending()
    return MentorBlocks(
        rows=rows,
        starts=starts_arr,
        block_of=block_of,
        own=own_points(index, settings),
        sector=sector[rows[first]] if n_blocks else sector[:0],
        function=function[rows[first]] if n_blocks else function[:0],
        years_low=reduce(years, np.minimum),
        years_high=reduce(years, np.maximum),
        themes=reduce(themes, np.bitwise_or),
        languages=reduce(index.languages_mask[:n].astype(np.uint64), np.bitwise_or),
        formats=reduce(index.format[:n].astype(np.uint64), np.bitwise_or),
        countries=reduce(country_bits, np.bitwise_or),
        utc_low=reduce(index.utc_offset[:n].astype(np.float64), np.minimum),
        utc_high=reduce(index.utc_offset[:n].astype(np.float64), np.maximum),
        text=_block_max(_mentor_major(index.text_t, text_p, n), block_of, n_blocks),
        skills=_block_max(_mentor_major(index.skills_t, skills_p, n), block_of, n_blocks),
    )


def _mentor_major(base: sp.csr_matrix, pending: sp.csr_matrix, n: int) -> sp.coo_matrix:
    """(n x vocabulary) copy of a (vocabulary x mentors) matrix and its pending columns."""
    width = max(base.shape[0], pending.shape[0])
    parts = [sp.csr_matrix((base.data, base.indices, base.indptr), shape=(width, base.shape[1]))]
    if pending.shape[1]:
        parts.append(
            sp.csr_matrix(
                (pending.data, pending.indices, pending.indptr), shape=(width, pending.shape[1])
            )
        )
    full = sp.hstack(parts, format="csr") if len(parts) > 1 else parts[0]
    coo: sp.coo_matrix = full.tocoo()
    mentor_major = sp.coo_matrix((coo.data, (coo.col, coo.row)), shape=(full.shape[1], width))
    return mentor_major


def _block_max(rows: sp.coo_matrix, block_of: Array, n_blocks: int) -> Array:
    b = block_of[rows.row]
    ok = b >= 0
    out = np.zeros((n_blocks, rows.shape[1]), dtype=np.float32)
    np.maximum.at(out, (b[ok], rows.col[ok]), rows.data[ok].astype(np.float32))
    return out


def _range_max_table(points: Array) -> list[Array]:
    """Sparse table over the last axis: level l holds the max of 2**l consecutive cells."""
    levels = [points]
    width = 1
    while 2 * width <= points.shape[-1]:
        prev = levels[-1]
        levels.append(np.maximum(prev[..., :-width], prev[..., width:]))
        width *= 2
    return levels


def _range_max(levels: list[Array], style: Array, low: Array, high: Array) -> Array:
    """max(points[style, low..high]) for each cell (low <= high, both within the table)."""
    length = high - low + 1
    level = np.floor(np.log2(np.maximum(length, 1))).astype(np.int64)
    out = np.zeros(low.shape, dtype=np.int64)
    for lv in np.unique(level):
        at = level == lv
        table = levels[int(lv)]
        s, lo, hi = style[at], low[at], high[at]
        out[at] = np.maximum(table[s, lo], table[s, hi - (1 << int(lv)) + 1])
    return out


def _experience(
    blocks: MentorBlocks, req: RequestBlock, settings: ProgrammeSettings, milli: int
) -> tuple[Array, Array]:
    """Best experience points over each block's years span, and where no gap is eligible."""
    rules = settings.seniority
    gap_low = blocks.years_low[None, :] - req.years.astype(np.int64)
    gap_high = blocks.years_high[None, :] - req.years.astype(np.int64)
    style = np.broadcast_to(req.style.astype(np.int64), gap_low.shape)
    if settings.constraints.enforce_seniority:
        big = 10 * GAP_RANGE
        allowed_low = np.select(
            [style == 0, style == 1], [rules.classic_min_gap, -rules.peer_max_gap], -big
        )
        allowed_high = np.select(
            [style == 0, style == 1], [big, rules.peer_max_gap], -rules.reverse_min_gap
        )
        gap_low = np.maximum(gap_low, allowed_low)
        gap_high = np.minimum(gap_high, allowed_high)
    empty = gap_low > gap_high
    low = np.clip(gap_low, -GAP_RANGE, GAP_RANGE) + GAP_RANGE
    high = np.clip(gap_high, -GAP_RANGE, GAP_RANGE) + GAP_RANGE
    high = np.maximum(high, low)
    return _range_max(_experience_levels(settings.seniority, milli), style, low, high), empty


@lru_cache(maxsize=32)
def _experience_levels(rules: SeniorityRules, milli: int) -> list[Array]:
    """The range-max table of the experience points of every (style, gap)."""
    table = np.rint(_experience_table(rules) * np.float32(milli)).astype(np.int64)
    return _range_max_table(table)


def _dense_product(left: sp.csr_matrix, right: Array) -> Array:
    """left (B x V, sparse) times right.T (V x G) as a dense float64 (B x G) array."""
    width = min(left.shape[1], right.shape[1])
    product: Array = np.asarray(
        left[:, :width] @ right[:, :width].T.astype(np.float64), dtype=np.float64
    )
    return product


EXCLUDED = -(10**7)  # added to a bound where no member can be eligible


def bounds(blocks: MentorBlocks, req: RequestBlock, settings: ProgrammeSettings) -> Array:
    """(requests x blocks) int64 milli-points bounding every eligible pair (own points aside).

    Each categorical criterion depends on a few request fields only: it is computed once per
    distinct value of those fields (a few dozen among thousands of requests) and gathered.
    """
    w = {name: round(value * 1000) for name, value in settings.weights.as_dict().items()}
    rules = settings.constraints

    def up(fit: Array, milli: int) -> Array:
        points: Array = np.ceil(np.minimum(fit, 1.0) * milli).astype(np.int32) + MARGIN
        return points

    sat = max(settings.text_saturation, 1e-6)
    raw = _dense_product(req.query, blocks.text)
    norm = np.maximum(req.query_norm.astype(np.float64), 1e-9)
    total = up(raw / norm / sat * (1 + 1e-5) + 1e-6, w["text"])
    if req.skills.nnz:
        skills = _dense_product(req.skills, blocks.skills)
        total += up(skills / np.maximum(req.skill_count, 1) + 1e-6, w["skills"])

    def sector_function(sub: RequestBlock) -> Array:
        same_sector = (blocks.sector[None, :] == sub.sector) & (sub.sector >= 0)
        same_function = (blocks.function[None, :] == sub.function) & (sub.function >= 0)
        points: Array = (w["sector"] * same_sector + w["function"] * same_function).astype(np.int32)
        if rules.enforce_seniority and settings.seniority.peer_requires_sector:
            elsewhere = ~same_sector & (blocks.sector[None, :] >= 0)  # no sector given: eligible
            points[((sub.style == 1) & (sub.sector >= 0) & elsewhere)] = EXCLUDED
        return points

    def themes(sub: RequestBlock) -> Array:
        shared_themes = blocks.themes[None, :] & sub.themes_mask
        shared = popcount(shared_themes).astype(np.float64)
        points = up(shared / np.maximum(sub.theme_count, 1), w["themes"])
        if rules.require_common_theme:
            points[(shared_themes == 0) & (sub.theme_count > 0)] = EXCLUDED
        return points

    def experience(sub: RequestBlock) -> Array:
        points, excluded = _experience(blocks, sub, settings, w["experience"])
        points = points.astype(np.int32)
        points[excluded] = EXCLUDED
        return points

    def language_format(sub: RequestBlock) -> Array:
        first = (blocks.languages[None, :] & sub.first_language_mask) != 0
        any_language = (blocks.languages[None, :] & sub.languages_mask) != 0
        points = up((first.astype(np.float64) + any_language) / 2, w["language"])
        common_format = (blocks.formats[None, :] & sub.format.astype(np.uint64)) != 0
        points += (w["format"] * common_format).astype(np.int32)
        if rules.require_shared_language:
            points[~any_language] = EXCLUDED
        if rules.require_common_format:
            points[~common_format] = EXCLUDED
        return points

    total += _keyed(req, ("sector", "function", "style"), sector_function)
    total += _keyed(req, ("themes_mask", "theme_count"), themes)
    total += _keyed(req, ("style", "years"), experience)
    total += _keyed(req, ("languages_mask", "first_language_mask", "format"), language_format)
    total += _keyed(
        req, ("country", "utc_offset"), lambda sub: _proximity(blocks, sub, w["proximity"])
    )
    out: Array = np.where(total < 0, -1, total).astype(np.int64)
    return out


def _keyed(
    req: RequestBlock, names: tuple[str, ...], compute: Callable[[RequestBlock], Array]
) -> Array:
    """``compute`` on one request per distinct value of the fields ``names``, gathered."""
    codes = np.zeros(len(req), dtype=np.int64)
    for name in names:
        _values, inverse = np.unique(getattr(req, name).ravel(), return_inverse=True)
        codes = codes * (int(inverse.max(initial=0)) + 1) + inverse.ravel()
    _u, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    table = compute(take(req, first))
    gathered: Array = table[inverse.ravel()]
    return gathered


def _proximity(blocks: MentorBlocks, req: RequestBlock, milli: int) -> Array:
    bit = np.left_shift(np.uint64(1), (req.country.astype(np.int64) % 64).astype(np.uint64))
    maybe_same = ((blocks.countries[None, :] & bit) != 0) & (req.country >= 0)
    utc = req.utc_offset.astype(np.float64)
    distance = np.maximum(
        0.0, np.maximum(blocks.utc_low[None, :] - utc, utc - blocks.utc_high[None, :])
    )
    near = np.clip(1.0 - distance / 6.0, 0.0, 1.0) * 0.5 * (1 + 1e-6)
    fit = np.where(maybe_same, 1.0, near)
    points: Array = np.ceil(fit * milli).astype(np.int32) + MARGIN
    return points


class BoundTable:
    """Every request's bound against every block, stored compactly (see module rules)."""

    def __init__(
        self,
        blocks: MentorBlocks,
        req: RequestBlock,
        settings: ProgrammeSettings,
        threads: int = 2,
    ) -> None:
        self.n = len(req)
        self.stored = np.zeros((len(req), len(blocks)), dtype=np.uint16)

        def one(span: tuple[int, int]) -> None:
            start, stop = span
            ub = bounds(blocks, take(req, np.arange(start, stop)), settings)
            units = np.where(ub < 0, 0, -(-ub // UNIT) + 1)
            self.stored[start:stop] = np.minimum(units, np.iinfo(np.uint16).max)

        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            list(pool.map(one, spans(len(req))))

    def at(self, requests: Array) -> Array:
        """Bounds of the ``requests`` in milli-points (int64), -1 where none is eligible."""
        units = self.stored[requests].astype(np.int64)
        out: Array = (units - 1) * UNIT
        return out


def spans(n: int, size: int = REQUESTS_PER_PASS) -> Iterator[tuple[int, int]]:
    for start in range(0, n, size):
        yield start, min(n, start + size)
