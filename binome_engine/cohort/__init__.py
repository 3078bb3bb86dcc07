"""Cohort matching: optimal (certified), fair, and stable assignments."""

from binome_engine.cohort.assign import CohortOptions, assign

__all__ = ["CohortOptions", "assign"]
