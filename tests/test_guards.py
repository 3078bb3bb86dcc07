"""Project-wide guards: the French catalogue is complete, the demo builds, pages have one <h1>."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from binome.core.models import Network
from binome.members.models import Member

# The project catalogue and any app's own (a new app may keep its strings in its `locale/`).
ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("binome/**/locale/fr/LC_MESSAGES/django.po"))


def test_the_french_catalogue_has_no_empty_or_fuzzy_entry():
    assert ROOT / "binome" / "locale" / "fr" / "LC_MESSAGES" / "django.po" in CATALOGUES
    for po in CATALOGUES:
        text = po.read_text(encoding="utf-8")
        entries = text.split("\n\n")[1:]  # the first block is the header
        empty = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.M)]
        fuzzy = [e for e in entries if "#, fuzzy" in e]
        assert (po, empty) == (po, [])
        assert (po, fuzzy) == (po, [])


@pytest.mark.django_db
def test_the_demo_builds_networks_personas_and_consenting_mentors():
    from binome.testing.demo import PERSONAS, build_demo

    build_demo(members=80, mentors=12)
    ax = Network.objects.get(slug="ax")
    assert Member.objects.filter(network=ax).count() == 80
    assert Member.objects.filter(network=ax, is_listed=True).count() == 12
    assert set(ax.programmes.values_list("kind", flat=True)) == {
        "on_demand",
        "cohort",
        "flash",
        "speed",
    }
    for persona in PERSONAS:
        assert Member.objects.filter(
            user__email=persona.email, network__slug=persona.network
        ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "network_home",
        "profile_edit",
        "mentor_offer",
        "directory",
        "programme_list",
        "theme_list",
        "staff_list",
        "import_list",
    ],
)
def test_every_page_has_one_h1(login, world, url_name):
    body = login(world.alice).get(reverse(url_name, args=["ax"])).content.decode()
    assert body.count("<h1") == 1


LAYERS = {
    # app: the domain apps it must never import (lower layers know nothing of higher ones)
    "core": {"accounts", "members", "programmes", "intake", "mentorships", "notifications", "home"},
    "members": {"intake", "mentorships", "home", "cohorts"},
    "programmes": {"intake", "mentorships", "home", "cohorts"},
    "notifications": {"intake", "mentorships", "home", "cohorts"},
    "intake": {"cohorts"},
    "mentorships": {"cohorts"},
}


@pytest.mark.parametrize("app", sorted(LAYERS))
def test_lower_layers_never_import_higher_ones(app):
    root = Path(__file__).resolve().parent.parent / "binome" / app
    pattern = re.compile(r"^\s*(?:from|import)\s+binome\.(\w+)", re.M)
    found = {
        f"{path.relative_to(root)}: binome.{name}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        for name in pattern.findall(path.read_text(encoding="utf-8"))
        if name in LAYERS[app]
    }
    if app == "core":
        # The scheduler and the demo command move out of core in the operations work; access.py
        # reads members and programmes lazily to resolve a visitor's standing.
        found = {f for f in found if not f.startswith(("management/", "access.py"))}
    assert found == set()
