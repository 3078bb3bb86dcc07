"""Load the engine's inputs for one request in a few queries, call the engine, map ids back.

The engine (``binome_engine``) is a library of plain values: this module is the only place that
turns members, offers and requests into its dataclasses.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.intake import responsiveness
from binome.intake.models import MentoringRequest, MentorInvitation
from binome.intake.states import InvitationStatus
from binome.members.models import DirectoryEntry, Member, MentorOffer, Position
from binome.mentorships.models import CAPACITY_STATUSES, Mentorship
from binome_engine import model as engine
from binome_engine import taxonomy
from binome_engine.validation import InvalidInput


@dataclass(frozen=True)
class Suggestion:
    member: Member
    score: float
    reasons: list[dict[str, Any]]

    def reasons_data(self) -> list[dict[str, Any]]:
        return self.reasons


@dataclass(frozen=True)
class WhyNot:
    member: Member
    codes: list[str]


@dataclass(frozen=True)
class Suggestions:
    proposals: list[Suggestion] = field(default_factory=list)
    excluded: list[WhyNot] = field(default_factory=list)
    error: str = ""  # why the engine could not read this request, in words


def _years(years_of_experience: int | None, class_year: int | None) -> int:
    """Years of experience as stated, else estimated from the class year."""
    if years_of_experience is not None:
        return years_of_experience
    if class_year:
        # The year of today, not of the process's start: workers run across New Year.
        return max(0, timezone.localdate().year - class_year - 2)
    return 0


def mentor_profiles(network_id: int, *, only: set[int] | None = None) -> list[engine.MentorProfile]:
    """The listed mentors of a network (or ``only`` those), as the engine sees them.

    Plain value queries, no model instances: 20,000 mentors load in about a second.
    """
    offers = MentorOffer.objects.filter(network_id=network_id, member__is_listed=True)
    themes = MentorOffer.themes.through.objects.filter(mentoroffer__network_id=network_id)
    positions = Position.objects.filter(member__network_id=network_id, member__is_listed=True)
    mentorships = Mentorship.objects.filter(network_id=network_id, status__in=CAPACITY_STATUSES)
    if only is not None:
        offers = offers.filter(member_id__in=only)
        themes = themes.filter(mentoroffer__member_id__in=only)
        positions = positions.filter(member_id__in=only)
        mentorships = mentorships.filter(mentor_id__in=only)
    taken = dict(mentorships.values_list("mentor_id").annotate(n=Count("pk")))
    # Invitations answered, and what other apps record (flash exchanges the mentor came to).
    answered = responsiveness.rates(network_id, only=only)
    theme_codes: dict[int, set[str]] = defaultdict(set)
    for member_id, code in themes.values_list("mentoroffer__member_id", "theme__code"):
        theme_codes[member_id].add(code)
    # Past positions as the mentor wrote them: titles, employers and sectors in words, so the
    # text retrieval finds "ten years at Total in energy trading" in either language.
    titles: dict[int, list[str]] = defaultdict(list)
    for member_id, title, employer, sector in positions.values_list(
        "member_id", "title", "employer", "sector"
    ):
        sector_words = (
            f"{taxonomy.label(taxonomy.SECTORS, sector, 'fr')} "
            f"{taxonomy.label(taxonomy.SECTORS, sector, 'en')}"
            if sector
            else ""
        )
        titles[member_id].append(" ".join(p for p in (title, employer, sector_words) if p))
    today = timezone.localdate()
    rows = offers.values(
        "member_id",
        "capacity",
        "formats",
        "paused_until",
        "member__sector",
        "member__function",
        "member__skills",
        "member__languages",
        "member__country",
        "member__years_of_experience",
        "member__class_year",
        "member__employer",
        "member__bio",
        "member__position_title",
        "member__city",
    )
    profiles = []
    for row in rows:
        pk = row["member_id"]
        profiles.append(
            engine.MentorProfile(
                id=pk,
                sector=row["member__sector"],
                function=row["member__function"],
                skills=frozenset(row["member__skills"] or []),
                languages=tuple(row["member__languages"] or ()),
                country=row["member__country"],
                years_experience=_years(
                    row["member__years_of_experience"], row["member__class_year"]
                ),
                class_year=row["member__class_year"],
                employer=row["member__employer"],
                themes=frozenset(theme_codes.get(pk, ())),
                formats=frozenset(engine.Format(f) for f in row["formats"] or []),
                capacity=max(0, row["capacity"] - taken.get(pk, 0)),
                is_paused=row["paused_until"] is not None and row["paused_until"] >= today,
                # Never invited: no figure, so no "answers 100 %" reason made up from a default.
                responsiveness=float(answered[pk]) if pk in answered else None,
                bio=row["member__bio"],
                past_positions=" · ".join(titles.get(pk, ())),
                title=row["member__position_title"],
                city=row["member__city"],
            )
        )
    return profiles


def mentee_request(request: MentoringRequest) -> engine.MenteeRequest:
    return mentee_input(
        id=request.pk,
        mentee=request.mentee,
        target_sector=request.target_sector,
        target_function=request.target_function,
        target_country=request.target_country,
        target_city=request.target_city,
        languages=request.languages,
        themes=[t.code for t in request.themes.all()],
        style=request.style,
        formats=request.formats,
        text=request.question,
    )


class MenteeProfile(Protocol):
    """What ``mentee_input`` reads of the mentee: a ``Member``, or its values read in bulk."""

    pk: Any
    sector: str
    function: str
    skills: Any
    languages: Any
    country: str
    city: str
    years_of_experience: int | None
    class_year: int | None
    employer: str


def mentee_input(
    *,
    id: int,
    mentee: MenteeProfile,
    target_sector: str,
    target_function: str,
    target_country: str,
    target_city: str,
    languages: list[str],
    themes: Iterable[str],
    style: str,
    formats: list[str],
    text: str,
) -> engine.MenteeRequest:
    """What a mentee asks (a request, a cohort application) as the engine sees it: where the
    mentee is comes from their profile, where they want to go from what they asked."""
    return engine.MenteeRequest(
        id=id,
        member_id=mentee.pk,
        sector=mentee.sector,
        function=mentee.function,
        # Where the mentee wants to go; the engine falls back to the current world when empty.
        target_sector=target_sector,
        target_function=target_function,
        skills=frozenset(mentee.skills or []),
        languages=tuple(languages or mentee.languages or ("fr",)),
        country=mentee.country,
        city=mentee.city,
        target_country=target_country,
        target_city=target_city,
        years_experience=_years(mentee.years_of_experience, mentee.class_year),
        class_year=mentee.class_year,
        employer=mentee.employer,
        themes=frozenset(themes),
        style=engine.Style(style),
        formats=frozenset(engine.Format(f) for f in formats or []) or engine.ALL_FORMATS,
        text=text,
    )


@dataclass
class _Warm:
    index: Any
    member_ids: set[int]
    seen_until: datetime.datetime | None


logger = logging.getLogger(__name__)
_WARM: dict[int, _Warm] = {}
_WARM_LOCK = threading.Lock()


def warm_index(network_id: int) -> Any:
    """The network's mentor index, kept warm in this process and brought up to date with what
    changed since (directory rows carry ``updated_at``; a removed row removes the mentor).

    Building it for 20,000 mentors takes seconds; catching up takes milliseconds.
    """

    with _WARM_LOCK:
        entries = DirectoryEntry.objects.filter(network_id=network_id)
        current = set(entries.values_list("member_id", flat=True))
        latest = entries.aggregate(latest=Max("updated_at"))["latest"]
        warm = _WARM.get(network_id)
        if warm is None:
            warm = _Warm(_index_of(mentor_profiles(network_id)), current, latest)
            _WARM[network_id] = warm
            return warm.index
        for gone in warm.member_ids - current:
            warm.index.remove(gone)
        changed = (
            set(entries.filter(updated_at__gt=warm.seen_until).values_list("member_id", flat=True))
            if warm.seen_until
            else current
        )
        changed |= current - warm.member_ids
        for profile in mentor_profiles(network_id, only=changed) if changed else []:
            try:
                warm.index.upsert(profile)
            except InvalidInput as error:
                _left_out(error)
                if profile.id in warm.member_ids:
                    warm.index.remove(profile.id)
        warm.member_ids, warm.seen_until = current, latest
        return warm.index


def _index_of(profiles: list[engine.MentorProfile]) -> Any:
    """The index of every mentor the engine accepts: one mentor with a value it refuses (say, 900
    years of experience typed in the admin) is left out and logged, not the whole network."""
    from binome_engine.index import MentorIndex

    while True:
        try:
            return MentorIndex(profiles)
        except InvalidInput as error:
            if error.record != "mentor" or error.key is None:
                raise
            _left_out(error)
            profiles = [p for p in profiles if p.id != error.key]


def _left_out(error: InvalidInput) -> None:
    logger.warning("mentor left out of the suggestions: %s", error)


@dataclass(frozen=True)
class SuggestionFilters:
    """The manager's narrowing of the engine's suggestions."""

    common_theme: bool = False
    common_format: bool = True  # a mentor the mentee cannot meet is left out unless asked
    more: bool = False


def programme_settings(
    request: MentoringRequest, filters: SuggestionFilters | None = None
) -> engine.ProgrammeSettings:
    """Rules for this request: mentors who already declined it, and past pairs, are left out;
    the manager's filters become hard constraints."""
    filters = filters or SuggestionFilters()
    refused = MentorInvitation.objects.filter(request=request).exclude(
        status=InvitationStatus.PENDING
    )
    past = Mentorship.objects.filter(mentee=request.mentee).values_list("mentor_id", flat=True)
    return engine.ProgrammeSettings(
        forbidden=frozenset(
            (request.pk, mentor_id) for mentor_id in refused.values_list("mentor_id", flat=True)
        ),
        past_pairs=frozenset((mentor_id, request.mentee_id) for mentor_id in past),
        constraints=engine.HardConstraints(
            require_common_theme=filters.common_theme,
            require_common_format=filters.common_format,
        ),
    )


def reason_data(reason: engine.Reason) -> dict[str, Any]:
    evidence = {
        key: list(value) if isinstance(value, tuple) else value for key, value in reason.evidence
    }
    return {"code": reason.code, "points": round(reason.points, 2), "evidence": evidence}


def suggest(
    request: MentoringRequest,
    *,
    exclude: set[int],
    k: int = 6,
    filters: SuggestionFilters | None = None,
) -> Suggestions:
    """The engine's shortlist for a request, minus the mentors already on the manager's list."""
    from binome_engine.shortlist import shortlist

    filters = filters or SuggestionFilters()
    k = 12 if filters.more else k
    index = warm_index(request.network_id)
    try:
        result = shortlist(
            index,
            mentee_request(request),
            programme_settings(request, filters),
            k=k + len(exclude),
            excluded=8,
        )
    except InvalidInput as error:
        return Suggestions(
            error=_("The engine cannot read this request (%(why)s).") % {"why": error}
        )
    ids = {int(p.mentor_id) for p in result.proposals} | {int(e.mentor_id) for e in result.excluded}
    members = {m.pk: m for m in Member.objects.filter(pk__in=ids)}
    proposals = [
        Suggestion(members[int(p.mentor_id)], p.score, [reason_data(r) for r in p.reasons])
        for p in result.proposals
        if int(p.mentor_id) not in exclude and int(p.mentor_id) in members
    ][:k]
    # The engine picks a varied set; the manager reads it best first (a card's score is the
    # sum of the reasons it shows).
    proposals.sort(key=lambda suggestion: -suggestion.score)
    excluded = [
        WhyNot(members[int(e.mentor_id)], list(e.codes))
        for e in result.excluded
        if int(e.mentor_id) in members and int(e.mentor_id) != request.mentee_id
    ]
    return Suggestions(proposals, excluded)


def explain(request: MentoringRequest, mentor: Member) -> Suggestion | None:
    """The engine's score and reasons for one mentor the manager picked (None if not indexed)."""
    from binome_engine.shortlist import why_not

    index = warm_index(request.network_id)
    try:
        answer = why_not(index, mentee_request(request), mentor.pk, programme_settings(request))
    except InvalidInput:
        return None  # the manager's pick stands; the engine's view of it is just not kept
    if "unknown_mentor" in answer.codes:
        return None
    return Suggestion(mentor, answer.score, [reason_data(r) for r in answer.reasons])
