from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from binome.notifications.services import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """allauth's emails (password reset, verification) go through our outbox, like every email."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or "fr"
        with translation.override(language):
            subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
            subject = self.format_email_subject(subject)
            body = render_to_string(f"{template_prefix}_message.txt", context)
        queue_email(to=email, subject=subject, body_text=body, language=language)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True
