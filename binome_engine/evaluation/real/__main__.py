"""``python -m binome_engine.evaluation.real``: the engine, its ablation and a BM25 baseline.

Prints one table per ranker (all requests, French, English, mixed, by style), then the
ablation summary. ``--json`` prints the figures as one JSON object instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from binome_engine.constraints import eligible
from binome_engine.evaluation.real import Labelled, load
from binome_engine.evaluation.real.measure import HEADER, Ranker, breakdown, rank_all
from binome_engine.index import MentorIndex
from binome_engine.model import MemberId, MenteeRequest, ProgrammeSettings, Weights
from binome_engine.scoring import encode
from binome_engine.shortlist import shortlist
from binome_engine.stopwords import ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS
from binome_engine.text import fold

TEXT_CRITERIA = ("text", "skills")


def engine(index: MentorIndex, settings: ProgrammeSettings) -> Ranker:
    return lambda r: [p.mentor_id for p in shortlist(index, r, settings, k=5).proposals]


def ablation(kind: str) -> ProgrammeSettings:
    """Weights kept: the text criteria only, every other criterion only, or all of them."""
    weights = Weights()
    if kind == "all":
        return ProgrammeSettings()
    keep = TEXT_CRITERIA if kind == "text" else None
    changes = {
        f.name: 0.0
        for f in dataclasses.fields(Weights)
        if (f.name in TEXT_CRITERIA) != (keep is not None)
    }
    return ProgrammeSettings(weights=dataclasses.replace(weights, **changes))


_WORD = re.compile(r"[a-z0-9&+]+")
_STOP = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS


def _plain(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in _STOP and len(w) > 1]


def bm25_baseline(data: Labelled, index: MentorIndex) -> Ranker:
    """Plain BM25 (folded words, both stop lists, no stemming, no lexicon) over each mentor's
    title, employer, past positions and bio, among the mentors the engine's hard rules allow."""
    docs = [
        Counter(
            _plain(" ".join((m.get("title", ""), m["employer"], m["past_positions"], m["bio"])))
        )
        for m in data.raw_mentors
    ]
    ids = [m["id"] for m in data.raw_mentors]
    lengths = np.array([sum(d.values()) for d in docs], dtype=float)
    avg = lengths.mean()
    df: Counter[str] = Counter(w for d in docs for w in d)
    n = len(docs)

    def rank(request: MenteeRequest) -> Sequence[MemberId]:
        ok = eligible(index, encode(index, [request]), ProgrammeSettings())[0]
        allowed = {index.ids[row] for row in np.flatnonzero(ok)}
        scores = np.zeros(n)
        for word in set(_plain(request.text)):
            idf = math.log1p((n - df[word] + 0.5) / (df[word] + 0.5))
            for j, d in enumerate(docs):
                tf = d.get(word, 0)
                if tf:
                    scores[j] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[j] / avg))
        order = sorted(range(n), key=lambda j: (-scores[j], j))
        return [ids[j] for j in order if ids[j] in allowed][:5]

    return rank


def main(load_data: Callable[[], Labelled] = load, prog: str = "real") -> int:
    parser = argparse.ArgumentParser(prog=f"python -m binome_engine.evaluation.{prog}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = load_data()
    index = MentorIndex(data.mentors)
    rankers: dict[str, Ranker] = {
        "engine": engine(index, ablation("all")),
        "engine, text only": engine(index, ablation("text")),
        "engine, codes only": engine(index, ablation("codes")),
        "BM25 + hard rules": bm25_baseline(data, index),
    }
    results = {name: breakdown(data, rank_all(data, rank)) for name, rank in rankers.items()}
    if args.json:
        print(json.dumps({n: {k: vars(f) for k, f in r.items()} for n, r in results.items()}))
        return 0
    print(f"{len(data.requests)} requests, {len(data.mentors)} mentors\n")
    for name, table in results.items():
        print(f"## {name}\n\n| part | {HEADER.strip()} |\n|---|---|---|---|---|---|---|")
        for part, fig in table.items():
            print(f"| {part:<7} | {fig.row()} |")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
