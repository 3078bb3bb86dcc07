from __future__ import annotations

import pytest
from django.urls import reverse

from binome.core.errors import DomainError
from binome.core.models import AuditEvent
from binome.programmes import services
from binome.programmes.models import Programme, StaffRole

pytestmark = pytest.mark.django_db


def test_an_admin_creates_a_programme_of_each_kind(login, world):
    client = login(world.alice)
    for kind in ["on_demand", "cohort", "flash", "speed"]:
        response = client.post(
            reverse("programme_create", args=["ax"]),
            {
                "name": f"P {kind}",
                "slug": f"p-{kind}",
                "kind": kind,
                "themes": [world.theme.pk],
                "recommended_meetings": 6,
                "duration_months": 6,
                "silence_weeks": 5,
                "invitation_delay_days": 7,
                "is_active": "on",
            },
        )
        assert response.status_code == 302
    assert Programme.objects.filter(network=world.network, slug__startswith="p-").count() == 4


def test_a_short_name_is_unique_within_a_network_only(login, world):
    data = {
        "name": "Bis",
        "slug": "accompagnement",
        "kind": "cohort",
        "recommended_meetings": 6,
        "duration_months": 6,
        "silence_weeks": 5,
        "invitation_delay_days": 7,
    }
    response = login(world.alice).post(reverse("programme_create", args=["ax"]), data)
    assert "Un autre programme utilise déjà ce nom court." in response.content.decode()
    services.save_programme(network=world.other_network, actor=None, data=dict(data))


def test_charter_versions_follow_each_other_and_never_change(world):
    first = services.publish_charter(
        programme=world.programme, actor=None, text_fr="Un", text_en="One"
    )
    second = services.publish_charter(
        programme=world.programme, actor=None, text_fr="Deux", text_en="Two"
    )
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert first.text_fr == "Un"
    assert world.programme.current_charter() == second


def test_it_refuses_a_charter_without_both_languages_or_unchanged(world):
    with pytest.raises(DomainError):
        services.publish_charter(programme=world.programme, actor=None, text_fr="Un", text_en=" ")
    services.publish_charter(programme=world.programme, actor=None, text_fr="Un", text_en="One")
    with pytest.raises(DomainError) as error:
        services.publish_charter(programme=world.programme, actor=None, text_fr="Un", text_en="One")
    assert error.value.code == "unchanged"


def test_a_manager_reads_the_charter_but_cannot_publish(login, world):
    url = reverse("programme_detail", args=["ax", world.programme.pk])
    client = login(world.bob)
    assert client.get(url).status_code == 200
    assert client.post(url, {"text_fr": "x", "text_en": "y"}).status_code == 404


def test_an_admin_gives_a_manager_role_by_email_and_it_is_audited(login, world):
    response = login(world.alice).post(
        reverse("staff_list", args=["ax"]),
        {
            "member": "DANA@example.org",
            "role": "programme_manager",
            "programme": world.programme.pk,
        },
    )
    assert response.status_code == 302
    assert StaffRole.objects.filter(member=world.dana, programme=world.programme).exists()
    assert AuditEvent.objects.filter(action="staff.grant", target_id=str(world.dana.pk)).exists()


def test_it_refuses_a_role_for_someone_of_another_network(login, world):
    response = login(world.alice).post(
        reverse("staff_list", args=["ax"]), {"member": "eve@example.org", "role": "network_admin"}
    )
    assert "Aucun membre de ce réseau" in response.content.decode()
    assert not StaffRole.objects.filter(member=world.eve).exists()


def test_a_manager_role_needs_a_programme(world):
    with pytest.raises(DomainError):
        services.grant_role(
            network=world.network,
            actor=None,
            member=world.dana,
            role="programme_manager",
            programme=None,
        )


def test_a_network_keeps_its_last_admin(world):
    role = StaffRole.objects.get(member=world.alice)
    with pytest.raises(DomainError):
        services.revoke_role(network=world.network, actor=None, staff_role=role)


def test_an_admin_creates_a_bilingual_theme(login, world):
    response = login(world.alice).post(
        reverse("theme_create", args=["ax"]),
        {
            "code": "abroad",
            "label_fr": "Partir à l'étranger",
            "label_en": "Moving abroad",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    theme = world.network.themes.get(code="abroad")
    from django.utils import translation

    with translation.override("en"):
        assert theme.label == "Moving abroad"
    with translation.override("fr"):
        assert theme.label == "Partir à l'étranger"
