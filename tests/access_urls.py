"""The URL configuration as the access tests see it, and a request as each persona sends it.

``url_patterns`` walks ``get_resolver()``; ``persona_url`` fills a URL's arguments from the
world (tests/access_table.py says how); ``persona_client`` reuses one session per persona,
opened once per module, since logging in costs more than most pages.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponseBase
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from tests.access_table import EXEMPT_PREFIXES, url_kwargs
from tests.access_world import PERSONAS, World


def url_patterns() -> Iterator[tuple[str, str | None, list[str]]]:
    """(route, name with its namespace, names of the URL's arguments) for every pattern."""

    def walk(patterns, prefix: str, namespace: str) -> Iterator[tuple[str, str | None, list[str]]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else None
                arguments = [*_prefix_arguments(prefix), *entry.pattern.regex.groupindex]
                yield prefix + str(entry.pattern), name, arguments

    yield from walk(get_resolver().url_patterns, "", "")


def _prefix_arguments(prefix: str) -> list[str]:
    """Arguments named in the prefixes of included URL trees (``n/<slug:network>/``)."""
    return list(RoutePattern(prefix).regex.groupindex) if "<" in prefix else []


@functools.cache
def all_patterns() -> dict[str, list[str]]:
    """Every URL name (or route, if unnamed) with the names of its arguments."""
    return {name or route: arguments for route, name, arguments in url_patterns()}


def required_patterns() -> list[str]:
    """The URLs that must have rows: all but the third-party trees and static files."""
    return [
        name or route
        for route, name, _arguments in url_patterns()
        if not route.startswith(EXEMPT_PREFIXES) and not route.startswith(("static/", "^static"))
    ]


def persona_url(world: World, persona: str, name: str, **extra: object) -> str:
    """The URL as ``persona`` tries it: the foreign admin through their own network's address."""
    kwargs = {**url_kwargs(world, name, all_patterns()[name]), **extra}
    if persona == "foreign_admin" and kwargs.get("network") == world.network.slug:
        kwargs["network"] = world.other_network.slug
    return reverse(name, kwargs=kwargs)


def log_in_everyone(world: World) -> dict[str, str]:
    """One session cookie per persona (the anonymous visitor has none)."""
    cookies = {}
    for persona in PERSONAS:
        user = world.user(persona)
        if user is not None:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            cookies[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def persona_client(sessions: dict[str, str], persona: str) -> Client:
    """A fresh client in ``persona``'s session; server errors come back as 500 responses."""
    client = Client(raise_request_exception=False)
    if persona in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
    return client


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def outcome(response: HttpResponseBase) -> str:
    """The status as written in the table: a redirect to the login page is ``login``."""
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return "login"
        if location.startswith(reverse("mfa_activate_totp")):
            return "mfa"
    return str(response.status_code)


def writes(queries: list[dict[str, str]]) -> list[str]:
    """The statements that changed data (logging in and out writes the session table)."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(WRITES) and "django_session" not in query["sql"]
    ]


def try_as(sessions: dict[str, str], persona: str, method: str, url: str) -> tuple[str, list[str]]:
    """The outcome for ``persona`` and the statements that wrote. The savepoint undoes it all,
    also what the request did to the session (a logout, a new login)."""
    with transaction.atomic():
        client = persona_client(sessions, persona)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url) if method == "GET" else client.post(url)
            response.close()
        result = outcome(response)
        transaction.set_rollback(True)
    return result, writes(queries.captured_queries)


def table_line(name: str, method: str, statuses: dict[str, str]) -> str:
    return f"{name:<24}{method:<5}" + "".join(f"{statuses[p]:<6}" for p in PERSONAS).rstrip()
