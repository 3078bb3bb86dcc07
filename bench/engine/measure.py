"""One measurement, run in its own process so its peak memory is its own.

``python -m bench.engine.measure <part> <size>`` prints one JSON line: seconds, peak RSS, and the
part's figures. Instances are generated before the clock starts (fixed seed).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from binome_engine.synthetic import market

SIZES = {"S": (1_000, 400), "M": (10_000, 4_000), "L": (100_000, 40_000)}


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    before = peak_mib()
    start = time.perf_counter()
    figures = run()
    figures["seconds"] = round(time.perf_counter() - start, 3)
    figures["peak_mib"] = round(peak_mib(), 1)
    figures["peak_before_mib"] = round(before, 1)
    return figures


def cohort(size: str, mode: str) -> dict[str, Any]:
    from binome_engine.cohort import CohortOptions, assign, assign_fair

    mentors, requests = market(*SIZES[size])
    solver = assign_fair if mode == "fair" else assign

    def run() -> dict[str, Any]:
        result = solver(mentors, requests, None, CohortOptions(explain=False))
        c = result.certificate
        assert c is not None
        return {
            "matched": len(result.pairs),
            "total_score": result.total_score,
            "min_score": result.min_score,
            "gap": c.gap,
            "rounds": c.rounds,
            "candidate_pairs": c.candidate_pairs,
            "pairs_priced": c.pairs_priced,
        }

    return timed(run)


def _dense_weights(size: str) -> tuple[Any, Any, Any]:
    from binome_engine.cohort.candidates import weights
    from binome_engine.index import MentorIndex
    from binome_engine.scoring import encode

    mentors, requests = market(*SIZES[size])
    index = MentorIndex(mentors)
    w = weights(index, encode(index, requests), __import__("binome_engine").ProgrammeSettings())
    caps = np.maximum(index.capacity[: index.n], 0)
    caps[index.paused[: index.n]] = 0
    return w, caps, index


def scipy_dense(size: str) -> dict[str, Any]:
    from scipy.optimize import linear_sum_assignment

    def run() -> dict[str, Any]:
        w, caps, _index = _dense_weights(size)
        slots = np.repeat(np.arange(len(caps)), caps)
        big = 10**6  # more pairs first, as ours
        expanded = np.where(w[:, slots] >= 0, w[:, slots] + big, 0).astype(np.float64)
        rows, cols = linear_sum_assignment(expanded, maximize=True)
        ok = w[rows, slots[cols]] >= 0
        return {
            "matched": int(ok.sum()),
            "total_score": round(float(w[rows, slots[cols]][ok].sum()) / 1000, 3),
        }

    return timed(run)


def hospital_resident(size: str, top: int = 50) -> dict[str, Any]:
    from matching.games import HospitalResident

    sys.setrecursionlimit(1_000_000)  # the package deep-copies its linked players

    def run() -> dict[str, Any]:
        w, caps, _index = _dense_weights(size)
        prefs: dict[int, list[int]] = {}
        for i in range(w.shape[0]):
            ok = np.flatnonzero(w[i] >= 0)
            best = ok[np.argsort(-w[i, ok], kind="stable")][:top]
            prefs[i] = [int(j) for j in best if caps[j] > 0]
        ranked: dict[int, list[int]] = {j: [] for j in range(w.shape[1]) if caps[j] > 0}
        for i, lst in prefs.items():
            for j in lst:
                ranked[j].append(i)
        hospital_prefs = {
            j: sorted(rs, key=lambda i: (-w[i, j], i)) for j, rs in ranked.items() if rs
        }
        resident_prefs = {
            i: [j for j in lst if j in hospital_prefs] for i, lst in prefs.items() if lst
        }
        game = HospitalResident.create_from_dictionaries(
            resident_prefs, hospital_prefs, {j: int(caps[j]) for j in hospital_prefs}
        )
        matching = game.solve(optimal="resident")
        pairs = [(int(r.name), int(h.name)) for h, rs in matching.items() for r in rs]
        return {
            "matched": len(pairs),
            "total_score": round(sum(int(w[i, j]) for i, j in pairs) / 1000, 3),
        }

    return timed(run)


def shortlist_latency(size: str) -> dict[str, Any]:
    from binome_engine import MentorIndex, shortlist

    n_mentors = {"S": 1_000, "M": 10_000, "L": 100_000}[size]
    mentors, requests = market(300, n_mentors, seed=5)
    extra, _ = market(1, 200, seed=6)
    start = time.perf_counter()
    index = MentorIndex(mentors)
    build = time.perf_counter() - start
    for r in requests[:5]:
        shortlist(index, r)  # warm-up
    latencies = []
    for r in requests[5:]:
        t = time.perf_counter()
        shortlist(index, r)
        latencies.append(time.perf_counter() - t)
    updates = []
    for m in extra[:100]:
        t = time.perf_counter()
        index.upsert(type(m)(**{**{f: getattr(m, f) for f in m.__slots__}, "id": f"new-{m.id}"}))
        updates.append(time.perf_counter() - t)
    t = time.perf_counter()
    shortlist(index, requests[0])
    after_update = time.perf_counter() - t
    t = time.perf_counter()
    index.compact()
    compact = time.perf_counter() - t
    ms = np.array(latencies) * 1000
    return {
        "mentors": n_mentors,
        "build_s": round(build, 2),
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "upsert_ms": round(float(np.mean(updates)) * 1000, 3),
        "first_query_after_updates_ms": round(after_update * 1000, 2),
        "compact_s": round(compact, 3),
        "peak_mib": round(peak_mib(), 1),
    }


def speed(size: str) -> dict[str, Any]:
    from binome_engine.speed import speed_rounds

    mentees, mentors_ = 120, 60
    mentors, _ = market(1, mentors_, seed=8)
    _, requests = market(mentees, 1, seed=9)

    def run() -> dict[str, Any]:
        s = speed_rounds(mentors, requests, 6)
        idle = sum(len(i) for i in s.idle)
        return {"meetings": len(s.meetings), "idle_seats": idle, "total_score": s.total_score}

    return timed(run)


def quality(size: str) -> dict[str, Any]:
    """The hand-written evaluation set (``binome_engine.evaluation.real``): the engine, its
    ablation and plain BM25 with the same hard rules."""
    from binome_engine.evaluation.real import load
    from binome_engine.evaluation.real.__main__ import ablation, bm25_baseline, engine
    from binome_engine.evaluation.real.measure import breakdown, rank_all
    from binome_engine.index import MentorIndex

    data = load()
    index = MentorIndex(data.mentors)
    rankers = {
        "engine": engine(index, ablation("all")),
        "text_only": engine(index, ablation("text")),
        "codes_only": engine(index, ablation("codes")),
        "bm25": bm25_baseline(data, index),
    }
    out: dict[str, Any] = {"requests": len(data.requests), "mentors": len(data.mentors)}
    for name, rank in rankers.items():
        table = breakdown(data, rank_all(data, rank))
        out[name] = {
            part: {k: round(v, 3) for k, v in vars(f).items()} for part, f in table.items()
        }
    return out


PARTS: dict[str, Callable[[str], dict[str, Any]]] = {
    "cohort": lambda s: cohort(s, "optimal"),
    "cohort-fair": lambda s: cohort(s, "fair"),
    "scipy-dense": scipy_dense,
    "hospital-resident": hospital_resident,
    "shortlist": shortlist_latency,
    "speed": speed,
    "quality": quality,
}

if __name__ == "__main__":
    part, size = sys.argv[1], sys.argv[2]
    print(json.dumps({"part": part, "size": size, **PARTS[part](size)}))
