"""A sentinel planted in everything a pair writes never reaches staff: every staff page, the
exports, the Django admin. The pair sees its own words; private notes only their author."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from binome.mentorships.models import Meeting
from binome.mentorships.services import charter, create_mentorship, meetings, work
from binome.programmes.services import publish_charter

pytestmark = pytest.mark.django_db

SUMMARY, NOTE, OBJECTIVE, ACTION = (
    "SENTINEL-SUMMARY",
    "SENTINEL-NOTE",
    "SENTINEL-OBJECTIVE",
    "SENTINEL-ACTION",
)
SENTINELS = (SUMMARY, NOTE, OBJECTIVE, ACTION)


@pytest.fixture
def planted(world):
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    pair = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    charter.sign_charter(mentorship=pair, member=world.charlie)
    charter.sign_charter(mentorship=pair, member=world.dana)
    pair.refresh_from_db()
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=world.dana,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        duration_minutes=60,
        format="phone",
    )
    meetings.confirm_meeting(meeting=meeting, member=world.charlie)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meetings.record_outcome(meeting=meeting, member=world.dana, held=True)
    meetings.save_summary(meeting=meeting, member=world.dana, text=SUMMARY)
    meetings.save_private_note(meeting=meeting, member=world.dana, text=NOTE)
    work.save_objectives(mentorship=pair, member=world.charlie, texts=[OBJECTIVE])
    work.add_action_item(
        mentorship=pair, member=world.dana, owner=world.dana, text=ACTION, due_date=None
    )
    return pair


def staff_urls(world, pair):
    """Every network URL under manage/, with this network's ids for its arguments."""
    ids = {
        "network": "ax",
        "programme_id": world.programme.pk,
        "pair_id": pair.pk,
        "theme_id": world.theme.pk,
        "member_id": world.dana.pk,
        "request_id": 1,
        "batch_id": 1,
        "role_id": 1,
        "file_format": "csv",
        "invitation_id": 1,
        "meeting_id": 1,
        "entry_id": 1,
        "flag_id": 1,
        "item_id": 1,
    }
    urls = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name:
                route = prefix + str(entry.pattern)
                if route.startswith("n/") and ("manage/" in route or "members/" in route):
                    kwargs = {
                        "network": "ax",
                        **{k: ids[k] for k in entry.pattern.regex.groupindex},
                    }
                    urls.append(reverse(entry.name, kwargs=kwargs))

    walk(get_resolver().url_patterns)
    urls.append(reverse("directory_export", args=["ax", "xlsx"]))
    return urls


def assert_clean(body: bytes, where: str):
    text = body.decode("utf-8", errors="ignore")
    for sentinel in SENTINELS:
        assert sentinel not in text, f"{sentinel} leaked on {where}"


@pytest.mark.parametrize("persona", ["bob", "alice"])
def test_no_staff_page_or_export_shows_what_the_pair_writes(login, world, planted, persona):
    client = login(getattr(world, persona))
    urls = staff_urls(world, planted)
    assert len(urls) > 15
    for url in urls:
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert_clean(content, url)


def test_the_django_admin_shows_none_of_it_to_a_superuser(client, world, planted):
    world.alice.user.is_staff = world.alice.user.is_superuser = True
    world.alice.user.save()
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        for obj in model._default_manager.all()[:3]:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    for url in pages:
        assert_clean(client.get(url).content, url)


def test_the_pair_sees_its_words_and_private_notes_stay_with_their_author(login, world, planted):
    url = reverse("pair_page", args=["ax", planted.pk])
    dana = login(world.dana).get(url).content.decode()
    assert all(s in dana for s in (SUMMARY, NOTE, OBJECTIVE, ACTION))
    charlie = login(world.charlie).get(url).content.decode()
    assert all(s in charlie for s in (SUMMARY, OBJECTIVE, ACTION))
    assert NOTE not in charlie


def test_staff_pair_pages_show_metadata(login, world, planted):
    body = login(world.bob).get(reverse("staff_pair", args=["ax", planted.pk])).content.decode()
    assert "1/6" in body  # one meeting held of six recommended
    assert "2/2" in body  # both signatures


def test_other_members_and_other_networks_cannot_open_the_pair(login, world, planted):
    url = reverse("pair_page", args=["ax", planted.pk])
    assert login(world.bob).get(url).status_code == 404
    assert login(world.alice).get(url).status_code == 404
    assert login(world.eve).get(url).status_code == 404
    staff_url = reverse("staff_pair", args=["ax", planted.pk])
    assert login(world.dana).get(staff_url).status_code == 404
