"""Self-service: a programme's rules for direct requests, and each direct request's ask.

A direct request is an intake ``MentoringRequest`` (``is_direct``) with one published shortlist
entry — the mentor the member chose — and, once sent, one ``MentorInvitation``: the on-demand
flow's invitations, one-click tokens, reminders, expiry and capacity lock serve it unchanged.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from binome.intake.models import MentoringRequest
from binome.members.models import Member
from binome.programmes.models import Programme


class DirectRequestPolicy(models.Model):
    """Whether members of an on-demand programme may ask a mentor themselves, and how often."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="direct_policy"
    )
    is_open = models.BooleanField(_("members may ask a mentor directly"), default=False)
    needs_approval = models.BooleanField(
        _("a manager approves each direct request before the mentor sees it"), default=False
    )
    per_member_per_month = models.PositiveSmallIntegerField(
        _("direct requests a member may send per month"), default=3
    )
    per_mentor_per_month = models.PositiveSmallIntegerField(
        _("direct requests a mentor may receive per month"), default=2
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.programme} (direct: {self.is_open})"


class DirectAsk(models.Model):
    """What the member asked of whom: the mentor and the personal message, kept for the
    approval step and counted by the monthly limits."""

    request = models.OneToOneField(
        MentoringRequest, on_delete=models.CASCADE, related_name="direct_ask"
    )
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="direct_asks")
    message = models.TextField(_("your message to the mentor"))
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["mentor", "created_at"])]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.mentor_id}"
