"""Demo data: a French alumni network of ~2,000 members and a small second network.

Built with the factories and services the tests use, from a fixed seed, so every demo is the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from faker import Faker

from binome.accounts.models import User
from binome.core.models import Network
from binome.members.models import Member
from binome.members.services import save_mentor_offer
from binome.programmes.models import CharterVersion, Programme, StaffRole, Theme
from binome.testing import demo_texts as texts
from binome.testing.demo_cohort import build_cohort
from binome.testing.demo_pairs import build_pairs
from binome.testing.demo_requests import build_requests
from binome.testing.demo_selfservice import build_self_service
from binome.testing.demo_surveys import build_surveys
from binome.testing.factories import DEMO_PASSWORD, password_hash
from binome_engine import taxonomy


@dataclass(frozen=True)
class Persona:
    email: str
    role: str
    network: str


PERSONAS = (
    Persona("admin@ax.example.org", "Network admin (Alice Martin)", "ax"),
    Persona("manager@ax.example.org", "Programme manager, AX Carrières (Bruno Lefèvre)", "ax"),
    Persona("mentor@ax.example.org", "Mentor, energy (Claire Dubois)", "ax"),
    Persona("mentor2@ax.example.org", "Mentor, software (David Nguyen)", "ax"),
    Persona("mentee@ax.example.org", "Member looking for help (Emma Petit)", "ax"),
    Persona("mentee2@ax.example.org", "Member, final-year student (Farid Benali)", "ax"),
    Persona("member@hec.example.org", "Member of the second network (Gabrielle Roux)", "hec"),
)
_PERSONA_PROFILES = {
    "admin@ax.example.org": ("Alice", "Martin", "public_sector", "general_management", 1994),
    "manager@ax.example.org": ("Bruno", "Lefèvre", "consulting", "hr", 2001),
    "mentor@ax.example.org": ("Claire", "Dubois", "energy", "engineering", 1998),
    "mentor2@ax.example.org": ("David", "Nguyen", "software", "data", 2006),
    "mentee@ax.example.org": ("Emma", "Petit", "research", "rnd", 2016),
    "mentee2@ax.example.org": ("Farid", "Benali", "aerospace", "engineering", 2022),
    "member@hec.example.org": ("Gabrielle", "Roux", "banking", "finance", 2012),
}


def build_demo(*, members: int = 2000, mentors: int = 400, seed: int = 2026) -> None:
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    with transaction.atomic():
        ax = Network.objects.create(
            slug="ax", name="Alumni Polytechnique (démo)", is_signup_open=True
        )
        hec = Network.objects.create(slug="hec", name="HEC Alumni (démo)", default_language="fr")
        ax_themes = _themes(ax)
        _themes(hec)
        programmes = _programmes(ax, ax_themes)
        _programmes(hec, list(Theme.objects.filter(network=hec)))
        ax_members = _members(ax, members, rng, fake, "ax")
        _members(hec, 150, rng, fake, "hec")
        _staff(ax, programmes)
        _mentors(ax_members, ax_themes, mentors, rng)
        ax_members_now = list(Member.objects.filter(network=ax).select_related("user"))
        build_pairs(programmes[0], ax_members_now, rng)
        build_requests(
            programmes[0], list(Member.objects.filter(network=ax).select_related("user")), rng
        )
        build_cohort(
            programmes[1], list(Member.objects.filter(network=ax).select_related("user")), rng
        )
        build_surveys(
            programmes[0], list(Member.objects.filter(network=ax).select_related("user")), rng
        )
        build_self_service(
            programmes,
            list(Member.objects.filter(network=ax).select_related("user", "mentor_offer")),
            rng,
        )
        hec_admin = Member.objects.get(network=hec, user__email="member@hec.example.org")
        StaffRole.objects.create(network=hec, member=hec_admin, role=StaffRole.Role.NETWORK_ADMIN)


def _themes(network: Network) -> list[Theme]:
    return Theme.objects.bulk_create(
        Theme(network=network, code=code, label_fr=fr, label_en=en)
        for code, fr, en in taxonomy.THEMES
    )


def _programmes(network: Network, themes: list[Theme]) -> list[Programme]:
    created = []
    for slug, name, kind, description in texts.PROGRAMMES:
        programme = Programme.objects.create(
            network=network, slug=slug, name=name, kind=kind, description=description
        )
        programme.themes.set(themes)
        CharterVersion.objects.create(
            programme=programme, version=1, text_fr=texts.CHARTER_FR, text_en=texts.CHARTER_EN
        )
        created.append(programme)
    return created


def _members(
    network: Network, count: int, rng: random.Random, fake: Faker, slug: str
) -> list[Member]:
    hashed = password_hash(DEMO_PASSWORD)
    personas = [p.email for p in PERSONAS if p.network == slug]
    emails = personas + [f"{slug}.member{i}@example.org" for i in range(count - len(personas))]
    users = User.objects.bulk_create(
        User(email=email, password=hashed, language="fr" if rng.random() < 0.8 else "en")
        for email in emails
    )
    built = []
    for user in users:
        member = _profile(Member(network=network, user=user), rng, fake)
        if user.email in _PERSONA_PROFILES:
            first, last, sector, function, year = _PERSONA_PROFILES[user.email]
            member.first_name, member.last_name = first, last
            member.sector, member.function, member.class_year = sector, function, year
            member.bio = texts.bio(rng, sector, function, user.language, year)
        built.append(member)
    return Member.objects.bulk_create(built, batch_size=500)


def _profile(member: Member, rng: random.Random, fake: Faker) -> Member:
    is_woman = rng.random() < 0.45
    member.first_name = fake.first_name_female() if is_woman else fake.first_name_male()
    member.last_name = fake.last_name()
    member.class_year = rng.randint(1975, 2024)
    member.degree = rng.choice(texts.DEGREES)
    member.sector = rng.choice(taxonomy.SECTORS)[0]
    member.function = rng.choice(taxonomy.FUNCTIONS)[0]
    member.years_of_experience = max(0, 2026 - member.class_year - 2)
    member.position_title = texts.gendered(
        texts.position(rng, member.function, member.years_of_experience), woman=is_woman
    )
    member.employer = rng.choice(texts.EMPLOYERS[member.sector])
    member.country, member.city = rng.choice(texts.PLACES)
    member.languages = texts.languages(rng)
    member.skills = rng.sample(texts.SKILLS, k=rng.randint(2, 5))
    member.bio = texts.bio(
        rng, member.sector, member.function, member.user.language, member.class_year
    )
    member.goals = rng.choice(texts.GOALS)
    return member


def _staff(network: Network, programmes: list[Programme]) -> None:
    emails = ["admin@ax.example.org", "manager@ax.example.org"]
    members = {
        m.user.email: m
        for m in Member.objects.filter(network=network, user__email__in=emails).select_related(
            "user"
        )
    }
    StaffRole.objects.create(
        network=network, member=members["admin@ax.example.org"], role=StaffRole.Role.NETWORK_ADMIN
    )
    StaffRole.objects.create(
        network=network,
        member=members["manager@ax.example.org"],
        role=StaffRole.Role.PROGRAMME_MANAGER,
        programme=programmes[0],
    )


def _mentors(members: list[Member], themes: list[Theme], count: int, rng: random.Random) -> None:
    personas = {"mentor@ax.example.org", "mentor2@ax.example.org", "admin@ax.example.org"}
    senior = [m for m in members if (m.class_year or 2026) <= 2016 and m.user.email not in personas]
    chosen = [m for m in members if m.user.email in personas] + rng.sample(senior, k=count - 3)
    for member in chosen:
        save_mentor_offer(
            member=member,
            themes=rng.sample(themes, k=rng.randint(1, 3)),
            capacity=rng.choice([1, 1, 2, 2, 3]),
            formats=rng.sample(["in_person", "video", "phone"], k=rng.randint(1, 3)),
            consent=True,
        )
