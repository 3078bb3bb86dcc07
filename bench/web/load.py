"""gunicorn against the benchmark database, and simulated users replaying pages over HTTP."""

from __future__ import annotations

import http.client
import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.web.plan import User, cookie

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class Sample:
    page: str
    seconds: float
    status: int


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, batch: list[Sample]) -> None:
        with self.lock:
            self.samples.extend(batch)


def start_server(database_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "BINOME_STAFF_MFA_REQUIRED": "0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "config.wsgi", f"--workers={workers}", f"--bind=127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/accounts/login/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within a minute")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def fetch(connection: http.client.HTTPConnection, user: User, path: str) -> int:
    connection.request("GET", path, headers={"Cookie": cookie(user), "Accept-Language": "fr"})
    response = connection.getresponse()
    response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    return response.status


def replay(user: User, port: int, until: float, seed: int, results: Results) -> None:
    """One person: pages in a random order, back to back (no think time: the worst case)."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    batch = []
    while time.perf_counter() < until:
        page, path = rng.choice(user.pages)
        started = time.perf_counter()
        try:
            status = fetch(connection, user, path)
        except (OSError, http.client.HTTPException):
            connection.close()
            status = 0
        batch.append(Sample(page, time.perf_counter() - started, status))
    results.add(batch)


def warm_up(users: list[User], port: int) -> list[str]:
    """Every distinct page once (imports, caches), and any page not answering 200 reported."""
    problems = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    seen = set()
    for user in users:
        for page, path in user.pages:
            if (user.role, page) in seen:
                continue
            seen.add((user.role, page))
            status = fetch(connection, user, path)
            if status != 200:
                problems.append(f"{user.role} {page} {path} -> {status}")
    return problems


def run(users: list[User], port: int, seconds: float) -> Results:
    results = Results()
    until = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=replay, args=(user, port, until, number, results))
        for number, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
