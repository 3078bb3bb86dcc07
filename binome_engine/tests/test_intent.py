"""The clauses that say where a mentee wants to go, in English and French."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binome_engine import intent
from binome_engine.intent import target_text


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Five years in audit. I want to move into private equity, how do I prepare?",
            "private equity",
        ),
        ("Consultante, je voudrais rejoindre une ONG humanitaire.", "une ONG humanitaire"),
        ("Je cherche une DRH qui connaît le conseil", "une DRH qui connaît le conseil"),
        ("I'd like to talk to a product manager - ideally in Lyon", "to a product manager"),
        ("Ingénieur, envie de passer côté produit mais sans tout perdre", "produit"),
        ("Je suis perdu dans mon poste actuel.", ""),
        ("Comptable, je veux faire de la data. Des conseils ?", "data"),
        ("Accountant aiming for a data analytics role, ideally remote", "a data analytics role"),
        # English and French phrasings of the move (5 December, night)
        ("IT auditor. Long term I want to be a CTO.", "a CTO"),
        ("I want to go in-house in aerospace engineering (systems).", "aerospace engineering"),
        ("Hoping to land a role in product. Any advice?", "role in product"),
        ("Planning to make the jump to climate tech", "climate tech"),
        ("Juriste, je voudrais revenir au droit des affaires.", "droit des affaires"),
        ("Je rêve de créer mon entreprise de cosmétiques", "créer mon entreprise de cosmétiques"),
    ],
)
def test_the_target_clause_runs_from_the_cue_to_its_end(text: str, target: str) -> None:
    assert target_text(text) == target


def test_several_clauses_are_kept_and_jobs_are_not_cues() -> None:
    text = "Data analyst at a bank. Looking for a mentor in climate tech; I'd like to become a PM."
    assert target_text(text) == "a mentor in climate tech a PM"
    assert target_text("Senior manager in consulting, 10 years of M&A.") == ""


# --- the lowered fast path finds what IGNORECASE finds ------------------------------------

_TRICKY = "İıſKΣσςßẞÉéÈÔôÀà’'-–— .,;:!?()\n_"
_PIECES = sorted(
    {w for cue in intent._EN + intent._FR for w in re.findall(r"[^\W\d_]+", cue)}
    | {"but", "mais", "how", "et je", "and i", "est-ce", "Private", "EQUITY", "ONG", "rôle"}
)


def _reference(text: str) -> str:
    return intent._target_text(text, text, intent._CUE, intent._END)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.sampled_from(_PIECES).map(str.upper),
            st.sampled_from(_PIECES).map(str.title),
            st.text(alphabet=_TRICKY, max_size=3),
            st.text(max_size=3),
        ),
        max_size=30,
    ).map(" ".join)
)
def test_the_lowered_patterns_find_the_same_clauses(text: str) -> None:
    assert intent.target_text(text) == _reference(text)


def test_the_lowered_patterns_on_every_cue_and_character() -> None:
    # each cue alone, written in capitals, and every character of the Latin blocks and the
    # case-folding specials between a cue and its clause
    for cue in intent._EN + intent._FR:
        for alternative in intent._literal_first(cue):
            plain = re.sub(r"\(\?:([^|()]*)[^()]*\)\??|\[(.)[^\]]*\]|\?", r"\1\2", alternative)
            for text in (f"x {plain} the sea. y", f"X {plain.upper()} LA MER, Y"):
                assert intent.target_text(text) == _reference(text), text
    for code in [*range(0x20, 0x250), *map(ord, _TRICKY), 0x212A, 0x1E9E]:
        text = f"je veux {chr(code)}une ONG{chr(code)} mais move{chr(code)}into data"
        assert intent.target_text(text) == _reference(text), hex(code)


def test_synthetic_and_evaluation_texts_find_the_same_clauses() -> None:
    from binome_engine.evaluation.real import load
    from binome_engine.synthetic import market

    texts = [r.text for r in market(2_000, 10)[1]] + [r.text for r in load().requests]
    assert [intent.target_text(t) for t in texts] == [_reference(t) for t in texts]
    assert any(intent.target_text(t) for t in texts)
