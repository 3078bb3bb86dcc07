"""A demo cohort taking applications: mentors and mentees applied, most already screened.

Made through the services a person uses, so the demo's cohort is one a manager could have run.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from binome.cohorts.models import Application, Cohort
from binome.cohorts.services.applications import screen_application
from binome.cohorts.services.cohorts import SETTINGS, save_cohort
from binome.core.errors import DomainError
from binome.members.models import Member, MentorOffer
from binome.programmes.models import Programme, StaffRole
from binome.testing.cohorts import accept_all, apply, open_cohort, run_now
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
    """Last year's cohort of ``programme`` with a finished run waiting for review (25 mentors,
    50 mentees), and this year's open cohort: up to 40 mentors and 100 mentees applied."""
    manager = next(m for m in members if m.user.email == "manager@ax.example.org")
    StaffRole.objects.create(
        network=programme.network,
        member=manager,
        role=StaffRole.Role.PROGRAMME_MANAGER,
        programme=programme,
    )
    build_reviewed_cohort(programme, members, manager, rng)
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
    applied = _apply_all(cohort, mentors, mentees, themes, rng)
    # Most are screened; the last ten wait for the manager (and the mentee persona's too).
    for application in applied[:-10]:
        if application.member.user.email == "mentee2@ax.example.org":
            continue
        decision = "waitlisted" if rng.random() < 0.05 else "accepted"
        try:
            screen_application(application=application, manager=manager, decision=decision)
        except DomainError:
            continue


def build_reviewed_cohort(
    programme: Programme, members: list[Member], manager: Member, rng: random.Random
) -> Cohort:
    """Last year's cohort: applications accepted, matching started, one run done (the
    programme's weights: text lighter, sector heavier) and not yet published — the manager
    reviews it, adjusts a pair, compares, exports, publishes."""
    today = timezone.localdate()
    cohort = open_cohort(programme, actor=manager.user, name="2025–2026")
    themes = list(programme.themes.all())
    listed = set(
        MentorOffer.objects.filter(member__network=programme.network, withdrawn_at__isnull=True)
        .exclude(consented_at=None)
        .values_list("member_id", flat=True)
    )
    mentors = [m for m in members if m.pk in listed][:25]
    young = [
        m
        for m in members
        if m.pk not in listed
        and (m.class_year or 0) >= 2015
        and m.user.email != "mentee2@ax.example.org"
    ]
    mentees = rng.sample(young, k=min(50, len(young)))
    _apply_all(cohort, mentors, mentees, themes, rng)
    accept_all(cohort, manager)
    last_year = today - datetime.timedelta(days=365)
    dates = {
        "mentors_open_on": last_year - datetime.timedelta(days=60),
        "mentors_close_on": last_year - datetime.timedelta(days=30),
        "mentees_open_on": last_year - datetime.timedelta(days=45),
        "mentees_close_on": last_year,
    }
    save_cohort(
        programme=programme,
        actor=manager.user,
        data={**{name: getattr(cohort, name) for name in SETTINGS}, **dates},
        cohort=cohort,
    )
    run_now(cohort, manager, weights={"text": 25, "sector": 20})
    return cohort


def _apply_all(
    cohort: Cohort,
    mentors: list[Member],
    mentees: list[Member],
    themes: list[Any],
    rng: random.Random,
) -> list[Application]:
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
    return applied
