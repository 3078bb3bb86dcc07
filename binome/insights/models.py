"""What the programme team did from the health page (so the page says it and does not nag)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network
from binome.members.models import Member


class HealthAction(models.Model):
    class Kind(models.TextChoices):
        ASKED_NEWS = "asked_news", _("Asked the pair for news")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["mentorship", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.mentorship_id}"
