"""The formats a query result is written in.

SELECT/ASK: the W3C SPARQL 1.1 result formats (CSV, TSV, JSON, XML) and a table for people.
CONSTRUCT/DESCRIBE: deterministic Turtle (graph/rdf/export.py) or the same table of triples.
"""

import csv
import io
import json
import re
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from rdflib import XSD, BNode, Graph, Literal, URIRef

from graph.errors import QueryError
from graph.query import GRAPH_FORMATS, SELECT_FORMATS
from graph.query.results import QueryResult, Term
from graph.query.table import MAX_LINES, table
from graph.rdf.export import turtle

_XSD_STRING = str(XSD.string)
_ABBREVIATED = {
    str(XSD.integer): re.compile(r"^[+-]?[0-9]+$"),
    str(XSD.decimal): re.compile(r"^[+-]?[0-9]*\.[0-9]+$"),
    str(XSD.double): re.compile(r"^[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$"),
    str(XSD.boolean): re.compile(r"^(?:true|false)$"),
}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def check_format(form: str, fmt: str) -> None:
    allowed = GRAPH_FORMATS if form in ("CONSTRUCT", "DESCRIBE") else SELECT_FORMATS
    if fmt not in allowed:
        raise QueryError(f"--format {fmt} does not fit a {form} query; use one of: {', '.join(allowed)}")


def default_format(form: str) -> str:
    return "turtle" if form in ("CONSTRUCT", "DESCRIBE") else "table"


def is_exact(fmt: str) -> bool:
    """Whether a format is for programs, which need the data byte for byte (outside a terminal);
    the table is for people and always shows control characters escaped (graph/text.py)."""
    return fmt != "table"


def render(result: QueryResult, fmt: str, prefixes: Mapping[str, str], width: int = 100,
           full: bool = False) -> str:
    check_format(result.form, fmt)
    if result.serialized is not None:
        if result.serialized_as != fmt:
            raise ValueError(f"this answer is written as {result.serialized_as}, not {fmt}")
        return result.serialized
    if fmt == "turtle":
        graph = Graph(bind_namespaces="none")
        for triple in result.triples:
            graph.add(triple)
        return turtle(graph, used_prefixes(result.triples, prefixes)).decode("utf-8")
    if fmt == "table":
        return table(result, prefixes, width, None if full else MAX_LINES)
    return {"csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}[fmt](result)


def used_prefixes(triples: tuple[tuple[Term, Term, Term], ...], prefixes: Mapping[str, str]) -> dict[str, str]:
    """Only the prefixes whose namespace some IRI (or datatype) of the triples starts with."""
    iris = {str(t) for triple in triples for t in triple if isinstance(t, URIRef)}
    iris |= {str(t.datatype) for triple in triples for t in triple if isinstance(t, Literal) and t.datatype}
    return {name: ns for name, ns in prefixes.items() if any(iri.startswith(ns) for iri in iris)}


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: IRIs bare, literals as their text, CRLF line ends; byte for byte
    what Oxigraph writes (an unbound lone column is an empty line, where csv.writer would write "")."""
    if result.boolean is not None:
        return "true\r\n" if result.boolean else "false\r\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        cells = ["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row]
        if cells == [""]:
            out.write("\r\n")
        else:
            writer.writerow(cells)
    return out.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_string(value: str) -> str:
    """A quoted string as Oxigraph's TSV writer gives it: only what would end the field, the line or
    the string is escaped. (Other control characters stay raw; the table shows them escaped.)"""
    return '"' + value.translate(_TSV_ESCAPES) + '"'


def tsv_term(term: Term | None) -> str:
    """A term in SPARQL/Turtle syntax as TSV wants it; numbers and booleans abbreviated."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef):
        return f"<{term}>"
    text = tsv_string(str(term))
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is None or str(term.datatype) == _XSD_STRING:
        return text
    pattern = _ABBREVIATED.get(str(term.datatype))
    if pattern is not None and pattern.match(str(term)):
        return str(term)
    return f"{text}^^<{term.datatype}>"


def to_tsv(result: QueryResult) -> str:
    if result.boolean is not None:
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
        value["datatype"] = str(term.datatype)
    return value


def to_json(result: QueryResult) -> str:
    """application/sparql-results+json."""
    if result.boolean is not None:
        payload: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{v: json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        payload = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _xml_text(text: str) -> str:
    if _XML_FORBIDDEN.search(text):
        raise QueryError("a result holds a control character that XML 1.0 cannot carry; use --format json")
    return escape(text)


def xml_term(term: Term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{_xml_text(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_text(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{_xml_text(str(term))}</literal>"


def to_xml(result: QueryResult) -> str:
    """application/sparql-results+xml."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.boolean is not None:
        lines += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        lines.append("  <head>")
        lines += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
        lines += ["  </head>", "  <results>"]
        for row in result.rows:
            lines.append("    <result>")
            for v, t in zip(result.variables, row):
                if t is not None:
                    lines.append(f"      <binding name={quoteattr(v)}>{xml_term(t)}</binding>")
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"
