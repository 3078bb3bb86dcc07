"""Cohort assignment: mentees x mentors with capacities, provably optimal.

The entry point of the optimal mode; its parts live beside it:
- ``problem.py``: options, inputs validated and encoded, pins placed (``prepare``), and the
  result built and checked against the plain rules (``finish``), for every mode;
- ``solver.py``: the flow on candidates, priced over all pairs until the gap is zero.

Rules kept here:
- inputs are validated first (``validation.py``): a bad value raises ``InvalidInput``;
- pinned pairs are kept whatever the rules say (the manager decided; broken rules are reported)
  and use up their mentor's capacity; pins that cannot be honoured are refused (``pins.py``);
  forbidden pairs are never used (a hard rule);
- the objective is lexicographic: theme-quota minimums, then the number matched (unless
  ``maximise_matched`` is off), then the total score; the result is certified optimal over
  all pairs, not only the candidates;
- the fair mode (``fair.py``) first raises the worst score of a maximum matching, then
  maximises the total above that threshold;
- every unmatched request gets the reasons it could not be matched.
"""

from __future__ import annotations

from collections.abc import Sequence

from binome_engine.cohort.problem import (
    CohortOptions,
    Problem,
    finish,
    gc_paused,
    matched_edges,
    prepare,
)
from binome_engine.cohort.solver import optimise
from binome_engine.index import MentorIndex
from binome_engine.model import Assignment, MenteeRequest, MentorProfile, ProgrammeSettings

__all__ = [
    "CohortOptions",
    "Problem",
    "assign",
    "finish",
    "gc_paused",
    "matched_edges",
    "optimise",
    "prepare",
]


@gc_paused
def assign(
    mentors: Sequence[MentorProfile] | MentorIndex,
    requests: Sequence[MenteeRequest],
    settings: ProgrammeSettings | None = None,
    options: CohortOptions | None = None,
) -> Assignment:
    """The assignment maximising (quota minimums, number matched, total score), certified."""
    problem = prepare(mentors, requests, settings, options)
    result, cands, certificate = optimise(problem)
    return finish(problem, matched_edges(result, cands), certificate, "optimal")
