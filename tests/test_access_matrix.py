"""Who sees which page: personas against every network page (404 for strangers, never 403)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["network_home", "profile_edit", "mentor_offer", "directory"]
STAFF_PAGES = ["programme_list"]
ADMIN_PAGES = ["theme_list", "theme_create", "staff_list", "programme_create"]


def status(client, name, network="ax"):
    return client.get(reverse(name, args=[network])).status_code


@pytest.mark.parametrize("url_name", MEMBER_PAGES + STAFF_PAGES + ADMIN_PAGES)
def test_it_sends_anonymous_visitors_to_login(client, world, url_name):
    response = client.get(reverse(url_name, args=["ax"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url_name", MEMBER_PAGES + STAFF_PAGES + ADMIN_PAGES)
def test_it_answers_404_to_a_member_of_another_network(login, world, url_name):
    assert status(login(world.eve), url_name) == 404


@pytest.mark.parametrize("url_name", MEMBER_PAGES)
def test_it_shows_member_pages_to_every_member(login, world, url_name):
    assert status(login(world.dana), url_name) == 200


@pytest.mark.parametrize("url_name", STAFF_PAGES + ADMIN_PAGES)
def test_it_hides_staff_pages_from_a_plain_member(login, world, url_name):
    assert status(login(world.dana), url_name) == 404


def test_it_lets_a_manager_see_programmes_but_not_admin_pages(login, world):
    client = login(world.bob)
    assert status(client, "programme_list") == 200
    for page in ADMIN_PAGES:
        assert status(client, page) == 404


@pytest.mark.parametrize("url_name", MEMBER_PAGES + STAFF_PAGES + ADMIN_PAGES)
def test_it_shows_every_page_to_the_network_admin(login, world, url_name):
    assert status(login(world.alice), url_name) == 200


def test_it_answers_404_for_another_networks_programme(login, world):
    from binome.testing.factories import ProgrammeFactory

    foreign = ProgrammeFactory(network=world.other_network)
    client = login(world.alice)
    assert client.get(reverse("programme_detail", args=["ax", foreign.pk])).status_code == 404
    assert client.get(reverse("programme_detail", args=["hec", foreign.pk])).status_code == 404


def test_it_hides_a_programme_from_a_manager_of_another_programme(login, world):
    client = login(world.bob)
    url = reverse("programme_detail", args=["ax", world.other_programme.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("programme_detail", args=["ax", world.programme.pk])).status_code == 200
    )


def test_it_answers_404_for_a_member_profile_of_another_network(login, world):
    url = reverse("member_detail", args=["ax", world.eve.pk])
    assert login(world.dana).get(url).status_code == 404


def test_it_hides_unlisted_members_from_other_members(login, world):
    url = reverse("member_detail", args=["ax", world.dana.pk])
    assert login(world.charlie).get(url).status_code == 404
    assert login(world.alice).get(url).status_code == 200


def test_it_sends_staff_without_two_factor_to_set_it_up(login, world, settings):
    settings.BINOME_STAFF_MFA_REQUIRED = True
    response = login(world.bob).get(reverse("programme_list", args=["ax"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Members without a staff role are not asked.
    assert status(login(world.dana), "directory") == 200


def test_staff_with_two_factor_reach_staff_pages(login, world, settings):
    from allauth.mfa.models import Authenticator

    settings.BINOME_STAFF_MFA_REQUIRED = True
    Authenticator.objects.create(
        user=world.bob.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert status(login(world.bob), "programme_list") == 200
