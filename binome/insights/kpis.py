"""Network KPIs, per programme and across programmes, over a period.

Definitions (the seeds' measures):
- retention: of the pairs that ended in the period, the share that held the programme's
  recommended number of meetings;
- mentor renewal: of the mentors who started a pair in the previous period of the same length,
  the share who started another in this one;
- mentee → mentor: of the members who were mentees in a pair started before the period's end,
  the share now listed as mentors;
- satisfaction (1–5 mean), NPS (% of 9–10 minus % of 0–6), clearer next step (before/after
  means), goals reached and "would mentor in turn" (shares of "yes"), from the end surveys sent
  in the period — aggregates only, never a "pair only" question;
- response rates: surveys answered of those sent in the period; invitations answered;
- speed-mentoring attendance and flash exchanges held / not held (``insights.activity``).
A figure computed over fewer than ``MIN_GROUP`` people is suppressed (``None``).
A fixed number of grouped queries, whatever the number of pairs.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from binome.core.models import Network
from binome.insights import activity
from binome.intake.models import MentoringRequest, MentorInvitation
from binome.intake.states import InvitationStatus
from binome.members.models import Member
from binome.mentorships.models import Meeting, Mentorship
from binome.mentorships.states import MeetingStatus, MentorshipStatus
from binome.programmes.models import Programme, Theme
from binome.surveys.models import Answer, SurveyResponse, Visibility

MIN_GROUP = 5
ENDED = [MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY]
ALL = 0  # the "all programmes" row


@dataclass(frozen=True)
class Period:
    start: datetime.datetime
    end: datetime.datetime

    @property
    def previous(self) -> Period:
        return Period(start=self.start - (self.end - self.start), end=self.start)


def period_of(choice: str, *, now: datetime.datetime | None = None) -> Period:
    """``choice`` is a year ("2025") or anything else for the last twelve months."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    if choice.isdigit():
        year = int(choice)
        return Period(
            start=datetime.datetime(year, 1, 1, tzinfo=zone),
            end=datetime.datetime(year + 1, 1, 1, tzinfo=zone),
        )
    return Period(start=now - datetime.timedelta(days=365), end=now)


@dataclass
class Ratio:
    part: int = 0
    whole: int = 0

    @property
    def value(self) -> float | None:
        if self.whole < MIN_GROUP:
            return None
        return round(100 * self.part / self.whole)


@dataclass
class Mean:
    total: float = 0
    count: int = 0

    @property
    def value(self) -> float | None:
        return round(self.total / self.count, 1) if self.count >= MIN_GROUP else None


@dataclass
class Nps:
    promoters: int = 0
    detractors: int = 0
    count: int = 0

    @property
    def value(self) -> float | None:
        if self.count < MIN_GROUP:
            return None
        return round(100 * (self.promoters - self.detractors) / self.count)


@dataclass
class KpiRow:
    programme: Programme | None
    pairs_started: int = 0
    pairs_ended: int = 0
    retention: Ratio = field(default_factory=Ratio)
    renewal: Ratio = field(default_factory=Ratio)
    conversion: Ratio = field(default_factory=Ratio)
    satisfaction: Mean = field(default_factory=Mean)
    nps: Nps = field(default_factory=Nps)
    before: Mean = field(default_factory=Mean)
    after: Mean = field(default_factory=Mean)
    goals: Ratio = field(default_factory=Ratio)
    would_mentor: Ratio = field(default_factory=Ratio)
    surveys: Ratio = field(default_factory=Ratio)
    invitations: Ratio = field(default_factory=Ratio)
    speed_events: int = 0
    speed_registered: int = 0
    speed_present: Ratio = field(default_factory=Ratio)
    flash_held: int = 0
    flash_not_held: int = 0
    flash_unknown: int = 0
    flash_no_show: Ratio = field(default_factory=Ratio)
    flash_mentors_no_show: Ratio = field(default_factory=Ratio)

    @property
    def has_activity(self) -> bool:
        """Speed-mentoring evenings or flash exchanges in the period."""
        return bool(self.speed_registered or self.flash_held or self.flash_not_held)


@dataclass
class Kpis:
    period: Period
    rows: list[KpiRow]
    months: list[tuple[datetime.date, int]]
    satisfaction: list[tuple[str, int]]
    themes: list[tuple[str, int]]
    class_years: list[tuple[str, int]]
    computed_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def total(self) -> KpiRow:
        return self.rows[-1]


def network_kpis(network: Network, period: Period, programme: Programme | None = None) -> Kpis:
    programmes = [programme] if programme else list(Programme.objects.for_network(network))
    rows: dict[int, KpiRow] = {p.pk: KpiRow(programme=p) for p in programmes}
    rows[ALL] = KpiRow(programme=None)
    pairs = Mentorship.objects.filter(network=network)
    if programme:
        pairs = pairs.filter(programme=programme)
    _pairs(rows, pairs, period)
    _renewal(rows, pairs, period)
    _conversion(rows, pairs, period)
    _answers(rows, network, programme, period)
    _response_rates(rows, network, programme, period)
    _activity(rows, network, programme, period)
    return Kpis(
        period=period,
        rows=[rows[p.pk] for p in programmes] + [rows[ALL]],
        months=_months(pairs, period),
        satisfaction=_satisfaction_spread(network, programme, period),
        themes=_themes(network, pairs, period),
        class_years=_class_years(pairs, period),
    )


def _each(rows: dict[int, KpiRow], programme_id: int) -> list[KpiRow]:
    return [r for key, r in rows.items() if key in (programme_id, ALL)]


def _pairs(rows: dict[int, KpiRow], pairs: Any, period: Period) -> None:
    started = pairs.filter(created_at__gte=period.start, created_at__lt=period.end)
    for programme_id, n in started.values_list("programme_id").annotate(n=Count("pk")):
        for row in _each(rows, programme_id):
            row.pairs_started += n
    held = (
        Meeting.objects.filter(mentorship=OuterRef("pk"), status=MeetingStatus.HELD)
        .order_by()
        .values("mentorship")
        .annotate(c=Count("pk"))
        .values("c")
    )
    ended = pairs.filter(status__in=ENDED, ended_at__gte=period.start, ended_at__lt=period.end)
    for programme_id, recommended, n_held in (
        ended.order_by()
        .annotate(n_held=Coalesce(Subquery(held, output_field=IntegerField()), 0))
        .values_list("programme_id", "programme__recommended_meetings", "n_held")
    ):
        for row in _each(rows, programme_id):
            row.pairs_ended += 1
            row.retention.whole += 1
            row.retention.part += n_held >= recommended


def _mentors_by_programme(pairs: Any, period: Period) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    window = pairs.filter(created_at__gte=period.start, created_at__lt=period.end)
    # No ordering: the model's (-created_at) would join the DISTINCT and keep every row.
    mentors = window.order_by().values_list("programme_id", "mentor_id").distinct()
    for programme_id, mentor_id in mentors:
        found[programme_id].add(mentor_id)
        found[ALL].add(mentor_id)
    return found


def _renewal(rows: dict[int, KpiRow], pairs: Any, period: Period) -> None:
    before = _mentors_by_programme(pairs, period.previous)
    now = _mentors_by_programme(pairs, period)
    for key, row in rows.items():
        previous = before.get(key, set())
        row.renewal = Ratio(part=len(previous & now.get(key, set())), whole=len(previous))


def _conversion(rows: dict[int, KpiRow], pairs: Any, period: Period) -> None:
    listed = Member.objects.filter(pk=OuterRef("mentee_id"), is_listed=True)
    mentees = (
        pairs.filter(created_at__lt=period.end)
        .order_by()
        .annotate(now_mentor=Exists(listed))
        .values_list("programme_id", "mentee_id", "now_mentor")
        .distinct()
    )
    seen: dict[int, dict[int, bool]] = defaultdict(dict)
    for programme_id, mentee_id, now_mentor in mentees:
        seen[programme_id][mentee_id] = now_mentor
        seen[ALL][mentee_id] = now_mentor
    for key, row in rows.items():
        people = seen.get(key, {})
        row.conversion = Ratio(part=sum(people.values()), whole=len(people))


def _answers(
    rows: dict[int, KpiRow], network: Network, programme: Programme | None, period: Period
) -> None:
    answers = Answer.objects.filter(
        response__network=network,
        response__sent_at__gte=period.start,
        response__sent_at__lt=period.end,
        question__code__in=[
            "satisfaction",
            "recommend",
            "next_step_before",
            "next_step_after",
            "goals_reached",
            "would_mentor",
        ],
    ).exclude(question__visibility=Visibility.PAIR)
    if programme:
        answers = answers.filter(response__programme=programme)
    grouped = answers.values("response__programme_id", "question__code").annotate(
        n=Count("pk"),
        total=Avg("number"),
        yes=Count("pk", filter=Q(choice="yes")),
        promoters=Count("pk", filter=Q(number__gte=9)),
        detractors=Count("pk", filter=Q(number__lte=6)),
    )
    for g in grouped:
        for row in _each(rows, g["response__programme_id"]):
            _add(row, g["question__code"], g)


def _add(row: KpiRow, code: str, g: Mapping[str, Any]) -> None:
    n, mean = g["n"], g["total"] or 0
    if code == "satisfaction":
        row.satisfaction = Mean(row.satisfaction.total + mean * n, row.satisfaction.count + n)
    elif code == "next_step_before":
        row.before = Mean(row.before.total + mean * n, row.before.count + n)
    elif code == "next_step_after":
        row.after = Mean(row.after.total + mean * n, row.after.count + n)
    elif code == "recommend":
        row.nps.promoters += g["promoters"]
        row.nps.detractors += g["detractors"]
        row.nps.count += n
    elif code == "goals_reached":
        row.goals = Ratio(row.goals.part + g["yes"], row.goals.whole + n)
    elif code == "would_mentor":
        row.would_mentor = Ratio(row.would_mentor.part + g["yes"], row.would_mentor.whole + n)


def _response_rates(
    rows: dict[int, KpiRow], network: Network, programme: Programme | None, period: Period
) -> None:
    responses = SurveyResponse.objects.filter(
        network=network, sent_at__gte=period.start, sent_at__lt=period.end
    )
    invitations = MentorInvitation.objects.filter(
        request__network=network, sent_at__gte=period.start, sent_at__lt=period.end
    )
    if programme:
        responses = responses.filter(programme=programme)
        invitations = invitations.filter(request__programme=programme)
    for programme_id, sent, answered in (
        responses.values("programme_id")
        .annotate(sent=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .values_list("programme_id", "sent", "answered")
    ):
        for row in _each(rows, programme_id):
            row.surveys = Ratio(row.surveys.part + answered, row.surveys.whole + sent)
    answered_statuses = [InvitationStatus.ACCEPTED, InvitationStatus.DECLINED]
    for programme_id, sent, answered in (
        invitations.values("request__programme_id")
        .annotate(sent=Count("pk"), answered=Count("pk", filter=Q(status__in=answered_statuses)))
        .values_list("request__programme_id", "sent", "answered")
    ):
        for row in _each(rows, programme_id):
            row.invitations = Ratio(row.invitations.part + answered, row.invitations.whole + sent)


def _activity(
    rows: dict[int, KpiRow], network: Network, programme: Programme | None, period: Period
) -> None:
    scope = programme.pk if programme else None
    for key, speed in activity.speed_attendance(network, period.start, period.end, scope).items():
        if key in rows:
            row = rows[key]
            row.speed_events, row.speed_registered = speed.events, speed.registered
            row.speed_present = Ratio(part=speed.present, whole=speed.recorded)
    for key, flash in activity.flash_outcomes(network, period.start, period.end, scope).items():
        if key in rows:
            row = rows[key]
            row.flash_held, row.flash_not_held = flash.held, flash.not_held
            row.flash_unknown = flash.unknown
            row.flash_no_show = Ratio(part=flash.not_held, whole=flash.held + flash.not_held)
            row.flash_mentors_no_show = Ratio(part=flash.mentors_with_no_show, whole=flash.mentors)


def _months(pairs: Any, period: Period) -> list[tuple[datetime.date, int]]:
    counts = {
        (m.date() if isinstance(m, datetime.datetime) else m): n
        for m, n in pairs.filter(created_at__gte=period.start, created_at__lt=period.end)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    }
    months = []
    day = timezone.localtime(period.start).date().replace(day=1)
    last = timezone.localtime(period.end - datetime.timedelta(seconds=1)).date()
    while day <= last:
        months.append((day, counts.get(day, 0)))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def _satisfaction_spread(
    network: Network, programme: Programme | None, period: Period
) -> list[tuple[str, int]]:
    answers = Answer.objects.filter(
        response__network=network,
        response__sent_at__gte=period.start,
        response__sent_at__lt=period.end,
        question__code="satisfaction",
    ).exclude(question__visibility=Visibility.PAIR)
    if programme:
        answers = answers.filter(response__programme=programme)
    counts = dict(answers.values("number").annotate(n=Count("pk")).values_list("number", "n"))
    return [(str(mark), counts.get(mark, 0)) for mark in range(1, 6)]


def _themes(network: Network, pairs: Any, period: Period) -> list[tuple[str, int]]:
    through: Any = MentoringRequest.themes.through
    started = pairs.filter(created_at__gte=period.start, created_at__lt=period.end)
    counts = dict(
        through.objects.filter(mentoringrequest__mentorship__in=started.values("pk"))
        .values("theme_id")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "n")
    )
    themes = Theme.objects.filter(network=network, pk__in=list(counts))
    return sorted(((t.label, counts[t.pk]) for t in themes), key=lambda item: -item[1])


def _class_years(pairs: Any, period: Period) -> list[tuple[str, int]]:
    """Pairs by the mentee's class year, in five-year bands."""
    started = pairs.filter(created_at__gte=period.start, created_at__lt=period.end)
    bands: dict[int, int] = defaultdict(int)
    for year, n in (
        started.values("mentee__class_year")
        .annotate(n=Count("pk"))
        .values_list("mentee__class_year", "n")
    ):
        bands[-1 if year is None else year - year % 5] += n
    return [
        (f"{band}–{band + 4}" if band >= 0 else "?", bands[band])
        for band in sorted(bands, key=lambda b: (b < 0, b))
    ]
