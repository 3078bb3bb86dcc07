"""Reading the values alumni files really hold: class years in school forms, sectors, job
functions and countries by code, by label in French or English, or by a usual synonym.

Every reader returns the stored value or raises ``ValueError(code)``; the code names the reason
shown in the report. Nothing here guesses silently: a value is read only when its form says
unambiguously what it means (an unknown sector is not forced into the nearest one, see
``lookup``).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

from binome.members import taxonomy

FIRST_CLASS_YEAR = 1940


def last_class_year() -> int:
    # Current students have a class year a few years ahead (same bound as the profile form).
    return datetime.date.today().year + 6


def key(text: str) -> str:
    """Lower case, no accents, words separated by one space: "Côte d’Ivoire" → "cote d ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", plain))


# "2008", "2008.0" (a number cell exported by Excel), "X2008", "X 2008", "X08", "X'08", "'08",
# "P2015", "Promo 2015", "ESSEC 08": a school's letters, then two or four digits.
_CLASS_YEAR = re.compile(
    r"^(?:[^\W\d_]{1,20}\.?)?\s*[-'’‘`]?\s*(?P<year>\d{4}|\d{2})(?:\.0+)?$", re.UNICODE
)


def class_year(text: str) -> int:
    """The class year written as schools write it; two digits are the nearest century."""
    match = _CLASS_YEAR.match(text.strip())
    if match is None:
        raise ValueError("year")
    digits = match.group("year")
    year = int(digits)
    last = last_class_year()
    if len(digits) == 2:
        year += 2000 if year <= last % 100 else 1900
    if not FIRST_CLASS_YEAR <= year <= last:
        raise ValueError("year_range")
    return year


# Usual names that are not labels of the lists (keys as ``key`` makes them).
SECTOR_SYNONYMS = {
    "numerique": "software",
    "digital": "software",
    "informatique": "software",
    "it": "software",
    "tech": "software",
    "technologie": "software",
    "technologies": "software",
    "logiciel": "software",
    "software": "software",
    "saas": "software",
    "banque et finance": "banking",
    "banque finance": "banking",
    "finance": "banking",
    "services financiers": "banking",
    "financial services": "banking",
    "banking and finance": "banking",
    "banque d investissement": "banking",
    "investment banking": "banking",
    "assurances": "insurance",
    "private equity": "asset_management",
    "capital investissement": "asset_management",
    "conseil en strategie": "consulting",
    "strategy consulting": "consulting",
    "audit": "consulting",
    "audit et conseil": "consulting",
    "telecoms": "telecom",
    "telecom": "telecom",
    "aeronautique": "aerospace",
    "aeronautics": "aerospace",
    "spatial": "aerospace",
    "space": "aerospace",
    "defense": "defence",
    "transports": "transport",
    "logistique": "transport",
    "logistics": "transport",
    "btp": "construction",
    "travaux publics": "construction",
    "chimie": "chemicals",
    "materiaux": "chemicals",
    "sante": "pharma",
    "health": "pharma",
    "healthcare": "pharma",
    "pharmacie": "pharma",
    "pharmaceutique": "pharma",
    "pharmaceuticals": "pharma",
    "biotech": "pharma",
    "agroalimentaire": "agrifood",
    "agriculture": "agrifood",
    "food": "agrifood",
    "distribution": "retail",
    "commerce": "retail",
    "grande distribution": "retail",
    "luxe": "luxury",
    "biens de consommation": "luxury",
    "consumer goods": "luxury",
    "fmcg": "luxury",
    "medias": "media",
    "media": "media",
    "culture": "media",
    "secteur public": "public_sector",
    "fonction publique": "public_sector",
    "administration": "public_sector",
    "government": "public_sector",
    "recherche": "research",
    "enseignement superieur": "research",
    "universite": "research",
    "academia": "research",
    "education": "research",
    "higher education": "research",
    "association": "nonprofit",
    "ong": "nonprofit",
    "ngo": "nonprofit",
    "ess": "nonprofit",
    "non profit": "nonprofit",
    "environnement": "environment",
    "climat": "environment",
    "energies renouvelables": "energy",
    "renewable energy": "energy",
    "petrole et gaz": "energy",
    "oil and gas": "energy",
    "industrie": "industry",
    "manufacturing": "industry",
    # Labels of the industry lists networks export from (LinkedIn's industries, the usual
    # French directory categories): one code each only where the label says one world.
    "internet": "software",
    "web": "software",
    "esn": "software",
    "ssii": "software",
    "services informatiques": "software",
    "it services": "software",
    "information technology": "software",
    "information technology and services": "software",
    "computer software": "software",
    "jeux video": "software",
    "finance de marche": "banking",
    "marches financiers": "banking",
    "capital markets": "banking",
    "banque de detail": "banking",
    "retail banking": "banking",
    "mutuelle": "insurance",
    "reassurance": "insurance",
    "reinsurance": "insurance",
    "gestion de patrimoine": "asset_management",
    "wealth management": "asset_management",
    "investment management": "asset_management",
    "capital risque": "asset_management",
    "venture capital": "asset_management",
    "venture capital and private equity": "asset_management",
    "conseil en management": "consulting",
    "management consulting": "consulting",
    "cabinet de conseil": "consulting",
    "expertise comptable": "consulting",
    "accounting": "consulting",
    "utilities": "energy",
    "electricite": "energy",
    "nucleaire": "energy",
    "nuclear": "energy",
    "oil and energy": "energy",
    "aviation and aerospace": "aerospace",
    "defense and space": "defence",
    "armement": "defence",
    "transport aerien": "transport",
    "airlines": "transport",
    "ferroviaire": "transport",
    "rail": "transport",
    "maritime": "transport",
    "shipping": "transport",
    "genie civil": "construction",
    "civil engineering": "construction",
    "batiment": "construction",
    "promotion immobiliere": "real_estate",
    "biotechnologies": "pharma",
    "biotechnology": "pharma",
    "dispositifs medicaux": "pharma",
    "medical devices": "pharma",
    "hopital": "pharma",
    "hospital and health care": "pharma",
    "food and beverages": "agrifood",
    "food production": "agrifood",
    "e commerce": "retail",
    "ecommerce": "retail",
    "cosmetique": "luxury",
    "cosmetiques": "luxury",
    "cosmetics": "luxury",
    "mode": "luxury",
    "fashion": "luxury",
    "grande consommation": "luxury",
    "presse": "media",
    "edition": "media",
    "publishing": "media",
    "audiovisuel": "media",
    "broadcast media": "media",
    "publicite": "media",
    "advertising": "media",
    "collectivites territoriales": "public_sector",
    "collectivites locales": "public_sector",
    "public administration": "public_sector",
    "government administration": "public_sector",
    "economie sociale et solidaire": "nonprofit",
    "humanitaire": "nonprofit",
    "fondation": "nonprofit",
    "non profit organization management": "nonprofit",
    "developpement durable": "environment",
    "sustainability": "environment",
    "environmental services": "environment",
    "electronique": "industry",
    "electronics": "industry",
    "semi conducteurs": "industry",
    "semiconductors": "industry",
    "machinery": "industry",
    "biens d equipement": "industry",
}
FUNCTION_SYNONYMS = {
    "direction": "general_management",
    "dg": "general_management",
    "ceo": "general_management",
    "management": "general_management",
    "finance": "finance",
    "controle de gestion": "finance",
    "controlling": "finance",
    "daf": "finance",
    "cfo": "finance",
    "r and d": "rnd",
    "r d": "rnd",
    "rd": "rnd",
    "recherche": "rnd",
    "research": "rnd",
    "data": "data",
    "data science": "data",
    "ia": "data",
    "ai": "data",
    "developpement": "software_dev",
    "developpeur": "software_dev",
    "informatique": "software_dev",
    "it": "software_dev",
    "software engineering": "software_dev",
    "product": "product",
    "production": "operations",
    "operations": "operations",
    "achats": "supply_chain",
    "supply chain": "supply_chain",
    "procurement": "supply_chain",
    "commercial": "sales",
    "ventes": "sales",
    "vente": "sales",
    "business development": "sales",
    "marketing": "marketing",
    "communication": "marketing",
    "rh": "hr",
    "drh": "hr",
    "human resources": "hr",
    "juridique": "legal",
    "droit": "legal",
    "legal": "legal",
    "conformite": "legal",
    "compliance": "legal",
    "gestion de projet": "project_management",
    "chef de projet": "project_management",
    "entrepreneur": "entrepreneur",
    "entrepreneuriat": "entrepreneur",
    "fondateur": "entrepreneur",
    "founder": "entrepreneur",
    "enseignement": "teaching",
    "education": "teaching",
    "politiques publiques": "public_policy",
    "pdg": "general_management",
    "directeur general": "general_management",
    "directrice generale": "general_management",
    "managing director": "general_management",
    "general manager": "general_management",
    "comptabilite": "finance",
    "accounting": "finance",
    "tresorerie": "finance",
    "audit interne": "finance",
    "corporate development": "strategy",
    "strategie et developpement": "strategy",
    "bureau d etudes": "engineering",
    "methodes": "engineering",
    "business intelligence": "data",
    "analytics": "data",
    "big data": "data",
    "systemes d information": "software_dev",
    "dsi": "software_dev",
    "information technology": "software_dev",
    "qualite": "operations",
    "quality": "operations",
    "maintenance": "operations",
    "logistique": "supply_chain",
    "logistics": "supply_chain",
    "relation client": "sales",
    "customer success": "sales",
    "account management": "sales",
    "marketing digital": "marketing",
    "digital marketing": "marketing",
    "relations publiques": "marketing",
    "public relations": "marketing",
    "recrutement": "hr",
    "recruiting": "hr",
    "talent acquisition": "hr",
    "affaires juridiques": "legal",
    "pmo": "project_management",
    "gestion de projets": "project_management",
    "affaires publiques": "public_policy",
    "public affairs": "public_policy",
}
COUNTRY_SYNONYMS = {
    "uk": "GB",
    "u k": "GB",
    "angleterre": "GB",
    "england": "GB",
    "ecosse": "GB",
    "scotland": "GB",
    "pays de galles": "GB",
    "wales": "GB",
    "grande bretagne": "GB",
    "great britain": "GB",
    "britain": "GB",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "etats unis d amerique": "US",
    "etats unis": "US",
    "united states": "US",
    "america": "US",
    "hollande": "NL",
    "holland": "NL",
    "russie": "RU",
    "russia": "RU",
    "coree du sud": "KR",
    "coree": "KR",
    "south korea": "KR",
    "korea": "KR",
    "coree du nord": "KP",
    "north korea": "KP",
    "iran": "IR",
    "syrie": "SY",
    "syria": "SY",
    "vietnam": "VN",
    "viet nam": "VN",
    "laos": "LA",
    "tanzanie": "TZ",
    "tanzania": "TZ",
    "moldavie": "MD",
    "moldova": "MD",
    "bolivie": "BO",
    "venezuela": "VE",
    "tchequie": "CZ",
    "republique tcheque": "CZ",
    "czech republic": "CZ",
    "czechia": "CZ",
    "turquie": "TR",
    "turkey": "TR",
    "birmanie": "MM",
    "burma": "MM",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "rdc": "CD",
    "drc": "CD",
    "congo kinshasa": "CD",
    "congo brazzaville": "CG",
    "taiwan": "TW",
    "hong kong": "HK",
    "macedoine": "MK",
    "vatican": "VA",
    "palestine": "PS",
    "emirats": "AE",
    "uae": "AE",
    "eau": "AE",
    "dubai": "AE",
    "la reunion": "RE",
    "reunion": "RE",
}


def lookup(kind: str, text: str) -> str | None:
    """The code of a sector, function or country written as a code, a label or a synonym.

    A sector label of two parts ("Logiciel et numérique") is also found by one part
    ("Logiciel"), when that part names no other entry. Anything else is not a match: the caller
    keeps it as written, with a warning.
    """
    return _index(kind).get(key(text))


@lru_cache(maxsize=4)
def _index(kind: str) -> dict[str, str]:
    if kind == "country":
        return _country_index()
    entries = taxonomy.entries(kind)
    synonyms = {"sector": SECTOR_SYNONYMS, "function": FUNCTION_SYNONYMS}.get(kind, {})
    index: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for code, fr, en in entries:
        for name in (code, fr, en):
            index[key(name)] = code
            for part in re.split(r",| et | and ", name):
                parts.setdefault(key(part), set()).add(code)
    for part, codes in parts.items():
        if part and len(codes) == 1:
            index.setdefault(part, next(iter(codes)))
    for name, code in synonyms.items():
        index.setdefault(name, code)
    return index


def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for code, names in taxonomy.country_names().items():
        for name in names:
            index[key(name)] = code
            # "Corée, République de" is also found as "République de Corée", and as "Corée" when
            # that names one country only.
            if "," in name:
                head, tail = (part.strip() for part in name.split(",", 1))
                index.setdefault(key(f"{tail} {head}"), code)
                short = key(head)
                if index.get(short, code) != code:
                    ambiguous.add(short)
                index.setdefault(short, code)
    for short in ambiguous:
        index.pop(short, None)
    for name, code in COUNTRY_SYNONYMS.items():
        index[name] = code
    return index
