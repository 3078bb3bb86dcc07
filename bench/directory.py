"""Directory benchmarks: search latency at 100,000 members, import of 100,000 rows.

    uv run python -m bench.directory search --db sqlite|postgres [--members 100000]
    uv run python -m bench.directory import --db sqlite|postgres [--rows 100000]

Targets: search p95 ≤ 150 ms (issue #2); import (issue #13): validate 100,000 rows ≤ 10 s, apply
≤ 30 s, peak memory reported.
The search database is built once (demo generator, fixed seed) and reused.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from bench import _django


def run_search(kind: str, members: int, repeats: int) -> None:
    _django.setup(kind, f"directory_{members}")
    from binome.core.models import Network
    from binome.members.models import Member
    from binome.members.selectors import DirectoryQuery, search_directory
    from binome.programmes.models import Theme
    from binome.testing.demo import build_demo

    if not Network.objects.filter(slug="ax").exists():
        started = time.perf_counter()
        build_demo(members=members, mentors=members // 5)
        print(f"built {members} members in {time.perf_counter() - started:.0f} s")
    network = Network.objects.get(slug="ax")
    theme_ids = list(Theme.objects.filter(network=network).values_list("pk", flat=True))
    listed = Member.objects.filter(network=network, is_listed=True).count()
    print(f"{kind}: {Member.objects.filter(network=network).count()} members, {listed} listed")
    rng = random.Random(7)
    words = [
        "energie",
        "photovoltaique",
        "banque",
        "start",
        "strategie",
        "python",
        "paris",
        "data",
        "conseil",
        "recherche",
        "martin",
        "lyon",
    ]
    queries = [
        DirectoryQuery(),
        DirectoryQuery(text="energie"),
        DirectoryQuery(text="photovoltaïque start-up"),
        DirectoryQuery(sector="energy", language="en"),
        DirectoryQuery(theme=theme_ids[0], has_free_capacity=True),
        DirectoryQuery(text="conseil", country="FR", class_year_min=1990, class_year_max=2005),
        DirectoryQuery(function="data", language="de"),
    ]
    timings: list[float] = []
    for i in range(repeats):
        query = (
            queries[i % len(queries)]
            if i < 3 * len(queries)
            else DirectoryQuery(
                text=rng.choice(words) if rng.random() < 0.6 else "",
                sector=rng.choice(["", "energy", "banking", "software"]),
                language=rng.choice(["", "", "en", "de"]),
                theme=rng.choice([None, None, *theme_ids]),
                has_free_capacity=rng.random() < 0.3,
            )
        )
        page = 1 if rng.random() < 0.8 else rng.randint(2, 30)
        started = time.perf_counter()
        result = search_directory(network, query, page=page)
        list(result.object_list)
        result.paginator.count  # noqa: B018 - the count query is part of the page
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"search over {repeats} queries: p50 {_django.percentile(timings, 0.5):.1f} ms, "
        f"p95 {_django.percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms "
        f"(target p95 ≤ 150 ms)"
    )


def run_import(kind: str, rows: int, db_name: str = "") -> None:
    stamp = int(time.time())
    _django.setup(kind, db_name or f"import_{rows}_{stamp}")
    from binome.accounts.models import User
    from binome.core.models import Network
    from binome.members import import_services
    from binome.members.models import ImportBatch

    network = Network.objects.create(slug=f"bench-{stamp}", name="Bench")
    admin = User.objects.create_user(f"admin-{stamp}@bench.example.org")
    path = _write_import_file(rows, stamp)
    size = path.stat().st_size
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with path.open("rb") as source:
        batch = import_services.start_import(
            network=network, actor=admin, filename="bench.csv", data=source
        )
    parsed = time.perf_counter()
    import_services.submit_mapping(batch=batch, mapping=batch.mapping)
    import_services.run_validation(batch.pk)
    checked = time.perf_counter()
    batch.refresh_from_db()
    assert batch.error_rows == 0, list(batch.issues.all()[:3])
    import_services.confirm_import(batch=batch, actor=admin, accept_warnings=True)
    import_services.run_apply(batch.pk)
    done = time.perf_counter()
    batch = ImportBatch.objects.get(pk=batch.pk)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{kind}: import of {rows} rows ({size / 1e6:.1f} MB, French Excel CSV): "
        f"upload+parse {parsed - started:.1f} s, validate {checked - parsed:.1f} s "
        f"(target ≤ 10 s), apply {done - checked:.1f} s (target ≤ 30 s), total "
        f"{done - started:.1f} s; created {batch.created_count}, {batch.warning_rows} rows with "
        f"a sector kept as written; peak RSS {peak / 1024:.0f} MiB "
        f"(+{(peak - rss_before) / 1024:.0f} MiB)"
    )


def _write_import_file(rows: int, stamp: int) -> Path:
    """A French Excel export (BOM, ';', CRLF, Windows line ends) in the forms alumni write."""
    rng = random.Random(3)
    years = ["X{}", "X{:02d}", "'{:02d}", "P{}", "{}.0", "{}"]
    sectors = ["Énergie", "Banque et finance", "Numérique", "conseil", "Licornes", ""]
    countries = ["France", "FR", "Suède", "Côte d'Ivoire", "Royaume-Uni", "US", "Belgique"]
    path = _django.ROOT / "var" / "bench" / f"import_{rows}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(
            "Nom;Prénom;E-mail;Promotion;Secteur d'activité;Langues;Pays;Ville;Poste actuel;"
            "Entreprise;Téléphone;LinkedIn\r\n"
        )
        for i in range(rows):
            year = rng.randint(1960, 2024)
            form = rng.choice(years)
            written = form.format(year % 100 if "02d" in form else year)
            out.write(
                f"Nom{i};Prénom{i};member{i}-{stamp}@bench.example.org;{written};"
                f"{rng.choice(sectors)};fr, en;{rng.choice(countries)};Paris;Ingénieur;"
                f"Société {i % 500};+33 6 12 34 {i % 100:02d} {i % 97:02d};"
                f"linkedin.com/in/member-{i}\r\n"
            )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=["search", "import"])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--db-name", default="", help="an existing database to reuse (import)")
    args = parser.parse_args()
    if args.what == "search":
        run_search(args.db, args.members, args.repeats)
    else:
        run_import(args.db, args.rows, args.db_name)


if __name__ == "__main__":
    main()
