from __future__ import annotations

from django import template

from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.surveys.selectors import ReadAnswer, words_for

register = template.Library()


@register.simple_tag
def pair_words(pair: Mentorship, reader: Member) -> list[ReadAnswer]:
    """What the other member wrote for ``reader`` in a survey (for the pair only)."""
    return words_for(pair, reader)
