"""The hand-written evaluation set (requests, alumni profiles, graded labels) and its loader.

See ``README.md`` in this folder for how the set was written and graded. The JSON files are
frozen: the evaluation reads them, nothing here derives them from the engine.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from binome_engine.model import Format, MemberId, MenteeRequest, MentorProfile, Style

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Labelled:
    mentors: tuple[MentorProfile, ...]
    requests: tuple[MenteeRequest, ...]
    grades: dict[MemberId, dict[MemberId, int]]  # request -> mentor -> 1..3 (absent: 0)
    distractors: dict[MemberId, dict[MemberId, str]]  # request -> planted trap -> its kind
    language: dict[MemberId, str]  # request -> fr / en / mixed
    raw_mentors: tuple[dict[str, Any], ...]
    raw_requests: tuple[dict[str, Any], ...]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(";") if v)


def _known(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """Only the fields ``cls`` has: the same files load into an older or newer model."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in values.items() if k in names}


def mentor_profile(m: dict[str, Any]) -> MentorProfile:
    values: dict[str, Any] = {
        **m,
        "languages": _split(m["languages"]),
        "formats": frozenset(Format(f) for f in _split(m["formats"])),
        "themes": frozenset(_split(m["themes"])),
        "skills": frozenset(_split(m["skills"])),
    }
    if m["responsiveness"] is None and _field_default(MentorProfile, "responsiveness") is not None:
        values.pop("responsiveness")  # an older model without "no data": its default
    return MentorProfile(**_known(MentorProfile, values))


def _field_default(cls: type, name: str) -> Any:
    return next(f.default for f in dataclasses.fields(cls) if f.name == name)


def mentee_request(r: dict[str, Any]) -> MenteeRequest:
    values: dict[str, Any] = {
        **r,
        "member_id": "p-" + r["id"],
        "languages": _split(r["languages"]),
        "formats": frozenset(Format(f) for f in _split(r["formats"])),
        "themes": frozenset(_split(r["themes"])),
        "style": Style(r["style"]),
    }
    return MenteeRequest(**_known(MenteeRequest, values))


def load() -> Labelled:
    mentors = json.loads((HERE / "mentors.json").read_text())
    requests = json.loads((HERE / "requests.json").read_text())
    labels = json.loads((HERE / "labels.json").read_text())["pairs"]
    return Labelled(
        mentors=tuple(mentor_profile(m) for m in mentors),
        requests=tuple(mentee_request(r) for r in requests),
        grades={rid: dict(p["grades"]) for rid, p in labels.items()},
        distractors={rid: dict(p["distractors"]) for rid, p in labels.items()},
        language={r["id"]: r["lang"] for r in requests},
        raw_mentors=tuple(mentors),
        raw_requests=tuple(requests),
    )
