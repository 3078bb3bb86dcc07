"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Each page visited is checked with axe-core; serious or critical violations fail the test.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_FLAGS,
    }


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def axe_check():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        bad = [
            v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}
        ]
        detail = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
        assert not bad, f"accessibility violations on {page.url}: {detail}"

    return check


@pytest.fixture
def sign_in(live_server, settings):
    settings.AXES_ENABLED = False

    def _sign_in(page, email, password="binome-demo-2026"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mail").first.fill(email)
        page.get_by_label("Mot de passe").first.fill(password)
        page.get_by_role("button", name="Connexion").click()

    return _sign_in


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # French first, as our members; a test switches to English through the page.
    return {**browser_context_args, "locale": "fr-FR"}
