"""How long things take in a programme: time spent in each request state, time from the pair to
its first meeting, and each mentor's answers to invitations (rate and time). Over the last
year; a fixed number of queries, medians computed from one fetch each."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from binome.intake.models import MentorInvitation, RequestEvent
from binome.intake.states import OPEN_STATUSES, InvitationStatus, RequestStatus
from binome.mentorships.models import Mentorship
from binome.mentorships.states import MeetingStatus
from binome.programmes.models import Programme

PERIOD = datetime.timedelta(days=365)
ANSWERED = [InvitationStatus.ACCEPTED, InvitationStatus.DECLINED]
DAY = 86400.0
MENTORS_SHOWN = 20


@dataclass(frozen=True)
class StateTime:
    status: str
    median_days: float | None
    requests: int

    @property
    def label(self) -> str:  # in the reader's language, also when read from the cache
        return str(RequestStatus(self.status).label)


@dataclass(frozen=True)
class MentorAnswers:
    name: str
    invited: int
    answered: int
    expired: int
    median_hours: float | None

    @property
    def rate(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


@dataclass(frozen=True)
class Timings:
    states: list[StateTime]
    median_days_to_first_meeting: float | None
    pairs_met: int
    invitations: int
    response_rate: int | None
    median_response_hours: float | None
    mentors: list[MentorAnswers]  # the least responsive ``MENTORS_SHOWN``
    mentors_invited: int


def _median(values: Iterable[float]) -> float | None:
    found = list(values)
    return round(statistics.median(found), 1) if found else None


def programme_timings(programme: Programme, *, now: datetime.datetime | None = None) -> Timings:
    now = now or timezone.now()
    since = now - PERIOD
    # A first meeting dated before the pair was created is history typed in afterwards (or a
    # pair re-created): it measures nothing, and a negative delay must never be shown.
    firsts = [
        (first - created).total_seconds() / DAY
        for created, first in Mentorship.objects.filter(programme=programme, created_at__gte=since)
        .annotate(first=Min("meetings__starts_at", filter=Q(meetings__status=MeetingStatus.HELD)))
        .exclude(first=None)
        .values_list("created_at", "first")
        if first >= created
    ]
    mentors, all_hours, invited, answered = _mentor_answers(programme, since)
    return Timings(
        states=_state_times(programme, since, now),
        median_days_to_first_meeting=_median(firsts),
        pairs_met=len(firsts),
        invitations=invited,
        response_rate=round(100 * answered / invited) if invited else None,
        median_response_hours=_median(all_hours),
        mentors=mentors[:MENTORS_SHOWN],
        mentors_invited=len(mentors),
    )


def _state_times(
    programme: Programme, since: datetime.datetime, now: datetime.datetime
) -> list[StateTime]:
    events = (
        RequestEvent.objects.filter(request__programme=programme, created_at__gte=since)
        .order_by("request_id", "created_at", "pk")
        .values_list("request_id", "to_status", "created_at")
    )
    spent: dict[str, list[float]] = defaultdict(list)
    previous: tuple[int, str, datetime.datetime] | None = None
    for request_id, status, at in events:
        if previous and previous[0] == request_id:
            spent[previous[1]].append((at - previous[2]).total_seconds() / DAY)
        elif previous and previous[1] in OPEN_STATUSES:
            spent[previous[1]].append((now - previous[2]).total_seconds() / DAY)
        previous = (request_id, status, at)
    if previous and previous[1] in OPEN_STATUSES:
        spent[previous[1]].append((now - previous[2]).total_seconds() / DAY)
    return [
        StateTime(status=s, median_days=_median(spent[s]), requests=len(spent[s]))
        for s in RequestStatus.values
        if s in OPEN_STATUSES
    ]


def _mentor_answers(
    programme: Programme, since: datetime.datetime
) -> tuple[list[MentorAnswers], list[float], int, int]:
    invitations = MentorInvitation.objects.filter(request__programme=programme, sent_at__gte=since)
    hours: dict[int, list[float]] = defaultdict(list)
    for mentor_id, sent, responded in invitations.filter(
        status__in=ANSWERED, responded_at__isnull=False
    ).values_list("mentor_id", "sent_at", "responded_at"):
        if responded is None:
            continue
        hours[mentor_id].append((responded - sent).total_seconds() / 3600)
    rows = []
    total = answered_total = 0
    for row in (
        invitations.values("mentor_id", "mentor__first_name", "mentor__last_name")
        .annotate(
            invited=Count("pk"),
            answered=Count("pk", filter=Q(status__in=ANSWERED)),
            expired=Count("pk", filter=Q(status=InvitationStatus.EXPIRED)),
        )
        .order_by()
    ):
        total += row["invited"]
        answered_total += row["answered"]
        rows.append(
            MentorAnswers(
                name=f"{row['mentor__first_name']} {row['mentor__last_name']}".strip(),
                invited=row["invited"],
                answered=row["answered"],
                expired=row["expired"],
                median_hours=_median(hours.get(row["mentor_id"], [])),
            )
        )
    rows.sort(key=lambda m: (m.rate, -(m.median_hours or 0), m.name))
    all_hours = [h for values in hours.values() for h in values]
    return rows, all_hours, total, answered_total
