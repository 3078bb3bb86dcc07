from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from binome.core.errors import DomainError
from binome.core.models import AuditEvent
from binome.members import services
from binome.members.models import Member

pytestmark = pytest.mark.django_db


def test_it_refuses_an_offer_without_consent(world):
    with pytest.raises(DomainError) as error:
        services.save_mentor_offer(
            member=world.dana, themes=[world.theme], capacity=2, formats=["video"], consent=False
        )
    assert error.value.code == "consent_required"
    world.dana.refresh_from_db()
    assert world.dana.is_listed is False


def test_it_lists_a_member_who_opts_in_and_records_the_consent(world):
    services.save_mentor_offer(
        member=world.dana, themes=[world.theme], capacity=3, formats=["video"], consent=True
    )
    world.dana.refresh_from_db()
    assert world.dana.is_listed
    assert f"|theme:{world.theme.pk}|" in world.dana.directory_entry.facets
    assert AuditEvent.objects.filter(
        action="mentor.opt_in", target_id=str(world.dana.mentor_offer.pk)
    ).exists()


def test_it_unlists_a_mentor_who_withdraws(world):
    services.withdraw_mentor_offer(member=world.charlie)
    charlie = Member.objects.get(pk=world.charlie.pk)
    assert charlie.is_listed is False
    assert not hasattr(charlie, "directory_entry")


def test_it_refuses_a_capacity_of_eleven(world):
    with pytest.raises(DomainError):
        services.save_mentor_offer(
            member=world.dana, themes=[], capacity=11, formats=["video"], consent=True
        )


def test_it_refuses_a_theme_of_another_network(world):
    from binome.testing.factories import ThemeFactory

    foreign = ThemeFactory(network=world.other_network)
    with pytest.raises(DomainError):
        services.save_mentor_offer(
            member=world.dana, themes=[foreign], capacity=1, formats=["video"], consent=True
        )


def test_a_paused_mentor_has_no_free_capacity(world):
    until = datetime.date.today() + datetime.timedelta(days=30)
    services.pause_mentor_offer(member=world.charlie, until=until, reason="vacances")
    world.charlie.refresh_from_db()
    assert world.charlie.directory_entry.has_free_capacity is False
    assert world.charlie.is_listed
    services.pause_mentor_offer(member=world.charlie, until=None)
    world.charlie.refresh_from_db()
    assert world.charlie.directory_entry.has_free_capacity


def test_the_offer_page_shows_a_translated_error_next_to_the_consent_box(login, world):
    client = login(world.dana)
    response = client.post(
        reverse("mentor_offer", args=["ax"]),
        {"themes": [world.theme.pk], "capacity": 2, "formats": ["video"]},
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()


def test_the_offer_page_opens_without_errors_and_shows_the_saved_offer(login, world):
    client = login(world.charlie)
    offer = world.charlie.mentor_offer
    html = client.get(reverse("mentor_offer", args=["ax"])).content.decode()
    assert "Ce champ est obligatoire" not in html
    assert 'role="alert"' not in html
    assert f'name="capacity" value="{offer.capacity}"' in html
    assert re.search(r'<input[^>]*name="consent"[^>]*checked', html)


def test_saving_the_offer_redirects_to_a_page_that_keeps_the_new_values(login, world):
    client = login(world.dana)
    response = client.post(
        reverse("mentor_offer", args=["ax"]),
        {"themes": [world.theme.pk], "capacity": 3, "formats": ["video"], "consent": "on"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire" not in html
    assert 'name="capacity" value="3"' in html
    assert re.search(rf'<input[^>]*name="themes" value="{world.theme.pk}"[^>]*checked', html)


def test_a_pause_in_the_past_is_refused_and_the_date_typed_is_kept(login, world):
    client = login(world.charlie)
    response = client.post(
        reverse("mentor_offer_pause", args=["ax"]),
        {"until": "2001-02-03", "reason": "vacances au ski"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "2001-02-03" in html and "vacances au ski" in html
    world.charlie.mentor_offer.refresh_from_db()
    assert world.charlie.mentor_offer.paused_until is None


def test_an_htmx_refusal_answers_422(login, world):
    client = login(world.dana)
    response = client.post(
        reverse("mentor_offer_withdraw", args=["ax"]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
