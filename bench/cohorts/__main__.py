"""A cohort matching run end to end: 10,000 mentees × 4,000 mentors in the database, the run's
task (load the accepted applications, call the engine, store pairs and reasons), timed apart.

    uv run --no-sync python -m bench.cohorts --db postgres|sqlite [--mentees 10000] [--mentors 4000]
        [--mode optimal|fair] [--repeat 1]

Target (issue 15): ≤ 10 s end to end on 2 cores, peak ≤ 2 GiB. The database is built once from
the engine's synthetic market (binome_engine.synthetic.market, the M instance of bench.engine)
with bulk inserts — members with their profiles, consenting mentors, accepted applications with
their themes — and reused. Each measure runs in a fresh process (its peak memory is the run's):
a run is launched through the service and executed as the worker would (execute_run).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any

from bench import _django

BATCH = 5000


def name(mentees: int, mentors: int) -> str:
    return f"bench_cohort_{mentees}_{mentors}"


def build(mentees: int, mentors: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from binome.accounts.models import User
    from binome.cohorts.models import Application, Cohort
    from binome.core.models import Network
    from binome.members.models import Member, MentorOffer
    from binome.programmes.models import Programme, StaffRole, Theme
    from binome_engine import taxonomy
    from binome_engine.synthetic import market

    if Network.objects.filter(slug="bench").exists():
        return
    profiles, requests = market(mentees, mentors)
    now, today = timezone.now(), timezone.localdate()
    with transaction.atomic():
        network = Network.objects.create(slug="bench", name="Bench")
        themes = {
            code: theme
            for code, theme in zip(
                [c for c, _f, _e in taxonomy.THEMES],
                Theme.objects.bulk_create(
                    Theme(network=network, code=code, label_fr=fr, label_en=en)
                    for code, fr, en in taxonomy.THEMES
                ),
                strict=True,
            )
        }
        programme = Programme.objects.create(
            network=network, slug="cohorte", name="Cohorte", kind="cohort"
        )
        cohort = Cohort.objects.create(
            network=network,
            programme=programme,
            name="bench",
            mentors_open_on=today,
            mentors_close_on=today,
            mentees_open_on=today,
            mentees_close_on=today,
            styles=["classic", "peer", "reverse"],
            formats=["in_person", "video", "phone"],
            status="matching",
        )
        people = [*profiles, *requests]
        users = User.objects.bulk_create(
            (User(email=f"p{i}@bench.example.org", password="!") for i in range(len(people) + 1)),
            batch_size=BATCH,
        )
        members = Member.objects.bulk_create(
            (
                Member(
                    network=network,
                    user=user,
                    first_name=f"P{i}",
                    last_name="Bench",
                    sector=person.sector,
                    function=person.function,
                    languages=list(person.languages),
                    country=person.country[:2],
                    years_of_experience=person.years_experience,
                    employer=person.employer,
                    bio=getattr(person, "bio", ""),
                    is_listed=i < len(profiles),
                )
                for i, (user, person) in enumerate(zip(users, people, strict=False))
            ),
            batch_size=BATCH,
        )
        manager = Member.objects.create(
            network=network, user=users[-1], first_name="Manager", last_name="Bench"
        )
        StaffRole.objects.create(
            network=network, member=manager, role="programme_manager", programme=programme
        )
        MentorOffer.objects.bulk_create(
            (
                MentorOffer(
                    member=member,
                    network=network,
                    consented_at=now,
                    capacity=min(10, profile.capacity),
                    formats=sorted(profile.formats),
                    paused_until=today if profile.is_paused else None,
                )
                for member, profile in zip(members, profiles, strict=False)
            ),
            batch_size=BATCH,
        )
        applications = Application.objects.bulk_create(
            (
                Application(
                    network=network,
                    cohort=cohort,
                    member=member,
                    role="mentor" if i < len(profiles) else "mentee",
                    status="accepted",
                    style=getattr(person, "style", "classic"),
                    formats=sorted(person.formats),
                    languages=list(person.languages),
                    target_sector=getattr(person, "target_sector", ""),
                    capacity=min(10, getattr(person, "capacity", 1)),
                    text=getattr(person, "text", "") or getattr(person, "bio", ""),
                )
                for i, (member, person) in enumerate(zip(members, people, strict=True))
            ),
            batch_size=BATCH,
        )
        Through = Application.themes.through
        Through.objects.bulk_create(
            (
                Through(application_id=application.pk, theme_id=themes[code].pk)
                for application, person in zip(applications, people, strict=True)
                for code in person.themes
            ),
            batch_size=BATCH,
        )


def measure(mode: str) -> dict[str, Any]:
    import resource

    from binome.cohorts.models import Cohort, MatchingRun
    from binome.cohorts.services.runs import execute_run, launch_run
    from binome.members.models import Member

    cohort = Cohort.objects.get(network__slug="bench")
    manager = Member.objects.get(network__slug="bench", first_name="Manager")
    MatchingRun.objects.filter(cohort=cohort).delete()
    run = launch_run(cohort=cohort, manager=manager, mode=mode)
    start = time.perf_counter()
    execute_run(run_id=run.pk)
    wall = time.perf_counter() - start
    run.refresh_from_db()
    return {
        "status": run.status,
        "failure": run.failure,
        "mentees": run.mentees_count,
        "mentors": run.mentors_count,
        "places": run.places_count,
        "matched": run.matched_count,
        "unmatched": run.unmatched_count,
        "gap": run.certificate.get("gap"),
        "load_s": run.load_seconds,
        "solve_s": run.solve_seconds,
        "store_s": run.store_seconds,
        "end_to_end_s": round(wall, 3),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=4_000)
    parser.add_argument("--mode", choices=["optimal", "fair"], default="optimal")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    _django.setup(args.db, name(args.mentees, args.mentors))
    if args.measure_only:
        print(json.dumps(measure(args.mode)))
        return
    started = time.perf_counter()
    build(args.mentees, args.mentors)
    print(f"database ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    for _i in range(args.repeat):
        # A fresh process per measure: its peak memory is the run's, not the build's.
        out = subprocess.run(
            [sys.executable, "-m", "bench.cohorts", *sys.argv[1:], "--measure-only"],
            check=True,
            capture_output=True,
            text=True,
        )
        print(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
