"""The outbox against a real SMTP server (aiosmtpd on 127.0.0.1): nothing is sent for a rolled-back
change, nothing is lost while the server is down, and two workers never send one message twice."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections import Counter
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.mail.backends.smtp import EmailBackend
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from binome.core.models import AuditEvent
from binome.notifications import services
from binome.notifications.models import OutboxMessage
from binome.notifications.services import (
    MAX_ATTEMPTS,
    deliver_due,
    queue_email,
    requeue_failed,
    retry_delay,
)
from binome.testing.factories import UserFactory

Status = OutboxMessage.Status


class SmtpSink:
    """A real SMTP server that records the Message-ID of every message it accepts.

    ``delay`` slows each message down (a busy server); a message counts as accepted only when the
    handler returns, and aiosmtpd cancels the handler if the client vanishes before that.
    """

    def __init__(self, port: int, delay: float = 0.0) -> None:
        self.port = port
        self.delay = delay
        self.received: list[str] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        self.accept(email.message_from_bytes(envelope.content)["Message-ID"])
        return "250 Message accepted for delivery"

    def accept(self, message_id: str) -> None:
        with self._lock:
            self.received.append(message_id)

    def count(self) -> int:
        with self._lock:
            return len(self.received)

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A started SMTP sink, and the settings that make Django's SMTP backend send to it."""
    sink = SmtpSink(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_TIMEOUT = 5
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def no_delivery_on_commit(settings):
    """Tasks are recorded but not run, so queued rows wait for the worker under test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def header(message: OutboxMessage) -> str:
    message.refresh_from_db()
    return services.message_id_header(message)


def queue(count: int, *, prefix: str = "message") -> list[OutboxMessage]:
    with transaction.atomic():
        return [
            queue_email(to=f"{prefix}{i}@example.org", subject=f"{prefix} {i}", body_text="Hi")
            for i in range(count)
        ]


def make_due(*messages: OutboxMessage) -> None:
    """Time passes: the retry (or the lease) of these messages is due."""
    past = timezone.now() - timedelta(seconds=1)
    OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(next_attempt_at=past)


@pytest.mark.django_db(transaction=True)
def test_it_sends_nothing_for_a_rolled_back_change(smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="dana@example.org", subject="Votre demande", body_text="…")
        raise RuntimeError("the change fails after queueing its email")
    assert deliver_due() == 0
    assert smtp.received == []
    assert not OutboxMessage.objects.exists()
    # The server is listening: a committed change is delivered at once (on commit).
    with transaction.atomic():
        kept = queue_email(to="dana@example.org", subject="Votre demande", body_text="…")
    assert smtp.received == [header(kept)]


@pytest.mark.django_db(transaction=True)
def test_messages_wait_while_the_server_is_down_and_go_out_once_when_it_is_back(smtp):
    smtp.stop()
    messages = queue(3)  # delivery runs on commit and fails: each message spends one try
    for message in messages:
        message.refresh_from_db()
        assert message.status == Status.PENDING
        assert message.attempts == 1
        assert message.next_attempt_at > timezone.now()
        assert "Connection refused" in message.last_error or "Errno" in message.last_error
    assert deliver_due() == 0  # nothing is due before its retry time

    smtp.start()
    assert deliver_due() == 0  # still waiting for the retry time
    make_due(*messages)
    assert deliver_due() == 3
    assert deliver_due() == 0
    assert sorted(smtp.received) == sorted(header(m) for m in messages)
    for message in messages:
        assert (message.status, message.attempts) == (Status.SENT, 2)


def test_retries_back_off_exponentially_up_to_an_hour():
    assert [retry_delay(n).total_seconds() / 60 for n in range(1, 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]
    assert retry_delay(MAX_ATTEMPTS) == timedelta(hours=1)


@pytest.mark.django_db(transaction=True)
def test_a_message_that_runs_out_of_tries_is_kept_as_failed_until_staff_requeue_it(smtp):
    smtp.stop()
    [message] = queue(1)
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS - 1)
    make_due(message)
    deliver_due()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    make_due(message)
    assert deliver_due() == 0  # a failed message is not retried on its own

    smtp.start()
    assert requeue_failed(message_ids=[message.message_id]) == 1  # delivered on commit
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert smtp.received == [header(message)]
    assert requeue_failed(message_ids=[message.message_id]) == 0  # a sent message stays sent
    assert AuditEvent.objects.filter(action="outbox.requeue").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_dies_mid_send_leaves_the_message_to_another_after_its_lease(
    smtp, no_delivery_on_commit, monkeypatch
):
    [message] = queue(1)

    def die(self, messages):
        raise SystemExit("killed")  # not an Exception: nothing in the worker catches it

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", die)
        with pytest.raises(SystemExit):
            deliver_due()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENDING, 1)
    assert deliver_due() == 0  # its lease still holds
    make_due(message)  # the lease ends
    assert deliver_due() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert smtp.received == [header(message)]


@pytest.mark.django_db(transaction=True)
def test_a_message_whose_worker_died_on_its_last_try_is_failed_not_retried(
    smtp, no_delivery_on_commit
):
    [message] = queue(1)
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING, attempts=MAX_ATTEMPTS)
    make_due(message)
    assert deliver_due() == 0
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert smtp.received == []


@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_lease_ran_out_cannot_undo_the_next_workers_success(
    smtp, no_delivery_on_commit, monkeypatch
):
    """Worker A stalls past its lease; B takes the message over and sends it; A's late failure
    must not put the message back in the queue."""
    [message] = queue(1)
    stale = OutboxMessage.objects.get(pk=message.pk)
    stale.attempts = 1  # the try A claimed before stalling
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING, attempts=1)
    make_due(message)
    assert deliver_due() == 1  # B
    services._record_failure(stale, OSError("A's connection finally times out"))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert smtp.received == [header(message)]


class InterleavingBackend(EmailBackend):
    """While worker A is sending its first message, worker B runs a whole delivery round."""

    second_worker_sent: list[int] = []

    def send_messages(self, email_messages):
        if not InterleavingBackend.second_worker_sent:
            InterleavingBackend.second_worker_sent.append(-1)  # B runs once, not recursively
            InterleavingBackend.second_worker_sent.append(deliver_due())
        return super().send_messages(email_messages)


@pytest.mark.django_db(transaction=True)
def test_two_delivery_rounds_interleaved_send_each_message_once(
    smtp, settings, no_delivery_on_commit
):
    settings.EMAIL_BACKEND = "tests.test_outbox.InterleavingBackend"
    InterleavingBackend.second_worker_sent = []
    messages = queue(5)
    first_worker_sent = deliver_due()
    assert InterleavingBackend.second_worker_sent == [-1, 4]  # all but A's claimed message
    assert first_worker_sent == 1
    assert Counter(smtp.received) == Counter(header(m) for m in messages)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_exactly_once(smtp, no_delivery_on_commit):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent workers in threads need PostgreSQL (SQLite: interleaved)")
    smtp.delay = 0.02  # so that the two workers overlap
    messages = queue(30)
    barrier = threading.Barrier(2)
    sent: list[int] = []

    def worker() -> None:
        try:
            barrier.wait()
            sent.append(deliver_due())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(sent) == 30
    assert min(sent) > 0  # both really worked
    assert Counter(smtp.received) == Counter(header(m) for m in messages)
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_delivers_what_a_committed_change_queued(smtp, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    [message] = queue(1)
    assert smtp.received == []  # queued for the worker, not sent by the web process
    call_command("db_worker", batch=True, no_startup_delay=True, no_reload=True, verbosity=0)
    assert smtp.received == [header(message)]


@pytest.mark.django_db(transaction=True)
def test_staff_requeue_failed_messages_from_the_admin_without_reading_them(
    client, no_delivery_on_commit
):
    from allauth.mfa.models import Authenticator

    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    # Staff reach the Django admin only with two-factor authentication set up.
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    failed, sent = queue(2)
    OutboxMessage.objects.filter(pk=failed.pk).update(
        status=Status.FAILED, attempts=MAX_ATTEMPTS, body_text="SECRET-ACTION-ITEM"
    )
    OutboxMessage.objects.filter(pk=sent.pk).update(status=Status.SENT)
    changelist = reverse("admin:notifications_outboxmessage_changelist")
    page = client.get(reverse("admin:notifications_outboxmessage_change", args=[failed.pk]))
    assert page.status_code == 200
    assert b"SECRET-ACTION-ITEM" not in page.content
    assert b"message0@example.org" in page.content
    assert client.get(reverse("admin:notifications_outboxmessage_add")).status_code == 403
    for query in ("message0", str(failed.message_id)):
        listing = client.get(changelist, {"q": query})
        assert b"message0@example.org" in listing.content
        assert b"message1@example.org" not in listing.content

    response = client.post(
        changelist, {"action": "requeue", "_selected_action": [failed.pk, sent.pk]}
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.PENDING, 0)
    assert sent.status == Status.SENT
    assert AuditEvent.objects.get(action="outbox.requeue").actor == admin
