"""The import's fast row builder and inserter give what the ORM would."""

from __future__ import annotations

import pytest

from binome.accounts.models import User
from binome.members import bulk
from binome.members.models import Member
from binome.notifications.models import OutboxMessage
from binome.testing.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def test_build_fills_defaults_as_the_model_does() -> None:
    built = bulk.build(OutboxMessage, to="a@example.org", subject="s", body_text="b")
    plain = OutboxMessage(to="a@example.org", subject="s", body_text="b")
    for field in OutboxMessage._meta.concrete_fields:
        if field.name in ("message_id", "next_attempt_at"):
            continue  # callable defaults: fresh per row
        assert getattr(built, field.attname) == getattr(plain, field.attname), field.name
    other = bulk.build(OutboxMessage, to="b@example.org", subject="s", body_text="b")
    assert built.message_id != other.message_id


def test_build_gives_each_row_its_own_mutable_default() -> None:
    network = NetworkFactory()
    user = User.objects.create_user("m@example.org")
    first = bulk.build(Member, related={"network": network, "user": user})
    second = bulk.build(Member, related={"network": network, "user": user})
    first.languages.append("fr")
    assert second.languages == []
    assert first.user is user and first.user_id == user.pk and first.network_id == network.pk


def test_built_rows_insert_and_read_back() -> None:
    network = NetworkFactory()
    user = User.objects.create_user("m@example.org")
    member = bulk.build(
        Member, related={"network": network, "user": user}, first_name="Zoé", last_name="Ané"
    )
    member.languages = ["fr", "en"]
    bulk.insert(Member, [member])
    stored = Member.objects.get(user=user)
    assert (stored.first_name, stored.languages, stored.network_id) == (
        "Zoé",
        ["fr", "en"],
        network.pk,
    )
    assert stored.joined_at is not None and stored.time_zone == "Europe/Paris"
