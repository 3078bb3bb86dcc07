"""Speed-mentoring rotation, end to end: 60 mentors × 120 mentees × 6 rounds ≤ 2 s.

    uv run --no-sync python -m bench.events --db sqlite|postgres [--mentors 60] [--mentees 120]
        [--rounds 6] [--repeats 5]

Times the manager's "Build the rotation" from the event page: the POST through the test client
(login, access check, the service loading registrations and profiles, the engine's
``speed_rounds``, the seats' bulk insert, the redirect), and the service call alone. The
network and its registrants are built once per database (fixed seed) and reused.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time

from bench import _django

SECTORS = ["energy", "finance", "consulting", "software", "health", "public", "industry"]


def build(mentors: int, mentees: int, rounds: int) -> int:
    from django.utils import timezone

    from binome.events.models import SpeedEvent
    from binome.events.services import events
    from binome.programmes.models import StaffRole
    from binome.testing.factories import (
        MemberFactory,
        NetworkFactory,
        ProgrammeFactory,
        ThemeFactory,
        UserFactory,
        grant,
    )

    name = f"Soirée {mentors}x{mentees}x{rounds}"
    existing = SpeedEvent.objects.filter(name=name).first()
    if existing is not None:
        return existing.pk
    rng = random.Random(17)
    network = NetworkFactory(slug="bench-speed", name="Bench speed")
    themes = [ThemeFactory(network=network, code=f"t{i}") for i in range(8)]
    programme = ProgrammeFactory.create(network=network, slug="speed", kind="speed")
    manager = MemberFactory.create(network=network, user=UserFactory(email="manager@bench.example"))
    grant(manager, StaffRole.Role.PROGRAMME_MANAGER, programme)
    event = events.create_event(
        programme=programme,
        actor=None,
        name=name,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="",
        rounds=rounds,
        round_minutes=8,
        break_minutes=2,
        table_size=None,
    )
    for role, count in (("mentor", mentors), ("mentee", mentees)):
        for i in range(count):
            member = MemberFactory.create(
                network=network,
                user=UserFactory(email=f"{role}{i}@bench.example"),
                employer=f"Employer {rng.randrange(40)}",
                sector=rng.choice(SECTORS),
                class_year=rng.randrange(1985, 2005) if role == "mentor" else 2020,
            )
            events.register(
                event=event,
                member=member,
                role=role,
                themes=rng.sample(themes, 2),
                by_staff=True,
            )
    return event.pk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--mentors", type=int, default=60)
    parser.add_argument("--mentees", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    _django.setup(args.db, "speed_events")
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from binome.events.models import Seat, SpeedEvent
    from binome.events.services import rotation
    from binome.members.models import Member

    settings.ALLOWED_HOSTS = ["*"]
    settings.BINOME_STAFF_MFA_REQUIRED = False
    event = SpeedEvent.objects.get(pk=build(args.mentors, args.mentees, args.rounds))
    manager = Member.objects.get(user__email="manager@bench.example")
    client = Client()
    client.force_login(manager.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("event_step", args=[event.network.slug, event.pk])
    page, service = [], []
    for _ in range(args.repeats):
        started = time.perf_counter()
        response = client.post(url, {"step": "build"})
        page.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
        started = time.perf_counter()
        rotation.build_rotation(event=event, actor=None)
        service.append(time.perf_counter() - started)
    seats = Seat.objects.filter(event=event).count()
    idle = args.mentees * args.rounds - seats
    print(
        f"{args.db}: {args.mentors} mentors × {args.mentees} mentees × {args.rounds} rounds → "
        f"{seats} meetings, {idle} idle mentee-rounds"
    )
    print(
        f"  page POST (end to end): median {statistics.median(page):.2f} s, "
        f"max {max(page):.2f} s (target ≤ 2 s)"
    )
    print(f"  service alone: median {statistics.median(service):.2f} s, max {max(service):.2f} s")


if __name__ == "__main__":
    main()
