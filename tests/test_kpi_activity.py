"""Flash exchanges and speed-mentoring attendance in the key figures (per programme and across,
ratios under five suppressed) and, per mentor, on a flash programme's health page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.events.models import Registration, SpeedEvent
from binome.flash.models import FlashOffer
from binome.insights.kpis import network_kpis, period_of
from binome.programmes.models import StaffRole
from binome.testing.factories import MemberFactory, ProgrammeFactory, grant, make_mentor
from tests.test_flash_surveys import exchange

pytestmark = pytest.mark.django_db


@pytest.fixture
def flash(world):
    programme = ProgrammeFactory(network=world.network, slug="meet-share", kind="flash")
    grant(world.bob, StaffRole.Role.PROGRAMME_MANAGER, programme)
    return programme


@pytest.fixture
def speed(world):
    return ProgrammeFactory(network=world.network, slug="soiree", kind="speed", name="Soirée")


def mentor_of(world, first_name: str):
    mentor = make_mentor(MemberFactory(network=world.network, first_name=first_name), themes=[])
    FlashOffer.objects.create(member=mentor, network=world.network, per_month=20)
    return mentor


def evening(speed, world, *, present: int, absent: int, unknown: int = 0) -> SpeedEvent:
    event = SpeedEvent.objects.create(
        network=world.network,
        programme=speed,
        name="Soirée",
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    for attended in [True] * present + [False] * absent + [None] * unknown:
        Registration.objects.create(
            event=event,
            member=MemberFactory(network=world.network),
            role="mentee",
            attended=attended,
        )
    return event


def row_of(world, programme):
    return next(
        r for r in network_kpis(world.network, period_of("")).rows if r.programme == programme
    )


def test_speed_mentoring_attendance_counts_the_registrations_recorded(world, speed):
    evening(speed, world, present=4, absent=1, unknown=3)
    evening(speed, world, present=3, absent=2)
    row = row_of(world, speed)
    assert (row.speed_events, row.speed_registered) == (2, 13)
    assert (row.speed_present.part, row.speed_present.whole) == (7, 10)
    assert row.speed_present.value == 70
    total = network_kpis(world.network, period_of("")).total
    assert total.speed_present.value == 70


def test_attendance_over_fewer_than_five_people_is_suppressed(world, speed):
    evening(speed, world, present=3, absent=1, unknown=6)
    assert row_of(world, speed).speed_present.value is None


def test_flash_exchanges_held_not_held_and_the_no_show_rates(world, flash):
    reliable, absent = mentor_of(world, "Rita"), mentor_of(world, "Abel")
    for _n in range(4):
        exchange(flash, reliable, MemberFactory(network=world.network), days_ago=3)
    exchange(flash, absent, MemberFactory(network=world.network), days_ago=3)
    exchange(flash, absent, MemberFactory(network=world.network), days_ago=3, held=False)
    exchange(flash, absent, MemberFactory(network=world.network), days_ago=3, held=None)
    row = row_of(world, flash)
    assert (row.flash_held, row.flash_not_held, row.flash_unknown) == (5, 1, 1)
    assert row.flash_no_show.value == round(100 / 6)
    # Two mentors with an outcome: under five, suppressed.
    assert (row.flash_mentors_no_show.part, row.flash_mentors_no_show.whole) == (1, 2)
    assert row.flash_mentors_no_show.value is None


def test_the_kpi_page_shows_flash_and_speed_figures_beside_the_pairs(login, world, flash, speed):
    mentor = mentor_of(world, "Rita")
    for held in (True, True, True, True, False):
        exchange(flash, mentor, MemberFactory(network=world.network), days_ago=3, held=held)
    evening(speed, world, present=5, absent=0)
    client = login(world.alice)
    body = client.get(reverse("network_kpis", args=["ax"])).content.decode()
    assert "Échanges flash non tenus (%)" in body and "Présents à la soirée (%)" in body
    activity = body.split('id="activity-table-caption"')[1].split("</table>")[0]
    assert flash.name in activity and "Soirée" in activity
    assert world.programme.name not in activity  # an on-demand programme has no such figures
    csv = client.get(reverse("kpi_export", args=["ax", "csv"])).content.decode("utf-8-sig")
    assert "Échanges flash tenus" in csv.splitlines()[0]


def test_a_network_without_flash_or_speed_shows_no_such_table(login, world):
    body = login(world.alice).get(reverse("network_kpis", args=["ax"])).content.decode()
    assert "activity-table" not in body


def test_the_flash_health_page_lists_mentors_whose_exchanges_did_not_take_place_first(
    login, world, flash
):
    reliable, absent = mentor_of(world, "Rita"), mentor_of(world, "Abel")
    exchange(flash, reliable, MemberFactory(network=world.network), days_ago=3)
    exchange(flash, absent, MemberFactory(network=world.network), days_ago=3, held=False)
    body = login(world.bob).get(reverse("programme_health", args=["ax", flash.pk])).content.decode()
    table = body.split('id="flash-caption"')[1].split("</table>")[0]
    assert table.index("Abel") < table.index("Rita")
    assert "100 %" in table
