"""A demo cohort taking applications: mentors and mentees applied, most already screened.

Made through the services a person uses, so the demo's cohort is one a manager could have run.
"""

from __future__ import annotations

import random

from binome.cohorts.services.applications import screen_application
from binome.core.errors import DomainError
from binome.members.models import Member, MentorOffer
from binome.programmes.models import Programme, StaffRole
from binome.testing.cohorts import apply, open_cohort
from binome_engine import taxonomy

MENTEE_TEXTS = (
    "Je termine ma thèse et je veux rejoindre l'industrie de l'énergie.",
    "Après cinq ans en audit, je veux passer en capital-investissement.",
    "Je voudrais devenir product manager dans une start-up du logiciel.",
    "I want to move from consulting into a strategy role in a large company.",
    "Je cherche à travailler à l'étranger dans la finance durable.",
    "Je veux créer mon entreprise et cherche un regard d'entrepreneur.",
)
MENTOR_TEXTS = (
    "Vingt ans dans l'industrie, j'aide volontiers sur les transitions de carrière.",
    "J'ai dirigé des équipes produit et recruté beaucoup de jeunes diplômés.",
    "Ancien banquier d'affaires, je peux parler de finance et de négociation.",
    "I have worked abroad for fifteen years and enjoy helping people settle in.",
)


def build_cohort(programme: Programme, members: list[Member], rng: random.Random) -> None:
    """An open cohort of ``programme``: up to 40 mentors and 100 mentees applied."""
    manager = next(m for m in members if m.user.email == "manager@ax.example.org")
    StaffRole.objects.create(
        network=programme.network,
        member=manager,
        role=StaffRole.Role.PROGRAMME_MANAGER,
        programme=programme,
    )
    cohort = open_cohort(programme, actor=manager.user)
    themes = list(programme.themes.all())
    listed = set(
        MentorOffer.objects.filter(member__network=programme.network, withdrawn_at__isnull=True)
        .exclude(consented_at=None)
        .values_list("member_id", flat=True)
    )
    mentors = [m for m in members if m.pk in listed][:40]
    young = [m for m in members if m.pk not in listed and (m.class_year or 0) >= 2015]
    mentees = [m for m in young if m.user.email == "mentee2@ax.example.org"]
    mentees += rng.sample([m for m in young if m not in mentees], k=min(99, len(young) - 1))
    applied = []
    for member in mentors:
        applied.append(
            apply(
                cohort,
                member,
                "mentor",
                themes=rng.sample(themes, k=2),
                capacity=rng.choice([1, 2, 2, 3]),
                formats=["video"] + (["in_person"] if rng.random() < 0.5 else []),
                languages=member.languages or ["fr"],
                text=rng.choice(MENTOR_TEXTS),
            )
        )
    for member in mentees:
        applied.append(
            apply(
                cohort,
                member,
                "mentee",
                themes=rng.sample(themes, k=1),
                style=rng.choice(["classic", "classic", "peer"]),
                formats=["video"],
                languages=member.languages or ["fr"],
                target_sector=rng.choice(taxonomy.SECTORS)[0],
                text=rng.choice(MENTEE_TEXTS),
            )
        )
    # Most are screened; the last ten wait for the manager (and the mentee persona's too).
    for application in applied[:-10]:
        if application.member.user.email == "mentee2@ax.example.org":
            continue
        decision = "waitlisted" if rng.random() < 0.05 else "accepted"
        try:
            screen_application(application=application, manager=manager, decision=decision)
        except DomainError:
            continue
