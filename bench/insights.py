"""Dashboards at scale: programme health, network KPIs and the yearly report at 100,000 members
and 10,000 pairs, timed through the Django test client (view, queries and template).

    uv run python -m bench.insights --db sqlite|postgres [--members 100000] [--pairs 10000]

Target (issue 16): every dashboard ≤ 300 ms. The database is built once with bulk inserts from a
fixed seed (members, consenting mentors with themes, requests with their history, invitations,
pairs over three years with their meetings, flags, surveys and answers) and reused.

Figures (5 December 2026, 2 cores shared with three other agents, load average 6–9): "cold" is
the first request after the cache is cleared (the computation itself); then 20 requests served
from the 10-minute cache that the worker keeps fresh (``refresh_programme_trends``).

| page | SQLite cold | SQLite p50 / p95 | PostgreSQL cold | PostgreSQL p50 / p95 |
|---|---:|---:|---:|---:|
| programme health | 1,082 ms | 161 / 178 ms | 1,280 ms | 201 / 221 ms |
| network KPIs, 12 months | 462 ms | 22 / 36 ms | 521 ms | 40 / 44 ms |
| KPIs, a programme and a year | 258 ms | 31 / 39 ms | 220 ms | 40 / 46 ms |
| impact report | 376 ms | 20 / 25 ms | 272 ms | 29 / 33 ms |
| KPI export (XLSX) | 820 ms | 40 / 46 ms | 704 ms | 52 / 60 ms |

Served pages meet the 300 ms target; the first computations take 0.2–1.3 s (cached ten minutes,
refreshed ahead by the worker). Of the health page's first 1.3 s, 0.5 s is in PostgreSQL (the
free places per theme: 40,000 offer-theme rows, each with a correlated count of the mentor's
live pairs, 0.2 s of which JIT compilation takes 37 ms) and the rest in Python.

PostgreSQL right after the bulk load (``--rebuild --skip-analyze``): 4.8–8.7 s cold, all of it in
two queries. Without planner statistics PostgreSQL guesses 14 rows for ``status = 'held'`` (there
are 31,289) and ``status IN ('accepted', 'declined')``, so for each pair the correlated count of
held meetings ANDs the pair's index with the whole status index (``--plans``):

    SubPlan 1 (loops=2977)  -> BitmapAnd  (actual time=1.597..1.597 rows=0 loops=2977)
      -> Bitmap Index Scan on mentorships_meeting_mentorship_id  (rows=3 loops=2977)
      -> Bitmap Index Scan on mentorships_status_627f47_idx (status, starts_at)
           (cost=0.00..4.39 rows=14) (actual time=1.823..1.823 rows=31289 loops=2602)
    Execution Time: 4798 ms        (retention: meetings held per ended pair)

and the same for invitations answered per request (11,000 loops over the 8,000 answered
invitations, 3.7 s). After ``ANALYZE`` (1.2 s for the whole database) the same queries use the
pair's index alone with the status as a filter: the retention count takes 12 ms (was 4,798).
So: not a bad query but a missing ANALYZE — the bench now runs ``ANALYZE`` after building, as
autovacuum does within a minute or two of a bulk load in production (an operator loading data
by hand should run ``ANALYZE`` too).
Also from the plans: the model's ordering (``-created_at``) joined the ``SELECT DISTINCT`` of
mentors and mentees per programme and kept every row; those reads are now unordered.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from typing import Any

from bench import _django

BATCH = 5000


def _bulk(model: Any, objects: list[Any]) -> list[Any]:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def build(members: int, pairs: int, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from binome.accounts.models import User
    from binome.core.models import Network
    from binome.intake.models import MentoringRequest, MentorInvitation, RequestEvent
    from binome.members.models import Member, MentorOffer
    from binome.mentorships.models import Flag, Meeting, Mentorship
    from binome.programmes.models import Programme, StaffRole, Theme
    from binome.surveys.models import Answer, SurveyResponse, SurveyTemplate, Wave
    from binome.surveys.services import install_default_templates

    now = timezone.now()
    # Dates of the past are written as they were: no auto_now_add while building.
    for model, name in [
        (Mentorship, "created_at"),
        (MentoringRequest, "created_at"),
        (RequestEvent, "created_at"),
        (MentorInvitation, "sent_at"),
    ]:
        model._meta.get_field(name).auto_now_add = False  # type: ignore[attr-defined]

    def ago(days: float) -> datetime.datetime:
        return now - datetime.timedelta(days=days)

    with transaction.atomic():
        network = Network.objects.create(slug="bench", name="Bench")
        themes = _bulk(
            Theme,
            [
                Theme(network=network, code=f"t{i}", label_fr=f"Thème {i}", label_en=f"Theme {i}")
                for i in range(12)
            ],
        )
        on_demand = Programme.objects.create(
            network=network, slug="od", name="Accompagnement", kind="on_demand"
        )
        cohort = Programme.objects.create(network=network, slug="co", name="Cohorte", kind="cohort")
        for programme in (on_demand, cohort):
            programme.themes.set(themes)
            install_default_templates(programme=programme)
        users = _bulk(
            User,
            [
                User(email=f"m{i}@bench.example.org", password="!", language="fr")
                for i in range(members)
            ],
        )
        people = _bulk(
            Member,
            [
                Member(
                    network=network,
                    user=u,
                    first_name=f"Prénom{i}",
                    last_name=f"Nom{i}",
                    class_year=rng.randint(1975, 2024),
                )
                for i, u in enumerate(users)
            ],
        )
        people = list(Member.objects.filter(network=network).order_by("pk"))
        manager, admin = people[0], people[1]
        StaffRole.objects.create(
            network=network, member=manager, role="programme_manager", programme=on_demand
        )
        StaffRole.objects.create(network=network, member=admin, role="network_admin")
        mentors = people[2 : 2 + members // 5]
        mentees = people[2 + members // 5 :]
        offers = _bulk(
            MentorOffer,
            [
                MentorOffer(
                    member=m, network=network, consented_at=ago(900), capacity=rng.randint(1, 3)
                )
                for m in mentors
            ],
        )
        offers = list(MentorOffer.objects.filter(network=network).order_by("pk"))
        through: Any = MentorOffer.themes.through
        _bulk(
            through,
            [
                through(mentoroffer_id=o.pk, theme_id=t.pk)
                for o in offers
                for t in rng.sample(themes, k=rng.randint(1, 3))
            ],
        )
        Member.objects.filter(pk__in=[m.pk for m in mentors]).update(is_listed=True)

        # Requests of the on-demand programme: one per pair of it, plus open and closed ones.
        od_pairs = pairs * 4 // 5
        statuses = (
            ["matched"] * od_pairs
            + ["submitted", "in_intake", "shortlisting", "inviting"] * (pairs // 40)
            + ["withdrawn", "declined"] * (pairs // 10)
        )
        requests = []
        for i, status in enumerate(statuses):
            submitted = ago(rng.uniform(10, 1000) if status == "matched" else rng.uniform(1, 700))
            requests.append(
                MentoringRequest(
                    network=network,
                    programme=on_demand,
                    mentee=mentees[i % len(mentees)],
                    status=status,
                    situation="job_search",
                    question="Bench",
                    submitted_at=submitted,
                    created_at=submitted,
                    status_changed_at=submitted,
                )
            )
        _bulk(MentoringRequest, requests)
        requests = list(MentoringRequest.objects.filter(network=network).order_by("pk"))
        rthrough: Any = MentoringRequest.themes.through
        _bulk(
            rthrough,
            [
                rthrough(mentoringrequest_id=r.pk, theme_id=t.pk)
                for r in requests
                for t in rng.sample(themes, k=rng.randint(1, 2))
            ],
        )
        events = []
        for r in requests:
            assert r.submitted_at is not None
            at = r.submitted_at
            for status in ["submitted", "in_intake", "shortlisting", r.status]:
                events.append(RequestEvent(request=r, to_status=status, created_at=at))
                at += datetime.timedelta(days=rng.uniform(0.5, 6))
        _bulk(RequestEvent, events)

        # Pairs: the on-demand ones from their matched request, the cohort ones without.
        matched = [r for r in requests if r.status == "matched"]
        built = []
        for i in range(pairs):
            request = matched[i] if i < od_pairs else None
            created = (
                request.submitted_at + datetime.timedelta(days=rng.uniform(5, 40))
                if request and request.submitted_at
                else ago(rng.uniform(10, 1000))
            )
            age = (now - created).days
            status = "active"
            ended = None
            if age > 200 or rng.random() < 0.1:
                status = rng.choice(["completed"] * 4 + ["ended_early"])
                ended = created + datetime.timedelta(days=rng.uniform(30, min(age, 200) or 1))
            elif rng.random() < 0.05:
                status = rng.choice(["paused", "awaiting_charter"])
            built.append(
                Mentorship(
                    network=network,
                    programme=on_demand if request else cohort,
                    mentor=mentors[rng.randrange(len(mentors))],
                    mentee=request.mentee if request else mentees[-1 - i],
                    request=request,
                    status=status,
                    created_at=created,
                    started_at=created + datetime.timedelta(days=3),
                    ended_at=ended,
                    status_changed_at=ended or created,
                )
            )
        _bulk(Mentorship, built)
        built = list(Mentorship.objects.filter(network=network).order_by("pk"))
        _bulk(
            MentorInvitation,
            [
                MentorInvitation(
                    request_id=p.request_id,
                    mentor=p.mentor,
                    message="Bench",
                    status="accepted",
                    sent_at=p.created_at - datetime.timedelta(days=2),
                    expires_at=p.created_at + datetime.timedelta(days=5),
                    responded_at=p.created_at - datetime.timedelta(hours=rng.uniform(1, 48)),
                )
                for p in built
                if p.request_id
            ],
        )
        meetings = []
        for p in built:
            last = p.ended_at or now
            for n in range(rng.randint(0, 8)):
                starts = p.created_at + datetime.timedelta(days=7 + 21 * n)
                if starts < last:
                    meetings.append(
                        Meeting(mentorship=p, starts_at=starts, format="video", status="held")
                    )
        _bulk(Meeting, meetings)
        live = [p for p in built if p.ended_at is None]
        _bulk(
            Flag, [Flag(mentorship=p, kind="silent") for p in rng.sample(live, k=len(live) // 20)]
        )

        # End surveys of the pairs that ended, answered two times in three.
        templates = {
            (t.programme_id, t.moment): t
            for t in SurveyTemplate.objects.filter(network=network).prefetch_related("questions")
        }
        waves = {
            pid: Wave.objects.create(
                network=network, programme_id=pid, moment="end", opened_on=now.date()
            )
            for pid in (on_demand.pk, cohort.pk)
        }
        responses = []
        for p in built:
            if p.ended_at is None:
                continue
            for role, person in (("mentee", p.mentee), ("mentor", p.mentor)):
                answered = rng.random() < 0.66
                responses.append(
                    SurveyResponse(
                        network=network,
                        programme_id=p.programme_id,
                        wave=waves[p.programme_id],
                        template=templates[(p.programme_id, "end")],
                        mentorship=p,
                        respondent=person,
                        role=role,
                        moment="end",
                        sent_at=p.ended_at,
                        expires_at=p.ended_at + datetime.timedelta(days=30),
                        answered_at=p.ended_at + datetime.timedelta(days=2) if answered else None,
                    )
                )
        _bulk(SurveyResponse, responses)
        answers = []
        for r in SurveyResponse.objects.filter(network=network, answered_at__isnull=False):
            for q in templates[(r.programme_id, "end")].questions.all():
                if not q.asks(r.role):
                    continue
                if q.kind == "scale":
                    answers.append(Answer(response=r, question=q, number=rng.randint(2, 5)))
                elif q.kind == "nps":
                    answers.append(Answer(response=r, question=q, number=rng.randint(5, 10)))
                elif q.kind == "single":
                    answers.append(Answer(response=r, question=q, choice=rng.choice(q.choices)[0]))
        _bulk(Answer, answers)
    print(
        f"built: {members} members, {len(mentors)} mentors, {len(requests)} requests, "
        f"{len(built)} pairs, {len(meetings)} meetings, {len(responses)} surveys, "
        f"{len(answers)} answers"
    )


Query = tuple[float, str, Any]  # milliseconds, SQL, parameters


def _counter(queries: list[Query]) -> Any:
    def count(execute: Any, sql: str, params: Any, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, *args)
        finally:
            queries.append(((time.perf_counter() - started) * 1000, sql, params))

    return count


def analyze() -> None:
    """Planner statistics, as autovacuum gathers them a minute or so after a bulk load."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"ANALYZE in {time.perf_counter() - started:.1f} s")


def explain(query: Query) -> None:
    """The plan PostgreSQL chose for a query, with its real rows and timings."""
    from django.db import connection

    milliseconds, sql, params = query
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print(f"    slowest query ({milliseconds:.0f} ms): {sql[:160]}…")
    for line in plan[:40]:
        print(f"      {line}")


def run(
    kind: str,
    members: int,
    pairs: int,
    repeats: int,
    *,
    rebuild: bool = False,
    skip_analyze: bool = False,
    plans: bool = False,
) -> None:
    name = f"insights_{members}_{pairs}"
    if rebuild:
        _django.drop(kind, name)
    _django.setup(kind, name)
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from binome.core.models import Network
    from binome.members.models import Member
    from binome.programmes.models import Programme

    settings.ALLOWED_HOSTS = ["*"]
    settings.BINOME_STAFF_MFA_REQUIRED = False
    if not Network.objects.filter(slug="bench").exists():
        started = time.perf_counter()
        build(members, pairs, random.Random(16))
        print(f"built in {time.perf_counter() - started:.0f} s")
        if not skip_analyze:
            analyze()
    network = Network.objects.get(slug="bench")
    people = Member.objects.filter(network=network).order_by("pk").select_related("user")
    manager, admin = people[0], people[1]
    programme = Programme.objects.get(network=network, slug="od")
    year = datetime.date.today().year
    pages = [
        ("programme health", manager, reverse("programme_health", args=["bench", programme.pk])),
        ("network KPIs (12 months)", admin, reverse("network_kpis", args=["bench"])),
        (
            "network KPIs (a programme, a year)",
            admin,
            reverse("network_kpis", args=["bench"]) + f"?programme={programme.pk}&period={year}",
        ),
        (f"impact report {year - 1}", admin, reverse("impact_report", args=["bench", year - 1])),
        ("KPI export (XLSX)", admin, reverse("kpi_export", args=["bench", "xlsx"])),
    ]
    print(f"{kind}: {people.count()} members, {pairs} pairs; {repeats} requests per page")
    for label, who, url in pages:
        client = Client()
        client.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
        cache.clear()
        started = time.perf_counter()
        queries: list[Query] = []
        # request_started resets Django's own query log: count through a wrapper
        with connection.execute_wrapper(_counter(queries)):
            assert client.get(url).status_code == 200, url
        cold = (time.perf_counter() - started) * 1000
        timings = []
        for _n in range(repeats):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        print(
            f"  {label}: cold {cold:.0f} ms, then p50 {_django.percentile(timings, 0.5):.0f} ms, "
            f"p95 {_django.percentile(timings, 0.95):.0f} ms, max {max(timings):.0f} ms, "
            f"{len(queries)} queries ({sum(q[0] for q in queries):.0f} ms in the database; "
            f"target ≤ 300 ms)"
        )
        if plans and kind == "postgres":
            explain(max(queries, key=lambda q: q[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="drop the database and build anew")
    parser.add_argument(
        "--skip-analyze",
        action="store_true",
        help="after building, leave PostgreSQL without planner statistics (as before autovacuum)",
    )
    parser.add_argument(
        "--plans", action="store_true", help="PostgreSQL: EXPLAIN ANALYZE each page's slowest query"
    )
    args = parser.parse_args()
    run(
        args.db,
        args.members,
        args.pairs,
        args.repeats,
        rebuild=args.rebuild,
        skip_analyze=args.skip_analyze,
        plans=args.plans,
    )


if __name__ == "__main__":
    main()
