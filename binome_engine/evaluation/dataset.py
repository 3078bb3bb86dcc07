"""A synthetic market built from the scenarios (30 requests, 340 mentors), kept as test data.

It was the engine's first evaluation set and is circular (ideal mentors carry the request's
codes, bios are written from the taxonomy labels): it measures nothing about quality. The
quality evaluation is ``evaluation/real`` (hand-written); this set only feeds tests that check
two code paths agree.

Rules kept here:
- for each scenario: two ideal mentors (sector, function and theme, a shared language, the
  seniority the style asks for, a bio in the *other* language saying the same thing), two
  acceptable ones (same sector and theme, another function, half the key terms), and four
  planted distractors: the ideal bio copied in the request's own words but (1) no shared
  language, (2) no free capacity, (3) the wrong seniority for the style; and (4) same sector but
  an unrelated function and theme;
- one hundred synthetic mentors from other walks of life are added as background;
- everything is deterministic (no randomness beyond the fixed-seed synthetic background).
"""

from __future__ import annotations

from dataclasses import dataclass

from binome_engine import taxonomy
from binome_engine.evaluation.scenarios import SCENARIOS, Scenario
from binome_engine.model import MemberId, MenteeRequest, MentorProfile, Style
from binome_engine.synthetic import market

IDEAL, ACCEPTABLE = 2, 1


@dataclass(frozen=True)
class EvaluationSet:
    mentors: tuple[MentorProfile, ...]
    requests: tuple[MenteeRequest, ...]
    gains: dict[MemberId, dict[MemberId, int]]  # request -> mentor -> 2 ideal / 1 acceptable
    distractors: dict[MemberId, frozenset[MemberId]]


def _label(entries: tuple[tuple[str, str, str], ...], code: str, language: str) -> str:
    return taxonomy.label(entries, code, language).lower()


def _years(style: str) -> tuple[int, int, int]:
    """(request years, ideal mentor years, wrong-seniority mentor years)."""
    return {"classic": (5, 20, 6), "peer": (9, 10, 25), "reverse": (26, 7, 30)}[style]


def _bio(s: Scenario, language: str, years: int, half: bool = False) -> str:
    sector, function, theme, _style, _lang, kw_fr, kw_en, _g_fr, _g_en = s
    kw = kw_fr if language == "fr" else kw_en
    if half:
        kw = kw.split(",")[0]
    sec = _label(taxonomy.SECTORS, sector, language)
    fun = _label(taxonomy.FUNCTIONS, function, language)
    th = _label(taxonomy.THEMES, theme, language)
    if language == "fr":
        return (
            f"{years} ans dans le secteur {sec}, en {fun}. "
            f"Expérience : {kw}. J'aide volontiers sur : {th}."
        )
    return f"{years} years in {sec}, in {fun}. Experience: {kw}. Happy to help with: {th}."


def _request_text(s: Scenario) -> str:
    _sector, function, _theme, _style, lang, kw_fr, kw_en, goal_fr, goal_en = s
    fun = _label(taxonomy.FUNCTIONS, function, lang)
    if lang == "fr":
        return (
            f"Bonjour, je travaille en {fun} et je voudrais {goal_fr}. "
            f"Je cherche quelqu'un qui connaît bien : {kw_fr}."
        )
    return (
        f"Hello, I work in {fun} and I would like to {goal_en}. "
        f"I am looking for someone who knows {kw_en} well."
    )


def _unrelated(s: Scenario) -> tuple[str, str]:
    function = next(c for c, _f, _e in taxonomy.FUNCTIONS if c not in (s[1], "finance", "strategy"))
    function = "legal" if s[1] != "legal" else "hr"
    theme = "work_life" if s[2] != "work_life" else "board"
    return function, theme


Planted = tuple[MenteeRequest, list[MentorProfile], dict[MemberId, int], frozenset[MemberId]]


def _scenario(n: int, s: Scenario) -> Planted:
    sector, function, theme, style, lang, *_rest = s
    other = "en" if lang == "fr" else "fr"
    r_years, m_years, wrong_years = _years(style)
    rid = f"q{n}"
    request = MenteeRequest(
        id=rid,
        member_id=f"p{n}",
        sector=sector if style != "classic" else "",
        target_sector=sector,
        target_function=function,
        languages=(lang,),
        years_experience=r_years,
        themes=frozenset({theme}),
        style=Style(style),
        text=_request_text(s),
        employer=f"employer-{n}",
    )

    def mentor(key: str, **fields: object) -> MentorProfile:
        base: dict[str, object] = {
            "sector": sector,
            "function": function,
            "themes": frozenset({theme}),
            "languages": (lang, other),
            "years_experience": m_years,
            "capacity": 2,
            "employer": f"org-{n}-{key}",
            "bio": _bio(s, other, m_years),
        }
        base.update(fields)
        return MentorProfile(id=f"{rid}-{key}", **base)  # type: ignore[arg-type]

    own = _bio(s, lang, m_years)
    unrelated_function, unrelated_theme = _unrelated(s)
    planted = [
        mentor("ideal1"),
        mentor("ideal2", years_experience=m_years + 2),
        mentor("ok1", function=unrelated_function, bio=_bio(s, other, m_years, half=True)),
        mentor("ok2", function=unrelated_function, bio=_bio(s, lang, m_years, half=True)),
        mentor("lang", languages=("de",) if lang == "fr" else ("es",), bio=own),
        mentor("full", capacity=0, bio=own),
        mentor("senior", years_experience=wrong_years, bio=own),
        mentor(
            "offtopic",
            function=unrelated_function,
            themes=frozenset({unrelated_theme}),
            bio=_bio(
                (sector, unrelated_function, unrelated_theme, *s[3:]), lang, m_years, half=True
            ).split(". Exp")[0]
            + ".",
        ),
    ]
    gains: dict[MemberId, int] = {
        f"{rid}-ideal1": IDEAL,
        f"{rid}-ideal2": IDEAL,
        f"{rid}-ok1": ACCEPTABLE,
        f"{rid}-ok2": ACCEPTABLE,
    }
    planted_ids: frozenset[MemberId] = frozenset(
        f"{rid}-{k}" for k in ("lang", "full", "senior", "offtopic")
    )
    return request, planted, gains, planted_ids


def build() -> EvaluationSet:
    mentors: list[MentorProfile] = []
    requests: list[MenteeRequest] = []
    gains: dict[MemberId, dict[MemberId, int]] = {}
    distractors: dict[MemberId, frozenset[MemberId]] = {}
    for n, s in enumerate(SCENARIOS):
        request, planted, request_gains, planted_ids = _scenario(n, s)
        requests.append(request)
        mentors.extend(planted)
        gains[request.id] = request_gains
        distractors[request.id] = planted_ids
    background, _ = market(1, 100, seed=11)
    mentors.extend(background)
    return EvaluationSet(tuple(mentors), tuple(requests), gains, distractors)
