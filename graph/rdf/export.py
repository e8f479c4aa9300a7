"""Graph → deterministic Turtle, TriG and JSON-LD in memory, and foreign Turtle → Graph.

The bytes come from the same streaming writers that big builds use (graph/rdf/writers.py), so a
graph serializes identically whichever way it was built.
"""

import io
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from graph.errors import RdfInputError, TooLargeError
from graph.rdf.read import (
    OXIGRAPH_MAX_MB, RDFLIB_MAX_MB, check_sizes, deepest_line, invalid_iris, locate, read_turtle_bytes,
)
from graph.rdf.terms import nt_line
from graph.rdf.textforms import Compactor, jsonld_nodes, trig_block
from graph.rdf.writers import JsonldWriter, TrigWriter, write_turtle


def sorted_lines(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    """Statements as sortable N-Triples lines, in output order, without duplicates."""
    return sorted({nt_line(*triple) for triple in triples})


def sorted_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[tuple[Node, Node, Node]]:
    """Triples in output order (subject, rdf:type first, predicate, object)."""
    return sorted(set(triples), key=lambda triple: nt_line(*triple))


def turtle(graph: Iterable[tuple[Node, Node, Node]], prefixes: Mapping[str, str]) -> bytes:
    """Deterministic Turtle: statements sorted, every prefix bound explicitly."""
    with tempfile.TemporaryDirectory(prefix="kg-export-") as scratch:
        union = Path(scratch) / "union.nt"
        union.write_text("".join(line + "\n" for line in sorted_lines(graph)), encoding="utf-8", newline="\n")
        out = io.BytesIO()
        write_turtle(union, out, prefixes, Path(scratch))
        return out.getvalue()


def jsonld(graph: Iterable[tuple[Node, Node, Node]], prefixes: Mapping[str, str]) -> bytes:
    """Compacted JSON-LD with our prefixes as @context, one node object per subject."""
    out = io.BytesIO()
    writer = JsonldWriter(out, prefixes)
    writer.add(",\n".join(jsonld_nodes(sorted_lines(graph), Compactor(prefixes))))
    writer.close()
    return out.getvalue()


def trig(named: Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]], prefixes: Mapping[str, str]) -> bytes:
    """Deterministic TriG: one named graph block per (graph IRI, triples), in the given order."""
    out = io.BytesIO()
    writer = TrigWriter(out, prefixes)
    compact = Compactor(prefixes)
    for name, triples in named:
        writer.add(trig_block(str(name), sorted_lines(triples), compact))
    return out.getvalue()


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def parse_turtle(paths: Iterable[Path], graph: Graph | None = None) -> Graph:
    """Read Turtle files into one graph, with a clear error naming file and line.

    The files together may hold at most RDFLIB_MAX_MB (graph/rdf/read.py, README "Limits")."""
    paths = list(paths)
    check_sizes(paths, RDFLIB_MAX_MB, "rdflib (kg render, stats, validate, query --engine rdflib)",
                "query the part you need into a smaller file (kg query --data FILE ... --format turtle > part.ttl; "
                f"Oxigraph, kg query's default engine, reads up to {OXIGRAPH_MAX_MB} MB)")
    graph = graph if graph is not None else Graph()
    for path in paths:
        data = read_turtle_bytes(path)
        base = path.resolve().as_uri()
        try:
            with invalid_iris() as invalid:
                graph.parse(data=data.decode("utf-8"), format="turtle", publicID=base)
        except BadSyntax as err:
            raise RdfInputError(f"{path}:{err.lines + 1}: not valid Turtle: {err._why}; fix the syntax on that line") from None
        except RecursionError:
            line, depth = deepest_line(data.decode("utf-8"))
            raise RdfInputError(f"{path}:{line}: brackets [ ] or ( ) nested {depth} deep, too deep to read; "
                                "flatten the nesting (give the inner nodes IRIs)") from None
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
    return graph
