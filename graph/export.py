"""Graph → deterministic Turtle, TriG and JSON-LD.

Triples are sorted (subject, then rdf:type first and predicates by IRI, then objects) and
written by pyoxigraph's serializer, which is fast on big graphs; the prefix block is ours,
sorted by name. The same graph always gives the same bytes, whatever the hash seed.
"""

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from graph.errors import RdfInputError

_TYPE = str(RDF.type)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term_key(term: Node) -> tuple:
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    assert isinstance(term, Literal)
    return (2, str(term), str(term.datatype or ""), term.language or "")


def triple_key(triple: tuple[Node, Node, Node]) -> tuple:
    s, p, o = triple
    return (_term_key(s), (str(p) != _TYPE, str(p)), _term_key(o))


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


def sorted_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[tuple[Node, Node, Node]]:
    return sorted(triples, key=triple_key)


def _prefix_block(prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(prefixes.items()))


def _tidy(body: str) -> str:
    """pyoxigraph's statements, indented with four spaces and a blank line between subjects."""
    lines = []
    for line in body.splitlines():
        if line.startswith("@prefix"):
            continue
        if line.startswith("\t"):
            lines.append("    " + _one_object_per_line(line.lstrip("\t")))
        else:
            if lines:
                lines.append("")
            lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def _one_object_per_line(line: str) -> str:
    """Split 'p o1 , o2' so each object has its own line, leaving commas inside literals alone."""
    if " , " not in line:
        return line
    out, in_string, escaped = [], False, False
    for index, ch in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "," and line[index - 1 : index + 2] == " , ":
            out[-1] = ","
            out.append("\n       ")
            continue
        out.append(ch)
    return "".join(out)


def turtle(graph: Graph, prefixes: Mapping[str, str]) -> bytes:
    """Deterministic Turtle: every prefix bound explicitly, sorted statements."""
    quads = [ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in sorted_triples(graph)]
    body = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes)).decode("utf-8")
    return (_prefix_block(prefixes) + "\n" + _tidy(body)).encode("utf-8")


def trig(named: Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]], prefixes: Mapping[str, str]) -> bytes:
    """Deterministic TriG, one named graph per (graph IRI, triples) pair, graphs sorted by IRI."""
    chunks = [_prefix_block(prefixes)]
    for name, triples in sorted(named, key=lambda item: str(item[0])):
        quads = [ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in sorted_triples(set(triples))]
        body = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes)).decode("utf-8")
        inner = _tidy(body).rstrip("\n").replace("\n", "\n    ")
        chunks.append(f"\n{_compact(str(name), prefixes) or '<' + str(name) + '>'} {{\n    {inner}\n}}\n")
    return "".join(chunks).replace("\n    \n", "\n\n").encode("utf-8")


def _compact(iri: str, prefixes: Mapping[str, str]) -> str | None:
    best = None
    for name, namespace in prefixes.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(prefixes[best])):
            local = iri[len(namespace):]
            if local and not local.startswith("//") and all(ch.isalnum() or ch in "-_." for ch in local) \
                    and not local.endswith(".") and local[0] not in "-.":
                best = name
    return f"{best}:{iri[len(prefixes[best]):]}" if best else None


def _jsonld_value(term: Node, prefixes: Mapping[str, str]) -> object:
    if isinstance(term, URIRef):
        return {"@id": _compact(str(term), prefixes) or str(term)}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    assert isinstance(term, Literal)
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is None or str(term.datatype) == _XSD_STRING:
        return str(term)
    return {"@value": str(term), "@type": _compact(str(term.datatype), prefixes) or str(term.datatype)}


def jsonld(graph: Graph, prefixes: Mapping[str, str]) -> bytes:
    """Compacted JSON-LD with our prefixes as its @context; nodes and values sorted."""
    nodes: dict[Node, dict[str, list]] = {}
    for s, p, o in sorted_triples(graph):
        node = nodes.setdefault(s, {})
        key = "@type" if str(p) == _TYPE and isinstance(o, URIRef) else _compact(str(p), prefixes) or str(p)
        value = (_compact(str(o), prefixes) or str(o)) if key == "@type" else _jsonld_value(o, prefixes)
        node.setdefault(key, []).append(value)
    documents = []
    for subject, properties in nodes.items():
        doc: dict[str, object] = {"@id": _jsonld_value(subject, prefixes)["@id"]}
        for key in sorted(properties, key=lambda k: (k != "@type", k)):
            values = properties[key]
            doc[key] = values[0] if len(values) == 1 else values
        documents.append(doc)
    payload = {"@context": dict(sorted(prefixes.items())), "@graph": documents}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_turtle(paths: Iterable[Path], graph: Graph | None = None) -> Graph:
    """Read Turtle files into one graph, with a clear error naming file and line."""
    graph = graph if graph is not None else Graph()
    for path in paths:
        if not path.is_file():
            raise RdfInputError(f"{path}: Turtle file not found; build one with 'kg build' or check the path")
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            raise RdfInputError(f"{path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x}); Turtle files are UTF-8") from None
        try:
            graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
        except BadSyntax as err:
            raise RdfInputError(f"{path}:{err.lines + 1}: not valid Turtle: {err._why}; fix the syntax on that line") from None
        except Exception as err:  # rdflib's parsers raise many kinds of errors for bad input
            message = " ".join(str(err).split())[:200] or type(err).__name__
            raise RdfInputError(f"{path}: not valid Turtle: {message}") from None
    return graph
