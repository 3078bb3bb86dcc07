"""How complete a profile is, and why each missing piece matters.

Suggestions are only as good as profiles (the seeds: "un profil précis"), so the meter names what
is missing with the reason it helps, heaviest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from binome.members.models import Member


@dataclass(frozen=True)
class Missing:
    field: str
    label: Promise
    why: Promise


_CHECKS: tuple[tuple[str, int, Promise, Promise], ...] = (
    (
        "position_title",
        15,
        _("Current position"),
        _("Mentees look for someone who does the job they aim for."),
    ),
    ("sector", 15, _("Sector"), _("Suggestions start from the sector you know.")),
    ("function", 10, _("Job function"), _("Your function tells whom your experience fits.")),
    ("bio", 15, _("About me"), _("Your own words are matched against the mentees' questions.")),
    ("languages", 10, _("Languages spoken"), _("No meeting can happen without a shared language.")),
    ("class_year", 5, _("Class year"), _("It shows your experience and helps peer mentoring.")),
    ("skills", 10, _("Skills"), _("Skills are words mentees search for.")),
    ("employer", 5, _("Employer"), _("It avoids pairing colleagues from the same company.")),
    ("country", 5, _("Country"), _("Meetings in person need to know where you are.")),
    (
        "positions",
        10,
        _("Career history"),
        _("Past positions show the changes you have been through."),
    ),
)


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[Missing]


def profile_completeness(member: Member) -> Completeness:
    score = 0
    missing: list[Missing] = []
    for field, weight, label, why in _CHECKS:
        filled = member.positions.exists() if field == "positions" else bool(getattr(member, field))
        if filled:
            score += weight
        else:
            missing.append(Missing(field=field, label=label, why=why))
    return Completeness(percent=score, missing=missing)
