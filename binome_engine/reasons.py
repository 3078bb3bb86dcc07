"""Reasons: each criterion's points for one pair, with its evidence as codes and values.

Rules kept here:
- a reason is produced for every criterion with a non-zero weight, ordered by points (then by
  the fixed criterion order), so the reasons of a proposal add up to its score;
- evidence is data, never prose: taxonomy codes, language codes, numbers, and the mentor's own
  words for the words in common (most specific first), so the Django side can translate;
- a reason about the mentee's situation says which world it compares (``world``: ``target``,
  where the mentee wants to go, or ``current``, where they are);
- no reason without data: a mentor never invited has no responsiveness reason; a pair with no
  format both can use gets the warning ``no_common_format`` (0 points) instead of
  ``common_format``;
- a sector or function the mentor left empty and the engine read from their title
  (``inferred``) says so: ``("read_from", "title")``.
"""

from __future__ import annotations

import numpy as np

from binome_engine.index import MentorIndex, place_key
from binome_engine.inferred import inferred_function, inferred_sector
from binome_engine.model import (
    EvidenceValue,
    MenteeRequest,
    MentorProfile,
    ProgrammeSettings,
    Reason,
)
from binome_engine.scoring import CRITERIA, REASON_CODES, Points, RequestBlock
from binome_engine.text import analyse, retrieval_tokens

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
        mentor = index.profiles[row]
        if name == "responsiveness" and mentor.responsiveness is None:
            continue  # never invited: no data, no reason (and no points)
        code = REASON_CODES[name]
        if name == "format" and milli == 0:
            code = "no_common_format"
            evidence: Evidence = (
                ("formats", tuple(sorted(str(f) for f in mentor.formats))),
                ("city", mentor.city),
            )
        else:
            evidence = _evidence(name, index, block, i, row) if milli > 0 else ()
        reasons.append((-milli, order, Reason(code, milli / 1000, evidence)))
    return tuple(reason for _m, _o, reason in sorted(reasons, key=lambda r: (r[0], r[1])))


def _evidence(name: str, index: MentorIndex, block: RequestBlock, i: int, row: int) -> Evidence:
    request = block.requests[i]
    mentor = index.profiles[row]
    if name == "text":
        return (("words", words_in_common(index, block, i, row)),)
    if name == "sector":
        if not mentor.sector:  # read from the title (``inferred``): the reason says so
            sector = inferred_sector(mentor)
            return (("sector", sector), ("world", "target"), ("read_from", "title"))
        return (("sector", mentor.sector), ("world", "target"))
    if name == "function":
        if not mentor.function:
            function = inferred_function(mentor)
            return (("function", function), ("world", "target"), ("read_from", "title"))
        return (("function", mentor.function), ("world", "target"))
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
        return (("formats", _usable_formats(request, mentor)),)
    if name == "proximity":
        world = "target" if request.target_country else "current"
        if request.wanted_country and place_key(mentor.country) == place_key(
            request.wanted_country
        ):
            return (("country", mentor.country), ("world", world))
        return (("hours_apart", round(abs(mentor.utc_offset - request.utc_offset), 1)),)
    if name == "capacity":
        return (("places_left", mentor.capacity),)
    rate = mentor.responsiveness or 0.0  # None never gets here (no reason without data)
    return (("response_rate", round(min(1.0, max(0.0, rate)), 2)),)


def words_in_common(index: MentorIndex, block: RequestBlock, i: int, row: int) -> tuple[str, ...]:
    """The mentor's own words (as the mentor wrote them) that match the request's, the most
    telling first: the match's weight in the request (rarity, lowered for words of the world
    the mentee leaves), then rarity."""
    idf = index.idf()
    start, stop = block.query.indptr[i], block.query.indptr[i + 1]
    codes = block.query.indices[start:stop].tolist()
    weight = dict(zip(codes, block.query.data[start:stop].tolist(), strict=True))
    mentor_words = index.surface[row]
    shared = []
    for token in retrieval_tokens(tuple(block.surface[i])):
        code = index.tokens.codes.get(token)
        if code is None or token not in mentor_words or weight.get(code, 0.0) <= 0:
            continue
        shared.append((-weight[code], -float(idf[code]), mentor_words[token]))
    return tuple(dict.fromkeys(word for _w, _i, word in sorted(shared)))[:MAX_WORDS]


def _usable_formats(request: MenteeRequest, mentor: MentorProfile) -> tuple[str, ...]:
    """Formats both accept; in person only in the same city (or a city unknown)."""
    common = {str(f) for f in request.formats & mentor.formats}
    city, wanted = place_key(mentor.city), place_key(request.wanted_city)
    if city and wanted and city != wanted:
        common.discard("in_person")
    return tuple(sorted(common))


def _shared_skills(request: MenteeRequest, mentor_skills: frozenset[str]) -> tuple[str, ...]:
    mentor_tokens = {t for s in mentor_skills for t in analyse(s).tokens}
    return tuple(sorted(s for s in request.skills if set(analyse(s).tokens) & mentor_tokens))


def score_of(reasons: tuple[Reason, ...]) -> float:
    """The score as the sum of the reasons' milli-points (exact, then in points)."""
    return int(np.sum([round(r.points * 1000) for r in reasons])) / 1000
