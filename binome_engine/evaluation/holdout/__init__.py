"""A held-out check of the hand-written set: 24 requests written after the tuning, graded by the
same rubric (``real.author.grade``) against the same 664 alumni profiles.

Nothing here was used to tune the engine; if it ever is, it stops being a held-out check and a
new one must be written. ``python -m binome_engine.evaluation.holdout`` prints its tables.
"""

from __future__ import annotations

import json
from typing import Any

from binome_engine.evaluation.holdout.requests import REQUESTS
from binome_engine.evaluation.real import HERE as REAL
from binome_engine.evaluation.real import Labelled, mentee_request, mentor_profile
from binome_engine.evaluation.real.author import labels


def _graded(requests: tuple[dict[str, Any], ...], mentors: list[dict[str, Any]]) -> dict[str, Any]:
    truth = json.loads((REAL / "labels.json").read_text())["mentors"]
    people = [{"subsidiary_of": "", **m, **truth[m["id"]]} for m in mentors]
    pairs = labels(people, requests)
    return {
        "grades": {rid: p["grades"] for rid, p in pairs.items()},
        "distractors": {rid: p["distractors"] for rid, p in pairs.items()},
    }


def load() -> Labelled:
    mentors = json.loads((REAL / "mentors.json").read_text())
    requests = tuple({k: v for k, v in r.items() if k not in ("now", "goal")} for r in REQUESTS)
    labels = _graded(REQUESTS, mentors)
    return Labelled(
        mentors=tuple(mentor_profile(m) for m in mentors),
        requests=tuple(mentee_request(r) for r in requests),
        grades=labels["grades"],
        distractors=labels["distractors"],
        language={r["id"]: r["lang"] for r in requests},
        raw_mentors=tuple(mentors),
        raw_requests=requests,
    )
