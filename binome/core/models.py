"""Tenancy and audit: every network-owned row points at a Network; staff reads are recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Network(models.Model):
    """An association or school that runs mentoring programmes on this installation."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    is_signup_open = models.BooleanField(
        _("anyone with an account may join"),
        default=False,
        help_text=_("Otherwise members join by invitation or directory import."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditEvent(models.Model):
    """Who did or read what, when. Written by services; never edited."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "action", "created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"
