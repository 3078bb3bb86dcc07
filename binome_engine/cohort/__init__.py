"""Cohort matching: optimal (certified), fair, and stable assignments."""

from binome_engine.cohort.assign import CohortOptions, assign
from binome_engine.cohort.fair import assign_fair
from binome_engine.cohort.stable import assign_stable

__all__ = ["CohortOptions", "assign", "assign_fair", "assign_stable"]
