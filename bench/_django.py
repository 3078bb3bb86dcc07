"""Set Django up against a benchmark database (SQLite file or PostgreSQL), migrated."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get(
    "BINOME_BENCH_PG_URL", "postgres://binome:binome@127.0.0.1:5432/binome_bench"
)


def database_url(kind: str, name: str) -> str:
    if kind == "sqlite":
        path = ROOT / "var" / "bench" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    return PG_URL.rsplit("/", 1)[0] + f"/{name}"


def setup(kind: str, name: str) -> None:
    url = database_url(kind, name)
    if kind == "postgres":
        dbname = url.rsplit("/", 1)[1]
        subprocess.run(
            ["su", "postgres", "-c", f"createdb -O binome {dbname}"],
            check=False,
            capture_output=True,
        )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def drop(kind: str, name: str) -> None:
    """Remove a benchmark database, to build it anew."""
    url = database_url(kind, name)
    if kind == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    dbname = url.rsplit("/", 1)[1]
    subprocess.run(
        ["su", "postgres", "-c", f"dropdb --if-exists {dbname}"], check=True, capture_output=True
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]
