"""Theme balance: per theme, open demand against free mentor places, time to match, and the
shortfall ahead over the next months from the trend of new requests (``forecast``).

Supply is the network's: mentors are not tied to a programme. A mentor offering several themes
counts in each (a place can go to any of them). Demand is the programme's open requests; a
request on several themes counts in each. Three queries, whatever the network's size.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, TruncMonth
from django.utils import timezone

from binome.insights.forecast import project, shortfall
from binome.intake.models import MentoringRequest
from binome.intake.states import OPEN_STATUSES
from binome.members.models import MentorOffer
from binome.mentorships.models import Mentorship
from binome.mentorships.states import CAPACITY_STATUSES
from binome.programmes.models import Programme, Theme

HISTORY_MONTHS = 6
HORIZON_MONTHS = 3


@dataclass(frozen=True)
class ThemeBalance:
    theme: Theme
    open_demand: int
    free_places: int
    mentors: int
    monthly: list[int]
    projected: float
    shortfall: int
    median_days_to_match: float | None

    @property
    def trend(self) -> str:
        return " ".join(str(n) for n in self.monthly)


def _months_back(today: datetime.date, count: int) -> list[datetime.date]:
    first = today.replace(day=1)
    months = []
    for _i in range(count):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        months.append(first)
    return months[::-1]  # the last ``count`` full months, oldest first


def theme_balance(
    programme: Programme, *, now: datetime.datetime | None = None
) -> list[ThemeBalance]:
    now = now or timezone.now()
    months = _months_back(timezone.localdate(now), HISTORY_MONTHS)
    themes = list(programme.themes.filter(is_active=True))
    through: Any = MentoringRequest.themes.through  # typed loosely: the stubs miss annotations
    requests = through.objects.filter(mentoringrequest__programme=programme)
    open_demand = dict(
        requests.filter(mentoringrequest__status__in=OPEN_STATUSES)
        .values("theme_id")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "n")
    )
    monthly: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    since = datetime.datetime.combine(months[0], datetime.time(), tzinfo=now.tzinfo)
    for theme_id, month, n in (
        requests.filter(mentoringrequest__submitted_at__gte=since)
        .annotate(month=TruncMonth("mentoringrequest__submitted_at"))
        .values("theme_id", "month")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "month", "n")
    ):
        key = month.date() if isinstance(month, datetime.datetime) else month
        monthly[theme_id][key] = n
    supply = _free_places(programme)
    waits = _days_to_match(programme, now)
    rows = []
    for theme in themes:
        counts = [monthly[theme.pk].get(m, 0) for m in months]
        projected = project(counts, HORIZON_MONTHS)
        places, mentors = supply.get(theme.pk, (0, 0))
        demand = open_demand.get(theme.pk, 0)
        days = waits.get(theme.pk)
        rows.append(
            ThemeBalance(
                theme=theme,
                open_demand=demand,
                free_places=places,
                mentors=mentors,
                monthly=counts,
                projected=round(projected, 1),
                shortfall=shortfall(open_demand=demand, projected=projected, free_places=places),
                median_days_to_match=round(statistics.median(days), 1) if days else None,
            )
        )
    rows.sort(key=lambda r: (-r.shortfall, -r.open_demand, r.theme.label))
    return rows


def _free_places(programme: Programme) -> dict[int, tuple[int, int]]:
    """theme id → (free places, mentors) among the network's consenting, unpaused mentors."""
    today = timezone.localdate()
    used = (
        Mentorship.objects.filter(
            mentor_id=OuterRef("mentoroffer__member_id"), status__in=CAPACITY_STATUSES
        )
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    through: Any = MentorOffer.themes.through
    rows = (
        through.objects.filter(
            mentoroffer__network_id=programme.network_id,
            mentoroffer__consented_at__isnull=False,
            mentoroffer__withdrawn_at=None,
        )
        .exclude(mentoroffer__paused_until__gte=today)
        .annotate(
            free=Greatest(
                F("mentoroffer__capacity")
                - Coalesce(Subquery(used, output_field=IntegerField()), 0),
                Value(0),
            )
        )
        .values("theme_id")
        .annotate(places=Sum("free"), mentors=Count("pk"))
        .values_list("theme_id", "places", "mentors")
    )
    return {theme_id: (places or 0, mentors) for theme_id, places, mentors in rows}


def _days_to_match(programme: Programme, now: datetime.datetime) -> dict[int, list[float]]:
    """theme id → days from submission to the pair, for pairs made in the last year."""
    rows = (
        MentoringRequest.themes.through.objects.filter(
            mentoringrequest__programme=programme,
            mentoringrequest__mentorship__created_at__gte=now - datetime.timedelta(days=365),
        )
        .exclude(mentoringrequest__submitted_at=None)
        .values_list(
            "theme_id", "mentoringrequest__submitted_at", "mentoringrequest__mentorship__created_at"
        )
    )
    found: dict[int, list[float]] = defaultdict(list)
    for theme_id, submitted, matched in rows:
        if submitted is None or matched is None:
            continue
        found[theme_id].append((matched - submitted).total_seconds() / 86400)
    return found


__all__ = ["ThemeBalance", "theme_balance"]
