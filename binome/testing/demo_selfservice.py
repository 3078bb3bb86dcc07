"""Demo data for self-service (issue 17): direct requests open in the on-demand programme, some
mentors taking them, flash slots next week, a speed-mentoring evening with its rotation built.
Everything goes through the services a person uses."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from binome.events.services import events, rotation
from binome.flash.services import direct, slots
from binome.members.models import Member, MentorOffer
from binome.programmes.models import Programme, StaffRole


def build_self_service(
    programmes: list[Programme], members: list[Member], rng: random.Random
) -> None:
    by_kind = {p.kind: p for p in programmes}
    on_demand, flash, speed = by_kind["on_demand"], by_kind.get("flash"), by_kind.get("speed")
    manager = next(m for m in members if m.user.email == "manager@ax.example.org")
    direct.save_policy(
        programme=on_demand,
        actor=None,
        is_open=True,
        needs_approval=False,
        per_member_per_month=3,
        per_mentor_per_month=2,
    )
    listed = [m for m in members if m.is_listed]
    takers = {m.pk for m in listed if rng.random() < 0.3}
    takers |= {m.pk for m in listed if m.user.email.startswith("mentor")}
    MentorOffer.objects.filter(member_id__in=takers).update(accepts_direct_requests=True)
    next_week = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    if flash is not None:
        StaffRole.objects.create(
            network=flash.network, member=manager, role="programme_manager", programme=flash
        )
        personas = [m for m in listed if m.user.email.startswith("mentor")]
        others = [m for m in listed if m not in personas]
        givers = personas + rng.sample(others, min(10, len(others)))
        for number, mentor in enumerate(givers):
            for day in range(2):
                slots.offer_slot(
                    mentor=mentor,
                    programme=flash,
                    starts_at=next_week + datetime.timedelta(days=day, hours=number % 3),
                    duration_minutes=rng.choice([30, 45, 60]),
                    format=rng.choice(["video", "phone", "in_person"]),
                    language="fr",
                    themes=list(mentor.mentor_offer.themes.all()[:2]),
                )
    if speed is not None:
        StaffRole.objects.create(
            network=speed.network, member=manager, role="programme_manager", programme=speed
        )
        event = events.create_event(
            programme=speed,
            actor=None,
            name="Soirée speed-mentoring de printemps",
            starts_at=next_week + datetime.timedelta(days=7, hours=1),
            place="Maison des Polytechniciens, Paris",
            rounds=6,
            round_minutes=8,
            break_minutes=2,
            table_size=None,
        )
        seniors = [m for m in listed if not m.user.email.startswith("mentee")]
        juniors = [m for m in members if not m.is_listed and (m.class_year or 0) >= 2015]
        for mentor in rng.sample(seniors, min(12, len(seniors))):
            events.register(event=event, member=mentor, role="mentor", themes=[], by_staff=True)
        for mentee in rng.sample(juniors, min(24, len(juniors))):
            events.register(event=event, member=mentee, role="mentee", themes=[])
        rotation.build_rotation(event=event, actor=None)
