"""Writes on members: profile, career history, the mentor offer, the directory entry."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binome.core import audit
from binome.core.errors import DomainError
from binome.core.text import fold
from binome.members import taxonomy
from binome.members.models import DirectoryEntry, Member, MentorOffer, Position

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "class_year",
    "degree",
    "position_title",
    "employer",
    "sector",
    "function",
    "skills",
    "languages",
    "country",
    "city",
    "time_zone",
    "years_of_experience",
    "bio",
    "goals",
    "phone",
    "linkedin_url",
)
MAX_CAPACITY = 10


def directory_entry(member: Member, offer: MentorOffer) -> DirectoryEntry:
    """The directory row of a listed mentor, from their profile and offer."""
    text_parts = [
        member.first_name,
        member.last_name,
        member.position_title,
        member.employer,
        member.degree,
        member.city,
        " ".join(member.skills or []),
        member.bio,
        taxonomy.label("sector", member.sector) if member.sector else "",
        taxonomy.label("function", member.function) if member.function else "",
    ]
    facets = [f"lang:{code}" for code in member.languages or []]
    facets += [f"theme:{pk}" for pk in offer.themes.values_list("pk", flat=True)]
    return DirectoryEntry(
        member=member,
        network_id=member.network_id,
        sort_name=fold(f"{member.last_name} {member.first_name}")[:210],
        search_text=fold(" ".join(part for part in text_parts if part)),
        facets="|" + "|".join(facets) + "|",
        sector=member.sector,
        function=member.function,
        country=member.country,
        class_year=member.class_year,
        has_free_capacity=has_free_capacity(offer),
    )


def has_free_capacity(offer: MentorOffer, *, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    if offer.paused_until is not None and offer.paused_until >= today:
        return False
    return offer.capacity > active_mentee_count(offer)


# How many mentees take a place in a mentor's capacity: pairs live in a higher layer, which
# registers its counter when it loads (mentorships' AppConfig.ready), so members imports none.
ACTIVE_MENTEE_COUNTER: list[Callable[[int], int]] = []


def active_mentee_count(offer: MentorOffer) -> int:
    if not ACTIVE_MENTEE_COUNTER:
        raise RuntimeError("no active-mentee counter registered (is binome.mentorships loaded?)")
    return ACTIVE_MENTEE_COUNTER[0](offer.member_id)


def refresh_directory_entry(member: Member) -> None:
    """Rebuild the member's directory row: present while they are listed, gone otherwise."""
    offer = MentorOffer.objects.filter(member=member).first()
    is_listed = offer is not None and offer.is_active
    if is_listed and offer is not None:
        entry = directory_entry(member, offer)
        entry.save()
    else:
        DirectoryEntry.objects.filter(member=member).delete()
    if member.is_listed != is_listed:
        Member.objects.filter(pk=member.pk).update(is_listed=is_listed)
        member.is_listed = is_listed


def update_profile(
    *,
    member: Member,
    actor: Any,
    data: dict[str, Any],
    positions: Iterable[dict[str, Any]] | None = None,
) -> Member:
    """Save the profile fields present in ``data`` and, if given, replace the career history."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown profile fields."), code="unknown_fields")
    with transaction.atomic():
        for name, value in data.items():
            setattr(member, name, value)
        member.save()
        if positions is not None:
            member.positions.all().delete()
            Position.objects.bulk_create(
                Position(member=member, **position) for position in positions
            )
        refresh_directory_entry(member)
        audit.record(action="profile.update", actor=actor, network=member.network, target=member)
    return member


def save_mentor_offer(
    *,
    member: Member,
    themes: Iterable[Any],
    capacity: int,
    formats: list[str],
    consent: bool,
    accepts_direct_requests: bool | None = None,
) -> MentorOffer:
    """Opt in (or update the offer): consent must be explicit, at least one format and theme.
    ``accepts_direct_requests`` None keeps the current choice."""
    if not consent:
        raise DomainError(
            _("Tick the consent box to be listed as a mentor."), code="consent_required"
        )
    if not 1 <= capacity <= MAX_CAPACITY:
        raise DomainError(
            _("Capacity must be between 1 and %(max)s mentees.") % {"max": MAX_CAPACITY},
            code="capacity",
        )
    if not formats:
        raise DomainError(_("Choose at least one meeting format."), code="formats")
    themes = list(themes)
    if any(theme.network_id != member.network_id for theme in themes):
        raise DomainError(_("Unknown theme."), code="theme")
    with transaction.atomic():
        offer, _created = MentorOffer.objects.select_for_update().get_or_create(
            member=member, defaults={"network": member.network}
        )
        was_active = offer.is_active
        offer.capacity = capacity
        offer.formats = formats
        if accepts_direct_requests is not None:
            offer.accepts_direct_requests = accepts_direct_requests
        if not was_active:
            offer.consented_at = timezone.now()
            offer.withdrawn_at = None
        offer.save()
        offer.themes.set(themes)
        refresh_directory_entry(member)
        if not was_active:
            audit.record(
                action="mentor.opt_in", actor=member.user, network=member.network, target=offer
            )
    return offer


def withdraw_mentor_offer(*, member: Member) -> MentorOffer:
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().filter(member=member).first()
        if offer is None or not offer.is_active:
            raise DomainError(_("You are not listed as a mentor."), code="not_listed")
        offer.withdrawn_at = timezone.now()
        offer.save(update_fields=["withdrawn_at", "updated_at"])
        refresh_directory_entry(member)
        audit.record(
            action="mentor.opt_out", actor=member.user, network=member.network, target=offer
        )
    return offer


def pause_mentor_offer(
    *, member: Member, until: datetime.date | None, reason: str = ""
) -> MentorOffer:
    """Pause until a date (holiday, busy period); ``None`` resumes now."""
    if until is not None and until < timezone.localdate():
        raise DomainError(_("The end of the pause must be in the future."), code="pause_past")
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().filter(member=member).first()
        if offer is None or not offer.is_active:
            raise DomainError(_("You are not listed as a mentor."), code="not_listed")
        offer.paused_until = until
        offer.pause_reason = reason if until else ""
        offer.save(update_fields=["paused_until", "pause_reason", "updated_at"])
        refresh_directory_entry(member)
        audit.record(
            action="mentor.pause" if until else "mentor.resume",
            actor=member.user,
            network=member.network,
            target=offer,
            until=until.isoformat() if until else None,
            reason=offer.pause_reason,
        )
    return offer


def join_network(*, network: Any, user: Any) -> Member:
    """A logged-in person joins a network that is open to sign-ups."""
    if not network.is_signup_open:
        raise DomainError(_("This network accepts members by invitation only."), code="closed")
    with transaction.atomic():
        member, created = Member.objects.get_or_create(
            network=network,
            user=user,
            defaults={"first_name": user.first_name, "last_name": user.last_name},
        )
        if created:
            refresh_directory_entry(member)
            audit.record(action="member.join", actor=user, network=network, target=member)
    return member


def invite_member(
    *, network: Any, actor: Any, email: str, first_name: str, last_name: str, language: str
) -> Member:
    """Add one person to the network and email them an activation link (if they have no account)."""
    from binome.accounts.models import User
    from binome.members.invitations import queue_invitations

    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, language=language)
        if Member.objects.filter(network=network, user=user).exists():
            raise DomainError(_("This person is already a member."), code="already_member")
        member = Member.objects.create(
            network=network, user=user, first_name=first_name, last_name=last_name
        )
        if not user.has_usable_password():
            queue_invitations(network, [user])
        audit.record(action="member.invite", actor=actor, network=network, target=member)
    return member
