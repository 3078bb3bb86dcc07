"""Personas, as in the product: alice (network admin), bob (manager of the on-demand programme),
charlie (a listed mentor), dana (a mentee), eve (a member of another network)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from binome.members.models import Member
from binome.programmes.models import Programme, StaffRole, Theme
from binome.testing.factories import (
    MemberFactory,
    NetworkFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
    grant,
    make_mentor,
)


@dataclass
class World:
    network: object
    other_network: object
    programme: Programme
    other_programme: Programme
    theme: Theme
    alice: Member
    bob: Member
    charlie: Member
    dana: Member
    eve: Member


@pytest.fixture
def world(db, settings) -> World:
    settings.BINOME_STAFF_MFA_REQUIRED = False
    network = NetworkFactory(slug="ax", name="AX")
    other = NetworkFactory(slug="hec", name="HEC Alumni")
    theme = ThemeFactory(
        network=network, code="career-change", label_fr="Reconversion", label_en="Career change"
    )
    programme = ProgrammeFactory(network=network, slug="accompagnement", name="Accompagnement")
    other_programme = ProgrammeFactory(
        network=network, slug="cohorte", name="Cohorte", kind="cohort"
    )

    def member(name: str, net: object, **kwargs: object) -> Member:
        user = UserFactory(email=f"{name}@example.org")
        return MemberFactory(
            network=net, user=user, first_name=name.title(), last_name="Persona", **kwargs
        )

    alice = member("alice", network)
    grant(alice, StaffRole.Role.NETWORK_ADMIN)
    bob = member("bob", network)
    grant(bob, StaffRole.Role.PROGRAMME_MANAGER, programme)
    charlie = member("charlie", network, bio="Vingt ans dans le photovoltaïque.")
    make_mentor(charlie, themes=[theme])
    dana = member("dana", network)
    eve = member("eve", other)
    return World(network, other, programme, other_programme, theme, alice, bob, charlie, dana, eve)


@pytest.fixture
def login(client):
    def _login(member: Member):
        client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run at once in tests; one test drives the real database worker instead."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def cold_matching_index():
    """Each test starts with no warm mentor index (ids are reused between test databases)."""
    from binome.intake import suggestions

    suggestions._WARM.clear()
    yield
    suggestions._WARM.clear()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The access world (tests/access_world.py), built once per module and rolled back after
    its last test; each test still runs in its own savepoint (``db``)."""
    from django.db import connection, transaction

    from tests.access_world import build_world

    if connection.vendor == "postgresql":
        # Django's TestCase.tearDownClass closes every connection after each test (pytest-django
        # runs it per test), which ends this module-wide transaction on PostgreSQL; SQLite's
        # in-memory test database is never closed. These tests check access rules, which do not
        # depend on the database, and run on SQLite. (Building the world per test, or in a
        # session-scoped template database, would let them run here too.)
        pytest.skip("the access world is built on SQLite only (see the fixture's comment)")
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def persona_sessions(module_world, django_db_blocker) -> dict[str, str]:
    """A session per persona of the access world, opened once per module."""
    from tests.access_urls import log_in_everyone

    with django_db_blocker.unblock():
        return log_in_everyone(module_world)


@pytest.fixture(scope="module")
def elsewhere(module_world, django_db_blocker):
    """Objects out of the access world personas' reach (tests/access_elsewhere.py)."""
    from tests.access_elsewhere import build_elsewhere

    with django_db_blocker.unblock():
        return build_elsewhere(module_world)
