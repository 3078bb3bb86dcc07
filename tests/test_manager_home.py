"""A manager's home page leads to the queues of the programmes they run."""

from __future__ import annotations

from django.urls import reverse

from binome.testing.factories import ProgrammeFactory


def home(login, member):
    return login(member).get(reverse("network_home", args=["ax"])).content.decode()


def test_a_manager_finds_the_request_queue_of_their_programme(login, world):
    body = home(login, world.bob)
    assert reverse("intake_queue", args=["ax", world.programme.pk]) in body
    assert reverse("programme_pairs", args=["ax", world.programme.pk]) in body
    assert reverse("programme_detail", args=["ax", world.other_programme.pk]) not in body


def test_a_network_admin_finds_every_programme(login, world):
    body = home(login, world.alice)
    assert reverse("intake_queue", args=["ax", world.programme.pk]) in body
    assert reverse("programme_detail", args=["ax", world.other_programme.pk]) in body


def test_a_member_sees_no_staff_links(login, world):
    body = home(login, world.dana)
    assert "/manage/" not in body


def test_each_kind_of_programme_leads_to_its_own_pages(login, world):
    speed = ProgrammeFactory(network=world.network, slug="soiree", name="Soirée", kind="speed")
    body = home(login, world.alice)
    cohort = world.other_programme
    assert reverse("cohort_list", args=["ax", cohort.pk]) in body
    assert reverse("event_new", args=["ax", speed.pk]) in body
    # a speed-mentoring evening forms no pairs of its own: no empty pairs or health pages
    assert reverse("programme_pairs", args=["ax", speed.pk]) not in body
    detail = login(world.alice).get(reverse("programme_detail", args=["ax", speed.pk]))
    assert reverse("event_new", args=["ax", speed.pk]) in detail.content.decode()
    flash = ProgrammeFactory(network=world.network, slug="meet", name="Meet", kind="flash")
    body = home(login, world.alice)
    assert reverse("flash_overview", args=["ax", flash.pk]) in body
    assert reverse("survey_templates", args=["ax", cohort.pk]) in body
