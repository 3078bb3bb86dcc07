"""Writes on programmes, themes, charters and staff roles — all by network admins."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.core.models import Network
from binome.members.models import Member
from binome.programmes.models import CharterVersion, Programme, StaffRole, Theme

PROGRAMME_FIELDS = (
    "name",
    "slug",
    "kind",
    "description",
    "recommended_meetings",
    "duration_months",
    "silence_weeks",
    "invitation_delay_days",
    "is_active",
)


def save_programme(
    *, network: Network, actor: Any, data: dict[str, Any], programme: Programme | None = None
) -> Programme:
    themes = data.pop("themes", None)
    if set(data) - set(PROGRAMME_FIELDS):
        raise DomainError(_("Unknown programme fields."), code="unknown_fields")
    if themes is not None and any(theme.network_id != network.pk for theme in themes):
        raise DomainError(_("Unknown theme."), code="theme")
    clash = Programme.objects.for_network(network).filter(slug=data.get("slug"))
    if programme is not None:
        clash = clash.exclude(pk=programme.pk)
    if clash.exists():
        raise DomainError(_("Another programme already uses this short name."), code="slug")
    with transaction.atomic():
        programme = programme or Programme(network=network)
        for name, value in data.items():
            setattr(programme, name, value)
        programme.save()
        if themes is not None:
            programme.themes.set(themes)
        audit.record(action="programme.save", actor=actor, network=network, target=programme)
    return programme


def save_theme(
    *, network: Network, actor: Any, data: dict[str, Any], theme: Theme | None = None
) -> Theme:
    clash = Theme.objects.for_network(network).filter(code=data.get("code"))
    if theme is not None:
        clash = clash.exclude(pk=theme.pk)
    if clash.exists():
        raise DomainError(_("Another theme already uses this code."), code="code")
    with transaction.atomic():
        theme = theme or Theme(network=network)
        for name in ("code", "label_fr", "label_en", "is_active"):
            if name in data:
                setattr(theme, name, data[name])
        theme.save()
        audit.record(action="theme.save", actor=actor, network=network, target=theme)
    return theme


def publish_charter(
    *, programme: Programme, actor: Any, text_fr: str, text_en: str
) -> CharterVersion:
    """A new version; earlier versions and their signatures stay as they were."""
    if not text_fr.strip() or not text_en.strip():
        raise DomainError(_("The charter needs a French and an English text."), code="charter_text")
    with transaction.atomic():
        # Lock the programme so two admins publishing at once get consecutive versions.
        Programme.objects.select_for_update().get(pk=programme.pk)
        current = programme.current_charter()
        if current and (current.text_fr, current.text_en) == (text_fr.strip(), text_en.strip()):
            raise DomainError(_("The text has not changed: no new version."), code="unchanged")
        last = programme.charter_versions.aggregate(last=Max("version"))["last"] or 0
        charter = CharterVersion.objects.create(
            programme=programme,
            version=last + 1,
            text_fr=text_fr.strip(),
            text_en=text_en.strip(),
            created_by=actor,
        )
        audit.record(
            action="charter.publish",
            actor=actor,
            network=programme.network,
            target=charter,
            version=charter.version,
        )
    return charter


def grant_role(
    *, network: Network, actor: Any, member: Member, role: str, programme: Programme | None
) -> StaffRole:
    if member.network_id != network.pk or (programme and programme.network_id != network.pk):
        raise DomainError(_("Unknown member or programme."), code="tenancy")
    if role == StaffRole.Role.PROGRAMME_MANAGER and programme is None:
        raise DomainError(_("Choose the programme this person will manage."), code="programme")
    if role == StaffRole.Role.NETWORK_ADMIN:
        programme = None
    try:
        with transaction.atomic():
            staff_role = StaffRole.objects.create(
                network=network, member=member, role=role, programme=programme
            )
            audit.record(
                action="staff.grant",
                actor=actor,
                network=network,
                target=member,
                role=role,
                programme=programme.pk if programme else None,
            )
    except IntegrityError as error:
        raise DomainError(_("This person already has this role."), code="duplicate") from error
    return staff_role


def revoke_role(*, network: Network, actor: Any, staff_role: StaffRole) -> None:
    if staff_role.network_id != network.pk:
        raise DomainError(_("Unknown role."), code="tenancy")
    with transaction.atomic():
        if (
            staff_role.role == StaffRole.Role.NETWORK_ADMIN
            and StaffRole.objects.for_network(network)
            .filter(role=StaffRole.Role.NETWORK_ADMIN)
            .count()
            <= 1
        ):
            raise DomainError(_("A network keeps at least one admin."), code="last_admin")
        audit.record(
            action="staff.revoke",
            actor=actor,
            network=network,
            target=staff_role.member,
            role=staff_role.role,
        )
        staff_role.delete()
