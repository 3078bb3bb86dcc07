"""Running binome in production: error pages, headers, the shared cache, clients behind a proxy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from binome.accounts.adapter import AccountAdapter
from binome.accounts.throttle import client_ip

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "binome-demo-2026"


# Error pages ------------------------------------------------------------------------------------


def test_an_unknown_address_answers_a_translated_page_in_the_layout(client, world, settings):
    settings.DEBUG = False
    response = client.get("/nulle-part/", HTTP_ACCEPT_LANGUAGE="fr")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in body
    assert 'href="/"' in body and "Retour à l'accueil" in body
    assert "URLconf" not in body and "django-admin" not in body


@pytest.mark.parametrize(
    ("view", "status", "text"),
    [
        (defaults.server_error, 500, "Une erreur est survenue"),
        (defaults.bad_request, 400, "Requête incorrecte"),
        (defaults.permission_denied, 403, "Accès refusé"),
    ],
)
def test_error_pages_are_translated_and_lead_back_home(view, status, text):
    request = RequestFactory().get("/")
    with translation.override("fr"):
        response = view(request) if view is defaults.server_error else view(request, Exception("x"))
    body = response.content.decode()
    assert response.status_code == status
    assert text in body
    assert "Retour à l'accueil" in body
    assert 'rel="icon"' in body


def test_the_favicon_is_served_from_the_sites_own_files(client, world):
    body = client.get(reverse("account_login")).content.decode()
    assert '<link rel="icon" href="/static/binome/favicon.svg"' in body
    assert (ROOT / "binome" / "core" / "static" / "binome" / "favicon.svg").exists()


# Headers ----------------------------------------------------------------------------------------


def test_pages_turn_off_the_browser_features_nobody_uses(client, world):
    policy = client.get(reverse("home"))["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy


# Shared cache -----------------------------------------------------------------------------------


def test_rate_limits_are_counted_in_the_shared_database_cache(client, world, settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    client.post(reverse("account_login"), {"login": "dana@example.org", "password": "wrong"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM binome_cache")
        assert cursor.fetchone()[0] > 0


def test_redis_is_the_cache_when_redis_url_is_set():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    done = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.CACHES['default'])"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "RedisCache" in done.stdout and "redis://127.0.0.1:6379/0" in done.stdout


# Clients behind a trusted proxy -----------------------------------------------------------------


def request_from(remote: str, **headers: str):
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(settings):
    settings.BINOME_TRUSTED_PROXY_HEADER = ""
    assert client_ip(request_from("198.51.100.7", x_forwarded_for="1.2.3.4")) == "198.51.100.7"


def test_behind_one_proxy_the_client_is_the_address_it_appended(settings):
    settings.BINOME_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.BINOME_TRUSTED_PROXY_COUNT = 1
    spoofed = request_from("10.0.0.2", x_forwarded_for="6.6.6.6, 203.0.113.9")
    assert client_ip(spoofed) == "203.0.113.9"


def test_behind_two_proxies_the_client_is_second_from_the_end(settings):
    settings.BINOME_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.BINOME_TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.2", x_forwarded_for="6.6.6.6, 203.0.113.9, 10.0.0.1")
    assert client_ip(request) == "203.0.113.9"


def test_a_single_value_header_and_bad_values(settings):
    settings.BINOME_TRUSTED_PROXY_HEADER = "X-Real-IP"
    assert client_ip(request_from("10.0.0.2", x_real_ip="2001:db8::1")) == "2001:db8::1"
    assert client_ip(request_from("10.0.0.2", x_real_ip="not-an-ip")) == "10.0.0.2"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"


def test_allauths_rate_limits_key_on_the_same_client_address(settings):
    settings.BINOME_TRUSTED_PROXY_HEADER = "X-Real-IP"
    request = request_from("10.0.0.2", x_real_ip="203.0.113.9")
    assert AccountAdapter(request).get_client_ip(request) == "203.0.113.9"


def test_behind_a_proxy_a_lockout_hits_the_attacker_not_every_client(client, world, settings):
    settings.AXES_ENABLED = True
    settings.BINOME_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    proxy = "10.0.0.2"

    def attempt(password, client_address):
        return client.post(
            reverse("account_login"),
            {"login": "dana@example.org", "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("wrong-password", "203.0.113.9")
    assert attempt(PASSWORD, "203.0.113.9").status_code == 429
    assert attempt(PASSWORD, "198.51.100.7").status_code == 302
