"""The key figures at 1280 px: the page never scrolls sideways — the wide tables scroll in
their own keyboard-reachable region, as on the health page — with the flash and speed-mentoring
figures beside the pairs'; a flash programme's health page lists each mentor's exchanges;
axe-core on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from binome.testing.factories import MemberFactory, ProgrammeFactory
from tests.browser.pages import open_as, shot
from tests.test_flash_surveys import exchange
from tests.test_kpi_activity import evening, mentor_of


@pytest.mark.django_db(transaction=True)
def test_the_key_figures_fit_1280_pixels(browser, live_server, world, settings, axe_check):
    settings.AXES_ENABLED = False
    flash = ProgrammeFactory(
        network=world.network, slug="meet-share", kind="flash", name="Meet & Share"
    )
    speed = ProgrammeFactory(network=world.network, slug="soiree", kind="speed", name="Soirée")
    mentor = mentor_of(world, "Rita")
    for held in (True, True, True, True, False, None):
        exchange(flash, mentor, MemberFactory(network=world.network), days_ago=3, held=held)
    evening(speed, world, present=6, absent=2, unknown=1)

    alice = open_as(browser, live_server, "alice@example.org")
    alice.set_viewport_size({"width": 1280, "height": 900})
    alice.goto(f"{live_server.url}/n/ax/manage/kpis/")
    expect(alice.get_by_role("region", name="Chiffres clés par programme")).to_be_visible()
    activity = alice.get_by_role("region", name="Échanges flash et soirées")
    expect(activity).to_contain_text("Meet & Share")
    page_width = alice.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 1280, f"the page scrolls sideways: {page_width} px"
    for region in alice.locator(".table-scroll").all():
        assert region.get_attribute("tabindex") == "0"
    table = alice.get_by_role("region", name="Chiffres clés par programme")
    wide = table.evaluate("element => element.scrollWidth > element.clientWidth")
    if wide:  # it scrolls by keyboard, the programme's name staying in view
        table.focus()
        alice.keyboard.press("End")
        table.evaluate("element => { element.scrollLeft = element.scrollWidth }")
        expect(table.get_by_role("rowheader", name="Accompagnement")).to_be_in_viewport()
        shot(alice, "kpis-1280-scrolled")
    axe_check(alice)
    shot(alice, "kpis-1280")

    # The flash programme's health page: each mentor's exchanges, those not held first.
    alice.goto(f"{live_server.url}/n/ax/manage/programmes/{flash.pk}/health/")
    mentors = alice.get_by_role("region", name="Les mentors dont des échanges")
    expect(mentors.get_by_role("row").filter(has_text="Rita")).to_contain_text("20 %")
    axe_check(alice)
    shot(alice, "flash-health")
