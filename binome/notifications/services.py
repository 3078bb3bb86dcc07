"""Queue and deliver emails through the outbox.

Rules this module keeps:

- **Queued with the change.** ``queue_email`` writes the row in the caller's transaction, so a
  rolled-back change sends nothing; the worker is told on commit.
- **One sender per row.** A worker claims a row with one conditional UPDATE (pending and due, or
  sending with an expired lease → sending, lease = now + ``LEASE``, attempts + 1) and sends only if
  that UPDATE changed one row. SQLite serialises writes; on PostgreSQL a second UPDATE waits on the
  row lock and re-checks its WHERE under READ COMMITTED, so two workers never both win.
  ``deliver_due`` must run outside a transaction: each claim commits before the send it guards.
- **A dead worker is replaced.** A row left in ``sending`` (the worker was killed mid-send) is
  taken over by any worker once its lease ends.
- **Retries back off, nothing is dropped.** A failed try waits 1, 2, 4 … minutes, capped at an hour
  (``MAX_ATTEMPTS`` tries span about a day); then the row is ``failed`` and stays for staff to
  ``requeue_failed``. Tries are counted at the claim, so even a message that kills its worker runs
  out of tries. An unreachable server ends the batch after one try: the others wait untouched.

**At least once, not exactly once.** SMTP has no idempotency key and no two-phase commit with our
database, so a message can go out twice in these cases, and only in these — always with the same
``Message-ID`` (``<uuid@domain>``), which lets a receiving server or mail client drop the copy:

1. The worker dies after the SMTP server answered 250 to the message's DATA and before the UPDATE
   recording it as sent commits (a few milliseconds per message on a healthy database). The row
   stays ``sending`` until its lease ends, then it is sent again, once.
2. The connection breaks after DATA's final "." and before the server's answer reaches us: the
   server may have kept the message (RFC 1047); we count a failed try and retry.
3. A worker is stalled (suspended, or its database unreachable after the send) for longer than the
   lease while holding a claim: another worker takes the row over.

Outside these a message is sent at most once, and it is never lost: a row leaves the queue only
as ``sent`` after the server accepted it, or as ``failed``, kept for staff.
"""

from __future__ import annotations

import enum
import logging
import time
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from binome.core import audit
from binome.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status

# Far above a whole SMTP exchange (EMAIL_TIMEOUT bounds each socket operation), so a live worker
# keeps its claim; short enough that a killed worker's message waits minutes, not hours.
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 30
FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=1)


class Outcome(enum.Enum):
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"  # no SMTP session could be opened: stop the batch


def queue_email(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    language: str = "fr",
    calendar: str = "",
) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=language,
        calendar=calendar,
    )
    transaction.on_commit(enqueue_delivery)
    return message


def enqueue_delivery() -> None:
    from binome.notifications.tasks import deliver_outbox

    deliver_outbox.enqueue()


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: 1, 2, 4 … minutes, at most an hour."""
    exponent = min(max(attempts - 1, 0), 16)  # bounded: the cap applies long before anyway
    return min(FIRST_RETRY * 2**exponent, MAX_RETRY)


def deliver_all_due(
    *, batch_size: int = 100, budget: timedelta | None = None, lease: timedelta = LEASE
) -> int:
    """Deliver batch after batch while batches go out whole; returns how many were sent.

    A batch with a failure or fewer due rows ends the run: the rest is for the next round.
    ``budget`` bounds the run so a task does not hold its worker for hours.
    """
    deadline = time.monotonic() + budget.total_seconds() if budget else None
    total = 0
    while True:
        sent = deliver_due(limit=batch_size, lease=lease)
        total += sent
        if sent < batch_size or (deadline is not None and time.monotonic() >= deadline):
            return total


def deliver_due(*, limit: int = 100, lease: timedelta = LEASE) -> int:
    """Try up to ``limit`` due messages over one SMTP session; returns how many were sent.

    Call it outside a transaction, so that each claim commits before the send it guards.
    """
    _fail_abandoned()
    connection = get_connection(fail_silently=False)
    sent = 0
    try:
        for pk in _due_ids(limit):
            message = _claim(pk, lease)
            if message is None:
                continue  # another worker claimed it first
            outcome = _send(connection, message)
            sent += outcome is Outcome.SENT
            if outcome is Outcome.UNREACHABLE:
                break
    finally:
        _close_quietly(connection)
    return sent


def requeue_failed(*, message_ids: Iterable[uuid.UUID | str], actor: Any = None) -> int:
    """Give failed messages a fresh series of tries; returns how many were requeued.

    Only ``failed`` rows move, so a message already sent is never requeued by mistake.
    """
    with transaction.atomic():
        rows = list(
            OutboxMessage.objects.select_for_update()
            .filter(message_id__in=list(message_ids), status=Status.FAILED)
            .values_list("pk", "message_id")
        )
        if not rows:
            return 0
        OutboxMessage.objects.filter(pk__in=[pk for pk, _ in rows]).update(
            status=Status.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        audit.record(
            action="outbox.requeue",
            actor=actor,
            message_ids=[str(message_id) for _, message_id in rows],
        )
        transaction.on_commit(enqueue_delivery)
    return len(rows)


def message_id_header(message: OutboxMessage) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "binome"
    return f"<{message.message_id}@{domain}>"


def _due(now: datetime) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        status__in=[Status.PENDING, Status.SENDING], next_attempt_at__lte=now
    )


def _due_ids(limit: int) -> list[int]:
    due = _due(timezone.now()).filter(attempts__lt=MAX_ATTEMPTS)
    return list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])


def _fail_abandoned() -> None:
    """A worker died during a row's last try: give up on it rather than claim a try too many."""
    _due(timezone.now()).filter(status=Status.SENDING, attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, last_error="The worker stopped during the last try."
    )


def _claim(pk: int, lease: timedelta) -> OutboxMessage | None:
    now = timezone.now()
    claimed = (
        _due(now)
        .filter(pk=pk, attempts__lt=MAX_ATTEMPTS)
        .update(status=Status.SENDING, next_attempt_at=now + lease, attempts=F("attempts") + 1)
    )
    return OutboxMessage.objects.get(pk=pk) if claimed else None


def _send(connection: BaseEmailBackend, message: OutboxMessage) -> Outcome:
    # Broad excepts on purpose: whatever the backend raises, the row must be recorded as a failed
    # try, never left claimed until its lease ends nor lost.
    try:
        connection.open()
    except Exception as error:
        _record_failure(message, error)
        return Outcome.UNREACHABLE
    try:
        if not connection.send_messages([_email(message)]):
            raise RuntimeError("the email backend reported nothing sent")
    except Exception as error:
        _record_failure(message, error)
        _close_quietly(connection)  # the session's state is unknown: the next try opens anew
        return Outcome.FAILED
    _mark_sent(message)
    return Outcome.SENT


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": message_id_header(message)},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.calendar:
        email.attach("invitation.ics", message.calendar, "text/calendar; charset=utf-8")
    return email


def _mark_sent(message: OutboxMessage) -> None:
    # The server accepted it, so record it whatever became of our claim: a late success must not
    # be retried. Excluding SENT keeps the first sent_at if a takeover sent it too.
    recorded = (
        OutboxMessage.objects.filter(pk=message.pk)
        .exclude(status=Status.SENT)
        .update(status=Status.SENT, sent_at=timezone.now())
    )
    if not recorded:
        logger.warning("Email %s was sent twice (lease ran out)", message.message_id)


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    gave_up = message.attempts >= MAX_ATTEMPTS
    # Matching our try's number: if our lease ran out and another worker claimed the row, its
    # outcome, not ours, decides what happens next.
    OutboxMessage.objects.filter(
        pk=message.pk, status=Status.SENDING, attempts=message.attempts
    ).update(
        status=Status.FAILED if gave_up else Status.PENDING,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + retry_delay(message.attempts),
    )
    logger.warning(
        "Email %s not sent (try %s of %s): %s",
        message.message_id,
        message.attempts,
        MAX_ATTEMPTS,
        error,
    )


def _close_quietly(connection: BaseEmailBackend) -> None:
    try:
        connection.close()
    except Exception as error:  # a broken session cannot be closed politely; it is dropped
        logger.info("SMTP session closed uncleanly: %s", error)
