"""One-click answers from the invitation email: signed, tied to one invitation and one answer,
valid until the invitation's deadline, and single-use (only a pending invitation can answer)."""

from __future__ import annotations

from django.core import signing
from django.utils import timezone

from binome.intake.models import MentorInvitation

SALT = "binome.intake.invitation"
ACTIONS = frozenset({"accept", "decline"})
# The link outlives a reminder's extension; the invitation's own status and deadline decide.
MAX_AGE_SECONDS = 60 * 60 * 24 * 45


def invitation_token(invitation: MentorInvitation, action: str) -> str:
    return signing.dumps({"i": invitation.pk, "a": action}, salt=SALT, compress=True)


def read_invitation_token(token: str) -> tuple[MentorInvitation, str] | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or data.get("a") not in ACTIONS
        or not isinstance(data.get("i"), int)
    ):
        return None
    invitation = (
        MentorInvitation.objects.select_related("request__programme", "mentor__user")
        .filter(pk=data["i"])
        .first()
    )
    if invitation is None or invitation.expires_at < timezone.now():
        return None
    return invitation, data["a"]


def token_context(invitation: MentorInvitation) -> dict[str, str]:
    return {
        "invitation_token_accept": invitation_token(invitation, "accept"),
        "invitation_token_decline": invitation_token(invitation, "decline"),
    }
