"""Ranking quality: nDCG@5, hit@3 (an ideal mentor in the top 3), distractors in the top 5.

The baseline is a naive bag of words: lowercase words split on spaces, no accents folded, no
stemming, no synonyms, no hard constraints; mentors ranked by the number of distinct words their
bio shares with the request (ties by input order).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from binome_engine.evaluation.dataset import IDEAL, EvaluationSet
from binome_engine.index import MentorIndex
from binome_engine.model import MemberId, MenteeRequest, ProgrammeSettings
from binome_engine.shortlist import shortlist

Ranker = Callable[[MenteeRequest], Sequence[MemberId]]


@dataclass(frozen=True)
class Quality:
    ndcg_at_5: float
    hit_at_3: float
    distractors_in_top_5: float  # share of the top-5 slots taken by planted distractors


def ndcg(ranked: Sequence[MemberId], gains: dict[MemberId, int], k: int = 5) -> float:
    dcg = sum(gains.get(m, 0) / math.log2(i + 2) for i, m in enumerate(ranked[:k]))
    best = sorted(gains.values(), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(best))
    return dcg / ideal if ideal else 0.0


def evaluate(data: EvaluationSet, rank: Ranker) -> Quality:
    scores, hits, planted = [], 0, 0
    for request in data.requests:
        ranked = list(rank(request))[:5]
        gains = data.gains[request.id]
        scores.append(ndcg(ranked, gains))
        hits += any(gains.get(m) == IDEAL for m in ranked[:3])
        planted += sum(m in data.distractors[request.id] for m in ranked)
    n = len(data.requests)
    return Quality(sum(scores) / n, hits / n, planted / (5 * n))


def engine_ranker(data: EvaluationSet, settings: ProgrammeSettings | None = None) -> Ranker:
    index = MentorIndex(data.mentors)
    return lambda r: [p.mentor_id for p in shortlist(index, r, settings, k=5).proposals]


def _bag(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def baseline_ranker(data: EvaluationSet) -> Ranker:
    bags = [(m.id, _bag(m.bio)) for m in data.mentors]

    def rank(request: MenteeRequest) -> list[MemberId]:
        words = _bag(request.text)
        order = sorted(range(len(bags)), key=lambda i: (-len(words & bags[i][1]), i))
        return [bags[i][0] for i in order[:5]]

    return rank
