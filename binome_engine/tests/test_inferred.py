"""A sector or function the mentor left empty, read from their own title (``inferred``)."""

import pytest

from binome_engine import MentorIndex, shortlist
from binome_engine.inferred import inferred_function, inferred_sector, read_code
from binome_engine.tests.builders import mentor, request


@pytest.mark.parametrize(
    ("title", "function"),
    [
        ("Head of Talent Acquisition", "hr"),
        ("Directrice des ressources humaines", "hr"),
        ("Software developer", "software_dev"),
        ("Développeuse web", "software_dev"),
        ("Directeur financier", "finance"),
        ("Legal counsel", "legal"),
        ("Chef de projet", "project_management"),
        # not unambiguous, or no concept of a function's label: nothing is read
        ("Ingénieure data", ""),
        ("Senior manager", ""),
        ("Associate", ""),
        # "development" shares a stem with "developer" only, and starts with "dev": not a
        # developer (a term's longer ending is at most two letters)
        ("Solar Development Manager", ""),
        ("Conseiller technique en cabinet ministériel", ""),
        # titles naming a world or a role of no label (``LINKED``)
        ("Investment Director, Private Equity", "finance"),
        ("Partner, venture capital", "finance"),
        ("Quant senior - dérivés actions", "finance"),
        ("Directeur M&A", "finance"),
        ("Head of Product", "product"),
        ("Principal PM", "product"),
        ("General Counsel", "legal"),
        ("S&OP Manager", "supply_chain"),
        # "production manager" stems like "product manager": it is production's phrase
        ("Production Manager (TV)", "operations"),
        # tied to no code: engineering or software development; a world mentees leave
        ("CTO", ""),
        ("Senior manager audit", ""),
        # two functions indicated (law and finance): nothing
        ("Senior associate, M&A law", ""),
    ],
)
def test_a_function_is_read_only_from_clear_evidence(title: str, function: str) -> None:
    assert read_code("function", title) == function


def test_the_sector_is_read_from_the_title_and_the_employer() -> None:
    assert inferred_sector(mentor(1, sector="", title="Project manager", employer="X Énergies"))
    assert inferred_sector(mentor(1, sector="", title="Analyst", employer="Orvia")) == ""


@pytest.mark.parametrize(
    ("title", "employer", "sector"),
    [
        ("Principal, PE", "Ardalis Capital", "asset_management"),
        ("Investor at a seed fund", "Breeze VC", "asset_management"),
        ("Associate Corporate Finance", "Sterling Bridge Advisors", "banking"),
        ("Responsable recherche quantitative", "CFM", "banking"),
        ("CTO", "Qonto", ""),
        ("Chef de projet en ESN", "Atos", ""),
    ],
)
def test_a_sector_is_read_from_the_world_a_title_names(
    title: str, employer: str, sector: str
) -> None:
    assert inferred_sector(mentor(1, sector="", title=title, employer=employer)) == sector


def test_a_ticked_code_is_never_overridden() -> None:
    ticked = mentor(1, sector="banking", function="finance", title="HR Director, Energy")
    assert inferred_sector(ticked) == "" and inferred_function(ticked) == ""
    index = MentorIndex([ticked])
    assert index.sectors.get("banking") == index.sector[0]
    assert index.functions.get("finance") == index.function[0]


def test_the_reason_says_the_code_was_read_from_the_title() -> None:
    index = MentorIndex(
        [
            mentor(1, sector="", function="", title="HR Director", employer="Orvia Telecom"),
            mentor(2, sector="", function="", title="Consultant", bio="Conseil"),
        ]
    )
    wanted = request(target_sector="telecom", target_function="hr", text="Je vise les RH")
    first = shortlist(index, wanted, k=1).proposals[0]
    assert first.mentor_id == 1
    reasons = {r.code: r.evidence_dict() for r in first.reasons}
    assert reasons["same_sector"] == {"sector": "telecom", "world": "target", "read_from": "title"}
    assert reasons["same_function"]["function"] == "hr"
    assert reasons["same_function"]["read_from"] == "title"


def test_a_ticked_code_gives_the_plain_reason() -> None:
    index = MentorIndex([mentor(1, sector="telecom", function="hr", title="Consultant")])
    wanted = request(target_sector="telecom", target_function="hr")
    first = shortlist(index, wanted, k=1).proposals[0]
    reasons = {r.code: r.evidence_dict() for r in first.reasons}
    assert "read_from" not in reasons["same_sector"]
    assert "read_from" not in reasons["same_function"]
