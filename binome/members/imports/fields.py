"""The fields an import fills, the names their columns go by, and the reasons a value is refused.

Only the email and the last name are required: alumni files often lack first names for older
classes, and everything else can be completed later by the member.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_lazy

from binome.members.imports.values import FIRST_CLASS_YEAR, key, last_class_year


@dataclass(frozen=True)
class ImportField:
    name: str
    label: Any
    required: bool = False
    aliases: tuple[str, ...] = ()


FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "email",
        gettext_lazy("Email"),
        True,
        ("e mail", "mail", "courriel", "adresse email", "adresse e mail", "email address"),
    ),
    ImportField(
        "first_name", gettext_lazy("First name"), False, ("prenom", "firstname", "given name")
    ),
    ImportField(
        "last_name",
        gettext_lazy("Last name"),
        True,
        ("nom", "lastname", "surname", "nom de famille", "family name", "nom d usage"),
    ),
    ImportField(
        "class_year",
        gettext_lazy("Class year"),
        False,
        (
            "promo",
            "promotion",
            "annee",
            "year",
            "annee de promotion",
            "annee de sortie",
            "annee de diplomation",
            "graduation year",
            "year of graduation",
            "grad year",
            "class",
            "class of",
        ),
    ),
    ImportField("degree", gettext_lazy("Degree"), False, ("diplome", "formation", "cursus")),
    ImportField(
        "position_title",
        gettext_lazy("Current position"),
        False,
        ("poste", "poste actuel", "fonction actuelle", "titre", "job title", "position"),
    ),
    ImportField(
        "employer",
        gettext_lazy("Employer"),
        False,
        (
            "entreprise",
            "employeur",
            "societe",
            "company",
            "organisation",
            "organization",
            "nom entreprise",
            "nom societe",
            "raison sociale",
            "employer name",
            "company name",
        ),
    ),
    ImportField(
        "sector", gettext_lazy("Sector"), False, ("secteur", "secteur d activite", "industry")
    ),
    ImportField(
        "function",
        gettext_lazy("Job function"),
        False,
        ("metier", "job function", "fonction", "function", "domaine"),
    ),
    ImportField("country", gettext_lazy("Country"), False, ("pays", "country code", "code pays")),
    ImportField("city", gettext_lazy("City"), False, ("ville", "town")),
    ImportField(
        "phone",
        gettext_lazy("Phone"),
        False,
        ("telephone", "tel", "portable", "mobile", "phone number", "numero de telephone"),
    ),
    ImportField(
        "linkedin_url",
        gettext_lazy("LinkedIn profile"),
        False,
        ("linkedin", "profil linkedin", "linkedin url", "url linkedin", "lien linkedin"),
    ),
    ImportField("languages", gettext_lazy("Languages spoken"), False, ("langues", "languages")),
    ImportField("skills", gettext_lazy("Skills"), False, ("competences",)),
    ImportField("bio", gettext_lazy("About me"), False, ("biographie", "presentation", "bio")),
    ImportField(
        "language",
        gettext_lazy("Language of the emails"),
        False,
        ("langue", "langue de correspondance", "preferred language"),
    ),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)
FIELD_LABELS = {field.name: field.label for field in FIELDS}
REQUIRED = tuple(field.name for field in FIELDS if field.required)

MAX_LENGTHS = {
    "first_name": 100,
    "last_name": 100,
    "degree": 120,
    "position_title": 160,
    "employer": 160,
    "sector": 120,
    "function": 120,
    "city": 120,
    "phone": 40,
    "linkedin_url": 200,
    "bio": 4000,
}

# Reasons, by code. Warnings do not block the import; errors do.
WARNINGS = {"sector_unknown", "function_unknown"}
MESSAGES = {
    "required": gettext_lazy("This field is required."),
    "email": gettext_lazy("This is not a valid email address."),
    "duplicate_email": gettext_lazy(
        "This email address is already on line %(detail)s of the file."
    ),
    "year": gettext_lazy("Not a class year: write it as 2008, X2008, X08 or '08."),
    "year_range": gettext_lazy("The class year must be between %(first)s and %(last)s."),
    "sector_unknown": gettext_lazy(
        "Not a sector of the list: kept as written, unless you choose a sector for it."
    ),
    "function_unknown": gettext_lazy(
        "Not a job function of the list: kept as written, unless you choose one for it."
    ),
    "country": gettext_lazy("Unknown country: write its name (French or English) or ISO code."),
    "languages": gettext_lazy("Unknown language (write it as French, anglais, fr, en…)."),
    "language": gettext_lazy("Emails can be sent in French (fr) or English (en)."),
    "linkedin_url": gettext_lazy("Not a LinkedIn profile address (https://www.linkedin.com/in/…)."),
    "phone": gettext_lazy("Not a phone number."),
    "too_long": gettext_lazy("This value is too long (at most %(max)s characters)."),
    "field_count": gettext_lazy(
        "This line has %(found)s fields where the header line has %(expected)s: a separator is "
        "missing or extra (a value with a ; or , in it must be in quotes), so values would land "
        "in the wrong columns."
    ),
    "extra_cells": gettext_lazy("This row has values in columns that have no header."),
    "formula_no_value": gettext_lazy(
        "Cell %(detail)s holds a formula whose result was never saved: open the file in Excel "
        "or LibreOffice and save it again (or paste the values), then upload it again."
    ),
}


# For a group of issues, when each line's message names its own numbers.
GROUP_MESSAGES = {
    "duplicate_email": gettext_lazy(
        "This email address is already on an earlier line of the file."
    ),
    "field_count": gettext_lazy(
        "These lines do not have as many fields as the header line: a separator is missing or "
        "extra (a value with a ; or , in it must be in quotes), so values would land in the "
        "wrong columns."
    ),
    "formula_no_value": gettext_lazy(
        "These cells hold formulas whose result was never saved: open the file in Excel or "
        "LibreOffice and save it again (or paste the values), then upload it again."
    ),
}


def message(code: str, field: str = "", detail: str = "") -> str:
    text = str(MESSAGES.get(code, code))
    params: dict[str, object] = {"detail": detail}
    if code == "year_range":
        params.update(first=FIRST_CLASS_YEAR, last=last_class_year())
    elif code == "too_long":
        params["max"] = MAX_LENGTHS.get(field, "")
    elif code == "field_count":
        found, _, expected = detail.partition("/")
        params.update(found=found, expected=expected)
    return text % params if "%(" in text else text


def _names(field: ImportField) -> set[str]:
    return {key(field.name), key(str(field.label))} | {key(alias) for alias in field.aliases}


# Words that say which one of a kind a column holds, not what it holds: "Email perso",
# "Tél. portable", "Entreprise actuelle", "Pays de résidence", "Intitulé du poste".
QUALIFIERS = frozenset(
    {
        "actuel",
        "actuelle",
        "actuels",
        "current",
        "present",
        "perso",
        "personnel",
        "personnelle",
        "personal",
        "principal",
        "principale",
        "main",
        "primary",
        "pro",
        "professionnel",
        "professionnelle",
        "work",
        "business",
        "portable",
        "mobile",
        "cellulaire",
        "cell",
        "fixe",
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "l",
        "of",
        "the",
        "residence",
        "habituelle",
        "occupe",
        "intitule",
        "en",
        "cours",
        "usuel",
        "membre",
        "member",
        "alumni",
        "mailing",
        "home",
        "preferred",
    }
)


def field_for_header(header: str) -> str | None:
    """The field a column is for, from its header in French or English ("E-mail" → email),
    then from the header without its qualifiers ("Tél. portable" → phone)."""
    index = _header_index()
    name = key(header)
    if name in index:
        return index[name]
    core = " ".join(word for word in name.split() if word not in QUALIFIERS)
    return index.get(core) if core else None


@lru_cache(maxsize=1)
def _header_index() -> dict[str, str]:
    from django.utils import translation

    index: dict[str, str] = {}
    for field in FIELDS:
        names = _names(field)
        for language in ("fr", "en"):
            with translation.override(language):
                names.add(key(str(field.label)))
        for name in names:
            index.setdefault(name, field.name)
    return index
