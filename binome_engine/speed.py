"""Speed-mentoring rounds: mentors stay at tables, mentees rotate, R short rounds.

Rules kept here:
- a mentee meets a given mentor at most once, sits at one table per round, and a table holds at
  most ``table_size`` mentees per round; hard constraints apply (a pair with no shared language
  never meets) except capacity, which is about long mentorships, not an evening;
- which pairs meet is chosen by one min-cost flow, lexicographically: the most meetings (so
  nobody is idle when it can be avoided), then meetings spread evenly over mentees (each
  mentee's k-th meeting is worth more than anyone's (k+1)-th), then the total relevance;
- the chosen pairs are then laid out into rounds by edge colouring: each mentor's meetings are
  dealt to ``table_size`` seats, every mentee and seat has at most R meetings, and a bipartite
  graph of maximum degree R can always be coloured with R colours (König), one colour a round.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from ortools.graph.python import min_cost_flow

from binome_engine.cohort.candidates import weights
from binome_engine.index import MentorIndex
from binome_engine.model import MemberId, MenteeRequest, MentorProfile, ProgrammeSettings
from binome_engine.scoring import Array, encode
from binome_engine.validation import (
    InvalidInput,
    validate_requests,
    validate_settings,
    validate_speed,
)


@dataclass(frozen=True, slots=True)
class Meeting:
    round: int  # 1-based
    mentor_id: MemberId
    request_id: MemberId
    score: float


@dataclass(frozen=True, slots=True)
class SpeedSchedule:
    rounds: int
    table_size: int
    meetings: tuple[Meeting, ...]
    idle: tuple[tuple[MemberId, ...], ...]  # per round, the mentees without a table
    total_score: float

    def render(self, language: str = "en") -> str:
        """A printable schedule: one block per round, one line per table."""
        words = ("Tour", "Table", "libres") if language == "fr" else ("Round", "Table", "idle")
        lines: list[str] = []
        for r in range(1, self.rounds + 1):
            lines.append(f"{words[0]} {r}")
            tables: dict[MemberId, list[str]] = {}
            for m in self.meetings:
                if m.round == r:
                    tables.setdefault(m.mentor_id, []).append(str(m.request_id))
            for mentor_id in sorted(tables, key=str):
                lines.append(f"  {words[1]} {mentor_id}: {', '.join(sorted(tables[mentor_id]))}")
            if self.idle[r - 1]:
                lines.append(f"  ({words[2]}: {', '.join(sorted(map(str, self.idle[r - 1])))})")
        return "\n".join(lines)


def speed_rounds(
    mentors: Sequence[MentorProfile],
    mentees: Sequence[MenteeRequest],
    rounds: int,
    settings: ProgrammeSettings | None = None,
    table_size: int | None = None,
) -> SpeedSchedule:
    settings = settings or ProgrammeSettings()
    validate_speed(rounds, table_size)
    validate_requests(mentees)
    validate_settings(settings)
    settings = replace(settings, constraints=replace(settings.constraints, require_capacity=False))
    size = table_size or max(1, math.ceil(len(mentees) / max(len(mentors), 1)))
    index = MentorIndex(mentors)
    w = (
        weights(index, encode(index, mentees), settings)
        if mentees and mentors
        else np.zeros((0, 0))
    )
    pairs = _choose(w, rounds, size)
    colours = _colour(pairs, size, rounds)
    meetings = tuple(
        sorted(
            (
                Meeting(colours[k] + 1, index.ids[j], mentees[i].id, int(w[i, j]) / 1000)
                for k, (i, j) in enumerate(pairs)
            ),
            key=lambda m: (m.round, str(m.mentor_id), str(m.request_id)),
        )
    )
    idle = tuple(
        tuple(r.id for r in mentees if r.id not in {m.request_id for m in meetings if m.round == k})
        for k in range(1, rounds + 1)
    )
    return SpeedSchedule(rounds, size, meetings, idle, round(sum(m.score for m in meetings), 3))


def _choose(w: Array, rounds: int, size: int) -> list[tuple[int, int]]:
    """The pairs that meet: most meetings, spread evenly, then most relevant."""
    n, m = w.shape
    rows, cols = np.nonzero(w >= 0)
    if len(rows) == 0 or rounds <= 0:
        return []
    # the k-th meeting of a mentee outweighs any total relevance (at most n * rounds meetings)
    spread = int(w.max()) * min(len(rows), n * rounds) + 1
    big = spread * rounds * (n + 1)
    if (big + spread * rounds) * (n * rounds + len(rows) + m + 1) >= 1 << 62:
        # OR-Tools' costs times flows must fit int64: refused, never wrapped
        why = "too many meetings for exact costs: fewer rounds or mentees"
        raise InvalidInput("speed_rounds", "rounds", rounds, "too_large", why)
    source, sink = n + m, n + m + 1
    kth = np.tile(np.arange(rounds), n)
    tails: list[Array] = [np.full(n * rounds, source), rows, n + np.arange(m), np.array([source])]
    heads: list[Array] = [
        np.repeat(np.arange(n), rounds),
        n + cols,
        np.full(m, sink),
        np.array([sink]),
    ]
    caps: list[Array] = [
        np.ones(n * rounds),
        np.ones(len(rows)),
        np.full(m, rounds * size),
        np.array([n * rounds]),
    ]
    costs: list[Array] = [
        -(big + spread * (rounds - kth)),
        -w[rows, cols],
        np.zeros(m),
        np.array([0]),
    ]
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = [np.concatenate(x).astype(np.int64) for x in (tails, heads, caps, costs)]
    smcf.add_arcs_with_capacity_and_unit_cost(*arcs)
    smcf.set_nodes_supplies(np.array([source, sink]), np.array([n * rounds, -n * rounds]))
    if smcf.solve() != smcf.OPTIMAL:
        raise RuntimeError("speed rounds: the flow failed")
    first = n * rounds
    flows = np.asarray(smcf.flows(np.arange(first, first + len(rows))))
    return [(int(rows[k]), int(cols[k])) for k in np.flatnonzero(flows > 0)]


def _colour(pairs: list[tuple[int, int]], size: int, rounds: int) -> list[int]:
    """A round for each pair: no mentee or seat twice in a round (bipartite edge colouring)."""
    seat_of: dict[int, int] = {}
    seats: list[int] = []
    for _i, j in pairs:  # deal each mentor's meetings round-robin over its seats
        k = seat_of.get(j, 0)
        seat_of[j] = k + 1
        seats.append(j * size + k % size)
    at_u: dict[int, dict[int, int]] = {}  # mentee -> colour -> edge
    at_v: dict[int, dict[int, int]] = {}  # seat -> colour -> edge
    colour = [-1] * len(pairs)
    for e, ((u, _j), v) in enumerate(zip(pairs, seats, strict=True)):
        cu, cv = at_u.setdefault(u, {}), at_v.setdefault(v, {})
        a = next(c for c in range(rounds) if c not in cu)
        b = next(c for c in range(rounds) if c not in cv)
        if a not in cv:
            b = a
        else:
            _flip(v, a, b, pairs, seats, at_u, at_v, colour)
        colour[e] = a
        cu[a], cv[a] = e, e
        del b
    return colour


def _flip(
    v: int,
    a: int,
    b: int,
    pairs: list[tuple[int, int]],
    seats: list[int],
    at_u: dict[int, dict[int, int]],
    at_v: dict[int, dict[int, int]],
    colour: list[int],
) -> None:
    """Swap colours a and b along the a/b path that starts at seat ``v`` (freeing a at v)."""
    path: list[int] = []
    node, on_seat, c = v, True, a
    while True:
        table = at_v if on_seat else at_u
        e = table.get(node, {}).get(c)
        if e is None:
            break
        path.append(e)
        node = pairs[e][0] if on_seat else seats[e]
        on_seat, c = not on_seat, (b if c == a else a)
    for e in path:
        u, s = pairs[e][0], seats[e]
        old = colour[e]
        del at_u[u][old]
        del at_v[s][old]
    for e in path:
        u, s = pairs[e][0], seats[e]
        new = b if colour[e] == a else a
        colour[e] = new
        at_u[u][new], at_v[s][new] = e, e
