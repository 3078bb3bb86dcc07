"""``manage.py send_outbox`` as separate processes against a real SMTP server: killed mid-batch and
restarted, it loses nothing and resends at most the one message in flight (the window documented
in ``binome.notifications.services``); two of them at once send every message once."""

from __future__ import annotations

import asyncio
import email
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from binome.notifications.models import OutboxMessage
from tests.test_outbox import SmtpSink, free_port, header, make_due, queue

Status = OutboxMessage.Status

pytestmark = pytest.mark.django_db(transaction=True)


class HangAfterAccepting(SmtpSink):
    """Accepts the n-th message, then hangs before answering 250: the server has the message, the
    worker does not know it yet — the window in which a killed worker causes a resend."""

    def __init__(self, port: int, hang_on: int) -> None:
        super().__init__(port)
        self.hang_on = hang_on
        self.hanging = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.accept(email.message_from_bytes(envelope.content)["Message-ID"])
        if self.count() == self.hang_on and not self.hanging.is_set():
            self.hanging.set()
            await asyncio.sleep(60)  # aiosmtpd cancels this when the worker's connection drops
        return "250 Message accepted for delivery"


class WorkerDatabase:
    """The test database, as a worker process reaches it.

    PostgreSQL: the same database (these tests commit). SQLite: pytest-django's test database is
    in memory, so it is copied to a file for the worker (``push``) and back (``pull``).
    """

    def __init__(self, directory: Path) -> None:
        self.file = directory / "worker.sqlite3"

    def url(self) -> str:
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.file}"
        user, password = quote(db["USER"]), quote(str(db["PASSWORD"]))
        return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"

    def push(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(self.file)) as target:
                connection.connection.backup(target)

    def pull(self) -> None:
        if connection.vendor == "sqlite":
            with closing(sqlite3.connect(self.file)) as source:
                source.backup(connection.connection)


@pytest.fixture
def worker_db(tmp_path) -> WorkerDatabase:
    if connection.vendor not in {"sqlite", "postgresql"}:
        pytest.skip(f"no worker database for {connection.vendor}")
    return WorkerDatabase(tmp_path)


@pytest.fixture
def no_delivery_on_commit(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def sinks():
    started: list[SmtpSink] = []

    def start(sink: SmtpSink) -> SmtpSink:
        sink.start()
        started.append(sink)
        return sink

    yield start
    for sink in started:
        sink.stop()


def worker(db: WorkerDatabase, sink: SmtpSink, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": db.url(),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
    }
    manage = Path(django_settings.BASE_DIR) / "manage.py"
    return subprocess.Popen(
        [sys.executable, str(manage), "send_outbox", "--skip-checks", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_once(db: WorkerDatabase, sink: SmtpSink) -> None:
    db.push()
    process = worker(db, sink, "--once")
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    db.pull()


def kill(process: subprocess.Popen[str]) -> None:
    process.kill()  # SIGKILL: no clean-up code runs
    process.communicate(timeout=10)


def wait_for(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def arrivals(sink: SmtpSink) -> Counter[str]:
    return Counter(sink.received)


def test_a_worker_killed_mid_batch_loses_nothing_and_resends_at_most_its_message_in_flight(
    worker_db, sinks, no_delivery_on_commit
):
    sink = sinks(SmtpSink(free_port(), delay=0.05))
    messages = queue(16)
    worker_db.push()
    running = worker(worker_db, sink, "--interval", "0.1")
    wait_for(lambda: sink.count() >= 4)
    kill(running)
    worker_db.pull()
    in_flight = list(OutboxMessage.objects.filter(status=Status.SENDING))
    assert len(in_flight) <= 1
    assert OutboxMessage.objects.filter(status=Status.PENDING).exists()  # killed mid-batch

    run_once(worker_db, sink)  # restarted at once: the message in flight waits for its lease
    status = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert {status.pop(m.pk) for m in in_flight} <= {Status.SENDING}
    assert set(status.values()) == {Status.SENT}

    make_due(*in_flight)  # its lease ends
    run_once(worker_db, sink)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    received = arrivals(sink)
    assert set(received) == {header(m) for m in messages}  # nothing lost
    resent = {message_id for message_id, count in received.items() if count > 1}
    assert resent <= {header(m) for m in in_flight}  # only the documented window
    assert max(received.values()) <= 2


def test_killed_after_the_server_accepted_and_before_recording_it_the_worker_resends_it_once(
    worker_db, sinks, no_delivery_on_commit
):
    sink = sinks(HangAfterAccepting(free_port(), hang_on=3))
    messages = queue(6)
    worker_db.push()
    running = worker(worker_db, sink, "--interval", "0.1")
    wait_for(sink.hanging.is_set)
    kill(running)
    worker_db.pull()
    held = OutboxMessage.objects.get(status=Status.SENDING)
    assert sink.received[-1] == header(held)
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 2

    make_due(held)  # its lease ends
    run_once(worker_db, sink)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    expected = Counter({header(m): 1 for m in messages})
    expected[header(held)] = 2  # the same Message-ID twice: receivers can drop the copy
    assert arrivals(sink) == expected


def test_two_workers_at_once_send_every_message_exactly_once(
    worker_db, sinks, no_delivery_on_commit
):
    sink = sinks(SmtpSink(free_port(), delay=0.01))
    messages = queue(30)
    worker_db.push()
    once = worker(worker_db, sink, "--once")
    polling = worker(worker_db, sink, "--interval", "0.1")
    once.communicate(timeout=30)
    assert once.returncode == 0
    wait_for(lambda: sink.count() >= len(messages))
    polling.terminate()  # SIGTERM: the polling worker stops cleanly between rounds
    polling.communicate(timeout=10)
    assert polling.returncode == 0
    worker_db.pull()
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
    assert arrivals(sink) == Counter(header(m) for m in messages)
