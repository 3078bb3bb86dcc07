"""Text analysis that works across French and English without any model download.

Rules kept here:
- accents are folded and case is lowered before anything else ("Énergie" == "energie");
- a text's language is guessed from its stop words (French wins ties: French first);
- stop words of both languages are dropped; remaining words are Snowball-stemmed in the text's
  language, so cognates meet ("photovoltaïque" and "photovoltaic" both stem to "photovolta");
- words and phrases of the bilingual lexicon become one concept token (``~energy``), whatever the
  language, the longest phrase winning, an exact word match before a stem match (English stems
  "production" like "product");
- each token remembers the first surface word that produced it, to show words in common.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from binome_engine.lexicon import LEXICON

_WORD = re.compile(r"[a-z0-9&+]+")
_MAX_PHRASE = 4

FRENCH_STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "c",
        "d",
        "j",
        "l",
        "m",
        "n",
        "s",
        "t",
        "y",
        "ete",
        "etre",
        "avoir",
        "ai",
        "as",
        "avons",
        "avez",
        "ont",
        "suis",
        "es",
        "est",
        "sommes",
        "etes",
        "sont",
        "etais",
        "etait",
        "fait",
        "faire",
        "plus",
        "tres",
        "bien",
        "aussi",
        "comme",
        "dont",
        "ou",
        "si",
        "sans",
        "sous",
        "entre",
        "vers",
        "chez",
        "depuis",
        "apres",
        "avant",
        "ainsi",
        "alors",
        "donc",
        "car",
        "cela",
        "ca",
        "tout",
        "tous",
        "toute",
        "toutes",
        "autre",
        "autres",
        "meme",
        "memes",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "leur",
        "peu",
        "peut",
        "veux",
        "voudrais",
        "souhaite",
        "souhaiterais",
        "aimerais",
        "cherche",
        "recherche",
        "besoin",
        "aujourd",
        "hui",
        "an",
        "ans",
        "annee",
        "annees",
    ]
) - {"recherche"}  # "recherche" is content ("research"), not filler

ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "can",
        "will",
        "just",
        "should",
        "now",
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "would",
        "could",
        "like",
        "want",
        "looking",
        "help",
        "am",
        "also",
        "get",
        "got",
        "im",
        "ive",
        "year",
        "years",
    ]
) - {"up", "help"}  # "start-up" needs "up"; "help" is a lexicon concept

STOP_WORDS = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS
_FRENCH_ONLY = FRENCH_STOP_WORDS - ENGLISH_STOP_WORDS
_ENGLISH_ONLY = ENGLISH_STOP_WORDS - FRENCH_STOP_WORDS

_STEMMERS = {"fr": snowballstemmer.stemmer("french"), "en": snowballstemmer.stemmer("english")}


def fold(text: str) -> str:
    """Lowercase without accents; ligatures and apostrophes made plain."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Folded words, split on anything not a letter or digit (apostrophes and hyphens too)."""
    return _WORD.findall(fold(text))


def detect_language(tokens: list[str]) -> str:
    """'fr' or 'en', by counting stop words that belong to one language only."""
    fr = sum(1 for t in tokens if t in _FRENCH_ONLY)
    en = sum(1 for t in tokens if t in _ENGLISH_ONLY)
    return "en" if en > fr else "fr"


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    return str(_STEMMERS[language].stemWord(word))


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOP_WORDS and len(t) > 1 and not t.isdigit()]


def _build_phrase_index() -> dict[str, dict[tuple[str, ...], str]]:
    """Phrases by exact folded words (tried first) and by stems in each language."""
    index: dict[str, dict[tuple[str, ...], str]] = {"exact": {}, "fr": {}, "en": {}}
    for concept, fr_terms, en_terms in LEXICON:
        for language, terms in (("fr", fr_terms), ("en", en_terms)):
            for term in terms:
                content = _content(words(term))
                if content:
                    index["exact"].setdefault(tuple(content), concept)
                    index[language].setdefault(tuple(stem(t, language) for t in content), concept)
    return index


_PHRASES = _build_phrase_index()


@dataclass(frozen=True, slots=True)
class Analysed:
    """Tokens of a text (stems and ``~concept`` tokens) and a surface word for each."""

    tokens: tuple[str, ...]
    surface: dict[str, str]
    language: str


def _match(content: list[str], start: int, language: str) -> tuple[str, int] | None:
    """The longest lexicon phrase starting at ``start``: its concept and length."""
    other = "en" if language == "fr" else "fr"
    for length in range(min(_MAX_PHRASE, len(content) - start), 0, -1):
        piece = content[start : start + length]
        exact = _PHRASES["exact"].get(tuple(piece))
        if exact is not None:
            return exact, length
        for lang in (language, other):
            concept = _PHRASES[lang].get(tuple(stem(w, lang) for w in piece))
            if concept is not None:
                return concept, length
    return None


def analyse(text: str, language: str | None = None) -> Analysed:
    """Tokens for ``text``; ``language`` forces the stemmer instead of guessing."""
    raw = words(text)
    lang = language or detect_language(raw)
    content = _content(raw)
    tokens: list[str] = []
    surface: dict[str, str] = {}
    originals = _surface_words(text)
    i = 0
    while i < len(content):
        found = _match(content, i, lang)
        if found is not None:
            token, length = "~" + found[0], found[1]
        else:
            token, length = stem(content[i], lang), 1
        tokens.append(token)
        shown = " ".join(originals.get(w, w) for w in content[i : i + length])
        surface.setdefault(token, shown)
        i += length
    return Analysed(tuple(tokens), surface, lang)


def _surface_words(text: str) -> dict[str, str]:
    """Folded word -> the word as written (accents kept), to show people their own words."""
    out: dict[str, str] = {}
    for original in re.findall(r"[\w&+]+", text.lower()):
        for folded in _WORD.findall(fold(original)):
            out.setdefault(folded, original)
    return out
