"""Reading profiles and settings from CSV or JSON files, writing results as JSON or CSV.

Rules kept here:
- columns are named as the dataclass fields (see README.md); unknown columns are ignored,
  missing ones take the dataclass default; ids are kept as strings;
- list columns (languages, themes, skills, formats) are separated by ``;`` in CSV and are
  lists in JSON; ``languages`` keeps its order (the first is the preferred one);
- a bad row raises ``ValueError`` naming the file, the row and the column: nothing is half read.
"""

from __future__ import annotations

import csv
import dataclasses
import enum
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from binome_engine.model import (
    Format,
    HardConstraints,
    MenteeRequest,
    MentorProfile,
    ProgrammeSettings,
    SeniorityRules,
    Style,
    ThemeQuota,
    Weights,
)

TRUE = {"1", "true", "yes", "oui", "vrai", "y", "o"}


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def _bool(value: Any) -> bool:
    return value is True or str(value).strip().lower() in TRUE


def _optional_int(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "id": str,
    "member_id": str,
    "skills": lambda v: frozenset(_list(v)),
    "themes": lambda v: frozenset(_list(v)),
    "languages": lambda v: tuple(_list(v)),
    "formats": lambda v: frozenset(Format(f) for f in _list(v)),
    "utc_offset": float,
    "years_experience": int,
    "class_year": _optional_int,
    "capacity": int,
    "is_paused": _bool,
    "paused": _bool,
    "responsiveness": float,
    "style": Style,
}


def _build(cls: type[Any], row: dict[str, Any], where: str) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for column, raw in row.items():
        name = "is_paused" if column == "paused" else column
        if name not in names or (raw in (None, "") and name not in ("languages",)):
            continue
        try:
            values[name] = CONVERTERS.get(name, str)(raw)
        except (ValueError, TypeError) as error:
            raise ValueError(f"{where}, column {column!r}: {error}") from error
    if "formats" in values and not values["formats"]:
        del values["formats"]
    try:
        return cls(**values)
    except TypeError as error:
        raise ValueError(f"{where}: {error}") from error


def _rows(path: Path) -> Iterable[dict[str, Any]]:
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, list) else data.get("rows", [])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_mentors(path: Path) -> list[MentorProfile]:
    return [
        _build(MentorProfile, r, f"{path}, row {n}") for n, r in enumerate(_rows(path), start=1)
    ]


def read_requests(path: Path) -> list[MenteeRequest]:
    return [
        _build(MenteeRequest, r, f"{path}, row {n}") for n, r in enumerate(_rows(path), start=1)
    ]


def read_settings(path: Path | None) -> ProgrammeSettings:
    if path is None:
        return ProgrammeSettings()
    data = json.loads(path.read_text(encoding="utf-8"))

    def pairs(name: str) -> frozenset[tuple[str, str]]:
        return frozenset((str(a), str(b)) for a, b in data.get(name, []))

    return ProgrammeSettings(
        weights=Weights(**data.get("weights", {})),
        constraints=HardConstraints(**data.get("constraints", {})),
        seniority=SeniorityRules(**data.get("seniority", {})),
        past_pairs=pairs("past_pairs"),
        conflicts=pairs("conflicts"),
        pinned=pairs("pinned"),
        forbidden=pairs("forbidden"),
        theme_quotas=tuple(ThemeQuota(**q) for q in data.get("theme_quotas", [])),
        **{k: float(data[k]) for k in ("diversity", "text_saturation") if k in data},
    )


def jsonable(value: Any) -> Any:
    """Dataclasses, enums, tuples and sets as plain JSON values (sets sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if "evidence" in out:  # (key, value) pairs read best as an object
            out["evidence"] = dict(out["evidence"])
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    return value


def write_json(path: Path | None, value: Any) -> str:
    text = json.dumps(jsonable(value), ensure_ascii=False, indent=2)
    if path is not None:
        path.write_text(text + "\n", encoding="utf-8")
    return text


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def reasons_text(reasons: Iterable[Any]) -> str:
    """``code=points`` joined by ``;``, for a spreadsheet column."""
    return ";".join(f"{r.code}={r.points:g}" for r in reasons if r.points)
