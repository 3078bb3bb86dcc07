"""Periodic jobs, registered by each app in its ``AppConfig.ready``.

Core knows no domain app: an app that has work to run every few minutes (reminders, expiries,
retries) registers its task here, and ``manage.py scheduler`` (``binome.ops``) enqueues every
registered task each round. Each job must be safe to run twice.
"""

from __future__ import annotations

from typing import Any

_JOBS: dict[str, Any] = {}


def register_periodic(task: Any) -> None:
    """Enqueue ``task`` (a django-tasks task taking no argument) on every scheduler round."""
    _JOBS[f"{task.func.__module__}.{task.func.__qualname__}"] = task


def periodic_jobs() -> list[Any]:
    return [_JOBS[name] for name in sorted(_JOBS)]
