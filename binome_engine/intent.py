"""Where the request says the mentee wants to go: the clauses after an intent cue.

A mentee writes where they are and where they want to go in one text ("3 yrs in a Big 4
transaction services team. I want to move into private equity"; "consultante, je voudrais
rejoindre une ONG"). The words after a cue of movement or of the mentor sought ("move into",
"become", "looking for a", "devenir", "rejoindre", "je cherche un") describe the world the
mentor should work in; they weigh more in the query (``query.query_rows``). The clause runs to
the end of its sentence or to a turn ("but", "mais"). Cues are grammar, not a list of jobs: no
sector or job word is named here.
"""

from __future__ import annotations

import re

_EN = (
    r"move (?:in)?to",
    r"moving (?:in)?to",
    r"switch(?:ing)? (?:in)?to",
    r"transition(?:ing)? (?:in)?to",
    r"pivot(?:ing)? (?:in)?to",
    r"break(?:ing)? into",
    r"get(?:ting)? into",
    r"go(?:ing)? into",
    r"jump (?:in)?to",
    r"become",
    r"becoming",
    r"join(?:ing)?",
    r"work(?:ing)? (?:in|at|for|as)",
    r"roles? (?:in|at|as)",
    r"careers? (?:in|as)",
    r"job (?:in|at|as)",
    r"position (?:in|at|as)",
    r"looking for",
    r"(?:want|need) (?:a|an|to (?:talk|meet|speak))",
    r"(?:mentoring|advice|help|guidance) from",
    r"i['’]?d like (?:a|an|to (?:talk|meet|speak))",
    r"would like (?:a|an|to (?:talk|meet|speak))",
    r"look for",
    r"seeking",
    r"talk (?:to|with)",
    r"speak (?:to|with)",
    r"a mentor (?:who|in|from|at)",
    r"someone (?:who|in|from|at)",
    r"considering",
    r"aim(?:ing)? (?:for|at)",
    r"towards?",
    r"target(?:ing)?",
    r"interested in",
    r"start(?:ing)? (?:my|our|a) own",
    r"launch(?:ing)?",
    r"found(?:ing)? (?:a|my)",
    r"into",
)
_FR = (
    r"devenir",
    r"rejoindre",
    r"int[ée]grer",
    r"passer (?:dans|en|au|aux|à|a|chez|vers|du c[ôo]t[ée])",
    r"(?:me |se )?reconvertir",
    r"reconversion",
    r"(?:é|e)voluer vers",
    r"aller vers",
    r"basculer",
    r"bifurquer",
    r"(?:m'|m’|me )?orienter vers",
    r"(?:me |se )?lancer",
    r"travailler (?:dans|en|chez|pour|comme)",
    r"cr[ée]er (?:ma|mon|une|un|sa|son)",
    r"monter (?:ma|mon|une|un)",
    r"fonder",
    r"je cherche",
    r"(?:veux|souhaite|souhaiterais) (?:qu['’]une?(?:\(e\))?|une?|parler|[ée]changer|rencontrer)",
    r"entrer (?:dans|en|chez|au)",
    r"passer c[ôo]t[ée]",
    r"voudrais (?:qu['’]une?(?:\(e\))?|une?|parler|[ée]changer|rencontrer)",
    r"aimerais (?:qu['’]une?(?:\(e\))?|une?|parler|[ée]changer|rencontrer)",
    r"cherche (?:un|une|des)",
    r"recherche (?:un|une|des)",
    r"[ée]changer avec",
    r"parler (?:à|a|avec)",
    r"un mentor (?:qui|dans|en|chez)",
    r"quelqu['’]un (?:qui|dans|en|chez)",
    r"postes? (?:dans|en|chez|de)",
    r"un poste",
    r"int[ée]ress[ée]e? par",
    r"viser",
    r"je vise",
    r"(?:me )?tourner vers",
    r"faire (?:du|de la|de l['’])",
    r"vers",
)
_CUE = re.compile(r"\b(?:" + "|".join(_EN + _FR) + r")\b", re.IGNORECASE)
_END = re.compile(
    r"[.!?;:,()\n]| [-–—] |\b(?:but|however|how|what|whether|mais|cependant|pourtant|comment|"
    r"quoi|est-ce|et je|and i)\b",
    re.IGNORECASE,
)


def target_text(text: str) -> str:
    """The parts of ``text`` that say where the mentee wants to go (empty when none does)."""
    parts: list[str] = []
    at = 0
    while match := _CUE.search(text, at):
        end = _END.search(text, match.end())
        stop = end.start() if end else len(text)
        parts.append(text[match.end() : stop])
        at = max(stop, match.end())
    return " ".join(part.strip() for part in parts if part.strip())
