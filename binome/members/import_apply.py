"""Writing a checked import: bulk inserts and updates, then one invitation email per new member.

Called inside one transaction by ``import_services.run_apply``; fast enough for 100,000 rows
(rows are processed in chunks, no per-row query).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone

from binome.accounts.models import User
from binome.core.models import Network
from binome.members import bulk, imports
from binome.members.invitations import queue_invitations
from binome.members.models import Member
from binome.members.services import refresh_directory_entry

CHUNK = 2_000
# The profile fields an import can fill (email and the emails' language are not profile fields).
MEMBER_FIELDS = (
    "first_name",
    "last_name",
    "class_year",
    "degree",
    "position_title",
    "employer",
    "sector",
    "sector_text",
    "function",
    "function_text",
    "country",
    "city",
    "phone",
    "linkedin_url",
    "languages",
    "skills",
    "bio",
)


def apply_rows(
    network: Network,
    rows: list[list[str]],
    mapping: dict[str, int],
    *,
    value_map: imports.ValueMap | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    created = updated = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        values = [imports.clean_row(raw, mapping, value_map)[0] for raw in chunk]
        c, u = _apply_chunk(network, values, _fields(mapping))
        created += c
        updated += u
        if progress is not None:
            progress(start + len(chunk))
    return created, updated


def _fields(mapping: dict[str, int]) -> list[str]:
    """The member fields the mapped columns fill: an unmapped column leaves its field alone."""
    mapped = set(mapping) | {f"{name}_text" for name in ("sector", "function") if name in mapping}
    return [name for name in MEMBER_FIELDS if name in mapped]


def _apply_chunk(
    network: Network, values: list[dict[str, Any]], fields: list[str]
) -> tuple[int, int]:
    emails = [row["email"] for row in values]
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    now = timezone.now()
    new_users = [
        bulk.build(
            User,
            email=row["email"],
            password=_unusable_password(),
            language=row.get("language", network.default_language),
            date_joined=now,
        )
        for row in values
        if row["email"] not in users
    ]
    bulk.insert(User, new_users)
    ids = dict(
        User.objects.filter(email__in=[u.email for u in new_users]).values_list("email", "pk")
    )
    for user in new_users:
        user.pk = ids[user.email]
        users[user.email] = user
    members = {
        m.user_id: m for m in Member.objects.filter(network=network, user__in=users.values())
    }
    to_create, to_update = [], []
    for row in values:
        user = users[row["email"]]
        member = members.get(user.pk)
        if member is None:
            member = bulk.build(Member, related={"network": network, "user": user})
            to_create.append(member)
        else:
            to_update.append(member)
        for name in fields:
            # A blank cell leaves the member's value alone (they may have filled it themselves).
            if name in row:
                setattr(member, name, row[name])
        for name in ("sector", "function"):
            # A sector from the list replaces one kept as written, and the reverse.
            if name in row:
                setattr(member, f"{name}_text", "")
            elif f"{name}_text" in row:
                setattr(member, name, "")
    bulk.insert(Member, to_create)
    if to_update:
        Member.objects.bulk_update(to_update, fields, batch_size=1000)
        # New members are not listed yet; listed mentors whose profile changed are re-indexed.
        for member in to_update:
            if member.is_listed:
                refresh_directory_entry(member)
    invited = [users[m.user.email] for m in to_create if not m.user.has_usable_password()]
    queue_invitations(network, invited)
    return len(to_create), len(to_update)


def _unusable_password() -> str:
    # What make_password(None) makes, with one call to the random source instead of forty.
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
