"""Reading profiles and settings from CSV or JSON files, writing results as JSON or CSV.

Rules kept here:
- columns are named as the dataclass fields (see README.md); unknown columns are ignored,
  missing ones take the dataclass default; ids are kept as strings;
- list columns (languages, themes, skills, formats) are separated by ``;`` in CSV and are
  lists in JSON; ``languages`` keeps its order (the first is the preferred one);
- a bad row raises ``InputFileError`` (a ``ValueError``) naming the file, the row and the
  column: nothing is half read. Rows are counted from 1, the CSV header not counted. Records
  are checked by ``validation.py`` as soon as they are read, so a value the engine would
  refuse is reported with its place in the file;
- a settings file is a JSON object whose keys are ``SETTINGS_KEYS``; an unknown key, a key of
  the wrong kind or a bad value is reported with its dotted name.
"""

from __future__ import annotations

import csv
import dataclasses
import enum
import io
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
from binome_engine.validation import (
    InvalidInput,
    validate_mentors,
    validate_requests,
    validate_settings,
)

TRUE = {"1", "true", "yes", "oui", "vrai", "y", "o"}
FALSE = {"0", "false", "no", "non", "faux", "n", ""}


class InputFileError(ValueError):
    """A file the engine cannot use, with the place of the problem in it."""


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word not in TRUE | FALSE:
        raise ValueError(f"{value!r} is not a yes/no value ({', '.join(sorted(TRUE | FALSE))})")
    return word in TRUE


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, str):  # French spreadsheets write 0,8
        value = value.strip().replace(",", ".")
    return float(value)


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = _float(value)
    if not number.is_integer():
        raise ValueError(f"{value!r} is not a whole number")
    return int(number)


def _optional_int(value: Any) -> int | None:
    return None if value in (None, "") else _int(value)


# a column's conversion follows its field's type (a new field of a known type needs nothing)
BY_TYPE: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "MemberId": str,
    "int": _int,
    "int | None": _optional_int,
    "float": _float,
    "float | None": lambda v: None if v in (None, "") else _float(v),
    "bool": _bool,
    "frozenset[str]": lambda v: frozenset(_list(v)),
    "tuple[str, ...]": lambda v: tuple(_list(v)),
    "frozenset[Format]": lambda v: frozenset(Format(f) for f in _list(v)),
    "Style": Style,
}
ALIASES = {"paused": "is_paused"}


def _build(cls: type[Any], row: dict[str, Any], where: str) -> Any:
    convert = {f.name: BY_TYPE.get(str(f.type), str) for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for column, raw in row.items():
        name = ALIASES.get(column, column)
        if name not in convert or (raw in (None, "") and name not in ("languages",)):
            continue
        try:
            values[name] = convert[name](raw)
        except (ValueError, TypeError) as error:
            raise InputFileError(f"{where}, column {column!r}: {error}") from error
    if "formats" in values and not values["formats"]:
        del values["formats"]
    try:
        return cls(**values)
    except TypeError as error:
        raise InputFileError(f"{where}: {error}") from error


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputFileError(f"{path}: cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise InputFileError(f"{path}: not UTF-8 text (save it as CSV UTF-8)") from error


def _json(path: Path) -> Any:
    try:
        return json.loads(_text(path))
    except json.JSONDecodeError as error:
        where = f"{path}, line {error.lineno}, column {error.colno}"
        raise InputFileError(f"{where}: not valid JSON ({error.msg})") from error


def _rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix.lower() == ".json":
        data = _json(path)
        rows = data.get("rows") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputFileError(f"{path}: expected a JSON list of objects (or {{'rows': [...]}})")
        return rows
    return list(csv.DictReader(io.StringIO(_text(path), newline="")))


def _read(path: Path, cls: type[Any], check: Callable[[list[Any]], None]) -> list[Any]:
    records = [_build(cls, r, f"{path}, row {n}") for n, r in enumerate(_rows(path), start=1)]
    try:
        check(records)
    except InvalidInput as error:
        row = "" if error.position is None else f", row {error.position + 1}"
        column = "" if error.field == "*" else f", column {error.field!r}"
        raise InputFileError(f"{path}{row}{column}: {error.why} (value {error.value!r})") from error
    return records


def read_mentors(path: Path) -> list[MentorProfile]:
    return _read(path, MentorProfile, validate_mentors)


def read_requests(path: Path) -> list[MenteeRequest]:
    return _read(path, MenteeRequest, validate_requests)


NESTED = {"weights": Weights, "constraints": HardConstraints, "seniority": SeniorityRules}
PAIR_KEYS = ("past_pairs", "conflicts", "pinned", "forbidden")
SETTINGS_KEYS = (*NESTED, *PAIR_KEYS, "theme_quotas", "diversity", "text_saturation")


def read_settings(path: Path | None) -> ProgrammeSettings:
    if path is None:
        return ProgrammeSettings()
    data = _json(path)
    if not isinstance(data, dict):
        raise InputFileError(
            f"{path}: settings must be a JSON object (keys: {', '.join(SETTINGS_KEYS)})"
        )
    try:
        settings = _settings(data)
        validate_settings(settings)
    except InvalidInput as error:
        raise InputFileError(
            f"{path}, {error.field}: {error.why} (value {error.value!r})"
        ) from error
    return settings


def _settings(data: dict[str, Any]) -> ProgrammeSettings:
    """The settings of a JSON object; shapes are checked here, values by ``validation``."""
    _known("", data, SETTINGS_KEYS)
    values: dict[str, Any] = {}
    for key, cls in NESTED.items():
        if key in data:
            fields = [f.name for f in dataclasses.fields(cls)]
            values[key] = cls(**_known(f"{key}.", data[key], fields))
    for key in PAIR_KEYS:
        if key in data:
            values[key] = frozenset(_pair(key, p) for p in _listed(key, data[key]))
    if "theme_quotas" in data:
        names = [f.name for f in dataclasses.fields(ThemeQuota)]
        values["theme_quotas"] = tuple(
            ThemeQuota(**_known(f"theme_quotas[{n}].", q, names))
            for n, q in enumerate(_listed("theme_quotas", data["theme_quotas"]))
        )
    values.update({k: data[k] for k in ("diversity", "text_saturation") if k in data})
    return ProgrammeSettings(**values)


def _known(prefix: str, value: Any, names: Iterable[str]) -> dict[str, Any]:
    names = list(names)
    if not isinstance(value, dict):
        why = f"must be a JSON object (keys: {', '.join(names)})"
        raise InvalidInput("settings", prefix.rstrip(".") or "*", value, "wrong_type", why)
    for key in value:
        if key not in names:
            why = f"unknown key (known: {', '.join(names)})"
            raise InvalidInput("settings", prefix + key, value[key], "unknown_key", why)
    return value


def _listed(key: str, value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput("settings", key, value, "wrong_type", "must be a JSON list")
    return value


def _pair(key: str, value: Any) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2):
        raise InvalidInput(
            "settings", key, value, "bad_pairs", "each entry must be a pair [id, id]"
        )
    return str(value[0]), str(value[1])


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
