"""Reproducible synthetic mentors and requests, for benchmarks, demos and property tests.

Rules kept here:
- the same (size, seed) always gives the same profiles (numpy's PCG64 generator, no global state);
- profiles use the shipped taxonomy codes; texts mix French and English, with the sector's own
  technical words (pseudo-words shared across languages, like "photovoltaïque"/"photovoltaic");
- capacities are 1 to 5 and add up to about ``capacity_ratio`` times the number of requests (a
  tight market, as in real cohorts).
"""

from __future__ import annotations

import numpy as np

from binome_engine import taxonomy
from binome_engine.model import Format, MenteeRequest, MentorProfile, Style

SECTORS = [code for code, _fr, _en in taxonomy.SECTORS]
FUNCTIONS = [code for code, _fr, _en in taxonomy.FUNCTIONS]
THEMES = [code for code, _fr, _en in taxonomy.THEMES]
LABELS = {
    code: (fr, en)
    for entries in (taxonomy.SECTORS, taxonomy.FUNCTIONS, taxonomy.THEMES)
    for code, fr, en in entries
}
FILLER_FR = [
    "projet",
    "équipe",
    "client",
    "stratégie",
    "croissance",
    "transformation",
    "pilotage",
    "budget",
    "international",
    "négociation",
    "recrutement",
    "innovation",
    "qualité",
    "performance",
    "organisation",
    "changement",
    "conseil",
]
FILLER_EN = [
    "project",
    "team",
    "client",
    "strategy",
    "growth",
    "transformation",
    "steering",
    "budget",
    "international",
    "negotiation",
    "recruiting",
    "innovation",
    "quality",
    "performance",
    "organisation",
    "change",
    "advice",
]
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "tu",
    "vo",
    "xi",
    "pe",
    "sa",
    "di",
    "fo",
    "gu",
    "be",
    "ly",
    "zo",
]
LANGUAGE_SETS = (("fr",), ("fr", "en"), ("en",), ("fr", "en", "de"), ("en", "es"), ("fr", "es"))
LANGUAGE_WEIGHTS = (0.35, 0.35, 0.15, 0.05, 0.05, 0.05)


def _jargon(rng: np.random.Generator) -> dict[str, list[str]]:
    """Twenty technical pseudo-words per sector, the same in both languages."""
    return {
        sector: ["".join(rng.choice(_SYLLABLES, 3)) + "ique" for _ in range(20)]
        for sector in SECTORS
    }


def _text(
    rng: np.random.Generator, language: str, codes: list[str], jargon: list[str], words: int
) -> str:
    labels = [LABELS[c][0 if language == "fr" else 1] for c in codes if c in LABELS]
    filler = FILLER_FR if language == "fr" else FILLER_EN
    picks = list(rng.choice(jargon, 3)) + list(rng.choice(filler, max(words - 3, 1)))
    lead = "Je travaille dans" if language == "fr" else "I work in"
    return f"{lead} {', '.join(labels)}. " + " ".join(str(w) for w in picks)


def _capacities(rng: np.random.Generator, n_mentors: int, total: int) -> list[int]:
    caps = rng.integers(1, 6, n_mentors)
    while caps.sum() > total and (caps > 1).any():
        over = int(caps.sum() - total)
        candidates = np.flatnonzero(caps > 1)
        caps[rng.choice(candidates, min(over, len(candidates)), replace=False)] -= 1
    while caps.sum() < total and (caps < 5).any():
        under = int(total - caps.sum())
        candidates = np.flatnonzero(caps < 5)
        caps[rng.choice(candidates, min(under, len(candidates)), replace=False)] += 1
    return [int(c) for c in caps]


def market(
    n_requests: int, n_mentors: int, seed: int = 7, capacity_ratio: float = 1.05
) -> tuple[list[MentorProfile], list[MenteeRequest]]:
    """``n_mentors`` mentors and ``n_requests`` requests, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    jargon = _jargon(rng)
    caps = _capacities(rng, n_mentors, round(capacity_ratio * n_requests))
    mentors = [_mentor(rng, i, caps[i], jargon) for i in range(n_mentors)]
    requests = [_request(rng, i, jargon) for i in range(n_requests)]
    return mentors, requests


def _languages(rng: np.random.Generator) -> tuple[str, ...]:
    return LANGUAGE_SETS[int(rng.choice(len(LANGUAGE_SETS), p=LANGUAGE_WEIGHTS))]


def _mentor(
    rng: np.random.Generator, i: int, capacity: int, jargon: dict[str, list[str]]
) -> MentorProfile:
    sector = str(rng.choice(SECTORS))
    function = str(rng.choice(FUNCTIONS))
    themes = [str(t) for t in rng.choice(THEMES, int(rng.integers(1, 4)), replace=False)]
    languages = _languages(rng)
    text_language = languages[0] if languages[0] in ("fr", "en") else "en"
    return MentorProfile(
        id=f"m{i}",
        sector=sector,
        function=function,
        languages=languages,
        country=str(rng.choice(["FR", "FR", "FR", "UK", "US", "DE"])),
        utc_offset=float(rng.choice([1.0, 1.0, 0.0, -5.0])),
        years_experience=int(rng.integers(3, 40)),
        employer=f"company-{int(rng.integers(0, 500))}",
        themes=frozenset(themes),
        formats=frozenset(f for f in Format if rng.random() < 0.7) or frozenset({Format.VIDEO}),
        capacity=capacity,
        is_paused=bool(rng.random() < 0.03),
        responsiveness=float(np.round(rng.beta(5, 2), 2)),
        bio=_text(rng, text_language, [sector, function, *themes], jargon[sector], 25),
    )


def _request(rng: np.random.Generator, i: int, jargon: dict[str, list[str]]) -> MenteeRequest:
    sector = str(rng.choice(SECTORS))
    target = sector if rng.random() < 0.6 else str(rng.choice(SECTORS))
    function = str(rng.choice(FUNCTIONS))
    themes = [str(t) for t in rng.choice(THEMES, int(rng.integers(1, 3)), replace=False)]
    languages = _languages(rng)
    style = rng.choice([Style.CLASSIC, Style.PEER, Style.REVERSE], p=[0.75, 0.2, 0.05])
    years = int(rng.integers(0, 25)) if style == Style.CLASSIC else int(rng.integers(5, 30))
    return MenteeRequest(
        id=f"r{i}",
        member_id=f"p{i}",
        sector=sector,
        target_sector=target,
        function=function,
        languages=languages,
        country=str(rng.choice(["FR", "FR", "UK", "US"])),
        utc_offset=float(rng.choice([1.0, 1.0, 0.0, -5.0])),
        years_experience=years,
        employer=f"company-{int(rng.integers(0, 500))}",
        themes=frozenset(themes),
        style=Style(str(style)),
        formats=frozenset(f for f in Format if rng.random() < 0.8) or frozenset({Format.VIDEO}),
        text=_text(rng, str(rng.choice(["fr", "en"])), [target, *themes], jargon[target], 12),
    )
