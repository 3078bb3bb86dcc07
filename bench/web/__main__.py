"""Web speed under load: gunicorn + PostgreSQL, N logged-in users replaying member and manager
pages.

    uv run python -m bench.web build [--members 100000]   # once (about 20 min at 100,000)
    uv run python -m bench.web run --users 10 [--seconds 60] [--workers 4]

The database (``binome_bench`` on the local PostgreSQL, ``BINOME_BENCH_PG_URL`` to change it)
holds the demo at N members plus 240 open requests and 600 live pairs in the on-demand programme.
Each simulated user has a real session and replays its pages back to back, with no think time;
queries per page are counted once per page, in process, before the run.
Targets (issue 14): p95 ≤ 200 ms at 10 users and ≤ 1 s at 50; ≤ 15 queries per page; 0 errors.
The load generator shares the machine with gunicorn and PostgreSQL: on 2 shared cores the
figures are noisy and pessimistic.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections import defaultdict
from pathlib import Path

from bench import _django

DB = "binome_bench"


def count_queries(users: list) -> dict[str, int]:  # type: ignore[type-arg]
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts: dict[str, int] = {}
    for user in users:
        client = Client(HTTP_ACCEPT_LANGUAGE="fr")
        client.cookies[settings.SESSION_COOKIE_NAME] = user.session_key
        for page, path in user.pages:
            if page in counts:
                continue
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
            if status != 200:
                print(f"queries: {page} {path} answered {status}")
            counts[page] = len(queries)
    return counts


def report(results, queries: dict[str, int], users: int, seconds: float) -> dict:  # type: ignore[no-untyped-def]
    per_page: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for sample in results.samples:
        per_page[sample.page].append(sample)
    rows = []
    for page in sorted(per_page):
        samples = per_page[page]
        times = [s.seconds * 1000 for s in samples]
        errors = sum(1 for s in samples if s.status != 200)
        rows.append(
            {
                "page": page,
                "n": len(samples),
                "p50": _django.percentile(times, 0.5),
                "p95": _django.percentile(times, 0.95),
                "p99": _django.percentile(times, 0.99),
                "queries": queries.get(page),
                "errors": errors,
            }
        )
    every = [s.seconds * 1000 for s in results.samples]
    summary = {
        "users": users,
        "requests": len(every),
        "per_second": round(len(every) / seconds, 1),
        "p50": _django.percentile(every, 0.5),
        "p95": _django.percentile(every, 0.95),
        "p99": _django.percentile(every, 0.99),
        "errors": sum(r["errors"] for r in rows),
        "max_queries": max(q for q in queries.values()),
    }
    head = ("page", "n", "p50 ms", "p95 ms", "p99 ms", "queries", "errors")
    print(f"{head[0]:<18} " + " ".join(f"{h:>8}" for h in head[1:]))
    for r in rows:
        print(
            f"{r['page']:<18} {r['n']:>8} {r['p50']:>8.0f} {r['p95']:>8.0f} {r['p99']:>8.0f}"
            f" {r['queries'] if r['queries'] is not None else '-':>8} {r['errors']:>7}"
        )
    print(
        f"{'all':<18} {summary['requests']:>8} {summary['p50']:>8.0f} {summary['p95']:>8.0f}"
        f" {summary['p99']:>8.0f} {summary['max_queries']:>8} {summary['errors']:>7}"
    )
    print(f"{users} users, {seconds:.0f} s: {summary['per_second']} requests/s")
    return {"summary": summary, "pages": rows}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.web")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build")
    build.add_argument("--members", type=int, default=100_000)
    run = sub.add_parser("run")
    run.add_argument("--users", type=int, default=10)
    run.add_argument("--seconds", type=float, default=60)
    run.add_argument("--workers", type=int, default=4)
    run.add_argument("--port", type=int, default=8190)
    args = parser.parse_args()
    if args.command == "build":
        from bench.web.volume import build as build_database

        build_database(DB, args.members)
        return
    # As the server runs: staff pages without the TOTP step (the demo's setting).
    os.environ["BINOME_STAFF_MFA_REQUIRED"] = "0"
    _django.setup("postgres", DB)
    from bench.web import load, plan

    users = plan.build(args.users, random.Random(2026))
    queries = count_queries(users)
    server = load.start_server(_django.database_url("postgres", DB), args.port, args.workers)
    try:
        problems = load.warm_up(users, args.port)
        for problem in problems:
            print("warm-up:", problem)
        results = load.run(users, args.port, args.seconds)
    finally:
        load.stop_server(server)
    figures = report(results, queries, args.users, args.seconds)
    out = Path(_django.ROOT) / "var" / "bench" / f"web-{args.users}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
