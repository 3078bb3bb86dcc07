"""What the browser tests do on every page: sign a persona in, keep a screenshot on request."""

from __future__ import annotations

import os

from playwright.sync_api import expect

PASSWORD = "binome-demo-2026"


def open_as(browser, live_server, email):
    """A new French-speaking browser context, signed in as ``email``, on its landing page."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page


def shot(page, name: str) -> None:
    """A full-page screenshot into ``$BINOME_SCREENSHOTS`` when it is set (to look at pages)."""
    folder = os.environ.get("BINOME_SCREENSHOTS", "")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)
