"""Pairs (binômes). This issue creates them; their life (charter, meetings…) comes next."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.members.models import Member
from binome.programmes.models import Programme


class MentorshipStatus(models.TextChoices):
    AWAITING_CHARTER = "awaiting_charter", _("Waiting for the charter signatures")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")


# Statuses that take a place in the mentor's capacity.
CAPACITY_STATUSES = frozenset(
    {MentorshipStatus.AWAITING_CHARTER, MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED}
)


class Mentorship(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="mentorships")
    mentor = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    request = models.OneToOneField(
        "intake.MentoringRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorship",
    )
    status = models.CharField(
        max_length=20,
        choices=MentorshipStatus.choices,
        default=MentorshipStatus.AWAITING_CHARTER,
        editable=False,
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["mentor", "status"])]

    def __str__(self) -> str:
        return f"{self.mentor} & {self.mentee}"
