"""Sector and job function read from a mentor's own title when they left the code empty.

Rules kept here:
- a code is inferred only when the mentor gave none: a ticked code is never overridden;
- the evidence is the mentor's own current title (and, for the sector, their employer's
  name), analysed like every text: a taxonomy code is indicated when the title carries one of
  the lexicon concepts of that code's French or English label ("Head of Talent Acquisition"
  → ``~hr`` → function ``hr``), written as one of the concept's lexicon terms, not met by
  a stem only ("Development Manager" is not a developer);
- only unambiguous evidence counts: exactly one code of the list indicated, else nothing;
- concepts of career talk and "management" (in "Gestion d'actifs", and in every manager's
  title) indicate nothing;
- an inferred code is marked as such, so that a reason can say it was read from the title;
- the worlds and job titles people write instead of a label ("Private Equity", "VC", "M&A",
  "quant", "Head of Product") are lexicon concepts of no label:
  ``LINKED`` ties each to the codes it plainly belongs to; a concept whose code depends on
  the employer or the person ("CTO": engineering or software development, in which sector;
  "audit", "ESN": worlds many mentees leave, where a code read would lift the current world)
  is tied to none.
"""

from __future__ import annotations

from functools import lru_cache

from binome_engine import taxonomy
from binome_engine.model import MentorProfile
from binome_engine.text import LOW_INFORMATION, analyse, written_as_term

_GENERIC = LOW_INFORMATION | {"~management"}

# lexicon concepts of no taxonomy label -> (sector codes, function codes) they indicate
LINKED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "~private_equity": (frozenset({"asset_management"}), frozenset({"finance"})),
    "~venture_capital": (frozenset({"asset_management"}), frozenset({"finance"})),
    "~investment_banking": (frozenset({"banking"}), frozenset({"finance"})),
    "~quant_finance": (frozenset({"banking"}), frozenset({"finance"})),
    "~mergers": (frozenset(), frozenset({"finance"})),
    "~product_management": (frozenset(), frozenset({"product"})),
}


@lru_cache(maxsize=2)
def _concepts(kind: str) -> dict[str, frozenset[str]]:
    """Each lexicon concept of a label of ``kind`` ("sector" or "function") with its codes."""
    entries = taxonomy.SECTORS if kind == "sector" else taxonomy.FUNCTIONS
    found: dict[str, set[str]] = {}
    for code, fr, en in entries:
        for token in analyse(fr, "fr").tokens + analyse(en, "en").tokens:
            if token.startswith("~") and token not in _GENERIC:
                found.setdefault(token, set()).add(code)
    for concept, (sectors, functions) in LINKED.items():
        linked = sectors if kind == "sector" else functions
        if linked:
            found.setdefault(concept, set()).update(linked)
    return {concept: frozenset(codes) for concept, codes in found.items()}


@lru_cache(maxsize=65536)
def read_code(kind: str, text: str) -> str:
    """The one code of ``kind`` that ``text``'s concepts indicate, or "" (none, or several)."""
    if not text.strip():
        return ""
    concepts = _concepts(kind)
    codes: set[str] = set()
    analysed = analyse(text)
    for token in analysed.tokens:
        if token in concepts and written_as_term(token, analysed.surface[token]):
            codes |= concepts[token]
    return next(iter(codes)) if len(codes) == 1 else ""


def inferred_sector(mentor: MentorProfile) -> str:
    """The sector read from the title and employer of a mentor who gave none ("" otherwise)."""
    if mentor.sector:
        return ""
    return read_code("sector", f"{mentor.title} — {mentor.employer}")


def inferred_function(mentor: MentorProfile) -> str:
    """The job function read from the title of a mentor who gave none ("" otherwise)."""
    if mentor.function:
        return ""
    return read_code("function", mentor.title)
