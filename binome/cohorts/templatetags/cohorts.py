from __future__ import annotations

from typing import Any

from django import template

from binome.cohorts import words

register = template.Library()


@register.filter
def unmatched_words(item: Any) -> str:
    return words.unmatched_words(list(item.codes), dict(item.evidence))


@register.filter
def broken_rules(codes: list[str]) -> str:
    return words.broken_rules(list(codes))


@register.filter
def phase_words(phase: str) -> str:
    return str(words.PHASES.get(phase, "")) if phase else ""
