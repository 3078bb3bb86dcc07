"""Choices for forms, from the taxonomy shipped in ``binome_engine.taxonomy`` (one source), and
every ISO country by its French and English names (pycountry)."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from django.utils.translation import get_language

from binome_engine import taxonomy

SECTOR_CODES = taxonomy.codes(taxonomy.SECTORS)
FUNCTION_CODES = taxonomy.codes(taxonomy.FUNCTIONS)
LANGUAGE_CODES = taxonomy.codes(taxonomy.LANGUAGES)

# Shorter names than ISO's for the countries whose ISO name reads like a register entry.
_SHORT_NAMES: dict[str, tuple[str, str]] = {
    "RU": ("Russie", "Russia"),
    "IR": ("Iran", "Iran"),
    "SY": ("Syrie", "Syria"),
    "TZ": ("Tanzanie", "Tanzania"),
    "MD": ("Moldavie", "Moldova"),
    "VE": ("Venezuela", "Venezuela"),
    "KP": ("Corée du Nord", "North Korea"),
    "KR": ("Corée du Sud", "South Korea"),
    "LA": ("Laos", "Laos"),
    "CD": ("République démocratique du Congo", "Democratic Republic of the Congo"),
    "PS": ("Palestine", "Palestine"),
    "FM": ("Micronésie", "Micronesia"),
    "VA": ("Vatican", "Vatican City"),
    "RE": ("La Réunion", "Réunion"),
}


@lru_cache(maxsize=1)
def _iso_countries() -> tuple[tuple[taxonomy.Entry, ...], dict[str, tuple[str, ...]]]:
    """Every ISO 3166 country with its French and English names (pycountry's catalogues)."""
    import gettext

    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    entries: list[taxonomy.Entry] = []
    names: dict[str, tuple[str, ...]] = {}
    for country in pycountry.countries:
        iso = [country.name]
        for extra in ("common_name", "official_name"):
            if getattr(country, extra, None):
                iso.append(getattr(country, extra))
        every = [country.alpha_2, country.alpha_3, *iso, *(french.gettext(name) for name in iso)]
        en = getattr(country, "common_name", None) or country.name
        fr, en = _SHORT_NAMES.get(country.alpha_2, (french.gettext(en), en))
        entries.append((country.alpha_2, fr, en))
        names[country.alpha_2] = tuple(dict.fromkeys([*every, fr, en]))
    return tuple(entries), names


COUNTRIES: tuple[taxonomy.Entry, ...] = _iso_countries()[0]


def country_names() -> dict[str, tuple[str, ...]]:
    """Every name of each country (codes, ISO names, common and official, French and English)."""
    return _iso_countries()[1]


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


def entries(kind: str) -> tuple[taxonomy.Entry, ...]:
    return {
        "sector": taxonomy.SECTORS,
        "function": taxonomy.FUNCTIONS,
        "language": taxonomy.LANGUAGES,
        "country": COUNTRIES,
    }[kind]


def label(kind: str, code: str) -> str:
    return _labels(kind, get_language() or "fr").get(code, code)


@lru_cache(maxsize=16)
def _labels(kind: str, language: str) -> dict[str, str]:
    # A dict, not a scan of the list: exports label every row (249 countries).
    return {code: fr if language == "fr" else en for code, fr, en in entries(kind)}


def lookup(kind: str, value: str) -> str | None:
    """A code from a code, a French/English label or a usual synonym ("Énergie" → "energy")."""
    from binome.members.imports.values import lookup as find

    return find(kind, value)
