from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_a_member_logs_in_switches_language_and_edits_the_profile(
    page, live_server, world, sign_in, axe_check
):
    sign_in(page, "dana@example.org")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour Dana")
    axe_check(page)

    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello Dana")

    page.get_by_role("link", name="My profile", exact=True).click()
    page.get_by_label("Current position").fill("Project lead")
    page.get_by_label("City").fill("Lyon")
    page.get_by_label("About me").fill("Solar projects, ten years.")
    axe_check(page)
    page.get_by_role("button", name="Save my profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    expect(page.get_by_text(re.compile(r"Profile \d+% complete"))).to_be_visible()
