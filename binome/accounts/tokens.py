"""Activation links for invited members: Django's token generator, single-use by construction
(the token hashes the password, which activation changes) and valid PASSWORD_RESET_TIMEOUT."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.http import int_to_base36

from binome.accounts.models import User


def activation_url(user: User) -> str:
    path = reverse(
        "account_activate",
        kwargs={
            "uidb36": int_to_base36(user.pk),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.BINOME_BASE_URL.rstrip("/") + path


def user_for_token(uidb36: str, token: str) -> User | None:
    try:
        pk = int(uidb36, 36)
    except ValueError:
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user
