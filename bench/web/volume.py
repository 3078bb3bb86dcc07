"""The benchmark's database: demo data at N members plus a programme's worth of activity.

The demo builds a handful of requests and pairs (enough to show every step); pages that list
them only show their per-row costs with volume, so the benchmark adds open requests at every
step of the on-demand flow and live pairs, through the same services a person uses.
"""

from __future__ import annotations

import random
import time

from bench import _django

REQUESTS = 240  # open requests in the on-demand programme (AX: a few hundred a year)
PAIRS = 600  # live pairs in it (DESIGN §6: 1,500+ active pairs per installation)


def build(db_name: str, members: int) -> None:
    _django.setup("postgres", db_name)
    from django.core.management import call_command

    from binome.core.models import Network
    from binome.testing.demo import build_demo

    call_command("createcachetable", verbosity=0)
    if not Network.objects.filter(slug="ax").exists():
        started = time.perf_counter()
        build_demo(members=members, mentors=members // 5)
        print(f"{db_name}: demo data at {members} members in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    added = add_activity()
    print(f"{db_name}: {added} in {time.perf_counter() - started:.0f} s")


def add_activity() -> str:
    from binome.intake.models import MentoringRequest
    from binome.members.models import Member
    from binome.mentorships.models import Mentorship
    from binome.programmes.models import Programme, StaffRole

    programme = Programme.objects.get(network__slug="ax", kind="on_demand")
    if MentoringRequest.objects.filter(programme=programme).count() >= REQUESTS:
        return "activity already there"
    manager = StaffRole.objects.filter(programme=programme).select_related("member").first()
    assert manager is not None
    rng = random.Random(14)
    people = list(
        Member.objects.filter(network=programme.network)
        .exclude(user__email__endswith="@ax.example.org")
        .select_related("user")
        .order_by("pk")
    )
    mentors = [m for m in people if m.is_listed]
    busy = set(Mentorship.objects.values_list("mentee_id", flat=True))
    busy |= set(MentoringRequest.objects.values_list("mentee_id", flat=True))
    mentees = [m for m in people if not m.is_listed and m.pk not in busy]
    rng.shuffle(mentors)
    rng.shuffle(mentees)
    _requests(programme, manager.member, mentees[:REQUESTS], mentors, rng)
    _pairs(programme, mentees[REQUESTS : REQUESTS + PAIRS], mentors[:PAIRS])
    return f"{REQUESTS} open requests and {PAIRS} live pairs added"


def _requests(programme, manager, mentees, mentors, rng) -> None:  # type: ignore[no-untyped-def]
    from binome.intake.services import intake
    from binome.testing import scenarios

    for number, mentee in enumerate(mentees):
        step = number % 4
        common = {
            "mentee": mentee,
            "programme": programme,
            "question": "Je cherche un regard extérieur sur ma reconversion.",
            "consent": True,
        }
        if step == 0:
            scenarios.submitted_request(**common)
        elif step == 1:
            request = scenarios.submitted_request(**common)
            intake.take_request(request=request, manager=manager)
        else:
            # Awaiting the mentee's choice: ranked (waiting on the manager) or not.
            scenarios.published_shortlist(
                manager=manager, mentors=rng.sample(mentors, 3), rank=step == 3, **common
            )


def _pairs(programme, mentees, mentors) -> None:  # type: ignore[no-untyped-def]
    from binome.mentorships.services import charter, create_mentorship

    for mentee, mentor in zip(mentees, mentors, strict=False):
        pair = create_mentorship(
            programme=programme, mentor=mentor, mentee=mentee, actor=None, send_introduction=False
        )
        charter.sign_charter(mentorship=pair, member=mentor)
        charter.sign_charter(mentorship=pair, member=mentee)
