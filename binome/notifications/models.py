"""The email outbox: a row per message, written in the transaction of the change it announces.

A row moves pending → sending → sent, or back to pending with a later ``next_attempt_at`` when a
try fails, or to failed after the last try. Only ``binome.notifications.services`` moves it; rows
are never deleted by the platform (a failed message waits for staff to requeue it).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        # Claimed by a worker; next_attempt_at is then the end of its lease, after which another
        # worker may take the row over (the first one is presumed dead).
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")  # gave up after the last try; staff can requeue

    # The Message-ID header: the same on every try, so a receiver can drop a resent copy.
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    # An iCalendar invitation sent as an attachment (meetings), or empty.
    calendar = models.TextField(blank=True)
    language = models.CharField(_("language"), max_length=8, default="fr")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Counted when a worker claims the row, so a message that kills its worker still runs out of
    # tries; the value also fences a worker whose lease ran out (see services._record_failure).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        # Serves the worker's query: status in (pending, sending) and next_attempt_at <= now.
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
