"""Access rules the matrix (tests/test_access_matrix.py) does not exercise: an id of another
network under either network's address, unlisted members, and the two-factor gate for staff."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def status(client, name, network="ax"):
    return client.get(reverse(name, args=[network])).status_code


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


def test_the_superuser_flag_grants_nothing_inside_a_network(login, world):
    """The operator's Django flag opens the Django admin, not a network's staff pages."""
    world.dana.user.is_superuser = world.dana.user.is_staff = True
    world.dana.user.save()
    client = login(world.dana)
    assert status(client, "directory") == 200
    for page in ["programme_list", "theme_list", "staff_list", "import_list"]:
        assert status(client, page) == 404
    assert (
        client.get(reverse("programme_detail", args=["ax", world.programme.pk])).status_code == 404
    )
