"""A sector or function the engine read from the mentor's title is shown as such, translated."""

from django.utils import translation

from binome.intake.templatetags.engine import _evidence_text


def test_a_code_read_from_the_title_says_so_in_both_languages():
    sector = {"sector": "energy", "world": "target", "read_from": "title"}
    function = {"function": "hr", "world": "target", "read_from": "title"}
    with translation.override("fr"):
        assert _evidence_text("same_sector", sector) == (
            "travaille dans le secteur visé (d’après l’intitulé de son poste) : Énergie"
        )
        assert "d’après l’intitulé de son poste" in _evidence_text("same_function", function)
    with translation.override("en"):
        assert _evidence_text("same_sector", sector) == (
            "works in the sector aimed at (read from their job title): Energy"
        )
        assert "read from their job title" in _evidence_text("same_function", function)
    ticked = {"sector": "energy", "world": "target"}
    with translation.override("fr"):
        assert _evidence_text("same_sector", ticked) == "travaille dans le secteur visé : Énergie"
