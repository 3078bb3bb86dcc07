"""The request as a query: its words weighted for retrieval among the mentors' texts.

Rules kept here:
- a word weighs its idf (rarer words tell more); words no live mentor uses are left out;
- words of the mentee's *current* world weigh less when the request aims elsewhere
  (``leaving``): the mentor sought works where the mentee wants to go, not where they are;
- the labels of the request's themes and target (both languages) join the query at a quarter
  of their idf (``expansion``): a mentee who ticked "career change" and wrote little is still
  matched by the words of that theme;
- career talk ("poste", "experience", "advice"…) is not matched (``text.retrieval_tokens``);
- nor are places (``_is_place``: a city some mentor gives, a country of the lexicon): where
  the mentee wants to work is the proximity criterion's, from the form; in the text a place
  rewarded anyone who names the city, whatever their world;
- a concept of the bilingual lexicon ("~private_equity" for "PE", "capital-investissement")
  weighs ``CONCEPT`` times a plain word; the words of the clauses that say where the mentee
  wants to go ("I want to move into …", "je cherche un …", ``intent.target_text``) weigh
  ``INTENT`` times more: the rest of a request mostly describes where the mentee is.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from binome_engine import taxonomy
from binome_engine.index import MentorIndex, place_key
from binome_engine.intent import target_text
from binome_engine.lexicon import PLACE_CONCEPTS
from binome_engine.model import MenteeRequest
from binome_engine.text import Analysed, analyse, retrieval_tokens

Array = npt.NDArray[Any]

CONCEPT = 2.0  # weight of a lexicon concept ("~private_equity") against a plain word
INTENT = 3.0  # weight of a word of the clauses saying where the mentee wants to go
EXPANSION = 0.25  # weight of a word the request gets from its themes' and target's labels
EXPANSION_MIN_IDF = 1.0  # label words used by more than about a quarter of mentors are left out


@lru_cache(maxsize=4096)
def _label_tokens(kind: str, code: str) -> tuple[str, ...]:
    """The tokens of a taxonomy code's French and English labels (none for unknown codes)."""
    entries = {"themes": taxonomy.THEMES, "sectors": taxonomy.SECTORS}.get(kind, taxonomy.FUNCTIONS)
    found = [(fr, en) for c, fr, en in entries if c == code]
    if not found:
        return ()
    fr, en = found[0]
    return tuple(dict.fromkeys(analyse(fr, "fr").tokens + analyse(en, "en").tokens))


def expansion(request: MenteeRequest) -> set[str]:
    """Words added to a request's text: the labels of its themes and of its target."""
    out: set[str] = set()
    for theme in request.themes:
        out.update(_label_tokens("themes", theme))
    out.update(_label_tokens("sectors", request.target_sector))
    out.update(_label_tokens("functions", request.target_function))
    return out


def query_rows(
    index: MentorIndex, requests: Sequence[MenteeRequest], analysed: Sequence[Analysed], idf: Array
) -> tuple[sp.csr_matrix, Array]:
    """(requests x vocabulary) idf weights of each request's words and their row sums.

    The request's own words weigh their idf; words from its labels (``expansion``) a quarter
    of it; words no mentor uses are left out (they match nothing).
    """
    codes = index.tokens.codes
    rows: list[list[tuple[int, float]]] = [[] for _ in requests]
    # requests of one current (sector, function) pair side by side: ``leaving`` weighs the
    # words of a whole pair's requests at once, from that pair's word counts
    order = sorted(range(len(requests)), key=lambda p: _world(index, requests[p]))
    starts = [0] + [
        i
        for i in range(1, len(order))
        if _world(index, requests[order[i]]) != _world(index, requests[order[i - 1]])
    ]
    for start, stop in zip(starts, [*starts[1:], len(order)], strict=True):
        run = order[start:stop]
        presents = []
        for position in run:
            surface = analysed[position].surface
            tokens = {
                t
                for t in retrieval_tokens(analysed[position].tokens)
                if not _is_place(index, t, surface.get(t, ""))
            }
            presents.append(sorted((codes[t], t) for t in codes.keys() & tokens))
        kept = leaving_many(
            index,
            [requests[p] for p in run],
            [np.array([code for code, _t in present], dtype=np.int64) for present in presents],
        )
        for position, present, leave in zip(run, presents, kept, strict=True):
            request, a = requests[position], analysed[position]
            extra = {codes[t] for t in codes.keys() & expansion(request)}
            extra -= {code for code, _token in present}
            extra = {c for c in extra if idf[c] >= EXPANSION_MIN_IDF}  # common: says little
            aimed = _aimed(request.text, a.language)
            weights = {
                code: _weight(token, weight, aimed)
                for (code, token), weight in zip(present, leave.tolist(), strict=True)
            }
            weights.update(dict.fromkeys(extra, EXPANSION))
            rows[position] = [(c, float(idf[c]) * w) for c, w in sorted(weights.items())]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(row) for row in rows], out=indptr[1:])
    indices = [c for row in rows for c, _w in row]
    data = [w for row in rows for _c, w in row]
    matrix = sp.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), indptr),
        shape=(len(requests), max(len(codes), 1)),
    )
    norms = np.asarray(matrix.sum(axis=1), dtype=np.float32).ravel()
    return matrix, norms


def _is_place(index: MentorIndex, token: str, surface: str) -> bool:
    """Whether a request's token names a place: a country concept of the lexicon ("London",
    "Royaume-Uni": ~uk), or a word that is the city of some mentor ("Montréal", "Lyon")."""
    return token in PLACE_CONCEPTS or _place_word(surface) in index.cities.codes


@lru_cache(maxsize=65_536)
def _place_word(surface: str) -> str:
    return place_key(surface)


def _world(index: MentorIndex, request: MenteeRequest) -> tuple[int, int]:
    """The codes of the request's current (sector, function) pair (-1: unknown)."""
    sector = index.sectors.codes.get(request.sector)
    function = index.functions.codes.get(request.function)
    return (-1 if sector is None else sector, -1 if function is None else function)


def _aimed(text: str, language: str) -> frozenset[str]:
    target = target_text(text)
    return frozenset(retrieval_tokens(analyse(target, language).tokens)) if target else frozenset()


def _weight(token: str, leave: float, aimed: frozenset[str]) -> float:
    """A word's weight: a concept of the lexicon says more than a plain word; a word of where
    the mentee wants to go weighs ``INTENT`` and is never the world they leave."""
    base = CONCEPT if token.startswith("~") else 1.0
    return base * INTENT if token in aimed else base * leave


LEAVING_FLOOR = 0.15  # least weight of a word typical of the world the mentee leaves
LEAVING_PRIOR = 5.0  # mentors' worth of the whole index's frequency mixed into a group's


def leaving_many(
    index: MentorIndex, requests: Sequence[MenteeRequest], codes: Sequence[Array]
) -> list[Array]:
    """``leaving`` of each request (with its word codes), the same numbers, for requests of
    one current (sector, function) pair: one numpy pass over all their words."""
    if not requests:
        return []
    first = requests[0]
    sector = index.sectors.codes.get(first.sector)
    function = index.functions.codes.get(first.function)
    assert all(
        index.sectors.codes.get(r.sector) == sector
        and index.functions.codes.get(r.function) == function
        for r in requests
    ), "one (sector, function) pair"
    live = float(np.count_nonzero(index.active[: index.n]))
    out = [np.ones(len(c), dtype=np.float64) for c in codes]
    if sector is None or function is None or live < 1:
        return out
    moving = [i for i, r in enumerate(requests) if len(codes[i]) and not _staying(r)]
    if not moving:
        return out
    group = index.group_df(sector, function)
    every = np.concatenate([codes[i] for i in moving])
    share = np.maximum(index.df[every], 1.0) / live
    typical = (group[every] + LEAVING_PRIOR * share) / (group[-1] + LEAVING_PRIOR)
    weight = np.asarray(np.clip(share / typical, LEAVING_FLOOR, 1.0), dtype=np.float64)
    ends = np.cumsum([len(codes[i]) for i in moving])
    for i, part in zip(moving, np.split(weight, ends[:-1]), strict=True):
        out[i] = part
    return out


def _staying(request: MenteeRequest) -> bool:
    """Whether the request aims at its own current (sector, function) pair."""
    target = (request.target_sector or request.sector, request.target_function or request.function)
    return target == (request.sector, request.function) and bool(
        request.target_sector or request.target_function
    )


def leaving(index: MentorIndex, request: MenteeRequest, codes: Array) -> Array:
    """Each word's weight in [LEAVING_FLOOR, 1]: low for words typical of the mentee's
    *current* world when the request aims elsewhere (or names no target).

    A mentee describes where they are ("auditor in a Big 4") and where they want to go ("move
    into private equity"). The current world is the mentors of the request's current (sector,
    function) pair: a pair, since one code is shared by worlds far apart (auditors and
    investors both tick "finance"); a word far more frequent there than among all mentors
    (lift) says where the mentee is, and weighs 1 / lift.
    """
    weight = np.ones(len(codes), dtype=np.float64)
    sector = index.sectors.codes.get(request.sector)
    function = index.functions.codes.get(request.function)
    target = (request.target_sector or request.sector, request.target_function or request.function)
    staying = target == (request.sector, request.function) and bool(
        request.target_sector or request.target_function
    )
    live = float(np.count_nonzero(index.active[: index.n]))
    if sector is None or function is None or staying or not len(codes) or live < 1:
        return weight
    group = index.group_df(sector, function)
    share = np.maximum(index.df[codes], 1.0) / live
    typical = (group[codes] + LEAVING_PRIOR * share) / (group[-1] + LEAVING_PRIOR)
    return np.asarray(np.clip(share / typical, LEAVING_FLOOR, 1.0), dtype=np.float64)
