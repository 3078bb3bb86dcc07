"""Flash exchanges and speed-mentoring evenings in the key figures and the programme's health.

Reads only (``binome.flash`` and ``binome.events`` own these rows):
- speed-mentoring attendance: of the registrations whose attendance was recorded (the manager
  ticks who came once the rotation is locked), the share present; the evenings and people
  registered over the period;
- flash exchanges of the period: held, not held, and still without an outcome once past; the
  no-show rate is the share "did not take place" among the exchanges with an outcome (flash
  does not record which member was missing, so a no-show is the exchange's, not a person's);
  the share of mentors with at least one exchange that did not take place; each mentor's own
  figures (names: the programme's health page only, for its managers).
A fixed number of grouped queries. Ratios over fewer than ``MIN_GROUP`` are suppressed by the
caller's ``Ratio``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from binome.core.models import Network
from binome.events.models import Registration
from binome.flash.models import FlashExchange
from binome.flash.states import ExchangeStatus
from binome.programmes.models import Programme

HELD, NOT_HELD = ExchangeStatus.HELD, ExchangeStatus.NOT_HELD


@dataclass(frozen=True)
class SpeedFigures:
    events: int
    registered: int
    present: int
    recorded: int  # registrations whose attendance was recorded


@dataclass(frozen=True)
class FlashFigures:
    held: int
    not_held: int
    unknown: int  # past, nobody said whether it took place
    mentors: int  # mentors with an exchange whose outcome is known
    mentors_with_no_show: int


def speed_attendance(
    network: Network, start: datetime.datetime, end: datetime.datetime, programme_id: int | None
) -> dict[int, SpeedFigures]:
    """Per programme, and under 0 across programmes (one query)."""
    registrations = Registration.objects.filter(
        event__network=network, event__starts_at__gte=start, event__starts_at__lt=end
    )
    if programme_id:
        registrations = registrations.filter(event__programme_id=programme_id)
    rows = (
        registrations.values("event__programme_id")
        .annotate(
            events=Count("event", distinct=True),
            registered=Count("pk"),
            present=Count("pk", filter=Q(attended=True)),
            recorded=Count("pk", filter=Q(attended__isnull=False)),
        )
        .values_list("event__programme_id", "events", "registered", "present", "recorded")
    )
    found = {key: SpeedFigures(*figures) for key, *figures in rows}
    found[0] = SpeedFigures(
        events=sum(f.events for f in found.values()),
        registered=sum(f.registered for f in found.values()),
        present=sum(f.present for f in found.values()),
        recorded=sum(f.recorded for f in found.values()),
    )
    return found


def flash_outcomes(
    network: Network, start: datetime.datetime, end: datetime.datetime, programme_id: int | None
) -> dict[int, FlashFigures]:
    """Per programme, and under 0 across programmes (one query, grouped by mentor)."""
    exchanges = FlashExchange.objects.filter(
        network=network, starts_at__gte=start, starts_at__lt=end
    )
    if programme_id:
        exchanges = exchanges.filter(programme_id=programme_id)
    now = timezone.now()
    rows = exchanges.values("programme_id", "mentor_id").annotate(
        held=Count("pk", filter=Q(status=HELD)),
        not_held=Count("pk", filter=Q(status=NOT_HELD)),
        unknown=Count("pk", filter=Q(status=ExchangeStatus.SCHEDULED, starts_at__lt=now)),
    )
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    mentors: dict[int, dict[int, bool]] = defaultdict(dict)  # mentor → had a no-show
    for row in rows:
        for key in (row["programme_id"], 0):
            counts = totals[key]
            counts[0] += row["held"]
            counts[1] += row["not_held"]
            counts[2] += row["unknown"]
            if row["held"] or row["not_held"]:
                seen = mentors[key].get(row["mentor_id"], False)
                mentors[key][row["mentor_id"]] = seen or row["not_held"] > 0
    return {
        key: FlashFigures(
            held=counts[0],
            not_held=counts[1],
            unknown=counts[2],
            mentors=len(mentors[key]),
            mentors_with_no_show=sum(mentors[key].values()),
        )
        for key, counts in totals.items()
    }


@dataclass(frozen=True)
class FlashMentor:
    name: str
    held: int
    not_held: int
    unknown: int

    @property
    def no_show_rate(self) -> int | None:
        known = self.held + self.not_held
        return round(100 * self.not_held / known) if known else None


MENTORS_SHOWN = 20
PERIOD = datetime.timedelta(days=365)


def flash_mentors(programme: Programme) -> list[FlashMentor]:
    """Each mentor's exchanges over the last year, most not held first (one query)."""
    now = timezone.now()
    rows = (
        FlashExchange.objects.filter(programme=programme, starts_at__gte=now - PERIOD)
        .values("mentor_id", "mentor__first_name", "mentor__last_name")
        .annotate(
            held=Count("pk", filter=Q(status=HELD)),
            not_held=Count("pk", filter=Q(status=NOT_HELD)),
            unknown=Count("pk", filter=Q(status=ExchangeStatus.SCHEDULED, starts_at__lt=now)),
        )
    )
    found = [
        FlashMentor(
            name=f"{r['mentor__first_name']} {r['mentor__last_name']}".strip(),
            held=r["held"],
            not_held=r["not_held"],
            unknown=r["unknown"],
        )
        for r in rows
        if r["held"] or r["not_held"] or r["unknown"]
    ]
    return sorted(found, key=_least_reliable_first)[:MENTORS_SHOWN]


def _least_reliable_first(mentor: FlashMentor) -> tuple[int, int, str]:
    return (-(mentor.no_show_rate or 0), -mentor.not_held, mentor.name)
