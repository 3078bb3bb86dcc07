"""Queue and deliver emails through the outbox.

Rules: a message is queued in the caller's transaction (a rolled-back change sends nothing); the
worker is told on commit; delivery claims a row with a conditional UPDATE so two workers never
send the same row; failures back off exponentially and are retried, never dropped silently.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from binome.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def queue_email(
    *, to: str, subject: str, body_text: str, body_html: str = "", language: str = "fr"
) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        to=to, subject=subject, body_text=body_text, body_html=body_html, language=language
    )
    transaction.on_commit(enqueue_delivery)
    return message


def enqueue_delivery() -> None:
    from binome.notifications.tasks import deliver_outbox

    deliver_outbox.enqueue()


def deliver_due(*, limit: int = 100) -> int:
    """Send the due messages; returns how many were sent."""
    now = timezone.now()
    due = list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in due:
        sent += _deliver_one(pk)
    return sent


def _deliver_one(pk: int) -> int:
    lease = timezone.now() + timedelta(minutes=5)
    # Claim: push next_attempt_at forward; a second worker then sees it as not due.
    claimed = OutboxMessage.objects.filter(
        pk=pk, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).update(next_attempt_at=lease)
    if not claimed:
        return 0
    message = OutboxMessage.objects.get(pk=pk)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": f"<{message.message_id}@binome>"},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as error:
        attempts = message.attempts + 1
        status = (
            OutboxMessage.Status.FAILED
            if attempts >= MAX_ATTEMPTS
            else OutboxMessage.Status.PENDING
        )
        OutboxMessage.objects.filter(pk=pk).update(
            attempts=attempts,
            status=status,
            last_error=str(error)[:2000],
            next_attempt_at=timezone.now() + timedelta(seconds=30 * 2**attempts),
        )
        logger.warning("Email %s not sent (attempt %s): %s", message.message_id, attempts, error)
        return 0
    OutboxMessage.objects.filter(pk=pk).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), attempts=message.attempts + 1
    )
    return 1
