"""Writes on cohorts, one module per part of a cohort's life."""
