"""The scans' hot loop, compiled: every pair's total from its parts in one pass.

Rules kept here:
- the numbers are those of ``scoring.total_points``'s numpy steps, in the same order and the
  same float32 arithmetic (no fused multiply-add, no reordering: ``fastmath`` is off), so the
  compiled and the numpy paths give the same integers; ``reference`` is that numpy path and
  the tests hold the two equal;
- numpy took one pass over the block per step (text scaled, clipped, rounded; each criterion
  table gathered, then added): about a dozen passes of four bytes a pair; compiled, one pass
  reads each pair's text product and table entries once and writes its total once;
- the loop holds no Python object and releases the GIL (``nogil``): the scans' thread pool
  runs blocks side by side as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from numba import njit

Array = npt.NDArray[Any]


TILE = 1024  # columns per pass: each row's slices and the column arrays stay in cache
RANGE = 2  # wanted columns this dense or more: their whole run multiplied, then picked


# one signature, compiled (or loaded from numba's cache) when the module is imported: the
# first cohort of a process pays no compilation (0.45 s when left to the first call)
_SIGNATURE = (
    "void(i8[::1], i4[::1], f4[::1], f4[:, ::1], i4[::1], i4[::1], b1, f4[::1], f4, f4, f4,"
    " i4[::1], i4[::1], i4[:, ::1], i4[:, ::1], i4[::1], i4, i4[:, ::1])"
)


def compiled(signature: str) -> Callable[[Callable[..., Any]], Any]:
    """numba's ``njit`` for ``signature``, without the GIL, cached on disk where numba can
    write (beside the module, else the user's cache folder), compiled at each import where it
    cannot (a read-only installation with no home: 3 s more per process, never an error)."""

    def decorate(function: Callable[..., Any]) -> Any:
        try:
            return njit(signature, nogil=True, cache=True)(function)
        except RuntimeError:  # numba: "cannot cache function ...: no locator available"
            return njit(signature, nogil=True)(function)

    return decorate


@compiled(_SIGNATURE)
def _total(  # pragma: no cover - compiled; ``reference`` is its numpy twin, tested equal
    indptr: Array,  # (B + 1,) int64: the query's CSR rows
    indices: Array,  # int32: word codes (when ``gathered``, positions in ``words``)
    data: Array,  # float32: word weights
    text: Array,  # (V, P) float32: the mentors' text, word by mentor
    words: Array,  # int32: the words the block uses (when ``gathered``)
    pcol: Array,  # (W,) int32: the text's column of each output column (when ``gathered``)
    gathered: bool,  # else output column j is the text's column j
    norm: Array,  # (B,) float32: the request's query norm, at least 1e-9
    sat: np.float32,
    milli_text: np.float32,
    share: np.float32,  # points kept by a mentor outside the named country
    named: Array,  # (B,) int32: the row's named country, -1 when none (or no proximity)
    country: Array,  # (W,) int32: the mentor's country
    tables: Array,  # (B, U) int32: every criterion table side by side
    inverse: Array,  # (T, W) int32: each table's column (offset included) for each mentor
    own: Array,  # (W,) int32: the mentor's own points (and exclusions)
    floor: np.int32,  # totals under it become -1 (no floor: the lowest int32)
    out: Array,  # (B, W) int32
) -> None:
    rows, width = out.shape
    parts = inverse.shape[0]
    one = np.float32(1)
    acc = np.empty(TILE, dtype=np.float32)
    wide = np.empty(RANGE * TILE, dtype=np.float32)
    points = np.empty(TILE, dtype=np.int32)
    at_col = np.empty(TILE, dtype=np.int64)
    # the wanted columns of the block's words, picked once per tile for all its requests
    picked = np.empty((len(words) if gathered else 1, TILE), dtype=np.float32)
    # each step a loop of its own over a tile: plain arithmetic on contiguous arrays, which
    # the compiler turns into vector instructions; a tile of the block's words stays in cache
    # from one request to the next
    for j0 in range(0, width, TILE):
        j1 = min(width, j0 + TILE)
        span = j1 - j0
        # the text's rows are read at columns lo:hi of ``source``, by word code (``text``) or
        # by position in ``words`` (``picked``); with wanted columns at least 1 / RANGE dense,
        # the whole run lo:hi of the text is multiplied and the wanted ones then taken
        source, lo, hi, by_code, run = text, j0, j1, True, False
        if gathered:
            first, last = pcol[j0], pcol[j0]
            for j in range(j0 + 1, j1):  # wanted columns come in any order
                first = min(first, pcol[j])
                last = max(last, pcol[j])
            run = last - first + 1 <= RANGE * span
            if run:
                lo, hi = first, last + 1
                for j in range(span):
                    at_col[j] = pcol[j0 + j] - first
            else:
                for w in range(len(words)):
                    word = text[words[w]]
                    for j in range(span):
                        picked[w, j] = word[pcol[j0 + j]]
                source, lo, hi, by_code = picked, 0, span, False
        size = hi - lo
        sums = wide if run else acc
        for i in range(rows):
            # the text product, each cell's words added in the query's order as scipy's
            # csr_matvecs adds them (the same float32 sums), four words per pass
            sums[:size] = 0
            at = indptr[i]
            end = indptr[i + 1]
            while end - at >= 4:
                k1, k2, k3, k4 = indices[at], indices[at + 1], indices[at + 2], indices[at + 3]
                if by_code and gathered:
                    k1, k2, k3, k4 = words[k1], words[k2], words[k3], words[k4]
                q1, q2, q3, q4 = data[at], data[at + 1], data[at + 2], data[at + 3]
                r1 = source[k1, lo:hi]
                r2 = source[k2, lo:hi]
                r3 = source[k3, lo:hi]
                r4 = source[k4, lo:hi]
                for j in range(size):
                    a = sums[j]
                    a += q1 * r1[j]
                    a += q2 * r2[j]
                    a += q3 * r3[j]
                    a += q4 * r4[j]
                    sums[j] = a
                at += 4
            while at < end:
                k1 = indices[at]
                if by_code and gathered:
                    k1 = words[k1]
                q = data[at]
                r1 = source[k1, lo:hi]
                for j in range(size):
                    sums[j] += q * r1[j]
                at += 1
            if run:
                for j in range(span):
                    acc[j] = wide[at_col[j]]
            n_i = norm[i]
            for j in range(span):
                acc[j] = min(acc[j] / n_i / sat, one)
            target = named[i]
            if target >= 0:
                for j in range(span):
                    c = country[j0 + j]
                    if c >= 0 and c != target:
                        acc[j] = acc[j] * share
            for j in range(span):
                points[j] = np.int32(np.rint(acc[j] * milli_text)) + own[j0 + j]
            table = tables[i]
            for p in range(parts):
                where = inverse[p]
                for j in range(span):
                    points[j] += table[where[j0 + j]]
            line = out[i]
            for j in range(span):
                v = points[j]
                line[j0 + j] = v if v >= floor else -1


@dataclass(frozen=True)
class Parts:
    """What a block's totals are made of (``total`` and its numpy twin ``reference``)."""

    # the requests' words (CSR, B rows) times the mentors' dense (V, n) text ``text``, read at
    # ``cols`` (None: every mentor); or, with no query, ``text`` is the (B, W) product itself
    query: sp.csr_matrix | None
    text: Array
    cols: Array | None
    norm: Array  # (B,) the request's query norm, at least 1e-9
    sat: float  # the text saturation
    milli_text: float  # the text criterion's milli-points
    share: float  # of them, kept by a mentor outside the country the mentee named
    named: Array  # (B,) that country, -1 when none (or place weighs nothing)
    country: Array  # (W,) the mentor's country
    tables: list[Array]  # each criterion table, (B or 1, distinct mentor values)
    inverses: list[Array]  # each table's column for each of the W mentors
    own: Array  # (W,) the mentor's own points (and exclusions)
    floor: int | None  # totals under it become -1


def total(parts: Parts) -> Array:
    """The (B, W) int32 totals: the text's points plus each table gathered plus ``own``,
    -1 under ``floor`` (``reference`` gives the same numbers in numpy)."""
    query, text, cols = parts.query, parts.text, parts.cols
    rows = len(np.ravel(parts.norm))
    indptr: Array
    indices: Array
    if query is None:  # each row takes its own row of the product, times one: itself
        indptr = np.arange(rows + 1, dtype=np.int64)
        indices = np.arange(rows, dtype=np.int32)
        data = np.ones(rows, dtype=np.float32)
        cols = None
    else:
        indptr = query.indptr.astype(np.int64)
        indices = query.indices.astype(np.int32)
        data = query.data.astype(np.float32)
    words = np.zeros(0, dtype=np.int32)
    if cols is not None:  # the kernel picks the wanted columns of the words used, once
        used, position = np.unique(indices, return_inverse=True)
        words, indices = used.astype(np.int32), position.astype(np.int32).ravel()
    width = text.shape[1] if cols is None else len(cols)
    pcol = np.zeros(1, dtype=np.int32) if cols is None else np.asarray(cols, dtype=np.int32).ravel()
    stacked, offsets = _stack(parts.tables, parts.inverses, rows, width)
    out = np.empty((rows, width), dtype=np.int32)
    _total(
        indptr,
        indices,
        data,
        np.ascontiguousarray(text, dtype=np.float32),
        words,
        pcol,
        cols is not None,
        np.ascontiguousarray(parts.norm, dtype=np.float32).ravel(),
        np.float32(parts.sat),
        np.float32(parts.milli_text),
        np.float32(parts.share),
        np.ascontiguousarray(parts.named, dtype=np.int32).ravel(),
        np.ascontiguousarray(parts.country, dtype=np.int32).ravel(),
        stacked,
        offsets,
        np.ascontiguousarray(parts.own, dtype=np.int32).ravel(),
        np.int32(-(1 << 31) if parts.floor is None else parts.floor),
        out,
    )
    return out


def _stack(
    tables: list[Array], inverses: list[Array], rows: int, width: int
) -> tuple[Array, Array]:
    """The tables side by side (each one broadcast to every row) and each one's inverse
    shifted to its place."""
    if not tables:
        return np.zeros((rows, 1), dtype=np.int32), np.zeros((0, width), dtype=np.int32)
    full = [np.broadcast_to(t, (rows, t.shape[1])) for t in tables]
    stacked = np.ascontiguousarray(np.concatenate(full, axis=1), dtype=np.int32)
    starts = np.cumsum([0] + [t.shape[1] for t in tables[:-1]])
    offsets = np.stack(
        [(inv + s).astype(np.int32) for inv, s in zip(inverses, starts, strict=True)]
    )
    return stacked, offsets


def reference(parts: Parts) -> Array:
    """``total`` step by step in numpy (the tests' twin of the compiled loop)."""
    query, cols = parts.query, parts.cols
    product = np.array(parts.text if query is None else query @ parts.text, dtype=np.float32)
    if query is not None and cols is not None:
        product = np.take(product, np.asarray(cols).ravel(), axis=1)
    product /= np.asarray(parts.norm, dtype=np.float32).reshape(-1, 1)
    product /= np.float32(parts.sat)
    np.minimum(product, np.float32(1), out=product)
    named = np.asarray(parts.named).reshape(-1, 1)
    country = np.asarray(parts.country).ravel()[None, :]
    elsewhere = (named >= 0) & (country >= 0) & (country != named)
    product = np.where(elsewhere, product * np.float32(parts.share), product)
    product *= np.float32(parts.milli_text)
    np.rint(product, out=product)
    out = product.astype(np.int32) + np.asarray(parts.own, dtype=np.int32).ravel()[None, :]
    for table, inv in zip(parts.tables, parts.inverses, strict=True):
        out += np.take(table, inv, axis=1)
    if parts.floor is not None:
        out[out < parts.floor] = -1
    return out


@compiled("void(i4[:, ::1], i8[::1], i4[::1], i8[::1])")
def _rows_and_columns(  # pragma: no cover - compiled; tested against numpy
    w: Array, eligible: Array, best: Array, first: Array
) -> None:
    rows, width = w.shape
    best[:] = w[0]
    first[:] = 0
    for i in range(rows):
        line = w[i]
        count = 0
        for j in range(width):
            v = line[j]
            count += v >= 0
            up = v > best[j]  # strictly: the first row of the best value stays
            best[j] = v if up else best[j]
            first[j] = i if up else first[j]
        eligible[i] = count


def rows_and_columns(w: Array) -> tuple[Array, Array, Array]:
    """Of a (B, W) block of weights (-1: no pair), in one pass: each row's number of eligible
    pairs, each column's best weight and the first row holding it (numpy took three passes,
    one of them over a copy of the wanted columns)."""
    rows, width = w.shape
    eligible = np.zeros(rows, dtype=np.int64)
    best = np.full(width, -1, dtype=np.int32)
    first = np.zeros(width, dtype=np.int64)
    if rows:
        _rows_and_columns(np.ascontiguousarray(w, dtype=np.int32), eligible, best, first)
    return eligible, best, first
