"""Small builders for engine tests: a mentor and a request with sensible defaults."""

from __future__ import annotations

from typing import Any

from binome_engine.model import MenteeRequest, MentorProfile


def mentor(id: int | str, **fields: Any) -> MentorProfile:
    defaults: dict[str, Any] = {
        "sector": "energy",
        "function": "engineering",
        "languages": ("fr", "en"),
        "years_experience": 20,
        "capacity": 2,
        "bio": "Ingénieur dans l'énergie",
        "themes": frozenset({"board", "career_evolution"}),
    }
    defaults.update(fields)
    return MentorProfile(id=id, **defaults)


def request(id: int | str = "r1", **fields: Any) -> MenteeRequest:
    defaults: dict[str, Any] = {
        "member_id": f"member-{id}",
        "sector": "energy",
        "target_sector": "energy",  # a request about energy (only the target is scored)
        "languages": ("fr",),
        "years_experience": 3,
        "text": "Je cherche des conseils pour évoluer dans l'énergie",
    }
    defaults.update(fields)
    return MenteeRequest(id=id, **defaults)
