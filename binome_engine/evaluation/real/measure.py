"""Ranking quality on the hand-written set: nDCG@5, precision@5, hit@3, distractors@5.

- nDCG@5: gains are the grades (0-3); the ideal order is the best five graded mentors;
- precision@5: share of the five slots holding a mentor graded 2 or 3 (an empty slot counts
  as not relevant);
- hit@3: an ideal mentor (grade 3) among the first three;
- distractors@5: share of the five slots holding a planted trap of the request (current world,
  false friend, still in the old job, colleague at the mentee's employer, wrong place or format);
  ``distractor_first`` counts requests whose first proposal is one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from binome_engine.evaluation.real import Labelled
from binome_engine.model import MemberId, MenteeRequest

Ranker = Callable[[MenteeRequest], Sequence[MemberId]]


@dataclass(frozen=True)
class Figures:
    requests: int
    ndcg_at_5: float
    precision_at_5: float
    hit_at_3: float
    distractors_at_5: float
    distractor_first: int

    def row(self) -> str:
        return (
            f"{self.requests} | {self.ndcg_at_5:.3f} | {self.precision_at_5:.3f} | "
            f"{self.hit_at_3:.3f} | {self.distractors_at_5:.3f} | {self.distractor_first}"
        )


HEADER = "n | nDCG@5 | P@5 | hit@3 | distr@5 | distractor first"


def ndcg(ranked: Sequence[MemberId], gains: dict[MemberId, int], k: int = 5) -> float:
    dcg = sum(gains.get(m, 0) / math.log2(i + 2) for i, m in enumerate(ranked[:k]))
    best = sorted(gains.values(), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(best))
    return dcg / ideal if ideal else 0.0


def figures(
    data: Labelled, ranked: dict[MemberId, list[MemberId]], ids: Sequence[MemberId]
) -> Figures:
    n = max(len(ids), 1)
    scores, precision, hits, planted, first = 0.0, 0.0, 0, 0, 0
    for rid in ids:
        top = ranked[rid][:5]
        gains = data.grades[rid]
        traps = data.distractors[rid]
        scores += ndcg(top, gains)
        precision += sum(gains.get(m, 0) >= 2 for m in top) / 5
        hits += any(gains.get(m) == 3 for m in top[:3])
        planted += sum(m in traps for m in top)
        first += bool(top) and top[0] in traps
    return Figures(len(ids), scores / n, precision / n, hits / n, planted / (5 * n), first)


def rank_all(data: Labelled, rank: Ranker) -> dict[MemberId, list[MemberId]]:
    return {r.id: list(rank(r))[:5] for r in data.requests}


def breakdown(data: Labelled, ranked: dict[MemberId, list[MemberId]]) -> dict[str, Figures]:
    """All requests, then by language of the request and by style."""
    out = {"all": figures(data, ranked, [r.id for r in data.requests])}
    for lang in ("fr", "en", "mixed"):
        out[lang] = figures(
            data, ranked, [r.id for r in data.requests if data.language[r.id] == lang]
        )
    for style in ("classic", "peer", "reverse"):
        out[style] = figures(data, ranked, [r.id for r in data.requests if str(r.style) == style])
    return out
