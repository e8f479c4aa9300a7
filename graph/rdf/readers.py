"""One reader per engine for every RDF format kg reads (graph/rdf/read.py DATA_FORMATS): read_graph()
into an rdflib Graph (kg render, stats, validate, query --engine rdflib), load_store() into a
pyoxigraph Store (kg query). The format is the file's extension's, or --data-format's for all.

A dataset (TriG, N-Quads, JSON-LD with named graphs) is read as the union of its graphs, as a set:
a triple in two graphs is one triple, so every command answers on graph.trig or graph.jsonld as on
graph.ttl. Turtle goes through rdflib's own parser for rdflib (its messages name the line); the
other formats are parsed by Oxigraph for both engines (line and column; a remote JSON-LD @context
is refused, never fetched), its terms turned into rdflib's for rdflib.
"""

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from graph.errors import RdfInputError, TooLargeError
from graph.rdf.terms import from_pyoxigraph
from graph.rdf.read import (
    OXIGRAPH_MAX_MB, RDFLIB_MAX_MB, TURTLE, DataFormat, check_sizes, format_of, invalid_iris, locate,
    not_valid, read_turtle_bytes,
)

_RDFLIB_READER = "rdflib (kg render, stats, validate, query --engine rdflib)"
_RDFLIB_FIX = ("query the part you need into a smaller file (kg query --data FILE ... --format turtle > part.ttl; "
               f"Oxigraph, kg query's default engine, reads up to {OXIGRAPH_MAX_MB} MB)")


def read_graph(paths: Iterable[Path], graph: object = None, data_format: str | None = None) -> object:
    """Read RDF files into one rdflib Graph, with a clear error naming file and line.

    The files together may hold at most RDFLIB_MAX_MB (graph/rdf/read.py, README "Limits")."""
    from rdflib import Graph

    paths = list(paths)
    check_sizes(paths, RDFLIB_MAX_MB, _RDFLIB_READER, _RDFLIB_FIX, data_format)
    graph = graph if graph is not None else Graph()
    for path in paths:
        fmt = format_of(path, data_format)
        if fmt is TURTLE:
            _turtle(path, graph)
        else:
            _oxigraph_into_rdflib(path, fmt, graph)
    return graph


def _turtle(path: Path, graph: object) -> None:
    """Oxigraph parses (1.7x faster than rdflib's parser on a 1,000-article graph, 10 s against
    17 s, the same triples); on a syntax error rdflib's parser reads the file again for its message,
    which names the line in words a user can act on (tests/data/turtle/)."""
    from rdflib import Graph

    try:
        _oxigraph_into_rdflib(path, TURTLE, graph, raw=True)
    except SyntaxError as err:
        try:
            _rdflib_turtle(path, Graph())  # raises: what Oxigraph refuses, its strict check refuses too
        except RecursionError:  # nested deeper than rdflib reads: Oxigraph's message then
            pass
        raise not_valid(path, TURTLE, err) from None


def _oxigraph_into_rdflib(path: Path, fmt: DataFormat, graph: object, raw: bool = False) -> None:
    """`raw`: Oxigraph's SyntaxError is raised as it is (the caller words it)."""
    import pyoxigraph as ox

    def term(found: object) -> object:
        made = from_pyoxigraph(found, normalize=True)  # as rdflib's own parsers make them
        if made is None:
            raise RdfInputError(f"{path}: holds an RDF-star triple term, which kg does not read")
        return made

    data = read_turtle_bytes(path, fmt)
    parser = ox.parse(data, format=fmt.ox(), base_iri=path.resolve().as_uri())
    try:
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in parser)  # type: ignore[attr-defined]
    except SyntaxError as err:
        if raw:
            raise
        raise not_valid(path, fmt, err) from None
    for name, iri in sorted(parser.prefixes.items()):
        if name:
            graph.bind(name, iri, override=False)  # type: ignore[attr-defined]


def _rdflib_turtle(path: Path, graph: object) -> None:
    from rdflib.plugins.parsers.notation3 import BadSyntax

    data = read_turtle_bytes(path)
    base = path.resolve().as_uri()
    try:
        with invalid_iris() as invalid:
            graph.parse(data=data.decode("utf-8"), format="turtle", publicID=base)  # type: ignore[attr-defined]
    except BadSyntax as err:
        raise RdfInputError(f"{path}:{err.lines + 1}: not valid Turtle: {err._why}; fix the syntax on that line") from None
    except MemoryError:
        raise TooLargeError(f"{path}: not enough memory to read this Turtle file; query the part you need into "
                            "a smaller file (kg query --data FILE ... --format turtle > part.ttl)") from None
    except Exception as err:  # rdflib's parsers raise many kinds of errors for bad input
        found = locate(data, base)
        if found is not None:
            line, message = found
            raise RdfInputError(f"{path}:{line}: not valid Turtle: {message}; fix the syntax on that line") from None
        message = " ".join(str(err).split())[:200] or type(err).__name__
        raise RdfInputError(f"{path}: rdflib cannot read this Turtle: {message}") from None
    # rdflib lets some mistakes through (IRIs with spaces or control characters, ...) that
    # Oxigraph, kg query's engine, refuses: the same files are valid for every command.
    strict = locate(data, base) or (invalid and (0, f"<{invalid[0][:100]}> is not a valid IRI"))
    if strict:
        line, message = strict
        fix = ("fix the IRI (no spaces, control characters, quotes, <, >, {, }, |, ^, ` or backslashes)"
               if "IRI" in message else "fix the syntax on that line")
        raise RdfInputError(f"{path}{f':{line}' if line else ''}: not valid Turtle: {message}; {fix}") from None


def _union(quads: Iterable[object]) -> Iterator[object]:
    """Every quad moved into the default graph (the store keeps each triple once)."""
    import pyoxigraph as ox

    for quad in quads:
        yield ox.Quad(quad.subject, quad.predicate, quad.object)  # type: ignore[attr-defined]


def load_store(store: object, paths: Sequence[Path], data_format: str | None = None,
               bulk: bool = False) -> dict[str, str]:
    """Load RDF files into a pyoxigraph Store's default graph; the prefixes they declare.

    `bulk`: the files are streamed from disk into an on-disk store (graph/query/store.py);
    otherwise read (UTF-8 checked) into memory first. Syntax errors are RdfInputError."""
    import pyoxigraph as ox

    prefixes: dict[str, str] = {}
    for path in paths:
        fmt = format_of(path, data_format)
        base = path.resolve().as_uri()
        if bulk:
            parser = ox.parse(path=path, format=fmt.ox(), base_iri=base)
        else:
            parser = ox.parse(read_turtle_bytes(path, fmt), format=fmt.ox(), base_iri=base)
        quads = _union(parser) if fmt.dataset else parser
        try:
            (store.bulk_extend if bulk else store.extend)(quads)  # type: ignore[attr-defined]
        except SyntaxError as err:
            raise not_valid(path, fmt, err) from None
        prefixes.update(parser.prefixes)
    return prefixes
