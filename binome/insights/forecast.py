"""Theme shortfall ahead, from the request trend — pure Python, no Django.

Rules:
- the trend is the least-squares line through the last months' counts of new requests (oldest
  first), continued for ``horizon`` months, never below zero;
- with fewer than 3 months of history the projection is the plain monthly mean;
- the shortfall is the demand ahead (open requests + projected new ones) minus the free mentor
  places today, never below zero.
"""

from __future__ import annotations

from collections.abc import Sequence


def project(monthly: Sequence[int], horizon: int = 3) -> float:
    """New requests expected over the next ``horizon`` months."""
    n = len(monthly)
    if n == 0:
        return 0.0
    if n < 3:
        return max(0.0, sum(monthly) / n * horizon)
    mean_x = (n - 1) / 2
    mean_y = sum(monthly) / n
    var = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(monthly)) / var
    return sum(max(0.0, mean_y + slope * (n + h - mean_x)) for h in range(horizon))


def shortfall(*, open_demand: int, projected: float, free_places: int) -> int:
    return max(0, round(open_demand + projected - free_places))
