"""Emails rendered in the recipient's language from templates/emails/<name>.{subject.txt,txt}.

The HTML part is the text part in a shared layout (links made clickable), so each email is
written once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from binome.notifications.models import OutboxMessage
from binome.notifications.services import queue_email


def send_templated(*, to: Any, template: str, context: dict[str, Any]) -> OutboxMessage:
    """Queue ``template`` for user ``to`` (in the caller's transaction, in their language)."""
    language = getattr(to, "language", None) or "fr"
    context = {
        **context,
        "base_url": settings.BINOME_BASE_URL.rstrip("/"),
        "recipient": to,
        "language": language,
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}.subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(
            "emails/_layout.html", {**context, "subject": subject, "body": body_text}
        )
    return queue_email(
        to=to.email, subject=subject, body_text=body_text, body_html=body_html, language=language
    )
