from binome_engine.evaluation import holdout
from binome_engine.evaluation.real import load
from binome_engine.evaluation.real.measure import figures, ndcg


def test_the_hand_written_set_has_sixty_requests_six_hundred_mentors_and_an_ideal_each() -> None:
    data = load()
    assert len(data.requests) >= 60 and len(data.mentors) >= 600
    assert all(3 in data.grades[r.id].values() for r in data.requests)
    languages = [data.language[r.id] for r in data.requests]
    assert languages.count("fr") >= 25 and languages.count("en") >= 25
    kinds = {kind for traps in data.distractors.values() for kind in traps.values()}
    assert kinds >= {
        "current_world",
        "false_friend",
        "still_in_old_job",
        "own_employer",
        "wrong_format",
        "wrong_place",
    }


def test_a_perfect_ranking_scores_one_and_traps_are_counted() -> None:
    data = load()
    best = {
        rid: sorted(grades, key=lambda m: (-grades[m], m in data.distractors[rid]))[:5]
        for rid, grades in data.grades.items()
    }
    perfect = figures(data, best, list(best))
    assert perfect.ndcg_at_5 == 1.0 and perfect.hit_at_3 == 1.0
    assert perfect.distractors_at_5 <= 0.02
    assert ndcg(["x"], {"a": 3}) == 0.0


def test_the_held_out_requests_are_graded_by_the_same_rubric_and_each_has_an_ideal() -> None:
    held_out = holdout.load()
    assert len(held_out.requests) == 24 and held_out.mentors == load().mentors
    assert not {r.id for r in held_out.requests} & {r.id for r in load().requests}
    assert all(3 in held_out.grades[r.id].values() for r in held_out.requests)
    kinds = {kind for traps in held_out.distractors.values() for kind in traps.values()}
    assert {"current_world", "own_employer", "wrong_place"} <= kinds
