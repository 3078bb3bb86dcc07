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
from itertools import compress
from sys import intern
from typing import cast

import snowballstemmer

from binome_engine.lexicon import LEXICON
from binome_engine.stopwords import (
    CAREER_WORDS,
    ENGLISH_STOP_WORDS,
    FRENCH_STOP_WORDS,
    LOW_INFORMATION_CONCEPTS,
)

_WORD = re.compile(r"[a-z0-9&+]+")
_MAX_PHRASE = 4

STOP_WORDS = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS | CAREER_WORDS
# lexicon concepts of career talk (career, job, advice, help, experience…): kept in a text's
# tokens (words shown) but left out of retrieval, where they would match every profile
LOW_INFORMATION = frozenset("~" + concept for concept in LOW_INFORMATION_CONCEPTS)


def retrieval_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens a text is matched by: without ``LOW_INFORMATION`` concepts."""
    return tuple(t for t in tokens if t not in LOW_INFORMATION)


_FRENCH_ONLY = FRENCH_STOP_WORDS - ENGLISH_STOP_WORDS
_ENGLISH_ONLY = ENGLISH_STOP_WORDS - FRENCH_STOP_WORDS


def _one_word_terms(position: int) -> frozenset[str]:
    """The folded one-word lexicon terms of one language (1: French, 2: English)."""
    found = (_WORD.findall(_plain_fold(term)) for entry in LEXICON for term in entry[position])
    return frozenset(w[0] for w in found if len(w) == 1)


def _plain_fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )


# A stop word of one language only that is a lexicon term of the other is a word of meaning in
# a text of that other language: "ai" (French "j'ai") is AI in English, "car" (French "because")
# a car, "these" (English) a French "thèse". Stop words by the language a text is read in.
_STOP = {
    "fr": STOP_WORDS - (_ENGLISH_ONLY & _one_word_terms(1)),
    "en": STOP_WORDS - (_FRENCH_ONLY & _one_word_terms(2)),
}

_STEMMERS = {"fr": snowballstemmer.stemmer("french"), "en": snowballstemmer.stemmer("english")}


class _FoldTable(dict[int, str]):
    """Per-character folding for ``str.translate``, each character computed once.

    Folding character by character gives the same result as folding the whole text: NFKD
    decomposes character by character and only reorders combining marks, which are all dropped.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase without accents; ligatures and apostrophes made plain."""
    if text.isascii():
        return text.lower()
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("’", "'")
    return _NON_ASCII.sub(_fold_char, text.lower())


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD[ord(match.group())]


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
    """The Snowball stem, with two cognate endings met across the languages: French "-ique"
    stems as English "-ic" ("physique", "physics": ``physic``; "clinique", "clinical"), and
    an English "-y" word's stem loses its "i" as the French "-ie" one has ("economy",
    "économie": ``econom``; "therapy", "philosophy")."""
    out = str(_STEMMERS[language].stemWord(word))
    if language == "fr" and out.endswith("iqu") and len(out) > 5:
        return out[:-3] + "ic"
    if language == "en" and out.endswith("i") and len(out) > 5 and word.endswith(("y", "ies")):
        return out[:-1]
    return out


def _content(tokens: list[str], language: str) -> list[str]:
    stop = _STOP[language]
    return [t for t in tokens if t not in stop and len(t) > 1 and not t.isdigit()]


def _build_phrase_index() -> dict[str, dict[tuple[str, ...], str]]:
    """Phrases by exact folded words (tried first) and by stems in each language."""
    index: dict[str, dict[tuple[str, ...], str]] = {"exact": {}, "fr": {}, "en": {}}
    for concept, fr_terms, en_terms in LEXICON:
        for language, terms in (("fr", fr_terms), ("en", en_terms)):
            for term in terms:
                content = _content(words(term), language)
                if content:
                    index["exact"].setdefault(tuple(content), concept)
                    index[language].setdefault(tuple(stem(t, language) for t in content), concept)
    return index


_PHRASES = _build_phrase_index()


def written_as_term(token: str, shown: str) -> bool:
    """Whether concept ``token`` came from words written as one of its lexicon terms (or
    that term with an ending of at most two more letters: "énergies", "ingénieure") or from
    a phrase of several words — not from one word sharing a stem only ("developer" and
    "software developer" for ``~software_dev``, not "development")."""
    written = tuple(words(shown))
    concept = token.removeprefix("~")
    if len(written) > 1 or _PHRASES["exact"].get(written) == concept:
        return True
    return bool(written) and any(
        written[0].startswith(t) and len(written[0]) - len(t) <= _LONGER_ENDING
        for t in _single_terms(concept)
    )


_LONGER_ENDING = 2  # "énergies", "ingénieures"; not "development" for "dev"


@lru_cache(maxsize=1024)
def _single_terms(concept: str) -> tuple[str, ...]:
    """The folded one-word lexicon terms of ``concept``."""
    return tuple(k[0] for k, c in _PHRASES["exact"].items() if c == concept and len(k) == 1)


@dataclass(frozen=True, slots=True)
class Analysed:
    """Tokens of a text (stems and ``~concept`` tokens) and a surface word for each."""

    tokens: tuple[str, ...]
    surface: dict[str, str]
    language: str


def _longest() -> dict[tuple[str, str], int]:
    """For each (index, first word) the longest phrase starting with it: most words skip."""
    out: dict[tuple[str, str], int] = {}
    for kind, phrases in _PHRASES.items():
        for key in phrases:
            out[(kind, key[0])] = max(out.get((kind, key[0]), 0), len(key))
    return out


_LONGEST = _longest()


@lru_cache(maxsize=200_000)
def _limits(word: str) -> tuple[int, int, int]:
    """The longest phrase starting with ``word``: by exact word, French stem, English stem."""
    return (
        _LONGEST.get(("exact", word), 0),
        _LONGEST.get(("fr", stem(word, "fr")), 0),
        _LONGEST.get(("en", stem(word, "en")), 0),
    )


def _match(content: list[str], start: int, language: str) -> tuple[str, int] | None:
    """The longest lexicon phrase starting at ``start``: its concept and length."""
    exact_limit, fr_limit, en_limit = _limits(content[start])
    longest = min(max(exact_limit, fr_limit, en_limit), len(content) - start)
    if longest == 0:
        return None
    limits = {"fr": fr_limit, "en": en_limit}
    other = "en" if language == "fr" else "fr"
    for length in range(longest, 0, -1):
        piece = content[start : start + length]
        if exact_limit >= length:
            exact = _PHRASES["exact"].get(tuple(piece))
            if exact is not None:
                return exact, length
        for lang in (language, other):
            if limits[lang] >= length:
                concept = _PHRASES[lang].get(tuple(stem(w, lang) for w in piece))
                if concept is not None:
                    return concept, length
    return None


TYPO_MIN_LENGTH = 6  # shorter words slip into other words too often ("form"/"from")
DROP_MIN_LENGTH = 8  # a letter left out: only of longer terms ("enviroment", "managment")


def _slips(term: str) -> set[str]:
    """``term`` as fingers misspell it: two neighbouring letters swapped, a letter doubled,
    or (long terms) a letter left out inside the word (the first and last letters stay:
    "relation" is not a slip of "relations")."""
    n = len(term)
    out = {term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(n - 1)}
    out |= {term[: i + 1] + term[i:] for i in range(n)}
    if n >= DROP_MIN_LENGTH:
        out |= {term[:i] + term[i + 1 :] for i in range(1, n - 1)}
    out.discard(term)
    return out


def _build_typos() -> dict[str, str]:
    """One-word lexicon terms (of ``TYPO_MIN_LENGTH`` letters or more) misspelt by one slip
    of the fingers (``_slips``: "cliamte", "consultnig", "managment", "finnance") -> their
    concept; a misspelling that is itself a term, a stop word, or the misspelling of terms
    of two concepts is left out."""
    terms = {key[0]: concept for key, concept in _PHRASES["exact"].items() if len(key) == 1}
    found: dict[str, set[str]] = {}
    for term, concept in terms.items():
        if len(term) >= TYPO_MIN_LENGTH and term.isalpha():
            for typo in _slips(term):
                found.setdefault(typo, set()).add(concept)
    stop = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS
    return {
        typo: next(iter(concepts))
        for typo, concepts in found.items()
        if len(concepts) == 1 and typo not in terms and typo not in stop
    }


_TYPOS = _build_typos()


@lru_cache(maxsize=400_000)
def _single(word: str, language: str) -> str | None:
    """The token of ``word`` when no lexicon phrase can start with it, else None."""
    if max(_limits(word)) > 0:
        return None
    if word in _TYPOS:
        return "~" + _TYPOS[word]
    return stem(word, language)


@lru_cache(maxsize=400_000)
def _phrase(window: tuple[str, ...], language: str) -> tuple[str, int]:
    """The token and word count at the start of ``window`` (a phrase's concept, a one-word
    term misspelt by one slip (``_TYPOS``), or a stem)."""
    found = _match(list(window), 0, language)
    if found is not None:
        return "~" + found[0], found[1]
    if window[0] in _TYPOS and max(_limits(window[0])) == 0:
        return "~" + _TYPOS[window[0]], 1
    return stem(window[0], language), 1


def analyse(text: str, language: str | None = None) -> Analysed:
    """Tokens for ``text``; ``language`` forces the stemmer instead of guessing.

    Same result as ``_analyse_general`` (test-checked), faster: the words come from one
    tokenisation of the lowered text, each folded once per distinct word (``_fold_words``); each
    word's decision (stop word, or its own token) is cached per language, and only a word pair
    that can begin a lexicon phrase is matched further (``_with_phrases``). Texts whose
    characters could fold across word boundaries take the general path.
    """
    lowered = text.lower()
    if text.isascii():
        if "_" in text:  # "_" joins words for display: the general path
            return _analyse_general(text, language)
        raw = lowered.translate(_ASCII_SPACES).split()  # folded already, shown as they are
        originals = None
    else:
        found = _fold_words(text, lowered)
        if found is None:
            return _analyse_general(text, language)
        raw, written = found
        # the first way each folded word was written, as _surface_words would find it
        originals = dict(zip(reversed(raw), reversed(written), strict=True))
    lang = language or _guess(raw)
    decisions = _DECISIONS.setdefault(lang, {})
    try:
        decided = list(map(decisions.__getitem__, raw))
    except KeyError:
        try:
            decided = [_decision(word, lang, decisions) for word in raw]
        except _EmptyToken:
            return _analyse_general(text, language)
    content = list(compress(raw, decided))  # stop words, single letters and numbers decide ""
    kept = list(filter(None, decided))
    # the words shown are interned: a cohort keeps every request's (1.4 million on L, each
    # its own copy of a common word: 75 MB)
    shown = list(map(intern, content if originals is None else map(originals.__getitem__, content)))
    if not _STARTERS.isdisjoint(content):  # a phrase of several words may start here
        kept, shown = _with_phrases(content, kept, shown, lang)
    surface = dict.fromkeys(kept)  # tokens in first-seen order...
    surface.update(zip(reversed(kept), reversed(shown), strict=True))  # ...first words shown
    return Analysed(tuple(kept), cast(dict[str, str], surface), lang)


@lru_cache(maxsize=100_000)
def tokens_of(skill: str) -> tuple[str, ...]:
    """``analyse(skill).tokens``, cached: skills are short and the same ones come back often."""
    return analyse(skill).tokens


def _with_phrases(
    content: list[str], kept: list[str], shown: list[str], lang: str
) -> tuple[list[str], list[str]]:
    """Tokens and words shown once the lexicon phrases of several words are matched.

    Left to right as ``_analyse_general`` does, but only a word of ``_STARTERS`` followed by a
    word that can continue one of its phrases (``_continues``) is looked at with ``_phrase``;
    any other word is its own token, already in ``kept`` (``_phrase`` finds the same match of
    one word). Runs of words between matched phrases are copied as they are.
    """
    tokens: list[str] = []
    words_shown: list[str] = []
    done = 0
    for start in compress(range(len(content) - 1), map(_STARTERS.__contains__, content)):
        if start < done:  # inside the phrase matched just before
            continue
        pair = (content[start], content[start + 1])
        follows = _PAIRS.get(pair)
        if follows is None:
            follows = _continues(pair)
        if not follows:
            continue
        token, length = _phrase(tuple(content[start : start + max(_limits(pair[0]))]), lang)
        if length == 1:  # no longer phrase after all: the word's own token, as kept
            continue
        tokens += kept[done:start]
        words_shown += shown[done:start]
        tokens.append(token)
        words_shown.append(" ".join(shown[start : start + length]))
        done = start + length
    if not done:
        return kept, shown
    tokens += kept[done:]
    words_shown += shown[done:]
    return tokens, words_shown


def _guess(raw: list[str]) -> str:
    """``detect_language`` in one pass at C speed: French-only words count +1, English-only -1."""
    return "en" if sum(filter(None, map(_VOTES.get, raw))) < 0 else "fr"


_VOTES = dict.fromkeys(_FRENCH_ONLY, 1) | dict.fromkeys(_ENGLISH_ONLY, -1)


_CACHE_LIMIT = 400_000  # entries per cache; past it a cache starts again empty
_DECISIONS: dict[str, dict[str, str]] = {}
_STARTERS: set[str] = set()  # words a lexicon phrase of several words may start with
# the first two words (exact, or stems in each language) of every phrase of several words
_PREFIXES = {kind: {key[:2] for key in keys if len(key) > 1} for kind, keys in _PHRASES.items()}
_PAIRS: dict[tuple[str, str], bool] = {}


class _EmptyToken(Exception):
    """A content word whose token is "" (which would read as a stop word): general path."""


def _decision(word: str, lang: str, cache: dict[str, str]) -> str:
    """What ``word`` becomes in ``lang``, cached: "" (not content) or its own token.

    Its own token is the one ``_phrase`` gives it alone (a one-word lexicon term, else its
    stem); a word that may also start a longer phrase is put in ``_STARTERS``.
    """
    decided = cache.get(word)
    if decided is not None:
        return decided
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    if word in _STOP[lang] or len(word) <= 1 or word.isdigit():
        decided = ""
    else:
        decided = _phrase((word,), lang)[0]
        if not decided:
            raise _EmptyToken(word)
        if max(_limits(word)) > 1:
            _STARTERS.add(word)
    cache[word] = decided
    return decided


def _continues(pair: tuple[str, str]) -> bool:
    """Whether a phrase of several words may start with these two words (cached).

    ``_match`` finds a phrase of two words or more only if its first two words (or their stems,
    in either language, within the first word's limits) begin some phrase.
    """
    first, second = pair
    exact, fr, en = _limits(first)
    follows = (
        (exact > 1 and pair in _PREFIXES["exact"])
        or (fr > 1 and (stem(first, "fr"), stem(second, "fr")) in _PREFIXES["fr"])
        or (en > 1 and (stem(first, "en"), stem(second, "en")) in _PREFIXES["en"])
    )
    if len(_PAIRS) >= _CACHE_LIMIT:
        _PAIRS.clear()
    _PAIRS[pair] = follows
    return follows


_TOKEN = re.compile(r"[\w&+]+")  # a word as written, as _surface_words finds it
_OTHER = re.compile(r"[^\w&+\x00-\x7f]")  # a non-ASCII character between words
_FOLDED: dict[str, str | None] = {}  # lowered word as written -> folded word, None if unsafe
_BETWEEN: dict[str, bool] = {}  # non-ASCII character between words -> folds to a separator
# ASCII characters that are not in words become spaces, so that str.split finds _WORD's words
_ASCII_SPACES = str.maketrans(
    {chr(c): " " for c in range(128) if not _WORD.fullmatch(chr(c).lower())}
)


def _folds_to_one_word(char: str) -> bool:
    return re.fullmatch(r"\w", char) is not None and _WORD.fullmatch(fold(char)) is not None


def _folds_between_words(char: str) -> bool:
    folded = fold(char)
    return re.fullmatch(r"[\w&+]", char) is None and bool(folded) and not _WORD.search(folded)


# Lowercase Latin letters that fold to ASCII letters, and common punctuation that folds to
# punctuation: a text of these and ASCII is split by a plain character class (much faster than
# the Unicode \w) with the same words as _TOKEN.
_LATIN = "".join(
    c for c in map(chr, range(0x80, 0x250)) if c == c.lower() and _folds_to_one_word(c)
)
_PUNCTUATION = "".join(
    c for c in "\u00a0\u2019\u2018\u201c\u201d«»–—…•€°§·" if _folds_between_words(c)
)
_LATIN_WORD = re.compile(f"[a-z0-9&+{_LATIN}]+")
_NOT_LATIN = re.compile(rf"[^\x00-\x7f{_LATIN}{_PUNCTUATION}]")


def _fold_words(text: str, lowered: str) -> tuple[list[str], list[str]] | None:
    """The folded words of a non-ASCII text and each as written (lowered), or None.

    The folded words equal ``words(text)`` when folding keeps word boundaries: each word as
    written folds to exactly one ``_WORD`` match, every non-ASCII character between words folds
    to a non-empty separator, "_" is absent (it is part of a word as written) and so is "Æ"
    (``fold`` does not fold it before lowering). None sends the text to the general path.
    """
    if "Æ" in text or "_" in text:
        return None
    if _NOT_LATIN.search(lowered) is None:  # Latin letters and punctuation checked above
        written = _LATIN_WORD.findall(lowered)
    else:
        for between in _OTHER.findall(lowered):
            safe = _BETWEEN.get(between)
            if safe is None:
                safe = _BETWEEN[between] = _folds_between_words(between)
            if not safe:
                return None
        written = _TOKEN.findall(lowered)
    try:
        raw = list(map(_FOLDED.__getitem__, written))
    except KeyError:
        raw = [_fold_word(word) for word in written]
    if None in raw:
        return None
    return cast(list[str], raw), written


def _fold_word(word: str) -> str | None:
    """``word`` folded when it folds to exactly one ``_WORD`` match, else None (cached)."""
    if word in _FOLDED:
        return _FOLDED[word]
    if len(_FOLDED) >= _CACHE_LIMIT:
        _FOLDED.clear()
    folded = fold(word)
    result = folded if _WORD.fullmatch(folded) else None
    _FOLDED[word] = result
    return result


def _analyse_general(text: str, language: str | None = None) -> Analysed:
    """The reference analysis, word by word: any text, whatever its characters."""
    raw = words(text)
    lang = language or detect_language(raw)
    content = _content(raw, lang)
    tokens: list[str] = []
    surface: dict[str, str] = {}
    plain = text.isascii() and "_" not in text  # then every word is written as folded
    originals = {} if plain else _surface_words(text)
    i, n = 0, len(content)
    while i < n:
        word = content[i]
        token = _single(word, lang)
        if token is not None:  # the common case: one word, no phrase to look for
            tokens.append(token)
            if token not in surface:
                surface[token] = originals.get(word, word)
            i += 1
            continue
        window = tuple(content[i : i + max(_limits(word))])
        token, length = _phrase(window, lang)
        tokens.append(token)
        shown = " ".join(originals.get(w, w) for w in content[i : i + length])
        surface.setdefault(token, shown)
        i += length
    return Analysed(tuple(tokens), surface, lang)


def _surface_words(text: str) -> dict[str, str]:
    """Folded word -> the word as written (accents kept), to show people their own words."""
    originals = re.findall(r"[\w&+]+", text.lower())
    out: dict[str, str] = {}
    # one fold for the whole text (folding word by word is the slow part of analysis)
    for original, folded in zip(originals, fold("\n".join(originals)).split("\n"), strict=False):
        if folded.isalnum() and folded.isascii():  # one word, as _WORD would find it
            out.setdefault(folded, original)
            continue
        for word in _WORD.findall(folded):
            out.setdefault(word, original)
    return out
