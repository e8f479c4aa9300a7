"""Statistics of an entity network (`kg stats`): counts by kind and the most central entities."""

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.kinds import NODE_KINDS
from graph.text import shorten, terminal_safe


@dataclass(frozen=True)
class Central:
    id: str
    name: str
    kind: str
    degree: int
    betweenness: float


@dataclass(frozen=True)
class Stats:
    nodes: int
    edges: int
    by_kind: list[tuple[str, int]]
    central: list[Central]

    def table(self) -> str:
        """A plain-text report: counts by type, then the most central entities."""
        lines = [f"{self.nodes} entities, {self.edges} links", "", f"{'Type':<14}{'Count':>6}"]
        lines += [f"{NODE_KINDS[kind][1]:<14}{count:>6}" for kind, count in self.by_kind]
        if self.central:
            lines += ["", "Most central entities (degree: links in and out; betweenness: share of shortest paths)",
                      f"{'#':>3}  {'Entity':<42}{'Type':<14}{'Degree':>6}{'Betweenness':>13}"]
            for rank, c in enumerate(self.central, 1):
                lines.append(f"{rank:>3}  {shorten(terminal_safe(c.name), 40):<42}{c.kind:<14}{c.degree:>6}{c.betweenness:>13.3f}")
        return "\n".join(lines)


def stats(net: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Counts by kind and the `top` entities by degree (ties: betweenness, then name)."""
    counts: dict[str, int] = defaultdict(int)
    for _, kind in net.nodes(data="kind"):
        counts[kind] += 1
    simple = nx.Graph(net.to_undirected(as_view=True))
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    betweenness = nx.betweenness_centrality(simple) if top > 0 else {}
    central = [Central(n, net.nodes[n]["name"], net.nodes[n]["kind"], net.degree(n), round(betweenness.get(n, 0.0), 6))
               for n in net]
    central.sort(key=lambda c: (-c.degree, -c.betweenness, c.name, c.id))
    by_kind = [(kind, counts[kind]) for kind in NODE_KINDS if counts.get(kind)]
    return Stats(net.number_of_nodes(), net.number_of_edges(), by_kind, central[: max(top, 0)])
