"""Who the simulated users are and which pages they replay, with a logged-in session each."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse


@dataclass
class User:
    role: str
    email: str
    session_key: str
    pages: list[tuple[str, str]] = field(default_factory=list)  # (page name, path)


def session_for(user: object) -> str:
    """A real logged-in session, as a login would leave it (no password hashing per user)."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
    store.create()
    return str(store.session_key)


def build(users: int, rng: random.Random) -> list[User]:
    """``users`` simulated people: one in five a manager, the others mentees and mentors."""
    from binome.intake.models import MentoringRequest
    from binome.intake.states import OPEN_STATUSES
    from binome.mentorships.models import Mentorship
    from binome.programmes.models import Programme, StaffRole

    programme = Programme.objects.get(network__slug="ax", kind="on_demand")
    slug = "ax"
    requests = list(
        MentoringRequest.objects.filter(programme=programme, status__in=OPEN_STATUSES)
        .select_related("mentee__user")
        .order_by("pk")
    )
    pairs = list(
        Mentorship.objects.filter(programme=programme)
        .select_related("mentor__user", "mentee__user")
        .order_by("pk")
    )
    managers = list(
        StaffRole.objects.filter(network__slug=slug, role="programme_manager", programme=programme)
        .select_related("member__user")
        .order_by("pk")
    )
    rng.shuffle(requests)
    rng.shuffle(pairs)
    result = []
    for number in range(users):
        if number % 5 == 4:
            staff = managers[number % len(managers)].member
            result.append(_manager(staff, slug, programme, requests, pairs, rng))
        elif number % 5 in (0, 2):
            result.append(_mentee(slug, requests[number % len(requests)]))
        else:
            result.append(_mentor(slug, pairs[number]))
    return result


def _common(slug: str) -> list[tuple[str, str]]:
    return [
        ("network_home", reverse("network_home", args=[slug])),
        ("profile_edit", reverse("profile_edit", args=[slug])),
        ("directory", reverse("directory", args=[slug])),
        ("directory_search", reverse("directory", args=[slug]) + "?q=energie"),
        ("mentor_offer", reverse("mentor_offer", args=[slug])),
    ]


def _mentee(slug: str, request: object) -> User:
    user = request.mentee.user  # type: ignore[attr-defined]
    pages = [
        *_common(slug),
        ("my_requests", reverse("my_requests", args=[slug])),
        ("request_detail", reverse("request_detail", args=[slug, request.pk])),  # type: ignore[attr-defined]
        ("my_pairs", reverse("my_pairs", args=[slug])),
    ]
    return User("mentee", user.email, session_for(user), pages)


def _mentor(slug: str, pair: object) -> User:
    user = pair.mentor.user  # type: ignore[attr-defined]
    pages = [
        *_common(slug),
        ("my_invitations", reverse("my_invitations", args=[slug])),
        ("my_pairs", reverse("my_pairs", args=[slug])),
        ("pair_page", reverse("pair_page", args=[slug, pair.pk])),  # type: ignore[attr-defined]
    ]
    return User("mentor", user.email, session_for(user), pages)


def _manager(staff, slug, programme, requests, pairs, rng) -> User:  # type: ignore[no-untyped-def]
    pages = [
        ("network_home", reverse("network_home", args=[slug])),
        ("programme_list", reverse("programme_list", args=[slug])),
        ("programme_detail", reverse("programme_detail", args=[slug, programme.pk])),
        ("intake_queue", reverse("intake_queue", args=[slug, programme.pk])),
        ("programme_pairs", reverse("programme_pairs", args=[slug, programme.pk])),
    ]
    pages += [
        ("manage_request", reverse("manage_request", args=[slug, r.pk]))
        for r in rng.sample(requests, 3)
    ]
    pages += [
        ("staff_pair", reverse("staff_pair", args=[slug, p.pk])) for p in rng.sample(pairs, 2)
    ]
    return User("manager", staff.user.email, session_for(staff.user), pages)


def cookie(user: User) -> str:
    return f"{settings.SESSION_COOKIE_NAME}={user.session_key}"
