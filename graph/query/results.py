"""Query results, whatever engine answered (their formats are in graph/query/formats.py).

Terms are rdflib terms with xsd:string literals made plain, so results from rdflib, pyoxigraph
and an endpoint compare equal when they hold the same RDF terms.
"""

from dataclasses import dataclass

from rdflib import XSD, BNode, Literal, URIRef

from graph.errors import QueryError
from graph.rdf.terms import from_pyoxigraph

Term = URIRef | BNode | Literal
_XSD_STRING = str(XSD.string)


def plain(term: Term | None) -> Term | None:
    """xsd:string literals without an explicit datatype (RDF 1.1 makes them the same term)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def from_oxigraph(term: object) -> Term:
    """A pyoxigraph term as an rdflib term, lexical form kept exactly (no normalization)."""
    found = from_pyoxigraph(term)
    if found is None:
        raise QueryError(f"{term!r}: RDF-star triple terms are not supported in results")
    return found


@dataclass(frozen=True)
class QueryResult:
    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Term, Term, Term], ...] = ()
    #: the answer as the engine itself wrote it in `serialized_as` (csv or tsv), rows left out:
    #: Oxigraph's own writer, so that a big answer is never turned into rdflib terms one by one
    serialized: str | None = None
    serialized_as: str | None = None

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def term_key(term: Term | None) -> tuple:
    """A total order on terms (unbound, blank nodes, IRIs, literals), for stable listings."""
    if term is None:
        return (0, "", "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    if isinstance(term, URIRef):
        return (2, str(term), "", "")
    return (3, str(term), str(term.datatype or ""), term.language or "")
