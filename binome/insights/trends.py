"""Timings and theme balance read a year of history: computed once per ``FRESH_FOR`` per
programme and shared by every manager through the cache. The worker refreshes them ahead
(``refresh_trends``), so a manager rarely waits for the computation; the page says when."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.core.cache import cache
from django.utils import timezone

from binome.insights import balance, timings
from binome.programmes.models import Programme

FRESH_FOR = datetime.timedelta(minutes=10)
KEPT_FOR = datetime.timedelta(minutes=30)


def _key(programme_id: int) -> str:
    return f"insights:trends:{programme_id}"


def compute(programme: Programme) -> dict[str, Any]:
    found = {
        "timings": timings.programme_timings(programme),
        "themes": balance.theme_balance(programme),
        "trends_at": timezone.now(),
    }
    cache.set(_key(programme.pk), found, KEPT_FOR.total_seconds())
    return found


def programme_trends(programme: Programme) -> dict[str, Any]:
    found = cache.get(_key(programme.pk))
    if found is None or timezone.now() - found["trends_at"] > FRESH_FOR:
        return compute(programme)
    return cast(dict[str, Any], found)


def refresh_trends() -> int:
    """Recompute the trends of the open programmes about to go stale; returns how many."""
    refreshed = 0
    soon = timezone.now() - FRESH_FOR + datetime.timedelta(minutes=3)
    for programme in Programme.objects.filter(is_active=True):
        found = cache.get(_key(programme.pk))
        if found is None or found["trends_at"] < soon:
            compute(programme)
            refreshed += 1
    return refreshed
