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
    r"(?:want|hope|hoping|plan|planning) to be(?:come)?",
    r"would love (?:a|an|to (?:talk|meet|speak))",
    r"mak(?:e|ing) the (?:move|jump|switch) (?:in)?to",
    r"shift(?:ing)? (?:in)?to",
    r"land(?:ing)? (?:a|an)",
    r"go(?:ing)? (?:back|in-house) (?:to|in|into)",
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
    r"revenir (?:à|a|au|aux|dans|en|vers)",
    r"retourner (?:à|a|au|aux|dans|en|vers)",
    r"r[êe]ve de",
    r"me projeter (?:dans|en|comme)",
    r"vers",
)
_CUE = re.compile(r"\b(?:" + "|".join(_EN + _FR) + r")\b", re.IGNORECASE)
_END_SOURCE = (
    r"[.!?;:,()\n]| [-–—] |\b(?:but|however|how|what|whether|mais|cependant|pourtant|comment|"
    r"quoi|est-ce|et je|and i)\b"
)
_END = re.compile(_END_SOURCE, re.IGNORECASE)


def _literal_first(cue: str) -> tuple[str, ...]:
    """``cue`` as alternatives that each start with a plain letter, tried in the same order.

    A leading optional group ``(?:a|b )?x`` tries ``a x``, ``b x`` then ``x``; a leading
    group ``(?:a|b)x`` tries ``ax`` then ``bx``; a leading class ``[ab]x`` is ``ax`` or ``bx``.
    """
    optional = re.match(r"\(\?:([^()]*)\)\?", cue)
    if optional:
        rest = cue[optional.end() :]
        return tuple(a + rest for a in optional.group(1).split("|")) + _literal_first(rest)
    group = re.match(r"\(\?:([^()]*)\)", cue)
    if group:
        return tuple(a + cue[group.end() :] for a in group.group(1).split("|"))
    klass = re.match(r"\[([^\]]*)\]", cue)
    if klass:
        return tuple(c + cue[klass.end() :] for c in klass.group(1))
    assert cue[0].isalpha() and cue[0] == cue[0].lower(), cue
    return (cue,)


def _by_first_letter(cues: tuple[str, ...]) -> str:
    """The alternation of ``cues`` grouped by first letter, each group in the cues' order.

    At a given position only the alternatives starting with its letter can match, so the
    grouped pattern finds the same match (the first alternative, in order, that matches),
    but tries one letter per group instead of every alternative.
    """
    groups: dict[str, list[str]] = {}
    for cue in cues:
        for alternative in _literal_first(cue):
            groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(
        re.escape(letter) + "(?:" + "|".join(rest) + ")" for letter, rest in groups.items()
    )


# ``_CUE`` and ``_END`` on the lowered text, without IGNORECASE (twice to ten times faster:
# the engine checks an alternative's first letter at once only without it)
_CUE_LOWERED = re.compile(r"\b(?:" + _by_first_letter(_EN + _FR) + r")\b")
_END_LOWERED = re.compile(_END_SOURCE)
# characters that IGNORECASE matches to letters of the cues other than through ``str.lower``
_CASE_EXTRAS = frozenset("ıſ")


def target_text(text: str) -> str:
    """The parts of ``text`` that say where the mentee wants to go (empty when none does)."""
    lowered = text.lower()
    # the lowered text matches without IGNORECASE where the text matches with it, at the same
    # positions, when lowering maps each character to one (test-checked on every character)
    if len(lowered) == len(text) and _CASE_EXTRAS.isdisjoint(text):
        return _target_text(text, lowered, _CUE_LOWERED, _END_LOWERED)
    return _target_text(text, text, _CUE, _END)


def _target_text(text: str, searched: str, cue: re.Pattern[str], end_: re.Pattern[str]) -> str:
    parts: list[str] = []
    at = 0
    while match := cue.search(searched, at):
        end = end_.search(searched, match.end())
        stop = end.start() if end else len(text)
        parts.append(text[match.end() : stop])
        at = max(stop, match.end())
    return " ".join(part.strip() for part in parts if part.strip())
