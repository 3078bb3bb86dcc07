"""Quality on the hand-written evaluation set (``evaluation/real``), not on data derived from
the engine: floors a change must not fall below (the figures are in the engine's README)."""

from binome_engine.evaluation.real import load
from binome_engine.evaluation.real.__main__ import ablation, bm25_baseline, engine
from binome_engine.evaluation.real.measure import breakdown, figures, rank_all
from binome_engine.index import MentorIndex


def test_the_engine_beats_plain_bm25_and_its_text_and_codes_alone() -> None:
    data = load()
    index = MentorIndex(data.mentors)
    ids = [r.id for r in data.requests]
    ours = breakdown(data, rank_all(data, engine(index, ablation("all"))))
    text_only = figures(data, rank_all(data, engine(index, ablation("text"))), ids)
    codes_only = figures(data, rank_all(data, engine(index, ablation("codes"))), ids)
    bm25 = figures(data, rank_all(data, bm25_baseline(data, index)), ids)
    best = ours["all"]
    assert best.ndcg_at_5 >= 0.84 and best.precision_at_5 >= 0.75
    assert best.hit_at_3 >= 0.9 and best.distractors_at_5 <= 0.12
    assert abs(ours["fr"].ndcg_at_5 - ours["en"].ndcg_at_5) <= 0.15
    assert best.ndcg_at_5 > max(text_only.ndcg_at_5, codes_only.ndcg_at_5, bm25.ndcg_at_5) + 0.1
