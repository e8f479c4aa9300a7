"""kg render and kg stats: Turtle → entity network → an HTML page or a table."""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph.errors import RenderError, TooLargeError
from graph.files import DEFAULT_TURTLE, PAGE, write_all
from graph.network import DEFAULT_MAX_NODES
from graph.network.page import page
from graph.network.projection import new_graph, project
from graph.network.stats import stats
from graph.rdf.export import parse_turtle
from graph.vocab import slug


@dataclass(frozen=True)
class RenderResult:
    path: Path
    nodes: int
    edges: int
    focus: str | None = None

    def summary(self) -> str:
        what = f"{self.nodes:,} entities, {self.edges:,} links"
        return f"{what}{f' around {self.focus}' if self.focus else ''} → {self.path}"


def load_network(paths: Sequence[Path]) -> nx.MultiDiGraph:
    return project(parse_turtle(paths, new_graph()))


def find_entity(net: nx.MultiDiGraph, query: str) -> str:
    """A node by IRI, by id (the IRI's last segment: 'he-jie', 'person/he-jie') or by name or alias."""
    if query in net:
        return query
    wanted = " ".join(query.split()).casefold()
    by_id = sorted(n for n in net if n.rstrip("/#").endswith(("/" + query, "#" + query)))
    by_name = sorted(n for n, attrs in net.nodes(data=True)
                     if wanted in {attrs["name"].casefold(), *(a.casefold() for a in attrs["aliases"])})
    found = by_id or by_name
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{net.nodes[n]['name']} <{n}>" for n in found[:5])
        raise RenderError(f"--focus {query!r}: {len(found)} entities match ({listed}); give the IRI instead")
    names = sorted({attrs["name"] for _, attrs in net.nodes(data=True)})
    close = difflib.get_close_matches(query, names, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise RenderError(f"--focus {query!r}: no entity has this IRI, id or name{hint} ('kg stats' lists the central ones)")


def neighbourhood(net: nx.MultiDiGraph, center: str, depth: int) -> nx.MultiDiGraph:
    """The entities at most `depth` links from `center`, whatever the links' direction."""
    return nx.ego_graph(net, center, radius=depth, undirected=True)


def check_size(net: nx.MultiDiGraph, max_nodes: int, what: str, focused: bool = False) -> None:
    count = net.number_of_nodes()
    if count > max_nodes:
        fix = ("lower --depth" if focused
               else "show one entity's neighbourhood with --focus ID_OR_NAME (and --depth N)")
        raise TooLargeError(f"{what}: {count:,} entities is more than --max-nodes {max_nodes:,}; {fix}, "
                            "or raise --max-nodes")


def default_out(first: Path, focus_id: str | None) -> Path:
    """output/graph.ttl → output/graph.html; with --focus he-jie → output/graph.he-jie.html."""
    if focus_id is None:
        return first.with_suffix(".html")
    return first.with_name(f"{first.stem}.{slug(focus_id.rstrip('/#').rsplit('/', 1)[-1].rsplit('#', 1)[-1])}.html")


def render(paths: Sequence[Path], out: Path | None = None, focus: str | None = None, depth: int = 1,
           max_nodes: int = DEFAULT_MAX_NODES) -> RenderResult:
    """Render Turtle files (one graph) as a page, whole or around one entity; refuse above max_nodes."""
    paths = list(paths) or [DEFAULT_TURTLE]
    net = load_network(paths)
    what = ", ".join(map(str, paths))
    subtitle, center = "", None
    if focus is not None:
        center = find_entity(net, focus)
        net = neighbourhood(net, center, depth)
        name = net.nodes[center]["name"]
        subtitle = f"neighbourhood of {name}, {depth} link{'s' if depth != 1 else ''} deep"
        what = f"{what} --focus {focus!r} --depth {depth}"
    check_size(net, max_nodes, what, focused=center is not None)
    target = default_out(paths[0], center)
    if out is not None:
        target = out / target.name if out.is_dir() else out
    _refuse_overwriting_an_input(target, paths)
    write_all(target.parent, {target.name: page(net, subtitle)})
    label = net.nodes[center]["name"] if center is not None else None
    return RenderResult(target, net.number_of_nodes(), net.number_of_edges(), label)


def _refuse_overwriting_an_input(target: Path, paths: Sequence[Path]) -> None:
    for path in paths:
        if target.resolve() == path.resolve() or (target.exists() and path.exists() and target.samefile(path)):
            raise RenderError(f"--out {target}: is the input file {path}; the page would replace the Turtle. "
                              "Choose another name for the page (e.g. --out graph.html)")


def build_page(rdf: Graph, ttl: Path, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[bytes | None, str | None]:
    """kg build's page: (page, None), or (None, a note) when the graph has more than max_nodes entities."""
    net = project(rdf)
    if net.number_of_nodes() > max_nodes:
        return None, (f"Note: {PAGE} skipped: {net.number_of_nodes():,} entities is more than {max_nodes:,}; "
                      f"render one entity's neighbourhood with: kg render {ttl} --focus ID_OR_NAME")
    return page(net), None


def stats_report(paths: Sequence[Path], top: int = 10) -> str:
    """`kg stats`: counts by type and the most central entities, as a table."""
    paths = list(paths) or [DEFAULT_TURTLE]
    return stats(load_network(paths), top).table()
