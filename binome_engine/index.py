"""A vectorised index of mentors: one numpy array per feature and a sparse BM25 text matrix.

Rules kept here:
- a mentor is a row; rows are never reused or reordered, so positions stay valid between
  updates; a removed or replaced mentor's row is only marked inactive (and never proposed);
- categorical values (sector, function, country, employer) are small integers of the index's own
  vocabulary; languages, themes and formats are bit masks (at most 64 values each);
- text rows hold BM25 term saturation ``tf (k1+1) / (tf + k1 (1 - b + b len/avglen))``, without
  idf: idf is applied on the request side from live document frequencies, so adding a mentor
  never rewrites other rows (``avglen`` is fixed at build time and refreshed by ``compact``);
- rows added after the build live in a small pending matrix until ``compact`` merges them
  (automatically past 5 % of the rows).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, filterfalse, repeat
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from binome_engine.inferred import inferred_function, inferred_sector
from binome_engine.model import MemberId, MentorProfile
from binome_engine.text import analyse, fold, retrieval_tokens, tokens_of
from binome_engine.validation import validate_mentors

K1 = 1.2
B = 0.75
_FORMAT_BITS = {"in_person": 1, "video": 2, "phone": 4}

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]
MaskArray = npt.NDArray[np.uint64]


class Vocabulary:
    """Stable small integers for strings; '' is -1 (unknown never equals unknown)."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def add(self, value: str) -> int:
        if not value:
            return -1
        return self.codes.setdefault(value, len(self.codes))

    def get(self, value: str) -> int:
        """The code, or -2 for values never seen (so they match nothing)."""
        return self.codes.get(value, -2) if value else -2


class BitVocabulary(Vocabulary):
    def __init__(self) -> None:
        super().__init__()
        # masks of value sets all of whose values have codes: codes never change, nor do these
        self._masks: dict[tuple[str, ...] | frozenset[str], int] = {}

    def mask(self, values: Iterable[str], grow: bool = True) -> int:
        key = values if isinstance(values, tuple | frozenset) else None
        if key is not None and key in self._masks:
            return self._masks[key]
        bits = 0
        complete = True
        for value in sorted(values):
            code = self.add(value) if grow else self.codes.get(value, -1)
            if code >= 64:
                raise ValueError(f"more than 64 distinct values, cannot index {value!r}")
            if code >= 0:
                bits |= 1 << code
            else:
                complete = False
        if key is not None and complete:
            self._masks[key] = bits
        return bits


_FORMAT_MASKS: dict[frozenset[str], int] = {}


def format_mask(formats: Iterable[str]) -> int:
    if isinstance(formats, frozenset):  # a profile's own set (of at most 3 formats): cached
        if formats not in _FORMAT_MASKS:
            if len(_FORMAT_MASKS) > 1_000:  # only odd values get here: start again
                _FORMAT_MASKS.clear()
            _FORMAT_MASKS[formats] = sum(_FORMAT_BITS.get(str(f), 0) for f in formats)
        return _FORMAT_MASKS[formats]
    return sum(_FORMAT_BITS.get(str(f), 0) for f in set(formats))


# words that name a legal form, a place or a grouping, not another organisation: "Norvane
# Energy US" and "KPMG France SAS" are Norvane Energy and KPMG for the same-employer rule
_ORGANISATION_SUFFIXES = frozenset(
    """
    sa sas sasu sarl se sca snc gie inc incorporated corp corporation co company ltd limited plc
    llc llp lp gmbh ag kg bv nv spa srl ab oy as group groupe holding holdings international
    us usa uk france europe emea germany deutschland italia espana spain belgium suisse
    switzerland canada americas asia
    """.split()  # noqa: SIM905 (a word list, read as text)
)


def employer_key(employer: str) -> str:
    """The organisation an employer names: folded words, without trailing legal forms, places
    or "group" (at least one word is kept), "&" and "and" alike."""
    words = re.findall(r"[a-z0-9]+", fold(employer).replace("&", " and "))
    while len(words) > 1 and words[-1] in _ORGANISATION_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in ("groupe", "group"):
        words.pop(0)
    return " ".join(words)


def place_key(place: str) -> str:
    """A city or country as compared: folded, words only ("Montréal" == "montreal")."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(place)))


def mentor_text(mentor: MentorProfile) -> str:
    """The text a mentor is found by. BM25F-like field weights by repetition: the current
    title and the skills say what the person does today (twice), the employer, past positions
    and bio once; fields are kept apart by " . " so no phrase spans two fields."""
    skills = " ; ".join(sorted(mentor.skills))
    fields = (mentor.title, mentor.title, skills, skills, mentor.employer)
    return " . ".join((*fields, mentor.past_positions, mentor.bio))


_INT_FIELDS = ("sector", "function", "country", "city", "employer", "years", "capacity", "format")
_FLOAT_FIELDS = ("utc_offset", "responsiveness")
_MASK_FIELDS = ("languages_mask", "themes_mask")
_BOOL_FIELDS = ("paused", "active")


class MentorIndex:
    """All mentors of a programme (or a network), ready for vectorised scoring.

    ``upsert`` and ``remove`` are incremental: a new row is written into preallocated arrays and
    its text joins a small pending matrix; ``compact`` folds pending rows into the main matrices.
    """

    sector: IntArray
    function: IntArray
    country: IntArray
    city: IntArray
    employer: IntArray
    years: IntArray
    capacity: IntArray
    format: IntArray
    utc_offset: FloatArray
    responsiveness: FloatArray
    languages_mask: MaskArray
    themes_mask: MaskArray
    paused: npt.NDArray[np.bool_]
    active: npt.NDArray[np.bool_]

    def __init__(self, mentors: Sequence[MentorProfile] = ()) -> None:
        validate_mentors(mentors)
        self.sectors = Vocabulary()
        self.functions = Vocabulary()
        self.countries = Vocabulary()
        self.cities = Vocabulary()
        self.employers = Vocabulary()
        self.languages = BitVocabulary()
        self.themes = BitVocabulary()
        self.tokens = Vocabulary()
        self.skill_tokens = Vocabulary()
        self.ids: list[MemberId] = []
        self.profiles: list[MentorProfile] = []
        self.position: dict[MemberId, int] = {}
        self.surface: list[dict[str, str]] = []
        self.n = 0
        self._capacity = 0
        self._grow(max(16, len(mentors)))
        self._terms: list[tuple[npt.NDArray[np.int32], npt.NDArray[np.float32], int]] = []
        self._skills: list[npt.NDArray[np.int32]] = []
        self.df = np.zeros(64, dtype=np.float64)
        self._group_cache: dict[tuple[int, int, int, int], npt.NDArray[np.float64]] = {}
        self.avglen = 1.0
        self.base_rows = 0
        self.text_t = sp.csr_matrix((1, 0), dtype=np.float32)
        self.skills_t = sp.csr_matrix((1, 0), dtype=np.float32)
        self._pending: tuple[sp.csr_matrix, sp.csr_matrix] | None = None
        if len({m.id for m in mentors}) == len(mentors):  # none replaces another
            self._append_all(mentors)
        else:
            for mentor in mentors:
                self._append(mentor)
        self.compact()

    def __len__(self) -> int:
        return len(self.position)

    # ----------------------------------------------------------------- rows
    def _grow(self, capacity: int) -> None:
        def resized(name: str, dtype: type) -> None:
            old: npt.NDArray[Any] = getattr(self, name, np.zeros(0, dtype=dtype))
            new: npt.NDArray[Any] = np.zeros(capacity, dtype=dtype)
            new[: len(old)] = old
            setattr(self, name, new)

        for name in _INT_FIELDS:
            resized(name, np.int32)
        for name in _FLOAT_FIELDS:
            resized(name, np.float32)
        for name in _MASK_FIELDS:
            resized(name, np.uint64)
        for name in _BOOL_FIELDS:
            resized(name, np.bool_)
        self._capacity = capacity

    def _append(self, mentor: MentorProfile) -> int:
        if mentor.id in self.position:
            self._deactivate(self.position[mentor.id])
        row = self._new_row(mentor)
        self._terms.append(self._count(self._analyse(mentor)))
        self._pending = None
        return row

    def _new_row(self, mentor: MentorProfile) -> int:
        """A new row for ``mentor``, its features written (its text is the caller's)."""
        if self.n == self._capacity:
            self._grow(self._capacity * 2)
        row = self.n
        self.n += 1
        self.ids.append(mentor.id)
        self.profiles.append(mentor)
        self.position[mentor.id] = row
        self._write_features(row, mentor)
        return row

    def _append_all(self, mentors: Sequence[MentorProfile]) -> None:
        """``_append`` each of ``mentors`` (none already indexed), counting tokens in one batch."""
        tokens = []
        for mentor in mentors:
            self._new_row(mentor)
            tokens.append(self._analyse(mentor))
        self._terms += self._count_all(tokens)
        self._pending = None

    def _analyse(self, mentor: MentorProfile) -> tuple[str, ...]:
        """The tokens of the mentor's texts; keeps its surface words and skill codes."""
        analysed = analyse(mentor_text(mentor))
        self.surface.append(analysed.surface)
        skill_codes = {self.skill_tokens.add(t) for s in mentor.skills for t in tokens_of(s)}
        self._skills.append(np.array(sorted(skill_codes), dtype=np.int32))
        return retrieval_tokens(analysed.tokens)

    def _write_features(self, row: int, mentor: MentorProfile) -> None:
        self.sector[row] = self.sectors.add(mentor.sector or inferred_sector(mentor))
        self.function[row] = self.functions.add(mentor.function or inferred_function(mentor))
        self.country[row] = self.countries.add(place_key(mentor.country))
        self.city[row] = self.cities.add(place_key(mentor.city))
        self.employer[row] = self.employers.add(employer_key(mentor.employer))
        self.years[row] = mentor.years_experience
        self.capacity[row] = mentor.capacity
        self.format[row] = format_mask(mentor.formats)
        self.utc_offset[row] = mentor.utc_offset
        rate = mentor.responsiveness
        self.responsiveness[row] = 0.0 if rate is None else min(1.0, max(0.0, rate))
        self.languages_mask[row] = self.languages.mask(mentor.languages)
        self.themes_mask[row] = self.themes.mask(mentor.themes)
        self.paused[row] = mentor.is_paused
        self.active[row] = True

    def _count(
        self, tokens: tuple[str, ...]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32], int]:
        """Sorted codes of ``tokens`` and how often each occurs; new tokens join the vocabulary.

        New tokens get their codes in first-seen order, as ``Vocabulary.add`` token by token
        would (and "" is -1), but counting and coding run at C speed.
        """
        counts = Counter(tokens)  # keys in first-seen order
        vocab = self.tokens.codes
        new = [t for t in filterfalse(vocab.__contains__, counts) if t]
        vocab.update(zip(new, range(len(vocab), len(vocab) + len(new)), strict=True))
        if len(self.df) < len(vocab):
            grown = np.zeros(len(vocab) * 2, dtype=np.float64)
            grown[: len(self.df)] = self.df
            self.df = grown
        codes = np.fromiter(map(vocab.get, counts, repeat(-1)), dtype=np.int32, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        order = codes.argsort()
        codes = codes[order]
        self.df[codes] += 1
        return codes, tf[order], len(tokens)

    def _count_all(
        self, token_lists: list[tuple[str, ...]]
    ) -> list[tuple[npt.NDArray[np.int32], npt.NDArray[np.float32], int]]:
        """``_count`` of each token list in turn, done in one batch with numpy.

        Same codes (first-seen order), counts and document frequencies, and ``df`` grows to the
        same length as row-by-row counting would grow it (twice the vocabulary when too short).
        """
        flat = list(chain.from_iterable(token_lists))
        if not flat or "" in flat:  # "" has code -1: counted the plain way
            return [self._count(tokens) for tokens in token_lists]
        vocab = self.tokens.codes
        before = len(vocab)
        new = list(filterfalse(vocab.__contains__, dict.fromkeys(flat)))
        vocab.update(zip(new, range(before, before + len(new)), strict=True))
        n, width = len(token_lists), len(vocab)
        codes = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
        lengths = [len(tokens) for tokens in token_lists]
        rows = np.repeat(np.arange(n), lengths)
        keys, tf = np.unique(rows * width + codes, return_counts=True)  # by row, then code
        bounds = np.searchsorted(keys // width, np.arange(n + 1)).tolist()
        row_codes = (keys % width).astype(np.int32)
        row_tf = tf.astype(np.float32)
        # the vocabulary's size after each row: the rows where new codes first appear
        distinct, first = np.unique(codes, return_index=True)
        new_rows = np.sort(rows[first[distinct >= before]])
        length = len(self.df)
        for size in (before + np.searchsorted(new_rows, np.arange(n), side="right")).tolist():
            if length < size:
                length = size * 2
        if length > len(self.df):
            grown = np.zeros(length, dtype=np.float64)
            grown[: len(self.df)] = self.df
            self.df = grown
        self.df += np.bincount(row_codes, minlength=len(self.df))
        return [
            (row_codes[a:b], row_tf[a:b], size)
            for a, b, size in zip(bounds, bounds[1:], lengths, strict=False)
        ]

    def _deactivate(self, row: int) -> None:
        if self.active[row]:
            self.active[row] = False
            self.df[self._terms[row][0]] -= 1

    def group_df(self, sector: int, function: int) -> npt.NDArray[np.float64]:
        """Document frequencies among live mentors of one (sector, function) code pair, and
        their count in the last cell (kept until the index changes).

        They tell which words are typical of the world a mentee is leaving (``scoring``
        weighs those down in the request).
        """
        key = (sector, function, self.n, int(np.count_nonzero(self.active[: self.n])))
        cache: dict[tuple[int, int, int, int], npt.NDArray[np.float64]] = self._group_cache
        found = cache.get(key)
        if found is not None:
            return found
        n = self.n
        rows = np.flatnonzero(
            (self.sector[:n] == sector) & (self.function[:n] == function) & self.active[:n]
        )
        width = len(self.df)
        codes = [self._terms[r][0] for r in rows.tolist()]
        counts = np.bincount(np.concatenate(codes), minlength=width) if codes else np.zeros(width)
        found = np.append(counts[:width].astype(np.float64), float(len(rows)))
        if len(cache) > 256:
            cache.clear()
        cache[key] = found
        return found

    # ----------------------------------------------------------------- updates
    def upsert(self, mentor: MentorProfile) -> int:
        """Add or replace one mentor (the old row is deactivated); returns the new row.

        Pending rows are folded in automatically once they pass 5 % of the built ones (at
        least 2,000), so the pending matrix stays small and queries stay fast.
        """
        validate_mentors([mentor])
        row = self._append(mentor)
        if self.n - self.base_rows > max(2_000, self.base_rows // 20):
            self.compact()
        return row

    def remove(self, mentor_id: MemberId) -> None:
        row = self.position.pop(mentor_id, None)
        if row is not None:
            self._deactivate(row)

    def compact(self) -> None:
        """Recompute avglen over live rows; fold every row into the main text and skill matrices.

        Rows keep their positions (inactive ones stay, inert); build a new index to reclaim them.
        """
        active = self.active[: self.n].tolist()
        lengths = [t[2] for t, live in zip(self._terms, active, strict=True) if live]
        self.avglen = max(1.0, float(np.mean(lengths))) if lengths else 1.0
        self.text_t = self._text_matrix(0, self.n)
        self.skills_t = self._skill_matrix(0, self.n)
        self.base_rows = self.n
        self._pending = None

    def pending(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Text and skill matrices of the rows added since the last ``compact``."""
        if self._pending is None:
            self._pending = (
                self._text_matrix(self.base_rows, self.n),
                self._skill_matrix(self.base_rows, self.n),
            )
        return self._pending

    def _text_matrix(self, start: int, stop: int) -> sp.csr_matrix:
        terms = self._terms[start:stop]
        codes = [c for c, _t, _n in terms]
        tfs = [t for _c, t, _n in terms]
        lengths = np.repeat(
            np.array([n for _c, _t, n in terms], dtype=np.float32), [len(c) for c in codes]
        )
        tf = np.concatenate(tfs) if tfs else np.zeros(0, dtype=np.float32)
        return _columns(codes, _saturate(tf, lengths, self.avglen), len(self.tokens.codes))

    def _skill_matrix(self, start: int, stop: int) -> sp.csr_matrix:
        codes = self._skills[start:stop]
        total = sum(len(c) for c in codes)
        return _columns(codes, np.ones(total, dtype=np.float32), len(self.skill_tokens.codes))

    # ----------------------------------------------------------------- queries
    def idf(self) -> npt.NDArray[np.float64]:
        live = float(np.count_nonzero(self.active[: self.n]))
        df = self.df[: len(self.tokens.codes)]
        out: npt.NDArray[np.float64] = np.log1p((live - df + 0.5) / (df + 0.5))
        out[df <= 0] = 0.0  # words no live mentor uses cannot discriminate
        return out

    def text_rows(self, rows: npt.NDArray[np.intp]) -> sp.csr_matrix:
        """Row-major text vectors (rows x vocabulary) of a few mentors."""
        terms = [self._terms[r] for r in rows.tolist()]
        codes = [c for c, _t, _n in terms]
        lengths = np.repeat(
            np.array([n for _c, _t, n in terms], dtype=np.float32), [len(c) for c in codes]
        )
        tf = np.concatenate([t for _c, t, _n in terms]) if terms else np.zeros(0, np.float32)
        data = _saturate(tf, lengths, self.avglen)
        return _columns(codes, data, len(self.tokens.codes)).T.tocsr()

    def rows_of(self, mentor_ids: Iterable[MemberId]) -> list[int]:
        return [self.position[m] for m in mentor_ids if m in self.position]


def _saturate(
    tf: npt.NDArray[np.float32], lengths: npt.NDArray[np.float32], avglen: float
) -> npt.NDArray[np.float32]:
    norm = K1 * (1 - B + B * lengths / avglen)
    return (tf * (K1 + 1) / (tf + norm)).astype(np.float32)


def _columns(
    codes: list[npt.NDArray[np.int32]], data: npt.NDArray[np.float32], width: int
) -> sp.csr_matrix:
    """The (width x len(codes)) CSR matrix whose column r holds ``codes[r]``."""
    indptr = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum([len(c) for c in codes], out=indptr[1:])
    indices = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32)
    rows = sp.csr_matrix((data, indices, indptr), shape=(len(codes), max(width, 1)))
    return rows.T.tocsr()
