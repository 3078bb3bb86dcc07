from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from binome.accounts.throttle import client_ip
from binome.notifications.services import queue_email


@dataclass(frozen=True)
class Site:
    """What allauth's templates read as ``current_site`` (we run without django.contrib.sites)."""

    name: str
    domain: str


def current_site() -> Site:
    """The platform's name and public address, read when the email is written."""
    return Site(name=settings.BINOME_SITE_NAME, domain=urlsplit(settings.BINOME_BASE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's emails (password reset, verification) go through our outbox, like every email."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {"current_site": current_site(), **context}
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or "fr"
        with translation.override(language):
            subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
            subject = self.format_email_subject(subject)
            body = render_to_string(f"{template_prefix}_message.txt", context)
        queue_email(to=email, subject=subject, body_text=body, language=language)

    def get_client_ip(self, request: HttpRequest) -> str:
        """Rate limits count per client, behind a trusted proxy too (see ``client_ip``)."""
        return client_ip(request)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True
