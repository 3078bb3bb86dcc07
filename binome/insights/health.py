"""Programme health for its managers: each live pair on track, needing a check-in, stalled or
flagged, with its reasons — from metadata and from survey answers the team may read one by one
(``staff`` visibility), never from answers meant for totals or for the pair.

A fixed number of queries whatever the number of pairs (tests count them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binome.insights.models import HealthAction
from binome.mentorships.models import Flag, Mentorship
from binome.mentorships.states import LIVE_STATUSES, MeetingStatus, MentorshipStatus
from binome.programmes.models import Programme
from binome.surveys.models import Answer, Visibility

NOT_STARTED_AFTER = datetime.timedelta(days=14)
STALLED_AFTER_REMINDER = datetime.timedelta(weeks=3)
FIRST_MEETING_WITHIN = datetime.timedelta(weeks=4)

FLAGGED, STALLED, CHECK_IN, ON_TRACK = "flagged", "stalled", "check_in", "on_track"
STATES = (FLAGGED, STALLED, CHECK_IN, ON_TRACK)
STATE_LABELS = {
    FLAGGED: _("Flagged"),
    STALLED: _("Stalled"),
    CHECK_IN: _("Needs a check-in"),
    ON_TRACK: _("On track"),
}
REASONS = {
    "not_started": _("charter not signed after two weeks"),
    "no_first_meeting": _("no first meeting four weeks after the start"),
    "silent": _("no meeting for several weeks"),
    "long_silent": _("still no meeting after the reminder"),
    "behind": _("fewer meetings than the recommended pace"),
    "long_pause": _("paused for a long time"),
    "fit_unsure": _("a member is not sure the pair fits"),
    "asks_help": _("a member asked for a word with the team"),
}


@dataclass
class PairHealth:
    pair: Mentorship
    state: str
    reasons: list[str] = field(default_factory=list)
    held: int = 0
    last_meeting: datetime.datetime | None = None
    asked_news_at: datetime.datetime | None = None

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def rematch_asked(self) -> bool:
        return any(f.kind == Flag.Kind.REMATCH_ASKED for f in self.pair.open_flags)  # type: ignore[attr-defined]


def programme_health(
    programme: Programme, *, now: datetime.datetime | None = None
) -> list[PairHealth]:
    now = now or timezone.now()
    held = Q(meetings__status=MeetingStatus.HELD)
    met = Q(meetings__status__in=[MeetingStatus.HELD, MeetingStatus.CONFIRMED])
    pairs = (
        Mentorship.objects.filter(programme=programme, status__in=LIVE_STATUSES)
        .select_related("mentor", "mentee", "programme")
        .annotate(
            n_held=Count("meetings", filter=held),
            last_held=Max("meetings__starts_at", filter=held),
            last_met=Max("meetings__starts_at", filter=met),
            first_held=Min("meetings__starts_at", filter=held),
        )
        .prefetch_related(
            Prefetch("flags", Flag.objects.filter(resolved_at=None), to_attr="open_flags")
        )
        .order_by("-created_at")
    )
    signals = _survey_signals(programme)
    asked = dict(
        HealthAction.objects.filter(
            mentorship__programme=programme, mentorship__status__in=LIVE_STATUSES
        )
        .values("mentorship_id")
        .annotate(at=Max("created_at"))
        .values_list("mentorship_id", "at")
    )
    rows = []
    for pair in pairs:
        state, reasons = _classify(pair, signals.get(pair.pk, set()), now)
        rows.append(
            PairHealth(
                pair=pair,
                state=state,
                reasons=reasons,
                held=pair.n_held,
                last_meeting=pair.last_held,
                asked_news_at=asked.get(pair.pk),
            )
        )
    order = {s: i for i, s in enumerate(STATES)}
    rows.sort(key=lambda r: order[r.state])
    return rows


def _survey_signals(programme: Programme) -> dict[int, set[str]]:
    """Concerns read from answers the team may read one by one (never aggregate-only ones)."""
    found: dict[int, set[str]] = defaultdict(set)
    answers = Answer.objects.filter(
        response__programme=programme,
        response__mentorship__status__in=LIVE_STATUSES,
        question__visibility=Visibility.STAFF,
        question__code__in=["fit", "needs_help"],
    ).values_list("response__mentorship_id", "question__code", "choice")
    for pair_id, code, choice in answers:
        if code == "fit" and choice == "unsure":
            found[pair_id].add("fit_unsure")
        if code == "needs_help" and choice == "yes":
            found[pair_id].add("asks_help")
    return found


def _classify(pair: Mentorship, signals: set[str], now: datetime.datetime) -> tuple[str, list[str]]:
    flags = [str(f.get_kind_display()) for f in pair.open_flags]  # type: ignore[attr-defined]
    if flags:
        return FLAGGED, flags
    silent_after = datetime.timedelta(weeks=pair.programme.silence_weeks)
    last = pair.last_met or pair.started_at  # type: ignore[attr-defined]
    if pair.status == MentorshipStatus.AWAITING_CHARTER:
        if now - pair.created_at > NOT_STARTED_AFTER:
            return STALLED, [str(REASONS["not_started"])]
        return ON_TRACK, []
    if pair.status == MentorshipStatus.PAUSED:
        if now - pair.status_changed_at > 2 * silent_after:
            return STALLED, [str(REASONS["long_pause"])]
        return ON_TRACK, []
    if last and now - last > silent_after + STALLED_AFTER_REMINDER:
        return STALLED, [str(REASONS["long_silent"])]
    reasons = sorted(signals)
    if last and now - last > silent_after:
        reasons.append("silent")
    started = pair.started_at or pair.created_at
    if pair.first_held is None and now - started > FIRST_MEETING_WITHIN:  # type: ignore[attr-defined]
        reasons.append("no_first_meeting")
    if _behind(pair, started, now):
        reasons.append("behind")
    if reasons:
        return CHECK_IN, [str(REASONS[r]) for r in reasons]
    return ON_TRACK, []


def _behind(pair: Mentorship, started: datetime.datetime, now: datetime.datetime) -> bool:
    programme = pair.programme
    months = (now - started).days / 30.4
    expected = programme.recommended_meetings * months / max(programme.duration_months, 1)
    return pair.n_held < expected - 2  # type: ignore[attr-defined]


def state_counts(rows: list[PairHealth]) -> list[tuple[str, str, int]]:
    counts = {s: 0 for s in STATES}
    for row in rows:
        counts[row.state] += 1
    return [(s, str(STATE_LABELS[s]), counts[s]) for s in STATES]
