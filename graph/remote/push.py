"""Built graphs → a SPARQL server, over the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of a TriG (or N-Quads) file — in `kg build` output, one per article, named
by the article's IRI — is replaced with one PUT, so pushing again leaves the server exactly as
after the first push. Triples outside any named graph (all of a Turtle or N-Triples file) go
to --graph, or to the server's default graph. Every file is parsed in full before anything is
sent, so a syntax error never leaves a half-pushed file; afterwards the server is asked how
many triples those graphs now hold.

Queries do not name graphs, and a union of named graphs is a bag on some servers (Oxigraph's
--union-default-graph counts a triple once per article that states it), so after named graphs
are pushed the server's default graph is rebuilt as their set union, with one SPARQL Update:
the server then answers a named query exactly as the files do.
"""

import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.errors import OptionError, RdfInputError
from graph.files import DEFAULT_TRIG
from graph.rdf.read import parse_error
from graph.remote.http import HttpClient, check_url
from graph.remote.secrets import auth_header, redact_userinfo, shown
from graph.runtime import Progress

DEFAULT_FILE = DEFAULT_TRIG
FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
           ".nt": ox.RdfFormat.N_TRIPLES}
TRIPLE_FORMATS = (".ttl", ".nt")
SENT_AS = "application/n-triples"
COUNT_BATCH = 200
GSP_FIX = ("--endpoint must be the server's Graph Store URL: Oxigraph http://HOST:7878/store, "
           "Fuseki http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service")
UNION_UPDATE = "DROP SILENT DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
UPDATE_FIX = ("--update-endpoint must be the server's SPARQL Update URL: Oxigraph http://HOST:7878/update, "
              "Fuseki http://HOST:3030/DATASET/update, GraphDB http://HOST:7200/repositories/REPO/statements; "
              "or pass --no-union to keep the default graph as it is")
QUERY_FIX = ("--query-endpoint must be the server's SPARQL query URL: Oxigraph http://HOST:7878/query, "
             "Fuseki http://HOST:3030/DATASET/sparql, GraphDB http://HOST:7200/repositories/REPO")

#: (graph IRI, or None for the default graph; the triples of one contiguous run of the file)
Run = tuple[str | None, list[ox.Triple]]


@dataclass
class PushResult:
    endpoint: str
    files: list[Path]
    graphs: int
    triples_sent: int
    triples_held: int | None
    notes: list[str] = field(default_factory=list)
    #: triples in the default graph once rebuilt as the union of the named graphs (None: not rebuilt)
    union_held: int | None = None

    def summary(self) -> str:
        source = str(self.files[0]) if len(self.files) == 1 else f"{len(self.files)} files"
        graphs = f"{self.graphs} graph" + ("" if self.graphs == 1 else "s")
        sent = f"Sent {graphs} ({self.triples_sent} triples) from {source} to {self.endpoint}"
        if self.triples_held is None:
            return f"{sent}; pass --query-endpoint to have the server count what it holds"
        where = "that graph" if self.graphs == 1 else "those graphs"
        union = (f", and {self.union_held} distinct triples in its default graph (the union of its named graphs)"
                 if self.union_held is not None else "")
        return f"{sent}; the server now holds {self.triples_held} triples in {where}{union}"


def check_graph_store_url(endpoint: str, option: str = "--endpoint") -> str:
    """A URL kg push can add ?graph=<IRI> to: check_url's rules, and no graph named in it already
    (a server may read the first of two graph parameters and replace the wrong graph)."""
    endpoint = check_url(endpoint, option)
    names = {name for name, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(endpoint).query, keep_blank_values=True)}
    clash = sorted(names & {"graph", "default"})
    if clash:
        raise OptionError(f"{option} {redact_userinfo(endpoint)!r}: kg push adds ?graph=IRI (or ?default) for each "
                          f"graph itself; remove '{clash[0]}' from the URL, e.g. http://localhost:7878/store")
    return endpoint


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """Indirect graph identification: ?graph=<encoded IRI>, or ?default, after any query the
    endpoint has; built with urllib.parse, and checked to name that graph and only it."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.fragment or "#" in endpoint:
        raise OptionError(f"--endpoint {redact_userinfo(endpoint)!r}: a fragment (#...) would drop the graph "
                          "parameter; remove it")
    own = "default" if graph is None else urllib.parse.urlencode({"graph": graph}, quote_via=urllib.parse.quote)
    query = f"{parts.query}&{own}" if parts.query else own
    url = urllib.parse.urlunsplit(parts._replace(path=parts.path or "/", query=query))
    if graph_named_by(url) != (graph,):
        raise OptionError(f"--endpoint {redact_userinfo(endpoint)!r}: cannot address one graph at this URL; "
                          "give the server's Graph Store URL, e.g. http://localhost:7878/store")
    return url


def graph_named_by(url: str) -> tuple[str | None, ...]:
    """The graphs a Graph Store URL names: (IRI,), (None,) for ?default, () for none (the whole store)."""
    pairs = urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True)
    return (tuple(value for name, value in pairs if name == "graph")
            + tuple(None for name, _ in pairs if name == "default"))


def query_url_for(endpoint: str) -> str | None:
    """The SPARQL query URL beside a Graph Store URL, for the servers whose layout we know."""
    return _beside(endpoint, (("/rdf-graphs/service", ""), ("/store", "/query"), ("/data", "/sparql")))


def update_url_for(endpoint: str) -> str | None:
    """The SPARQL Update URL beside a Graph Store URL, for the servers whose layout we know."""
    return _beside(endpoint, (("/rdf-graphs/service", "/statements"), ("/store", "/update"), ("/data", "/update")))


def _beside(endpoint: str, layouts: tuple[tuple[str, str], ...]) -> str | None:
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for suffix, replacement in layouts:
        if path.endswith(suffix):
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len(suffix)] + replacement, "", ""))
    return None


def _format_of(path: Path) -> ox.RdfFormat:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RdfInputError(f"{path}: cannot push a '{path.suffix}' file; push .trig, .nq, .ttl or .nt files")
    if not path.is_file():
        raise RdfInputError(f"{path}: file not found; build it with 'kg build' or name the files to push")
    return fmt


def _runs(path: Path, fmt: ox.RdfFormat, default_graph: str | None, keep: bool) -> Iterator[Run]:
    """The file's quads grouped into runs of one graph (kg build writes each graph in one run).
    With keep=False the triples are not kept: a cheap first pass that checks the syntax."""
    current = default_graph
    triples: list[ox.Triple] = []
    started = path.suffix.lower() in TRIPLE_FORMATS  # a Turtle file is one graph, even an empty one
    try:
        for quad in ox.parse(path=path, format=fmt):
            name = quad.graph_name
            if isinstance(name, ox.DefaultGraph):
                target = default_graph
            elif isinstance(name, ox.NamedNode):
                target = name.value
            else:
                raise RdfInputError(
                    f"{path}: the graph name {name} is a blank node, which a server cannot address; name the graph with an IRI"
                )
            if target != current and started:
                yield current, triples
                triples = []
            current, started = target, True
            if keep:
                triples.append(quad.triple)
    except SyntaxError as err:
        line, _, message = parse_error(err)
        raise RdfInputError(f"{path}:{line}: not valid {fmt.name}: {message}; fix the syntax on that line") from None
    except OSError as err:
        raise RdfInputError(f"{path}: cannot read the file ({err.strerror})") from None
    if started:
        yield current, triples


def _check_graph_iri(graph: str | None) -> str | None:
    if graph is None:
        return None
    try:
        ox.NamedNode(graph)
    except ValueError as err:
        raise OptionError(f"--graph {graph!r}: not an absolute IRI ({err}); e.g. https://example.org/news-kg/graph/main") from None
    return graph


def push(files: Sequence[Path] = (), endpoint: str = "", graph: str | None = None, auth_env: str | None = None,
         query_endpoint: str | None = None, timeout: float = 30.0, retries: int = 3,
         client: HttpClient | None = None, progress: Progress | None = None, union: bool = True,
         update_endpoint: str | None = None) -> PushResult:
    """Send every graph of the files with PUT (a graph met again later in the input is
    added with POST, so nothing sent earlier in this push is lost), rebuild the default graph as
    the union of the named graphs (unless `union` is off), then count on the server."""
    endpoint = check_graph_store_url(endpoint)
    if query_endpoint is not None:
        check_url(query_endpoint, "--query-endpoint")
    if update_endpoint is not None:
        check_url(update_endpoint, "--update-endpoint", "http://localhost:7878/update")
    graph = _check_graph_iri(graph)
    paths = list(files) or [DEFAULT_FILE]
    formats = [_format_of(path) for path in paths]
    client = client or HttpClient(timeout=timeout, retries=retries, auth=auth_header(auth_env))
    targets = [target for path, fmt in zip(paths, formats) for target, _ in _runs(path, fmt, graph, keep=False)]
    total = len(targets)
    update_url = None
    if union and any(target is not None for target in targets):
        update_url = update_endpoint or update_url_for(endpoint)
        if update_url is None:  # refused before anything is sent
            raise OptionError(f"--endpoint {shown(endpoint)}: kg cannot tell this server's SPARQL Update URL, to "
                              f"make its default graph the union of the named graphs; {UPDATE_FIX}")
    sent: dict[str | None, int] = {}
    done = triples_sent = 0
    for path, fmt in zip(paths, formats):
        for target, triples in _runs(path, fmt, graph, keep=True):
            unique = list(dict.fromkeys(triples))
            method = "POST" if target in sent else "PUT"
            label = "default graph" if target is None else f"graph <{target}>"
            client.request(method, graph_store_url(endpoint, target), what=f"{method} {label}",
                           body=ox.serialize(unique, format=ox.RdfFormat.N_TRIPLES) or b"",
                           content_type=SENT_AS, fix_url=GSP_FIX)
            sent[target] = sent.get(target, 0) + len(unique)
            triples_sent += len(unique)
            done += 1
            if progress:
                progress(done, total)
    result = PushResult(endpoint, paths, len(sent), triples_sent, None)
    if graph is not None and graph not in sent:
        result.notes.append(f"Note: --graph {graph} was not used: the files hold only named graphs")
    query_url = query_endpoint or query_url_for(endpoint)
    result.triples_held = _count_held(client, endpoint, query_url, list(sent))
    if update_url is not None:
        client.request("POST", update_url, what="rebuilding the default graph as the union of the named graphs",
                       body=UNION_UPDATE.encode("utf-8"), content_type="application/sparql-update",
                       fix_url=UPDATE_FIX)
        result.union_held = _count_default(client, endpoint, query_url)
    return result


def _count_held(client: HttpClient, endpoint: str, query_url: str | None, graphs: list[str | None]) -> int | None:
    """Triples the server holds in the pushed graphs: SPARQL COUNTs for named graphs, a Graph
    Store GET for the default graph (a query's default graph may be the union of all graphs)."""
    named = sorted(g for g in graphs if g is not None)
    held = 0
    if None in graphs:
        held += _count_by_get(client, endpoint, None)
    if named and query_url is None:
        return None
    for start in range(0, len(named), COUNT_BATCH):
        batch = named[start : start + COUNT_BATCH]
        values = " ".join(str(ox.NamedNode(g)) for g in batch)  # IRIs checked by the parser
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        rows = client.select(query_url, query, what="counting the pushed triples", fix_url=QUERY_FIX)
        try:
            bindings = rows.get("results", {}).get("bindings", [])
            held += int(bindings[0]["n"]["value"]) if bindings and "n" in bindings[0] else 0
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            raise client.failure(f"{shown(query_url)} (counting the pushed triples): the server's JSON results "
                                 f"do not hold a count; {QUERY_FIX}") from None
    return held


def _count_default(client: HttpClient, endpoint: str, query_url: str | None) -> int:
    """Triples in the default graph: counted by the server when it has a query URL (the union of
    a big store would not fit in an answer), else read back with a Graph Store GET."""
    if query_url is None:
        return _count_by_get(client, endpoint, None)
    rows = client.select(query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", what="counting the default graph",
                         fix_url=QUERY_FIX)
    try:
        return int(rows["results"]["bindings"][0]["n"]["value"])
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        raise client.failure(f"{shown(query_url)} (counting the default graph): the server's JSON results do not "
                             f"hold a count; {QUERY_FIX}") from None


def _count_by_get(client: HttpClient, endpoint: str, graph: str | None) -> int:
    label = "default graph" if graph is None else f"graph <{graph}>"
    answer = client.request("GET", graph_store_url(endpoint, graph), what=f"GET {label}", accept=SENT_AS,
                            fix_url=GSP_FIX)
    fmt = ox.RdfFormat.from_media_type(answer.content_type.split(";")[0].strip()) or ox.RdfFormat.N_TRIPLES
    try:
        return sum(1 for _ in ox.parse(answer.body, format=fmt))
    except SyntaxError as err:
        raise client.failure(f"{shown(endpoint)} (GET {label}): the server's {fmt.name} answer does not parse "
                             f"({err}); {GSP_FIX}") from None
