"""Staff must set up TOTP before reaching staff pages, then log in with a code."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from playwright.sync_api import expect


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.mark.django_db(transaction=True)
def test_a_manager_sets_up_totp_then_logs_in_with_a_code(
    page, live_server, world, settings, sign_in, axe_check
):
    settings.BINOME_STAFF_MFA_REQUIRED = True
    sign_in(page, "bob@example.org")
    page.goto(f"{live_server.url}/n/ax/manage/programmes/")
    # Sent to the set-up page, with the reason.
    expect(page.get_by_role("status")).to_contain_text("authentification à deux facteurs")
    # allauth asks for the password again before a security change.
    page.get_by_label("Mot de passe").fill("binome-demo-2026")
    page.get_by_role("button", name="Confirmer").click()
    axe_check(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code de l'authentificateur").fill(current_code(secret))
    page.get_by_role("button", name="Activer").click()
    page.goto(f"{live_server.url}/n/ax/manage/programmes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmes")

    # Next login asks for the code.
    page.get_by_role("button", name="Se déconnecter").click()
    cache.clear()  # the code just used is remembered as spent
    sign_in(page, "bob@example.org")
    expect(page.get_by_label("Code")).to_be_visible()
    axe_check(page)
    page.get_by_label("Code").fill(current_code(secret))
    page.get_by_role("button", name="Connexion").click()
    page.goto(f"{live_server.url}/n/ax/manage/programmes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmes")
