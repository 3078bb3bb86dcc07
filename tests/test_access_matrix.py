"""The access matrix: every URL pattern, GET and POST, tried by every persona, with the exact
status each must get — declared in ``tests/access_table.py``, over the objects of
``tests/access_world.py`` (built once for the module).

- The URL configuration is walked: a URL pattern with no row fails (add its two lines), and a
  row naming a URL that no longer exists fails too (remove it).
- Each request is sent with an empty body by a fresh client (CSRF checks off, Django's test
  client default) inside its own savepoint, so no persona sees another's effects.
- A refused request (login, 400, 403, 404, 405) writes nothing: its SQL is captured and must hold
  no INSERT, UPDATE or DELETE (the session table aside).
"""

from __future__ import annotations

import pytest

from tests.access_table import KNOWN_DEFECTS, REFUSED, ROWS
from tests.access_urls import (
    all_patterns,
    persona_url,
    required_patterns,
    table_line,
    try_as,
)
from tests.access_world import PERSONAS

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_a_get_and_a_post_row():
    missing = [
        f"{name} {method}"
        for name in required_patterns()
        for method in ("GET", "POST")
        if (name, method) not in ROWS
    ]
    assert missing == [], "Add these URLs to TABLE in tests/access_table.py"
    stale = {name for name, _method in ROWS} - set(all_patterns())
    assert sorted(stale) == [], "These rows of tests/access_table.py name URLs that are gone"


def test_the_walk_sees_the_urls_of_every_app():
    names = set(required_patterns())
    assert {"pair_page", "manage_request", "theme_edit", "import_detail", "check_in"} <= names
    assert len(names) >= 40


def test_the_write_check_sees_what_a_granted_post_writes(module_world, persona_sessions):
    url = persona_url(module_world, "network_admin", "staff_revoke")
    status, written = try_as(persona_sessions, "network_admin", "POST", url)
    assert status == "302"
    assert any("DELETE" in sql.upper() for sql in written)


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    """The two-factor gate for staff has its own tests (test_access_rules.py)."""
    settings.BINOME_STAFF_MFA_REQUIRED = False


def _rows() -> list[object]:
    return [
        pytest.param(
            name,
            method,
            id=f"{name}-{method}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[(name, method)])]
            if (name, method) in KNOWN_DEFECTS
            else [],
        )
        for name, method in sorted(ROWS)
    ]


@pytest.mark.parametrize(("name", "method"), _rows())
def test_each_persona_gets_exactly_the_declared_status(
    module_world, persona_sessions, name, method
):
    expected = ROWS[(name, method)]
    actual: dict[str, str] = {}
    wrote: dict[str, list[str]] = {}
    for persona in PERSONAS:
        url = persona_url(module_world, persona, name)
        actual[persona], written = try_as(persona_sessions, persona, method, url)
        if written and actual[persona] in REFUSED:
            wrote[persona] = written
    assert actual == expected, (
        f"{method} {persona_url(module_world, 'member', name)}"
        f"\n  expected {table_line(name, method, expected)}"
        f"\n  actual   {table_line(name, method, actual)}"
    )
    assert wrote == {}, f"{method} {name} was refused, yet it wrote: {wrote}"
