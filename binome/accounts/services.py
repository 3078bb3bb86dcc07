"""Writes on accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from binome.accounts.models import User
from binome.core.errors import DomainError


def set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("This language is not available."), code="language")
    with transaction.atomic():
        user.language = language
        user.save(update_fields=["language"])
    return user


def activate_account(*, user: User, password: str) -> User:
    """An invited member chooses a password; their email address counts as verified."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user
