"""Statistics of an entity network (`kg stats`): counts by kind and the most central entities."""

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.kinds import NODE_KINDS
from graph.text import plural, shorten, terminal_safe

#: Exact betweenness up to this many entities; beyond, it is estimated from this many sources,
#: chosen with a fixed seed (NetworkX's k-sample estimate: same answer every run). Exact
#: betweenness is O(entities × links): 450 s on 7,745 entities (1,000 generated articles).
EXACT_UP_TO = 2000
SOURCES = 500




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
    #: betweenness estimated from this many sources, or None when exact
    sampled: int | None = None

    def table(self) -> str:
        """A plain-text report: counts by type, then the most central entities."""
        lines = [f"{plural(self.nodes, 'entity', 'entities')}, {plural(self.edges, 'link', 'links')}", "",
                 f"{'Type':<14}{'Count':>6}"]
        lines += [f"{NODE_KINDS[kind][1]:<14}{count:>6}" for kind, count in self.by_kind]
        if self.central:
            how = (f"; betweenness estimated from {self.sampled:,} of {self.nodes:,} entities as sources"
                   if self.sampled else "")
            lines += ["", f"Most central entities (degree: links in and out; betweenness: share of shortest paths{how})",
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
    sampled = SOURCES if top > 0 and simple.number_of_nodes() > EXACT_UP_TO else None
    betweenness = nx.betweenness_centrality(simple, k=sampled, seed=0) if top > 0 else {}
    central = [Central(n, net.nodes[n]["name"], net.nodes[n]["kind"], net.degree(n), round(betweenness.get(n, 0.0), 6))
               for n in net]
    central.sort(key=lambda c: (-c.degree, -c.betweenness, c.name, c.id))
    by_kind = [(kind, counts[kind]) for kind in NODE_KINDS if counts.get(kind)]
    return Stats(net.number_of_nodes(), net.number_of_edges(), by_kind, central[: max(top, 0)], sampled)
