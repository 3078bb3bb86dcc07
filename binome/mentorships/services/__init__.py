"""Writes on pairs, one module per part of a pair's life."""

from binome.mentorships.services.creation import create_mentorship, introduce

__all__ = ["create_mentorship", "introduce"]
