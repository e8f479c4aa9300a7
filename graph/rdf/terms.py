"""Two ways to make the same RDF terms: rdflib objects, or N-Triples text.

The builder writes each triple once, against a factory. The rdflib factory gives the Graph that
the library hands out, validates and queries; the N-Triples factory gives the same statements as
sortable text lines without making millions of objects, which is what big builds write from.
A test checks that both give the same graph.
"""

import re

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import XSD

_CONTROL = {chr(code): f"\\u{code:04X}" for code in range(0x20) if chr(code) not in "\n\r\t"}
# Python's str.splitlines() also breaks lines at these, so they are escaped too: one statement, one line.
_CONTROL.update({ch: f"\\u{ord(ch):04X}" for ch in "\x85\u2028\u2029"})
#: N-Triples escapes that are also JSON's, so a literal token can be copied into JSON-LD as it is.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", **_CONTROL})
#: Most text needs no escape; finding that out is ten times faster than translating it.
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x85\u2028\u2029]')


def escape(value: str) -> str:
    return value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value


#: rdf:type in N-Triples lines: sorts before every IRI, so each subject's type comes first.
TYPE_SENTINEL = "<\x01>"
RDF_TYPE = str(RDF.type)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class RdflibTerms:
    def iri(self, value: str) -> URIRef:
        return URIRef(value)

    def text(self, value: str) -> Literal:
        return Literal(value)

    def typed(self, lexical: str, datatype: str) -> Literal:
        return Literal(lexical, datatype=URIRef(datatype))


class NTriplesTerms:
    def iri(self, value: str) -> str:
        return TYPE_SENTINEL if value == RDF_TYPE else f"<{value}>"

    def text(self, value: str) -> str:
        return f'"{escape(value)}"'

    def typed(self, lexical: str, datatype: str) -> str:
        return f'"{escape(lexical)}"^^<{datatype}>'


XSD_INTEGER = str(XSD.integer)
XSD_DATE = str(XSD.date)
XSD_BOOLEAN = str(XSD.boolean)
XSD_DECIMAL = str(XSD.decimal)
XSD_DURATION = str(XSD.duration)


def nt_line(s, p, o) -> str:
    """A sortable N-Triples line for any rdflib triple (blank nodes included)."""
    predicate = TYPE_SENTINEL if p == RDF.type else f"<{p}>"
    return f"{nt_term(s)} {predicate} {nt_term(o)} ."


def nt_term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = f'"{escape(str(node))}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None and str(node.datatype) != _XSD_STRING:
            return f"{text}^^<{node.datatype}>"
        return text
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


def from_pyoxigraph(found: object, normalize: bool = False) -> URIRef | BNode | Literal | None:
    """A pyoxigraph term as an rdflib term (None for an RDF-star triple term, which kg does not
    read). `normalize` as rdflib's own parser does; kg query keeps the lexical form exactly."""
    import pyoxigraph as ox

    if isinstance(found, ox.NamedNode):
        return URIRef(found.value)
    if isinstance(found, ox.BlankNode):
        return BNode(found.value)
    if isinstance(found, ox.Literal):
        if found.language:
            return Literal(found.value, lang=found.language)
        datatype = found.datatype.value
        if datatype == _XSD_STRING:
            return Literal(found.value)
        return Literal(found.value, datatype=URIRef(datatype), normalize=None if normalize else False)
    return None
