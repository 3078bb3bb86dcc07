"""Programme health for its managers: each live pair on track, needing a check-in, stalled or
flagged, with its reasons — from metadata and from survey answers the team may read one by one
(``staff`` visibility), never from answers meant for totals or for the pair.

A fixed number of queries whatever the number of pairs (tests count them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Max, Q, When
from django.db.models.functions import Coalesce
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
    """One live pair's state; ``pair`` (with its members) is loaded for the rows shown only."""

    pair_id: int
    state: str
    reasons: list[str] = field(default_factory=list)
    held: int = 0
    last_meeting: datetime.datetime | None = None
    asked_news_at: datetime.datetime | None = None
    rematch_asked: bool = False
    pair: Mentorship | None = None

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class _Facts:
    """What a pair's state depends on, two dates per pair (SQLite parses each date in Python)."""

    status: str
    n_held: int
    # paused: since when; awaiting the charter: since its creation; otherwise the last meeting
    # held or confirmed, else the start.
    since: datetime.datetime | None
    start: datetime.datetime


def programme_health(
    programme: Programme, *, now: datetime.datetime | None = None
) -> list[PairHealth]:
    """Every live pair's state, those needing help first; plain values, no model instances
    (a programme can have thousands of live pairs): ``attach_pairs`` loads the rows shown."""
    now = now or timezone.now()
    held = Q(meetings__status=MeetingStatus.HELD)
    met = Q(meetings__status__in=[MeetingStatus.HELD, MeetingStatus.CONFIRMED])
    facts = (
        Mentorship.objects.filter(programme=programme, status__in=LIVE_STATUSES)
        .annotate(
            n_held=Count("meetings", filter=held),
            since=Case(
                When(status=MentorshipStatus.PAUSED, then=F("status_changed_at")),
                When(status=MentorshipStatus.AWAITING_CHARTER, then=F("created_at")),
                default=Coalesce(Max("meetings__starts_at", filter=met), F("started_at")),
            ),
            start=Coalesce(F("started_at"), F("created_at")),
        )
        .order_by("-created_at")
        .values_list("pk", *_Facts.__dataclass_fields__)
    )
    open_flags: dict[int, list[str]] = defaultdict(list)
    for pair_id, kind in Flag.objects.filter(
        mentorship__programme=programme,
        mentorship__status__in=LIVE_STATUSES,
        resolved_at=None,
    ).values_list("mentorship_id", "kind"):
        open_flags[pair_id].append(kind)
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
    for pair_id, *values in facts:
        fact = _Facts(*values)
        kinds = open_flags.get(pair_id, [])
        if kinds:
            state, reasons = FLAGGED, [str(Flag.Kind(k).label) for k in kinds]
        else:
            state, reasons = _classify(programme, fact, signals.get(pair_id, set()), now)
        rows.append(
            PairHealth(
                pair_id=pair_id,
                state=state,
                reasons=reasons,
                held=fact.n_held,
                asked_news_at=asked.get(pair_id),
                rematch_asked=Flag.Kind.REMATCH_ASKED in kinds,
            )
        )
    order = {s: i for i, s in enumerate(STATES)}
    rows.sort(key=lambda r: order[r.state])
    return rows


def attach_pairs(rows: list[PairHealth]) -> list[PairHealth]:
    """Load the pairs of the rows about to be shown, with their members' names and last
    meeting held: one query."""
    pairs = (
        Mentorship.objects.select_related("mentor", "mentee")
        .annotate(
            last_held=Max("meetings__starts_at", filter=Q(meetings__status=MeetingStatus.HELD))
        )
        .in_bulk([r.pair_id for r in rows])
    )
    for row in rows:
        row.pair = pairs[row.pair_id]
        row.last_meeting = row.pair.last_held
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


def _classify(
    programme: Programme, pair: _Facts, signals: set[str], now: datetime.datetime
) -> tuple[str, list[str]]:
    silent_after = datetime.timedelta(weeks=programme.silence_weeks)
    if pair.status == MentorshipStatus.AWAITING_CHARTER:
        if pair.since and now - pair.since > NOT_STARTED_AFTER:
            return STALLED, [str(REASONS["not_started"])]
        return ON_TRACK, []
    if pair.status == MentorshipStatus.PAUSED:
        if pair.since and now - pair.since > 2 * silent_after:
            return STALLED, [str(REASONS["long_pause"])]
        return ON_TRACK, []
    last = pair.since
    if last and now - last > silent_after + STALLED_AFTER_REMINDER:
        return STALLED, [str(REASONS["long_silent"])]
    reasons = sorted(signals)
    if last and now - last > silent_after:
        reasons.append("silent")
    if pair.n_held == 0 and now - pair.start > FIRST_MEETING_WITHIN:
        reasons.append("no_first_meeting")
    months = (now - pair.start).days / 30.4
    expected = programme.recommended_meetings * months / max(programme.duration_months, 1)
    if pair.n_held < expected - 2:
        reasons.append("behind")
    if reasons:
        return CHECK_IN, [str(REASONS[r]) for r in reasons]
    return ON_TRACK, []


def state_counts(rows: list[PairHealth]) -> list[tuple[str, str, int]]:
    counts = {s: 0 for s in STATES}
    for row in rows:
        counts[row.state] += 1
    return [(s, str(STATE_LABELS[s]), counts[s]) for s in STATES]
