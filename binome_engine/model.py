"""The engine's vocabulary: frozen dataclasses of plain values and ids, in and out.

Rules kept here:
- inputs are immutable values (ids, codes from :mod:`binome_engine.taxonomy`, numbers, text);
  the engine never reaches back to a database;
- every score is a sum of per-criterion points; a :class:`Reason` carries one criterion's points
  and its evidence as data (codes and values the Django side translates), and the reasons of a
  proposal add up to its score;
- reason and exclusion codes are stable strings (listed in ``README.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

MemberId = int | str
EvidenceValue = str | int | float | tuple[str, ...]


class Style(StrEnum):
    """How a request wants its mentor placed in seniority."""

    CLASSIC = "classic"  # mentor clearly more experienced
    PEER = "peer"  # similar experience, expertise in the target sector
    REVERSE = "reverse"  # the mentor is the younger one


class Format(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


ALL_FORMATS = frozenset(Format)


@dataclass(frozen=True, slots=True)
class MentorProfile:
    """A mentor as the engine sees them; ``capacity`` is the *free* capacity now."""

    id: MemberId
    sector: str = ""
    function: str = ""
    skills: frozenset[str] = frozenset()
    languages: tuple[str, ...] = ("fr",)
    country: str = ""
    utc_offset: float = 1.0
    years_experience: int = 0
    class_year: int | None = None
    employer: str = ""
    themes: frozenset[str] = frozenset()
    formats: frozenset[Format] = ALL_FORMATS
    capacity: int = 1
    is_paused: bool = False
    responsiveness: float | None = None  # share of invitations answered; None: never invited
    bio: str = ""
    past_positions: str = ""  # free text: past titles, employers, sectors
    title: str = ""  # current job title as written
    city: str = ""


@dataclass(frozen=True, slots=True)
class MenteeRequest:
    """A mentoring request; ``languages`` are in order of preference."""

    id: MemberId
    member_id: MemberId
    sector: str = ""
    function: str = ""
    target_sector: str = ""  # where the mentee wants to go (scored); ``sector`` is where they are
    target_function: str = ""
    skills: frozenset[str] = frozenset()
    languages: tuple[str, ...] = ("fr",)
    country: str = ""
    utc_offset: float = 1.0
    years_experience: int = 0
    class_year: int | None = None
    employer: str = ""
    themes: frozenset[str] = frozenset()
    style: Style = Style.CLASSIC
    formats: frozenset[Format] = ALL_FORMATS
    text: str = ""
    city: str = ""
    target_country: str = ""  # where the mentee wants to work; defaults to ``country``
    target_city: str = ""  # defaults to ``city``

    @property
    def wanted_sector(self) -> str:
        """The target sector only: the current one is where the mentee is, not where they go."""
        return self.target_sector

    @property
    def wanted_function(self) -> str:
        return self.target_function

    @property
    def wanted_country(self) -> str:
        return self.target_country or self.country

    @property
    def wanted_city(self) -> str:
        return self.target_city or self.city


@dataclass(frozen=True, slots=True)
class Weights:
    """Maximum points of each criterion; a full match on every criterion scores their sum."""

    text: float = 30.0
    sector: float = 15.0
    function: float = 10.0
    themes: float = 5.0
    experience: float = 8.0
    language: float = 5.0
    skills: float = 5.0
    format: float = 10.0
    proximity: float = 30.0
    capacity: float = 3.0
    responsiveness: float = 3.0

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class HardConstraints:
    """Which rules exclude a mentor outright (each one yields a why-not code)."""

    require_shared_language: bool = True
    require_capacity: bool = True
    exclude_paused: bool = True
    exclude_same_employer: bool = True
    enforce_seniority: bool = True
    # a pair with no meeting format in common cannot meet: excluded unless a programme says
    # otherwise (the why-not names it)
    require_common_format: bool = True
    require_common_theme: bool = False


@dataclass(frozen=True, slots=True)
class SeniorityRules:
    """Experience gaps (mentor years minus mentee years) per style."""

    classic_min_gap: int = 5
    peer_max_gap: int = 5
    peer_requires_sector: bool = True
    reverse_min_gap: int = 1  # the mentor has at least this many *fewer* years


@dataclass(frozen=True, slots=True)
class ThemeQuota:
    """Bounds on the number of pairs whose request's first theme is ``theme``."""

    theme: str
    minimum: int = 0
    maximum: int | None = None


PairSet = frozenset[tuple[MemberId, MemberId]]


@dataclass(frozen=True, slots=True)
class ProgrammeSettings:
    """A programme's matching rules.

    ``past_pairs`` and ``conflicts`` hold ``(mentor_id, mentee member_id)``: history is about
    people. ``pinned`` and ``forbidden`` hold ``(request_id, mentor_id)``: they are decisions
    about this round's requests.
    """

    weights: Weights = field(default_factory=Weights)
    constraints: HardConstraints = field(default_factory=HardConstraints)
    seniority: SeniorityRules = field(default_factory=SeniorityRules)
    past_pairs: PairSet = frozenset()
    conflicts: PairSet = frozenset()
    pinned: PairSet = frozenset()
    forbidden: PairSet = frozenset()
    theme_quotas: tuple[ThemeQuota, ...] = ()
    diversity: float = 0.0  # MMR trade-off: 0 pure relevance, 1 pure novelty
    text_saturation: float = 1.0  # text similarity that earns the full text points


@dataclass(frozen=True, slots=True)
class Reason:
    """One criterion's contribution to a score, with its evidence as (key, value) data."""

    code: str
    points: float
    evidence: tuple[tuple[str, EvidenceValue], ...] = ()

    def evidence_dict(self) -> dict[str, EvidenceValue]:
        return dict(self.evidence)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested mentor for a request; ``score == sum(r.points for r in reasons)``."""

    request_id: MemberId
    mentor_id: MemberId
    score: float
    rank: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A mentor left out, with every rule that excluded them and the score they would have had."""

    request_id: MemberId
    mentor_id: MemberId
    codes: tuple[str, ...]
    evidence: tuple[tuple[str, EvidenceValue], ...] = ()
    score_if_allowed: float = 0.0


@dataclass(frozen=True, slots=True)
class Shortlist:
    request_id: MemberId
    proposals: tuple[Proposal, ...]
    excluded: tuple[Exclusion, ...]
    exclusion_counts: Mapping[str, int]
    eligible_count: int


@dataclass(frozen=True, slots=True)
class WhyNot:
    """The answer to "why not this mentor?": exclusion codes, or rank and score if eligible."""

    request_id: MemberId
    mentor_id: MemberId
    codes: tuple[str, ...]
    score: float
    rank: int | None
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    """One pair of a cohort result; ``pinned`` pairs were imposed by a manager."""

    request_id: MemberId
    mentor_id: MemberId
    score: float
    reasons: tuple[Reason, ...] = ()
    pinned: bool = False
    codes: tuple[str, ...] = ()  # hard rules a pinned pair breaks (the manager's call)


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A request left without a mentor, and why (codes with counts or values as evidence)."""

    request_id: MemberId
    codes: tuple[str, ...]
    evidence: tuple[tuple[str, EvidenceValue], ...] = ()


@dataclass(frozen=True, slots=True)
class Certificate:
    """Proof of optimality: the LP dual bound over *all* pairs against the result.

    ``objective`` and ``dual_bound`` are in the solver's integer units (milli-points, plus the
    matching bonus per pair when the number matched comes first); ``gap == 0`` proves the result
    optimal. ``rounds`` counts flow solves, ``candidate_pairs`` the edges of the last one.
    """

    objective: int
    dual_bound: int
    gap: int
    rounds: int
    candidate_pairs: int
    requests_priced: int
    pairs_priced: int
    is_optimal: bool
    threshold: float | None = None  # fairness: the worst score, maximised first


@dataclass(frozen=True, slots=True)
class Assignment:
    mode: str
    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]
    certificate: Certificate | None
    total_score: float
    min_score: float | None
    blocking_pairs: tuple[tuple[MemberId, MemberId], ...] = ()
