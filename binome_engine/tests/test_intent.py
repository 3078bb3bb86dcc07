"""The clauses that say where a mentee wants to go, in English and French."""

from __future__ import annotations

import pytest

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
    ],
)
def test_the_target_clause_runs_from_the_cue_to_its_end(text: str, target: str) -> None:
    assert target_text(text) == target


def test_several_clauses_are_kept_and_jobs_are_not_cues() -> None:
    text = "Data analyst at a bank. Looking for a mentor in climate tech; I'd like to become a PM."
    assert target_text(text) == "a mentor in climate tech a PM"
    assert target_text("Senior manager in consulting, 10 years of M&A.") == ""
