"""Links and names in emails follow the address the site runs on, read when the email is sent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from binome.members.models import MentorOffer
from binome.notifications.models import OutboxMessage

ROOT = Path(__file__).resolve().parent.parent


def settings_value(name: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"BINOME_BASE_URL", "PORT"}}
    code = f"import config.settings as s; print(s.{name})"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_the_base_url_follows_the_port_the_demo_serves_on():
    assert settings_value("BINOME_BASE_URL", PORT="8101") == "http://127.0.0.1:8101"
    assert settings_value("BINOME_BASE_URL") == "http://127.0.0.1:8000"


def test_an_explicit_base_url_wins_over_the_port():
    url = settings_value("BINOME_BASE_URL", PORT="8101", BINOME_BASE_URL="https://mentorat.ax.org")
    assert url == "https://mentorat.ax.org"


def test_bin_demo_hands_its_port_to_the_web_process_and_the_worker():
    script = (ROOT / "bin" / "demo").read_text()
    assert 'export PORT="${PORT:-8000}"' in script
    assert "export BINOME_BASE_URL=" in script


@pytest.mark.django_db
def test_allauths_emails_name_the_site(client, world, settings):
    settings.BINOME_BASE_URL = "http://127.0.0.1:8101"
    client.post(reverse("account_reset_password"), {"email": "dana@example.org"})
    message = OutboxMessage.objects.get(to="dana@example.org")
    assert "Bonjour, c'est binome !" in message.body_text
    assert "127.0.0.1:8101" in message.body_text
    assert message.subject.startswith("[binome] ")


@pytest.mark.django_db
def test_our_emails_link_to_the_base_url_of_the_moment(world, settings):
    from binome.notifications.emails import send_templated

    settings.BINOME_BASE_URL = "http://127.0.0.1:8101/"
    offer = MentorOffer.objects.get(member=world.charlie)
    message = send_templated(
        to=world.charlie.user, template="mentor_paused", context={"offer": offer}
    )
    assert "http://127.0.0.1:8101/n/ax/" in message.body_text
    assert "127.0.0.1:8000" not in message.body_text
