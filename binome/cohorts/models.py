"""Cohort programmes: an edition's enrolment windows, the members' applications, matching runs.

A ``Cohort`` is one edition of a cohort programme (HEC's 2026–2027 mentoring year): mentors
apply in their window, mentees in theirs, managers screen, then one matching is run, reviewed
and published into ordinary pairs (``mentorships.Mentorship``).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binome.cohorts.states import ApplicationStatus, CohortStatus
from binome.core.models import Network
from binome.intake.models import Style
from binome.members.models import Format, Member
from binome.programmes.models import Programme, Theme


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class Cohort(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: 2026–2027."))
    mentors_open_on = models.DateField(_("mentors apply from"))
    mentors_close_on = models.DateField(_("mentors apply until"))
    mentees_open_on = models.DateField(_("mentees apply from"))
    mentees_close_on = models.DateField(_("mentees apply until"))
    styles = models.JSONField(_("styles offered"), default=list)
    formats = models.JSONField(_("meeting formats"), default=list)
    duration_months = models.PositiveSmallIntegerField(_("length in months"), default=10)
    max_capacity = models.PositiveSmallIntegerField(
        _("most mentees a mentor may take"),
        default=3,
        help_text=_("Mentors answer how many mentees they can take, from 1 to this number."),
    )
    status = models.CharField(
        max_length=20, choices=CohortStatus.choices, default=CohortStatus.OPEN, editable=False
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-mentees_open_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme.name} — {self.name}"

    def window(self, role: str) -> tuple[datetime.date, datetime.date]:
        if role == Role.MENTOR:
            return self.mentors_open_on, self.mentors_close_on
        return self.mentees_open_on, self.mentees_close_on

    def is_window_open(self, role: str, *, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        opens, closes = self.window(role)
        return self.status == CohortStatus.OPEN and opens <= today <= closes

    def style_labels(self) -> list[str]:
        labels = dict(Style.choices)
        return [str(labels.get(style, style)) for style in self.styles]


class Application(models.Model):
    """A member's application to a cohort, as a mentor or as a mentee (one of each at most)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="applications")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    status = models.CharField(
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        editable=False,
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    style = models.CharField(
        _("kind of mentor"), max_length=10, choices=Style.choices, default=Style.CLASSIC
    )
    formats = models.JSONField(_("formats"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    # Where the mentee wants to go (empty: where they are now); scored by the engine.
    target_sector = models.CharField(_("target sector"), max_length=40, blank=True)
    target_function = models.CharField(_("target job function"), max_length=40, blank=True)
    target_country = models.CharField(_("target country"), max_length=2, blank=True)
    target_city = models.CharField(_("target city"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(_("mentees at once"), default=1)
    text = models.TextField(_("in your own words"))
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    screening_reason = models.TextField(_("reason"), blank=True)
    screened_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "member", "role"], name="cohort_application_once_per_role"
            )
        ]
        indexes = [models.Index(fields=["cohort", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.member} ({self.role}, {self.cohort})"

    def format_labels(self) -> list[str]:
        labels = dict(Format.choices)
        return [str(labels.get(code, code)) for code in self.formats]
