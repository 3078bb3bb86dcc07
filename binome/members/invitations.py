"""Invitation emails: an activation link, in the invited person's language."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.http import int_to_base36
from django.utils.translation import gettext as _

from binome.accounts.models import User
from binome.accounts.tokens import activation_url
from binome.core.models import Network
from binome.members import bulk
from binome.notifications.models import OutboxMessage
from binome.notifications.services import enqueue_delivery


def queue_invitations(network: Network, users: list[User]) -> None:
    """Queue one email per user, rendered once per language (imports invite thousands)."""
    templates: dict[str, tuple[str, str]] = {}
    for language in ("fr", "en"):
        with translation.override(language):
            templates[language] = (
                _("You are invited to %(network)s's mentoring platform")
                % {"network": network.name},
                _(
                    "Hello,\n\n%(network)s invites you to its mentoring platform, binome: ask for "
                    "help with a career question, or offer to help other members.\n\n"
                    "Choose your password to activate your account:\n%(link)s\n\n"
                    "The link is valid for a few days. If you did not expect this email, ignore "
                    "it.\n"
                ),
            )
    messages = []
    now = timezone.now()
    for user, link in zip(users, _activation_urls(users), strict=True):
        subject, body = templates.get(user.language, templates["fr"])
        messages.append(
            bulk.build(
                OutboxMessage,
                to=user.email,
                subject=subject,
                language=user.language,
                body_text=body % {"network": network.name, "link": link},
                next_attempt_at=now,
            )
        )
    bulk.insert(OutboxMessage, messages)
    if messages:
        transaction.on_commit(enqueue_delivery)


def _activation_urls(users: list[User]) -> list[str]:
    """``activation_url`` for many users: the URL is reversed once, with placeholders (resolving
    it per user took a third of a 100,000-member import)."""
    if len(users) < 2:
        return [activation_url(user) for user in users]
    template = activation_url(User(pk=0))
    prefix = template.rsplit("/", 3)[0]
    return [
        f"{prefix}/{int_to_base36(user.pk)}/{default_token_generator.make_token(user)}/"
        for user in users
    ]
