"""Command line: ``python -m binome_engine shortlist|assign|speed|generate …``.

Reads members and requests from CSV or JSON (columns in README.md), writes JSON (stdout or
``--out x.json``) or CSV (``--out x.csv``); ``speed`` can also write a printable ``.txt``.
A bad input stops the command before anything is written: ``error: file, row, column: why``
on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from binome_engine import io
from binome_engine.cohort import CohortOptions, assign, assign_fair, assign_stable
from binome_engine.index import MentorIndex
from binome_engine.model import (
    Assignment,
    HardConstraints,
    MenteeRequest,
    MentorProfile,
    SeniorityRules,
    Weights,
)
from binome_engine.shortlist import shortlist
from binome_engine.speed import speed_rounds
from binome_engine.synthetic import market
from binome_engine.validation import InvalidInput


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except InvalidInput as error:  # found by the engine after reading (pins, counts asked)
        print(f"error: {_located(error, args)}", file=sys.stderr)
    except (ValueError, OSError) as error:  # io's errors name the file, row and column
        print(f"error: {error}", file=sys.stderr)
    return 2


def _located(error: InvalidInput, args: argparse.Namespace) -> str:
    """The engine's error at its place: a file (and row) or the option that set the value."""
    files = {
        "mentor": getattr(args, "mentors", None),
        "request": getattr(args, "requests", None),
        "settings": getattr(args, "settings", None),
    }
    path = files.get(error.record)
    if path is None:
        option = "--" + error.field.replace("_", "-")
        return f"{option}: {error.why} (value {error.value!r})"
    row = "" if error.position is None else f", row {error.position + 1}"
    return f"{path}{row}, {error.field}: {error.why} (value {error.value!r})"


def _columns(cls: type) -> str:
    return ", ".join(f.name for f in dataclasses.fields(cls))


EPILOG = "\n\n".join(
    textwrap.fill(text, 92, subsequent_indent="  ")
    for text in (
        f"Mentor columns (CSV header or JSON keys): {_columns(MentorProfile)}.",
        f"Request columns: {_columns(MenteeRequest)}.",
        "Lists (languages, skills, themes, formats) are separated by ';' in CSV; languages in "
        "order of preference; formats among in_person, video, phone; style among classic, "
        "peer, reverse; is_paused (or paused) yes/no, oui/non, true/false, 1/0; utc_offset "
        "from -14 to 14, years_experience 0 to 150, capacity (free places) 0 or more, "
        "responsiveness 0 to 1 (0,8 or 0.8); ids unique in each file. Missing "
        "columns take their defaults; rows are counted from 1 after the header.",
        f"Settings (--settings, a JSON object): {', '.join(io.SETTINGS_KEYS)}. weights: "
        f"{_columns(Weights)} (points, 0 to 1000 each); constraints: "
        f"{_columns(HardConstraints)} (true/false); seniority: "
        f"{_columns(SeniorityRules)}; past_pairs and conflicts as [mentor, mentee member] "
        "pairs, pinned and forbidden as [request, mentor] pairs; theme_quotas as "
        "[{theme, minimum, maximum}]; diversity (0-1), text_saturation (0.001-1).",
    )
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m binome_engine",
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(required=True)

    def add(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
        )

    short = add("shortlist", "top k mentors of each request, with reasons")
    _common(short)
    short.add_argument("--request", action="append", help="only these request ids")
    short.add_argument("--k", type=int, default=5)
    short.add_argument("--excluded", type=int, default=5, help="best excluded mentors to list")
    short.set_defaults(run=_shortlist)

    cohort = add("assign", "cohort assignment (optimal, fair or stable)")
    _common(cohort)
    cohort.add_argument(
        "--mode",
        choices=("optimal", "fair", "stable"),
        default="optimal",
        help="optimal: most pairs, then the best total (certified); fair: the best worst pair "
        "first, then the total; stable: mentee-proposing deferred acceptance (default: optimal)",
    )
    cohort.add_argument("--k", type=int, default=CohortOptions.k, help="candidates per request")
    cohort.add_argument("--total-first", action="store_true", help="do not maximise count first")
    cohort.add_argument(
        "--no-reasons", action="store_true", help="leave out each pair's reasons (faster)"
    )
    cohort.set_defaults(run=_assign)

    speed = add("speed", "speed-mentoring rounds")
    _common(speed)
    speed.add_argument("--rounds", type=int, required=True)
    speed.add_argument("--table-size", type=int)
    speed.add_argument("--language", default="en", help="of the printable schedule (fr, en)")
    speed.set_defaults(run=_speed)

    gen = sub.add_parser("generate", help="write a synthetic market as CSV files")
    gen.add_argument("--requests", type=int, default=100)
    gen.add_argument("--mentors", type=int, default=40)
    gen.add_argument("--seed", type=int, default=7)
    gen.add_argument("--out-dir", type=Path, default=Path())
    gen.set_defaults(run=_generate)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mentors", type=Path, required=True, help="mentors CSV or JSON")
    parser.add_argument("--requests", type=Path, required=True, help="requests CSV or JSON")
    parser.add_argument("--settings", type=Path, help="programme settings JSON")
    parser.add_argument("--out", type=Path, help=".json or .csv (default: JSON on stdout)")


def _emit(out: Path | None, value: object) -> None:
    text = io.write_json(out, value)
    if out is None:
        print(text)


def _shortlist(args: argparse.Namespace) -> int:
    settings = io.read_settings(args.settings)
    index = MentorIndex(io.read_mentors(args.mentors))
    requests = io.read_requests(args.requests)
    if args.request:
        requests = [r for r in requests if r.id in set(args.request)]
    results = [shortlist(index, r, settings, k=args.k, excluded=args.excluded) for r in requests]
    if args.out is not None and args.out.suffix.lower() == ".csv":
        rows = [
            [s.request_id, p.rank, p.mentor_id, p.score, io.reasons_text(p.reasons)]
            for s in results
            for p in s.proposals
        ]
        io.write_csv(args.out, ["request_id", "rank", "mentor_id", "score", "reasons"], rows)
    else:
        _emit(args.out, results)
    return 0


def _assign(args: argparse.Namespace) -> int:
    settings = io.read_settings(args.settings)
    options = CohortOptions(
        maximise_matched=not args.total_first, k=args.k, explain=not args.no_reasons
    )
    solver = {"optimal": assign, "fair": assign_fair, "stable": assign_stable}[args.mode]
    result = solver(
        io.read_mentors(args.mentors), io.read_requests(args.requests), settings, options
    )
    if args.out is not None and args.out.suffix.lower() == ".csv":
        _assignment_csv(args.out, result)
    else:
        _emit(args.out, result)
    certificate = result.certificate
    if certificate is not None:
        print(
            f"gap to optimum: {certificate.gap} (optimal: {certificate.is_optimal})",
            file=sys.stderr,
        )
    return 0


def _assignment_csv(out: Path, result: Assignment) -> None:
    rows = [
        [
            p.request_id,
            p.mentor_id,
            p.score,
            "pinned" if p.pinned else "",
            io.reasons_text(p.reasons),
        ]
        for p in result.pairs
    ] + [[u.request_id, "", "", ";".join(u.codes), ""] for u in result.unmatched]
    io.write_csv(out, ["request_id", "mentor_id", "score", "note", "reasons"], rows)


def _speed(args: argparse.Namespace) -> int:
    settings = io.read_settings(args.settings)
    schedule = speed_rounds(
        io.read_mentors(args.mentors),
        io.read_requests(args.requests),
        args.rounds,
        settings,
        args.table_size,
    )
    suffix = args.out.suffix.lower() if args.out is not None else ""
    if suffix == ".txt":
        args.out.write_text(schedule.render(args.language) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        rows = [[m.round, m.mentor_id, m.request_id, m.score] for m in schedule.meetings]
        io.write_csv(args.out, ["round", "mentor_id", "request_id", "score"], rows)
    else:
        _emit(args.out, schedule)
    return 0


def _generate(args: argparse.Namespace) -> int:
    mentors, requests = market(args.requests, args.mentors, args.seed)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, items in (("mentors", mentors), ("requests", requests)):
        data = [io.jsonable(item) for item in items]
        header = list(data[0]) if data else []
        rows = [
            [";".join(map(str, v)) if isinstance(v, list) else v for v in d.values()] for d in data
        ]
        io.write_csv(args.out_dir / f"{name}.csv", header, rows)
    return 0
