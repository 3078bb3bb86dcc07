"""Hypothesis strategies: small random mentors and requests drawn from a few values each."""

from __future__ import annotations

from hypothesis import strategies as st

from binome_engine.model import Format, MenteeRequest, MentorProfile, Style

SECTORS = ("energy", "banking", "software", "")
FUNCTIONS = ("finance", "engineering", "data", "")
THEMES = ("career_change", "entrepreneurship", "leadership", "first_job")
LANGUAGES = ("fr", "en", "de")
WORDS = (
    "énergie solaire",
    "solar energy",
    "banque d'investissement",
    "investment banking",
    "reconversion",
    "career change",
    "créer une start-up",
    "data science",
    "management d'équipe",
    "leadership",
)
EMPLOYERS = ("EDF", "BNP", "Google", "")

texts = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
langs = st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True).map(tuple)
themes = st.frozensets(st.sampled_from(THEMES), max_size=2)
formats = st.frozensets(st.sampled_from(list(Format)), min_size=1)


def mentors(id: int) -> st.SearchStrategy[MentorProfile]:
    return st.builds(
        MentorProfile,
        id=st.just(id),
        sector=st.sampled_from(SECTORS),
        function=st.sampled_from(FUNCTIONS),
        languages=langs,
        years_experience=st.integers(0, 35),
        employer=st.sampled_from(EMPLOYERS),
        themes=themes,
        formats=formats,
        capacity=st.integers(0, 3),
        is_paused=st.booleans(),
        responsiveness=st.floats(0, 1),
        bio=texts,
        country=st.sampled_from(("FR", "UK", "")),
        utc_offset=st.sampled_from((0.0, 1.0, -5.0)),
    )


def requests(id: int) -> st.SearchStrategy[MenteeRequest]:
    return st.builds(
        MenteeRequest,
        id=st.just(f"r{id}"),
        member_id=st.just(f"m{id}"),
        sector=st.sampled_from(SECTORS),
        target_sector=st.sampled_from(SECTORS),
        function=st.sampled_from(FUNCTIONS),
        languages=langs,
        years_experience=st.integers(0, 30),
        employer=st.sampled_from(EMPLOYERS),
        themes=themes,
        style=st.sampled_from(list(Style)),
        formats=formats,
        text=texts,
        country=st.sampled_from(("FR", "UK", "")),
    )


Market = tuple[list[MentorProfile], list[MenteeRequest]]


@st.composite
def markets(draw: st.DrawFn, max_mentors: int = 6, max_requests: int = 6) -> Market:
    n_mentors = draw(st.integers(1, max_mentors))
    n_requests = draw(st.integers(1, max_requests))
    return (
        [draw(mentors(i)) for i in range(n_mentors)],
        [draw(requests(i)) for i in range(n_requests)],
    )
