"""Choices for forms, from the taxonomy shipped in ``binome_engine.taxonomy`` (one source)."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from django.utils.translation import get_language

from binome_engine import taxonomy

SECTOR_CODES = taxonomy.codes(taxonomy.SECTORS)
FUNCTION_CODES = taxonomy.codes(taxonomy.FUNCTIONS)
LANGUAGE_CODES = taxonomy.codes(taxonomy.LANGUAGES)

COUNTRIES: tuple[taxonomy.Entry, ...] = (
    ("FR", "France", "France"),
    ("BE", "Belgique", "Belgium"),
    ("CH", "Suisse", "Switzerland"),
    ("LU", "Luxembourg", "Luxembourg"),
    ("DE", "Allemagne", "Germany"),
    ("GB", "Royaume-Uni", "United Kingdom"),
    ("ES", "Espagne", "Spain"),
    ("IT", "Italie", "Italy"),
    ("NL", "Pays-Bas", "Netherlands"),
    ("US", "États-Unis", "United States"),
    ("CA", "Canada", "Canada"),
    ("SG", "Singapour", "Singapore"),
    ("CN", "Chine", "China"),
    ("JP", "Japon", "Japan"),
    ("MA", "Maroc", "Morocco"),
    ("SN", "Sénégal", "Senegal"),
    ("BR", "Brésil", "Brazil"),
    ("AE", "Émirats arabes unis", "United Arab Emirates"),
    ("IN", "Inde", "India"),
    ("AU", "Australie", "Australia"),
)
COUNTRY_CODES = taxonomy.codes(COUNTRIES)


def _choices(entries: tuple[taxonomy.Entry, ...]) -> list[tuple[str, str]]:
    english = get_language() == "en"
    items = [(code, en if english else fr) for code, fr, en in entries]
    return sorted(items, key=lambda item: item[1].lower())


def sector_choices() -> list[tuple[str, str]]:
    return _choices(taxonomy.SECTORS)


def function_choices() -> list[tuple[str, str]]:
    return _choices(taxonomy.FUNCTIONS)


def language_choices() -> list[tuple[str, str]]:
    return _choices(taxonomy.LANGUAGES)


def country_choices() -> list[tuple[str, str]]:
    return _choices(COUNTRIES)


@lru_cache(maxsize=1)
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


def label(kind: str, code: str) -> str:
    entries = {
        "sector": taxonomy.SECTORS,
        "function": taxonomy.FUNCTIONS,
        "language": taxonomy.LANGUAGES,
        "country": COUNTRIES,
    }[kind]
    return taxonomy.label(entries, code, get_language() or "fr")


def lookup(kind: str, value: str) -> str | None:
    """A code from a code or a French/English label, for imports ("Énergie" → "energy")."""
    from binome.core.text import fold

    return _folded_index(kind).get(fold(value.strip()))


@lru_cache(maxsize=8)
def _folded_index(kind: str) -> dict[str, str]:
    from binome.core.text import fold

    entries = {
        "sector": taxonomy.SECTORS,
        "function": taxonomy.FUNCTIONS,
        "language": taxonomy.LANGUAGES,
        "country": COUNTRIES,
    }[kind]
    return {fold(name): code for code, fr, en in entries for name in (code, fr, en)}
