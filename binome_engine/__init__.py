"""binome's matching engine: a pure-Python library, no Django.

Frozen dataclasses in (``model``), ranked proposals with reasons out. The public entry points
are re-exported here; see ``README.md`` in this package for the rules, codes and commands.
"""

from binome_engine.index import MentorIndex
from binome_engine.model import (
    Exclusion,
    Format,
    HardConstraints,
    MenteeRequest,
    MentorProfile,
    ProgrammeSettings,
    Proposal,
    Reason,
    SeniorityRules,
    Shortlist,
    Style,
    ThemeQuota,
    Weights,
    WhyNot,
)
from binome_engine.shortlist import shortlist, why_not
from binome_engine.validation import InvalidInput

__all__ = [
    "Exclusion",
    "Format",
    "HardConstraints",
    "InvalidInput",
    "MenteeRequest",
    "MentorIndex",
    "MentorProfile",
    "ProgrammeSettings",
    "Proposal",
    "Reason",
    "SeniorityRules",
    "Shortlist",
    "Style",
    "ThemeQuota",
    "Weights",
    "WhyNot",
    "shortlist",
    "why_not",
]
