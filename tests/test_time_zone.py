"""A member's time zone holds for their own request and never leaks to the thread's next one."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from binome.core.middleware import MemberTimeZoneMiddleware
from binome.intake import suggestions


@pytest.fixture(autouse=True)
def site_zone():
    timezone.deactivate()
    yield
    timezone.deactivate()


def test_the_thread_keeps_no_time_zone_after_a_members_page(login, world):
    world.dana.time_zone = "America/New_York"
    world.dana.save()
    seen = {}

    def spy(**kwargs):
        seen["zone"] = timezone.get_current_timezone_name()

    template_rendered.connect(spy, weak=False, dispatch_uid="tz-spy")
    try:
        response = login(world.dana).get(reverse("network_home", args=["ax"]))
    finally:
        template_rendered.disconnect(dispatch_uid="tz-spy")
    assert response.status_code == 200
    assert seen["zone"] == "America/New_York"
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_the_zone_is_reset_even_when_the_view_fails():
    def failing_view(request):
        timezone.activate(datetime.timezone(datetime.timedelta(hours=-5)))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        MemberTimeZoneMiddleware(failing_view)(RequestFactory().get("/"))
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_a_request_starts_in_the_sites_zone_whatever_the_thread_held():
    timezone.activate(datetime.timezone(datetime.timedelta(hours=9)))
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return None

    MemberTimeZoneMiddleware(view)(RequestFactory().get("/"))
    assert seen["zone"] == settings.TIME_ZONE


def test_experience_from_a_class_year_counts_from_todays_year(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2031, 1, 5))
    assert suggestions._years(None, 2000) == 29
