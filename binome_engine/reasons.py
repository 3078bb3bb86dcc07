"""Reasons: each criterion's points for one pair, with its evidence as codes and values.

Rules kept here:
- a reason is produced for every criterion with a non-zero weight, ordered by points (then by
  the fixed criterion order), so the reasons of a proposal add up to its score;
- evidence is data, never prose: taxonomy codes, language codes, numbers, and the mentee's own
  words for the words in common (most specific first), so the Django side can translate.
"""

from __future__ import annotations

import numpy as np

from binome_engine.index import MentorIndex
from binome_engine.model import EvidenceValue, MenteeRequest, ProgrammeSettings, Reason
from binome_engine.scoring import CRITERIA, REASON_CODES, Points, RequestBlock
from binome_engine.text import analyse

Evidence = tuple[tuple[str, EvidenceValue], ...]
MAX_WORDS = 6


def build_reasons(
    index: MentorIndex,
    block: RequestBlock,
    i: int,
    row: int,
    column: int,
    points: dict[str, Points],
    settings: ProgrammeSettings,
) -> tuple[Reason, ...]:
    """The reasons of request ``i`` with the mentor at index ``row`` (``column`` in ``points``)."""
    weights = settings.weights.as_dict()
    reasons = []
    for order, name in enumerate(CRITERIA):
        if weights[name] == 0:
            continue
        milli = int(points[name][i, column])
        evidence = _evidence(name, index, block, i, row) if milli > 0 else ()
        reasons.append((-milli, order, Reason(REASON_CODES[name], milli / 1000, evidence)))
    return tuple(reason for _m, _o, reason in sorted(reasons, key=lambda r: (r[0], r[1])))


def _evidence(name: str, index: MentorIndex, block: RequestBlock, i: int, row: int) -> Evidence:
    request = block.requests[i]
    mentor = index.profiles[row]
    if name == "text":
        return (("words", words_in_common(index, block, i, row)),)
    if name == "sector":
        return (("sector", mentor.sector),)
    if name == "function":
        return (("function", mentor.function),)
    if name == "themes":
        return (("themes", tuple(sorted(request.themes & mentor.themes))),)
    if name == "experience":
        gap = mentor.years_experience - request.years_experience
        return (("years_gap", gap), ("style", str(request.style)))
    if name == "language":
        return (("language", next(lang for lang in request.languages if lang in mentor.languages)),)
    if name == "skills":
        return (("skills", _shared_skills(request, mentor.skills)),)
    if name == "format":
        return (("formats", tuple(sorted(str(f) for f in request.formats & mentor.formats))),)
    if name == "proximity":
        if request.country and mentor.country == request.country:
            return (("country", mentor.country),)
        return (("hours_apart", round(abs(mentor.utc_offset - request.utc_offset), 1)),)
    if name == "capacity":
        return (("places_left", mentor.capacity),)
    return (("response_rate", round(min(1.0, max(0.0, mentor.responsiveness)), 2)),)


def words_in_common(index: MentorIndex, block: RequestBlock, i: int, row: int) -> tuple[str, ...]:
    """The request's words also in the mentor's text, rarest (most telling) first."""
    idf = index.idf()
    mentor_tokens = index.surface[row]
    shared = [
        (-float(idf[index.tokens.codes[t]]), word, t)
        for t, word in block.surface[i].items()
        if t in mentor_tokens and t in index.tokens.codes
    ]
    return tuple(word for _w, word, _t in sorted(shared)[:MAX_WORDS] if _w < 0)


def _shared_skills(request: MenteeRequest, mentor_skills: frozenset[str]) -> tuple[str, ...]:
    mentor_tokens = {t for s in mentor_skills for t in analyse(s).tokens}
    return tuple(sorted(s for s in request.skills if set(analyse(s).tokens) & mentor_tokens))


def score_of(reasons: tuple[Reason, ...]) -> float:
    """The score as the sum of the reasons' milli-points (exact, then in points)."""
    return int(np.sum([round(r.points * 1000) for r in reasons])) / 1000
