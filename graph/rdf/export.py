"""Graph → deterministic Turtle, TriG and JSON-LD in memory (foreign RDF is read by graph/rdf/readers.py).

The bytes come from the same streaming writers that big builds use (graph/rdf/writers.py), so a
graph serializes identically whichever way it was built.
"""

import io
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

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

