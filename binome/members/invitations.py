"""Invitation emails: an activation link, in the invited person's language."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from binome.accounts.models import User
from binome.accounts.tokens import activation_url
from binome.core.models import Network
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
    for user in users:
        subject, body = templates.get(user.language, templates["fr"])
        messages.append(
            OutboxMessage(
                to=user.email,
                subject=subject,
                language=user.language,
                body_text=body % {"network": network.name, "link": activation_url(user)},
            )
        )
    OutboxMessage.objects.bulk_create(messages, batch_size=1000)
    if messages:
        transaction.on_commit(enqueue_delivery)
