from binome_engine.evaluation.dataset import build
from binome_engine.evaluation.metrics import baseline_ranker, engine_ranker, evaluate, ndcg
from binome_engine.model import MemberId


def test_ndcg_is_one_for_the_ideal_order_and_zero_for_nothing_relevant() -> None:
    gains: dict[MemberId, int] = {"a": 2, "b": 1}
    assert ndcg(["a", "b", "x"], gains) == 1.0
    assert ndcg(["x", "y"], gains) == 0.0


def test_the_engine_meets_the_quality_targets_on_the_evaluation_set() -> None:
    data = build()
    assert len(data.requests) >= 30 and len(data.mentors) >= 300
    ours = evaluate(data, engine_ranker(data))
    naive = evaluate(data, baseline_ranker(data))
    assert ours.hit_at_3 >= 0.95
    assert ours.ndcg_at_5 >= 0.85
    assert ours.distractors_in_top_5 <= 0.02
    assert ours.ndcg_at_5 > naive.ndcg_at_5
