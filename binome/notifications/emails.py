"""Emails rendered in the recipient's language from templates/emails/<name>.{subject.txt,txt}.

The HTML part is the text part in a shared layout (links made clickable), so each email is
written once.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from binome.notifications.models import OutboxMessage
from binome.notifications.services import queue_email


def send_templated(
    *,
    to: Any,
    template: str,
    context: dict[str, Any],
    time_zone: str | None = None,
    calendar: str = "",
) -> OutboxMessage:
    """Queue ``template`` for user ``to`` in the caller's transaction, in their language and,
    when given, with dates in their time zone and a calendar invitation attached."""
    language = getattr(to, "language", None) or "fr"
    context = {
        **context,
        "base_url": settings.BINOME_BASE_URL.rstrip("/"),
        "recipient": to,
        "language": language,
    }
    zone = zoneinfo.ZoneInfo(time_zone) if time_zone else timezone.get_current_timezone()
    with translation.override(language), timezone.override(zone):
        subject = " ".join(render_to_string(f"emails/{template}.subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(
            "emails/_layout.html", {**context, "subject": subject, "body": body_text}
        )
    return queue_email(
        to=to.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=language,
        calendar=calendar,
    )
