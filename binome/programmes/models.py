"""Programmes a network runs, the themes they cover, their charters and their staff."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from binome.core.models import Network


class NetworkQuerySet(models.QuerySet):
    def for_network(self, network: Network) -> NetworkQuerySet:
        return self.filter(network=network)


class Theme(models.Model):
    """A subject a request can be about and a mentor can help with, labelled in both languages."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="themes")
    code = models.SlugField(_("code"), max_length=60)
    label_fr = models.CharField(_("label in French"), max_length=120)
    label_en = models.CharField(_("label in English"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["label_fr"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="theme_code_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if get_language() == "en" else self.label_fr


class Programme(models.Model):
    class Kind(models.TextChoices):
        ON_DEMAND = "on_demand", _("On-demand accompaniment")
        COHORT = "cohort", _("Cohort programme")
        FLASH = "flash", _("Flash mentoring")
        SPEED = "speed", _("Speed-mentoring event")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="programmes")
    slug = models.SlugField(_("short name"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="programmes", verbose_name=_("themes")
    )
    recommended_meetings = models.PositiveSmallIntegerField(_("recommended meetings"), default=6)
    duration_months = models.PositiveSmallIntegerField(_("duration in months"), default=6)
    silence_weeks = models.PositiveSmallIntegerField(
        _("weeks without a meeting before a reminder"),
        default=5,
        help_text=_("The recommended rhythm is one or two meetings a month."),
    )
    invitation_delay_days = models.PositiveSmallIntegerField(
        _("days a mentor has to answer an invitation"), default=7
    )
    is_active = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="programme_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def current_charter(self) -> CharterVersion | None:
        return self.charter_versions.order_by("-version").first()


class CharterVersion(models.Model):
    """A published charter text; versions are never edited, a change is a new version."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="charter_versions"
    )
    version = models.PositiveIntegerField()
    text_fr = models.TextField(_("text in French"))
    text_en = models.TextField(_("text in English"))
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "version"], name="charter_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.programme} v{self.version}"

    @property
    def text(self) -> str:
        return self.text_en if get_language() == "en" else self.text_fr


class StaffRole(models.Model):
    """A member's staff role: network admin, or manager of one programme."""

    class Role(models.TextChoices):
        NETWORK_ADMIN = "network_admin", _("Network admin")
        PROGRAMME_MANAGER = "programme_manager", _("Programme manager")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="staff_roles")
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="staff_roles"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "role", "programme"], name="staff_role_unique"
            ),
            models.UniqueConstraint(
                fields=["member", "role"],
                condition=models.Q(programme__isnull=True),
                name="staff_role_network_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.role} {self.programme or ''}".strip()
