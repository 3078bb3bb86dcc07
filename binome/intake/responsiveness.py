"""A mentor's responsiveness as the engine reads it (``MentorProfile.responsiveness``): the
share of what they were asked that they answered.

Invitations count here (answered, or left to expire; cancelled ones not at all). Other apps add
what they record the same way — a flash exchange the mentor came to is an answer, one they did
not come to is not — by registering a source when they start: intake never imports them.
A mentor with nothing counted has no figure (``None`` for the engine, never a made-up 100 %).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, Q

from binome.intake.models import MentorInvitation
from binome.intake.states import InvitationStatus

# mentor id → (answered, asked)
Counts = dict[int, tuple[int, int]]
Source = Callable[[int, "set[int] | None"], Counts]

_sources: list[Source] = []


def register_source(source: Source) -> None:
    """Called from an app's ``ready()``; registering twice counts once."""
    if source not in _sources:
        _sources.append(source)


def invitation_counts(network_id: int, only: set[int] | None) -> Counts:
    invitations = MentorInvitation.objects.filter(mentor__network_id=network_id).exclude(
        status=InvitationStatus.CANCELLED
    )
    if only is not None:
        invitations = invitations.filter(mentor_id__in=only)
    rows = invitations.values_list("mentor_id").annotate(
        answered=Count("pk", filter=Q(responded_at__isnull=False)), asked=Count("pk")
    )
    return {pk: (answered, asked) for pk, answered, asked in rows}


def counts(network_id: int, *, only: set[int] | None = None) -> Counts:
    """Every source's counts, added up per mentor."""
    total = dict(invitation_counts(network_id, only))
    for source in _sources:
        for pk, (answered, asked) in source(network_id, only).items():
            was = total.get(pk, (0, 0))
            total[pk] = (was[0] + answered, was[1] + asked)
    return total


def rates(network_id: int, *, only: set[int] | None = None) -> dict[int, float]:
    return {
        pk: answered / asked
        for pk, (answered, asked) in counts(network_id, only=only).items()
        if asked
    }
