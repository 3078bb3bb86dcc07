"""factory_boy factories shared by the tests and the demo data (one way to make a member)."""

from __future__ import annotations

import factory
from django.contrib.auth.hashers import make_password

from binome.accounts.models import User
from binome.core.models import Network
from binome.members.models import Member, MentorOffer
from binome.programmes.models import Programme, StaffRole, Theme

DEMO_PASSWORD = "binome-demo-2026"
_HASH_CACHE: dict[str, str] = {}


def password_hash(password: str = DEMO_PASSWORD) -> str:
    """Argon2 takes ~50 ms a hash: hash once, reuse for the thousands of demo accounts."""
    if password not in _HASH_CACHE:
        _HASH_CACHE[password] = make_password(password)
    return _HASH_CACHE[password]


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"network-{n}")
    name = factory.LazyAttribute(lambda o: f"Réseau {o.slug}")
    is_signup_open = False


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.LazyFunction(password_hash)
    language = "fr"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    class_year = 2010
    position_title = "Ingénieure"
    employer = "Exemple SA"
    sector = "energy"
    function = "engineering"
    languages = factory.LazyFunction(lambda: ["fr", "en"])
    country = "FR"
    city = "Paris"

    @factory.post_generation
    def directory(obj: Member, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            from binome.members.services import refresh_directory_entry

            refresh_directory_entry(obj)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    network = factory.SubFactory(NetworkFactory)
    code = factory.Sequence(lambda n: f"theme-{n}")
    label_fr = factory.Sequence(lambda n: f"Thème {n}")
    label_en = factory.Sequence(lambda n: f"Theme {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    network = factory.SubFactory(NetworkFactory)
    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")
    kind = Programme.Kind.ON_DEMAND


def make_mentor(
    member: Member,
    *,
    themes: list[Theme] | None = None,
    capacity: int = 2,
    accepts_direct_requests: bool | None = None,
) -> Member:
    """List ``member`` as a consenting mentor, through the service a person uses."""
    from binome.members.services import save_mentor_offer

    save_mentor_offer(
        member=member,
        themes=themes or [],
        capacity=capacity,
        formats=["video", "in_person"],
        consent=True,
        accepts_direct_requests=accepts_direct_requests,
    )
    return member


def grant(member: Member, role: str, programme: Programme | None = None) -> StaffRole:
    return StaffRole.objects.create(
        network=member.network, member=member, role=role, programme=programme
    )


__all__ = [
    "DEMO_PASSWORD",
    "MemberFactory",
    "MentorOffer",
    "NetworkFactory",
    "ProgrammeFactory",
    "ThemeFactory",
    "UserFactory",
    "grant",
    "make_mentor",
]
