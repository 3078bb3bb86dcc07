"""Every URL is either explicitly public or behind an access helper."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# Third-party URL trees with their own protection, named on purpose.
THIRD_PARTY_PREFIXES = ("accounts/", "i18n/", "django-admin/")


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_it_finds_no_unprotected_view():
    unmarked = [
        route
        for route, view in walk(get_resolver().url_patterns)
        if not route.startswith(THIRD_PARTY_PREFIXES)
        and not route.startswith("static/")
        and not route.startswith("^static")
        and getattr(view, "binome_access", None) is None
    ]
    assert unmarked == []


def test_it_knows_the_access_of_network_pages():
    kinds = {
        route: getattr(view, "binome_access", None)
        for route, view in walk(get_resolver().url_patterns)
        if route.startswith("n/")
    }
    assert kinds["n/<slug:network>/manage/themes/"] == "network_admin"
    assert kinds["n/<slug:network>/directory/"] == "member"
    assert all(kind in {"member", "staff", "network_admin", "login"} for kind in kinds.values())
