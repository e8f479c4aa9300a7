"""kg render and kg stats: RDF files → entity network → an HTML page or a table."""

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
from graph.lookup import Candidate, find
from graph.rdf.readers import read_graph
from graph.text import plural
from graph.vocab import slug


@dataclass(frozen=True)
class RenderResult:
    path: Path
    nodes: int
    edges: int
    focus: str | None = None

    def summary(self) -> str:
        what = f"{plural(self.nodes, 'entity', 'entities')}, {plural(self.edges, 'link', 'links')}"
        return f"{what}{f' around {self.focus}' if self.focus else ''} → {self.path}"


def load_network(paths: Sequence[Path], data_format: str | None = None) -> nx.MultiDiGraph:
    """The entity network of RDF files (any format kg reads); its prefixes in net.graph["prefixes"]."""
    rdf = read_graph(paths, new_graph(), data_format)
    net = project(rdf)
    net.graph["prefixes"] = {name: str(iri) for name, iri in rdf.namespaces() if name}
    return net


def find_entity(net: nx.MultiDiGraph, query: str) -> str:
    """A node by IRI, prefixed name (person:he-jie), id in any case ('he-jie', 'person/he-jie'), name
    or alias in any case, or a unique part of a name ('Dzau'): graph/lookup.py, as kg query."""
    candidates = [Candidate(n, (attrs["name"], *attrs["aliases"]), attrs.get("kind") != "quotation")
                  for n, attrs in net.nodes(data=True)]
    found = find(query, sorted(candidates, key=lambda c: c.iri), net.graph.get("prefixes"))
    if len(found.matches) == 1:
        return found.matches[0]
    if found.matches:
        listed = "; ".join(f"{net.nodes[n]['name']} <{n}>" for n in found.matches[:5])
        raise RenderError(f"--focus {query!r}: {len(found.matches)} entities match ({listed}); give the IRI instead")
    close = list(dict.fromkeys(net.nodes[n]["name"] for n in found.suggestions))
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


def render(paths: Sequence[Path], out: Path | str | None = None, focus: str | None = None, depth: int = 1,
           max_nodes: int = DEFAULT_MAX_NODES, data_format: str | None = None) -> RenderResult:
    """Render RDF files (one graph) as a page, whole or around one entity; refuse above max_nodes."""
    paths = list(paths) or [DEFAULT_TURTLE]
    net = load_network(paths, data_format)
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
        target = Path(out) / target.name if is_folder(out) else Path(out)
    _refuse_overwriting_an_input(target, paths)
    write_all(target.parent, {target.name: page(net, subtitle)})
    label = net.nodes[center]["name"] if center is not None else None
    return RenderResult(target, net.number_of_nodes(), net.number_of_edges(), label)


def is_folder(out: Path | str) -> bool:
    """--out names a folder when it is one, or ends with a slash (made if missing: `--out pages/`)."""
    return str(out).endswith(("/", "\\")) or Path(out).is_dir()


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


def stats_report(paths: Sequence[Path], top: int = 10, data_format: str | None = None) -> str:
    """`kg stats`: counts by type and the most central entities, as a table."""
    paths = list(paths) or [DEFAULT_TURTLE]
    return stats(load_network(paths, data_format), top).table()
