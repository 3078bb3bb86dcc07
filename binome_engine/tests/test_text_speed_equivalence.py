"""The fast text analysis, index build and request encoding give what the plain code gives.

``analyse`` is checked against ``_analyse_general`` (the word-by-word reference) on texts with
every kind of character folding may trip on; the index's matrices and ``encode``'s rows are
checked against a plain rebuild from the reference analysis.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import scipy.sparse as sp

from binome_engine.evaluation.dataset import build
from binome_engine.index import MentorIndex, Vocabulary, mentor_text
from binome_engine.lexicon import LEXICON
from binome_engine.model import MenteeRequest, MentorProfile
from binome_engine.query import (
    EXPANSION,
    EXPANSION_MIN_IDF,
    _aimed,
    _weight,
    expansion,
    leaving,
)
from binome_engine.scoring import encode
from binome_engine.stopwords import ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS
from binome_engine.synthetic import market
from binome_engine.text import Analysed, _analyse_general, analyse, retrieval_tokens

SEPARATORS = [" ", " ", ", ", ". ", " ; ", "’", "'", "-", "_", "\n", " / ", "\u00a0", "«", "»"]
# characters whose folding changes word boundaries or length, or that ``fold`` treats specially
ODD = [
    "ß",
    "Æ",
    "æ",
    "Œ",
    "œ",
    "ﬁ",
    "½",
    "²",
    "™",
    "㎏",
    "İ",
    "Σ",
    "日本",
    "e\u0301",
    "Ça",
    "ø",
    "𝐚",
]
SKILLS = ["Python", "gestion de projet", "Négociation", "data science", "SQL", "énergie solaire"]
SKILLS += ["R&D", "C++", "prise de parole", "cabinet de conseil", "m&a", "Finance"]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = [term for _c, fr, en in LEXICON for term in fr + en]
    vocab += sorted(FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS)
    vocab += ["projet", "équipe", "stratégie", "kaloique", "12", "x", "c++", "data", "science"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 30)):
            word = rng.choice(vocab)
            roll = rng.random()
            if roll < 0.1:
                word = word.upper()
            elif roll < 0.2:
                word = word.capitalize()
            elif roll < 0.24:
                word = rng.choice(ODD) + word if roll < 0.22 else word + rng.choice(ODD)
            parts += [word, rng.choice(SEPARATORS)]
        out.append("".join(parts))
    return out


def _same(got: Analysed, expected: Analysed) -> bool:
    return (got.tokens, list(got.surface.items()), got.language) == (
        expected.tokens,
        list(expected.surface.items()),
        expected.language,
    )


def _small_market() -> tuple[list[MentorProfile], list[MenteeRequest]]:
    mentors, requests = market(300, 120)
    rng = random.Random(5)
    mentors = [
        dataclasses.replace(m, skills=frozenset(rng.sample(SKILLS, rng.randint(0, 4))))
        for m in mentors
    ]
    requests = [
        dataclasses.replace(r, skills=frozenset(rng.sample(SKILLS, rng.randint(0, 3))))
        for r in requests
    ]
    return mentors, requests


def test_analyse_equals_the_reference_on_tricky_texts() -> None:
    odd = [
        "",
        "Énergie ÉNERGIE energie énergie",
        "energie puis énergie",
        "foo_bar énergie_solaire",
        "Straße Æther æther Œuvre",
        "L’énergie d’un cabinet de conseil",
        "½ x² ™ 5㎏ ﬁnance İstanbul ΑΣ",
        "café\u0301 e\u0301nergie",
        "service public et public",
        "wind power wind farm wind",
    ]
    for text in odd + _texts(1500, seed=3):
        for language in (None, "fr", "en"):
            assert _same(analyse(text, language), _analyse_general(text, language)), text


def test_analyse_equals_the_reference_on_the_market_and_evaluation_texts() -> None:
    mentors, requests = _small_market()
    data = build()
    texts = [m.bio for m in (*mentors, *data.mentors)] + [
        r.text for r in (*requests, *data.requests)
    ]
    texts += SKILLS
    for text in texts:
        assert _same(analyse(text), _analyse_general(text)), text


def _reference_terms(
    mentors: list[MentorProfile],
) -> tuple[Vocabulary, Vocabulary, list[tuple[list[int], list[int]]], list[list[int]]]:
    """Per mentor, sorted token codes and counts, and skill codes, the plain way."""
    tokens, skill_tokens = Vocabulary(), Vocabulary()
    terms, skills = [], []
    for m in mentors:
        counts: dict[int, int] = {}
        for token in retrieval_tokens(_analyse_general(mentor_text(m)).tokens):
            code = tokens.add(token)
            counts[code] = counts.get(code, 0) + 1
        terms.append((sorted(counts), [counts[c] for c in sorted(counts)]))
        skills.append(
            sorted({skill_tokens.add(t) for s in m.skills for t in _analyse_general(s).tokens})
        )
    return tokens, skill_tokens, terms, skills


def _equal(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    return (
        a.shape == b.shape
        and a.dtype == b.dtype
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


def test_index_and_encoding_equal_a_plain_rebuild() -> None:
    mentors, requests = _small_market()
    index = MentorIndex(mentors)
    tokens, skill_tokens, terms, skills = _reference_terms(mentors)
    assert list(index.tokens.codes.items()) == list(tokens.codes.items())
    assert list(index.skill_tokens.codes.items()) == list(skill_tokens.codes.items())
    for row, ((codes, tf), skill_codes) in enumerate(zip(terms, skills, strict=True)):
        got_codes, got_tf, length = index._terms[row]
        assert got_codes.dtype == np.int32 and got_tf.dtype == np.float32
        assert got_codes.tolist() == codes and got_tf.tolist() == tf
        assert length == sum(tf)
        assert index._skills[row].dtype == np.int32 and index._skills[row].tolist() == skill_codes
    df = np.zeros(len(tokens.codes))
    for codes, _tf in terms:
        df[codes] += 1
    assert np.array_equal(index.df[: len(df)], df) and not index.df[len(df) :].any()
    for row, m in enumerate(mentors):
        assert index.surface[row] == _analyse_general(mentor_text(m)).surface

    # incremental updates then a compaction give the same matrices as a fresh build
    grown = MentorIndex(mentors[:60])
    for m in mentors[60:]:
        grown.upsert(m)
    grown.compact()
    assert _equal(grown.text_t, index.text_t) and _equal(grown.skills_t, index.skills_t)

    block = encode(index, requests)
    idf = index.idf()
    for i, r in enumerate(requests):
        analysed = _analyse_general(r.text)
        row = block.query.getrow(i)
        own = sorted(
            {tokens.codes[t] for t in retrieval_tokens(analysed.tokens) if t in tokens.codes}
        )
        word = {code: token for token, code in tokens.codes.items()}
        aimed = _aimed(r.text, analysed.language)
        leave = leaving(index, r, np.array(own, dtype=np.int64))
        weights = {c: _weight(word[c], w, aimed) for c, w in zip(own, leave, strict=True)}
        extra = {tokens.codes[t] for t in expansion(r) if t in tokens.codes} - set(own)
        extra = {c for c in extra if idf[c] >= EXPANSION_MIN_IDF}
        weights.update(dict.fromkeys(extra, EXPANSION))
        expected = sorted(weights)
        assert row.indices.tolist() == expected
        assert row.data.tolist() == [np.float32(idf[c] * weights[c]) for c in expected]
        wanted = {t for s in r.skills for t in _analyse_general(s).tokens}
        assert block.skills.getrow(i).indices.tolist() == sorted(
            skill_tokens.codes[t] for t in wanted if t in skill_tokens.codes
        )
        assert block.skill_count[i, 0] == len(wanted)
        assert block.surface[i] == analysed.surface


def test_the_batched_build_equals_appending_one_mentor_at_a_time() -> None:
    mentors, _requests = _small_market()
    batched = MentorIndex(mentors)
    plain = MentorIndex()
    for m in mentors:
        plain._append(m)
    plain.compact()
    assert batched.df.tobytes() == plain.df.tobytes()
    assert list(batched.tokens.codes.items()) == list(plain.tokens.codes.items())
    assert batched.surface == plain.surface
    for (c1, t1, n1), (c2, t2, n2) in zip(batched._terms, plain._terms, strict=True):
        assert c1.dtype == c2.dtype and t1.dtype == t2.dtype
        assert c1.tolist() == c2.tolist() and t1.tolist() == t2.tolist() and n1 == n2
    assert _equal(batched.text_t, plain.text_t) and _equal(batched.skills_t, plain.skills_t)
