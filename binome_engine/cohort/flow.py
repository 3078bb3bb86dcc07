"""Optimal b-matching on the candidate graph by min-cost flow, with node potentials.

Network (costs are negated weights, so a min-cost flow is a max-weight matching):

    source -> [quota group ->] request -> mentor -> sink,   source -> sink (leave unmatched)

Rules kept here:
- a request takes at most one mentor, a mentor at most its free capacity;
- with ``bonus`` > 0 every edge weighs ``bonus`` more, so the number matched comes first;
  ``bonus`` exceeds any possible total of scores, which makes the order lexicographic;
- a quota group caps its requests' pairs at its maximum; its minimum is filled first by an arc
  worth ``quota_bonus`` per unit (larger still), so quotas come before count and score;
- OR-Tools solves the flow; potentials are then computed by Bellman-Ford on the residual graph
  (vectorised sweeps): they prove the flow optimal on this graph (every residual arc has
  non-negative reduced cost) and price the pairs left out of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from ortools.graph.python import max_flow, min_cost_flow
from scipy.sparse import csgraph

from binome_engine.kernel import compiled
from binome_engine.scoring import Array

SOURCE, SINK = 0, 1


@dataclass(frozen=True)
class Network:
    n_requests: int
    n_mentors: int
    n_groups: int

    def request_node(self, r: Array) -> Array:
        return 2 + self.n_groups + r

    def mentor_node(self, m: Array) -> Array:
        return 2 + self.n_groups + self.n_requests + m

    @property
    def n_nodes(self) -> int:
        return 2 + self.n_groups + self.n_requests + self.n_mentors


@dataclass(frozen=True)
class FlowResult:
    network: Network
    matched: Array  # bool per edge
    potential: Array  # int64 per node: shortest distance in the residual graph
    cost: int  # the min cost (negated objective) on this graph
    arcs: tuple[Array, Array, Array, Array, Array] | None = None  # tails, heads, caps, costs, flow


@dataclass(frozen=True)
class Quotas:
    group: Array  # per request: its group, or -1
    minimum: Array  # per group
    maximum: Array  # per group


def solve(
    n_requests: int,
    capacity: Array,
    edge_request: Array,
    edge_mentor: Array,
    edge_weight: Array,
    bonus: int,
    quotas: Quotas | None = None,
    near: Array | None = None,
) -> FlowResult:
    """Max-weight b-matching of the edges (weights plus ``bonus``), with quotas if any.

    The potentials are the highest feasible ones at or below ``near`` (zero if None): given
    the last round's, they move only where the new flow needs, and pricing's levels stay
    tight (see ``certificate.Levels``).
    """
    n_groups = 0 if quotas is None else len(quotas.minimum)
    net = Network(n_requests, len(capacity), n_groups)
    tails, heads, caps, costs = _arcs(
        net, capacity, edge_request, edge_mentor, edge_weight, bonus, quotas
    )
    flow = _run(net, tails, heads, caps, costs)
    potential = _potentials(net.n_nodes, tails, heads, caps, costs, flow, near)
    potential = _tighten(net, potential, tails, heads, caps, costs, flow)
    n_edges = len(edge_request)
    cost = int(np.dot(flow, costs))
    return FlowResult(net, flow[:n_edges] > 0, potential, cost, (tails, heads, caps, costs, flow))


INCREMENTAL = 3  # at most this many new edges are added to a solved flow without solving again


def extend(
    result: FlowResult, edge_request: Array, edge_mentor: Array, edge_weight: Array, bonus: int
) -> FlowResult | None:
    """The optimal flow once a few edges join the graph, or None when re-solving is better.

    The old flow is optimal, so any negative cycle of the new residual graph goes through a
    new edge; for one edge (i, j) of capacity 1 the best change is the cheapest cycle through
    it: the shortest path from j back to i under reduced costs (all non-negative, so Dijkstra
    finds it) closed by the edge. Edges are added one at a time, potentials recomputed after
    each, so the result is the same optimum a full solve would prove.
    """
    if result.arcs is None or len(edge_request) > INCREMENTAL:
        return None
    net = result.network
    tails, heads, caps, costs, flow = result.arcs
    n_edges = len(result.matched)
    d = result.potential
    for r, c, w in zip(
        edge_request.tolist(), edge_mentor.tolist(), edge_weight.tolist(), strict=True
    ):
        t = int(net.request_node(np.array([r]))[0])
        h = int(net.mentor_node(np.array([c]))[0])
        cost = -(int(w) + bonus)
        reduced = cost + int(d[t]) - int(d[h])
        cycle = _cheapest_path(net.n_nodes, tails, heads, caps, costs, flow, d, h, t)
        tails, heads, caps, costs, flow = (
            np.insert(a, n_edges, v)
            for a, v in zip((tails, heads, caps, costs, flow), (t, h, 1, cost, 0), strict=True)
        )
        if cycle is not None and reduced + cycle[0] < 0:
            flow[n_edges] = 1
            for arc, direction in cycle[1]:
                shifted = arc + (arc >= n_edges)  # the new arc sits at n_edges
                flow[shifted] += direction
        n_edges += 1
        d = _potentials(net.n_nodes, tails, heads, caps, costs, flow, d)
        d = _tighten(net, d, tails, heads, caps, costs, flow)
    total = int(np.dot(flow, costs))
    return FlowResult(net, flow[:n_edges] > 0, d, total, (tails, heads, caps, costs, flow))


def _cheapest_path(
    n_nodes: int,
    tails: Array,
    heads: Array,
    caps: Array,
    costs: Array,
    flow: Array,
    d: Array,
    source: int,
    target: int,
) -> tuple[int, list[tuple[int, int]]] | None:
    """The shortest residual path source -> target under reduced costs, as (arc, +1 | -1)."""
    fwd = np.flatnonzero(flow < caps)
    back = np.flatnonzero(flow > 0)
    t = np.concatenate([tails[fwd], heads[back]])
    h = np.concatenate([heads[fwd], tails[back]])
    reduced = np.concatenate([costs[fwd], -costs[back]]) + d[t] - d[h]
    arc = np.concatenate([fwd, back])
    direction = np.concatenate([np.ones(len(fwd), np.int64), -np.ones(len(back), np.int64)])
    # parallel residual arcs: keep the cheapest of each (tail, head)
    key = t * n_nodes + h
    order = np.lexsort((reduced, key))
    first = order[np.r_[True, key[order][1:] != key[order][:-1]]] if len(order) else order
    t, h, reduced, arc, direction = t[first], h[first], reduced[first], arc[first], direction[first]
    # a tiny positive weight keeps zero-cost arcs as edges; it is far below one milli-point
    graph = sp.csr_matrix((reduced + 1e-7, (t, h)), shape=(n_nodes, n_nodes))
    dist, pred = csgraph.dijkstra(graph, indices=source, return_predecessors=True)
    if not np.isfinite(dist[target]):
        return None
    keys = key[first]  # ascending
    steps: list[tuple[int, int]] = []
    total = 0
    node = target
    while node != source:
        prev = int(pred[node])
        i = int(np.searchsorted(keys, prev * n_nodes + node))
        steps.append((int(arc[i]), int(direction[i])))
        total += int(reduced[i])
        node = prev
    return total, steps


def _arcs(
    net: Network,
    capacity: Array,
    er: Array,
    em: Array,
    ew: Array,
    bonus: int,
    quotas: Quotas | None,
) -> tuple[Array, Array, Array, Array]:
    """Arcs as arrays; the first ``len(er)`` are the request -> mentor edges."""
    n, m = net.n_requests, net.n_mentors
    reqs = np.arange(n)
    parts: list[tuple[Array, Array, Array, Array]] = [
        (net.request_node(er), net.mentor_node(em), np.ones(len(er)), -(ew + bonus)),
        (net.mentor_node(np.arange(m)), np.full(m, SINK), capacity, np.zeros(m)),
        (np.array([SOURCE]), np.array([SINK]), np.array([n]), np.array([0])),
    ]
    group = np.full(n, -1) if quotas is None else quotas.group
    free = group < 0
    parts.append(
        (
            np.full(free.sum(), SOURCE),
            net.request_node(reqs[free]),
            np.ones(free.sum()),
            np.zeros(free.sum()),
        )
    )
    if quotas is not None:
        quota_bonus = _quota_bonus(n, ew, bonus)
        g_nodes = 2 + np.arange(net.n_groups)
        upper = np.where(quotas.maximum < 0, n, quotas.maximum)
        lower = np.minimum(quotas.minimum, upper)
        parts.append(
            (np.full(net.n_groups, SOURCE), g_nodes, lower, np.full(net.n_groups, -quota_bonus))
        )
        parts.append(
            (np.full(net.n_groups, SOURCE), g_nodes, upper - lower, np.zeros(net.n_groups))
        )
        members = ~free
        parts.append(
            (
                2 + group[members],
                net.request_node(reqs[members]),
                np.ones(members.sum()),
                np.zeros(members.sum()),
            )
        )
    return tuple(np.concatenate([p[i] for p in parts]).astype(np.int64) for i in range(4))  # type: ignore[return-value]


def _quota_bonus(n: int, ew: Array, bonus: int) -> int:
    top = int(ew.max()) + bonus if len(ew) else bonus
    return (top + 1) * (n + 1)


def _run(net: Network, tails: Array, heads: Array, caps: Array, costs: Array) -> Array:
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(net.n_nodes, dtype=np.int64)
    supplies[SOURCE] = net.n_requests
    supplies[SINK] = -net.n_requests
    smcf.set_nodes_supplies(np.arange(net.n_nodes), supplies)
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return np.asarray(smcf.flows(np.arange(len(tails))), dtype=np.int64)


def _potentials(
    n_nodes: int,
    tails: Array,
    heads: Array,
    caps: Array,
    costs: Array,
    flow: Array,
    start: Array | None = None,
) -> Array:
    """Shortest distances from a virtual root joined to every node (by arcs of cost
    ``start``, else 0), in the residual graph.

    Residual arcs: forward where flow < capacity (cost c), backward where flow > 0 (cost -c).
    Bellman-Ford with a queue (``_relax``): only the arcs leaving nodes whose distance just
    dropped are relaxed again. The graph has no negative cycle because the flow is optimal;
    the distances are the same whatever the order of relaxations.
    """
    fwd = flow < caps
    back = flow > 0
    t = np.concatenate([tails[fwd], heads[back]])
    h = np.concatenate([heads[fwd], tails[back]])
    c = np.concatenate([costs[fwd], -costs[back]])
    order = np.argsort(t, kind="stable")
    h, c = h[order].astype(np.int64), c[order].astype(np.int64)
    first = np.searchsorted(t[order], np.arange(n_nodes + 1)).astype(np.int64)
    d = np.zeros(n_nodes, dtype=np.int64) if start is None else start.astype(np.int64)
    if not _relax(first, h, c, d):
        raise RuntimeError("negative cycle in the residual graph: the flow is not optimal")
    return d


@compiled("b1(i8[::1], i8[::1], i8[::1], i8[::1])")
def _relax(first: Array, heads: Array, costs: Array, d: Array) -> bool:  # pragma: no cover
    """Bellman-Ford with a queue (each node queued once at a time, every node at the start, as
    if joined to a root): ``d`` lowered in place to the shortest distances; False when a node
    is queued again more than once per node of the graph (only a negative cycle does that).

    Compiled: numpy's sweeps took 0.5-0.7 s per solve on L, most of it in temporaries.
    """
    n = len(d)
    queue = np.arange(n)
    waiting = np.ones(n, dtype=np.bool_)
    lowered = np.zeros(n, dtype=np.int64)
    head, size = 0, n
    while size:
        v = queue[head]
        head = head + 1 if head + 1 < n else 0
        size -= 1
        waiting[v] = False
        dv = d[v]
        for a in range(first[v], first[v + 1]):
            w = heads[a]
            value = dv + costs[a]
            if value < d[w]:
                d[w] = value
                if not waiting[w]:
                    lowered[w] += 1
                    if lowered[w] > n:
                        return False
                    tail = head + size
                    queue[tail - n if tail >= n else tail] = w
                    size += 1
                    waiting[w] = True
    return True


def _ranges(starts: Array, stops: Array) -> Array:
    """The concatenation of ``arange(start, stop)`` for each pair, vectorised."""
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    out: Array = np.arange(total) + offsets
    return out


def _tighten(
    net: Network, d: Array, tails: Array, heads: Array, caps: Array, costs: Array, flow: Array
) -> Array:
    """Potentials as favourable to pricing as the residual graph allows.

    A left-out pair (i, j) is priced by ``d(i) - d(j)``: the lower a mentor's potential and the
    higher a request's, the fewer pairs can violate. Shortest distances from a virtual root
    are the highest feasible potentials, which leaves a mentor absent from the graph at 0, far
    above every other (every pair with it would seem to violate by the whole bonus). So each
    mentor is lowered to the least value its residual arcs out allow, then each request raised
    to the most its residual arcs in allow; mentors are never adjacent to each other, nor
    requests, so every arc's reduced cost stays non-negative.
    """
    fwd = flow < caps
    back = flow > 0
    t = np.concatenate([tails[fwd], heads[back]])
    h = np.concatenate([heads[fwd], tails[back]])
    c = np.concatenate([costs[fwd], -costs[back]])
    d = d.copy()
    first_mentor = int(net.mentor_node(np.zeros(1, dtype=np.int64))[0])
    last_mentor = first_mentor + net.n_mentors
    out = (t >= first_mentor) & (t < last_mentor)
    lowest = np.full(net.n_nodes, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(lowest, t[out], d[h[out]] - c[out])
    mentors = np.arange(first_mentor, last_mentor)
    bounded = lowest[mentors] > np.iinfo(np.int64).min
    d[mentors[bounded]] = np.minimum(d[mentors[bounded]], lowest[mentors[bounded]])
    first_request = int(net.request_node(np.zeros(1, dtype=np.int64))[0])
    last_request = first_request + net.n_requests
    into = (h >= first_request) & (h < last_request)
    highest = np.full(net.n_nodes, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(highest, h[into], d[t[into]] + c[into])
    requests = np.arange(first_request, last_request)
    bounded = highest[requests] < np.iinfo(np.int64).max
    d[requests[bounded]] = np.maximum(d[requests[bounded]], highest[requests[bounded]])
    return d


def max_matched(n_requests: int, capacity: Array, edge_request: Array, edge_mentor: Array) -> int:
    """How many requests the edges can match at most (a max flow: no costs, no potentials)."""
    return max_matching(n_requests, capacity, edge_request, edge_mentor)[0]


def max_matching(
    n_requests: int, capacity: Array, edge_request: Array, edge_mentor: Array
) -> tuple[int, Array, Array]:
    """``max_matched``, the requests on the source side of a minimum cut, and the edges a
    maximum matching uses (bool per edge).

    Only an edge from a source-side request to a sink-side mentor can raise the count: the
    cut keeps its capacity otherwise (König's theorem for b-matchings).
    """
    net = Network(n_requests, len(capacity), 0)
    m = len(capacity)
    n_edges = len(edge_request)
    # int64 from the start (no float or converted copies: on L, arrays of twelve million arcs)
    tails = np.concatenate(
        [
            net.request_node(edge_request),
            net.mentor_node(np.arange(m)),
            np.full(n_requests, SOURCE),
        ],
        dtype=np.int64,
    )
    heads = np.concatenate(
        [net.mentor_node(edge_mentor), np.full(m, SINK), net.request_node(np.arange(n_requests))],
        dtype=np.int64,
    )
    caps = np.concatenate(
        [np.ones(n_edges, dtype=np.int64), capacity, np.ones(n_requests, dtype=np.int64)],
        dtype=np.int64,
    )
    source_side = np.zeros(n_requests, dtype=bool)
    if len(tails) == 0:
        return 0, source_side, np.zeros(n_edges, dtype=bool)
    smf = max_flow.SimpleMaxFlow()
    smf.add_arcs_with_capacity(tails, heads, caps)
    status = smf.solve(SOURCE, SINK)
    if status != smf.OPTIMAL:
        raise RuntimeError(f"max flow failed with status {status}")
    nodes = np.asarray(smf.get_source_side_min_cut(), dtype=np.int64) - net.request_node(
        np.zeros(1, dtype=np.int64)
    )
    source_side[nodes[(nodes >= 0) & (nodes < n_requests)]] = True
    used = np.asarray(smf.flows(np.arange(n_edges)), dtype=np.int64) > 0
    return int(smf.optimal_flow()), source_side, used
