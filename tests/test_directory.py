from __future__ import annotations

import pytest
from django.urls import reverse

from binome.members.selectors import DirectoryQuery, directory_queryset
from binome.testing.factories import MemberFactory, make_mentor

pytestmark = pytest.mark.django_db


def names(network, **criteria):
    entries = directory_queryset(network, DirectoryQuery(**criteria)).select_related("member")
    return {e.member.first_name for e in entries}


def test_it_shows_only_consenting_mentors_of_the_network(world):
    assert names(world.network) == {"Charlie"}


def test_it_finds_words_without_their_accents(world):
    assert names(world.network, text="photovoltaique") == {"Charlie"}
    assert names(world.network, text="PHOTOVOLTAÏQUE vingt") == {"Charlie"}
    assert names(world.network, text="nucléaire") == set()


def test_it_filters_by_language_theme_sector_and_class_year(world):
    other = MemberFactory(
        network=world.network,
        first_name="Odile",
        languages=["de"],
        sector="banking",
        class_year=1995,
    )
    make_mentor(other)
    assert names(world.network, language="de") == {"Odile"}
    assert names(world.network, theme=world.theme.pk) == {"Charlie"}
    assert names(world.network, sector="banking") == {"Odile"}
    assert names(world.network, class_year_max=2000) == {"Odile"}
    assert names(world.network, has_free_capacity=True) == {"Charlie", "Odile"}


def test_the_directory_page_answers_htmx_with_the_results_only(login, world):
    client = login(world.dana)
    response = client.get(
        reverse("directory", args=["ax"]), {"q": "photovoltaïque"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Charlie Persona" in body
    assert "<html" not in body


def test_the_directory_never_shows_another_networks_mentor(login, world):
    make_mentor(world.eve)
    response = login(world.dana).get(reverse("directory", args=["ax"]))
    assert "Eve" not in response.content.decode()
