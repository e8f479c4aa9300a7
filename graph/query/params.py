"""Query parameters: from the user's text to one RDF term, by the kind the query header declares.

An entity parameter (person, organization, ...) accepts an id (he-jie), a prefixed name
(person:he-jie), a full IRI or a name ("He Jie"). Names are looked up in the data with a query
whose name is itself a bound literal, so no user text ever becomes query text; when none is
exact, the entities' ids and names are matched as kg render --focus matches them (graph/lookup.py:
any case, a unique part of a name), with suggestions.
"""

import datetime
import re
from collections.abc import Callable, Mapping, Sequence

from rdflib import XSD, Literal, URIRef

from graph.errors import QueryError
from graph.lookup import Candidate, find
from graph.lookup import as_iri as lookup_iri
from graph.query.results import QueryResult
from graph.query.sparql import sparql_term
from graph.text import prefixed
from graph.kinds import ENTITY_KINDS, INSTANCE_KINDS, ROLE_KINDS
from graph.vocab import is_valid_id

#: Each entity parameter kind → the IRI folders and classes of the entities it takes.
ENTITY_FOLDERS: dict[str, tuple[str, ...]] = {kind.name: (kind.name,) for kind in ENTITY_KINDS} | ROLE_KINDS
ENTITY_CLASSES: dict[str, list[URIRef]] = {
    kind: [next(k.cls for k in ENTITY_KINDS if k.name == folder) for folder in folders]
    for kind, folders in ENTITY_FOLDERS.items()
}
_ENTITY = "an id (he-jie), a prefixed name (person:he-jie), a full IRI or a name (\"He Jie\") of one in the data"
#: What each kind of parameter accepts, for --list and error messages.
KIND_VALUES: dict[str, str] = {
    **{kind.name: _ENTITY for kind in ENTITY_KINDS},
    **{kind: f"the same for {' or '.join(ROLE_KINDS[kind])}" for kind in ROLE_KINDS},
    "resource": "the same for anything in the data (entity, quote, membership, claim, ...)",
    "iri": "any IRI: a prefixed name (schema:Person) or a full IRI",
    "string": "text, used as given",
    "integer": "a whole number, e.g. 500",
    "date": "a date, YYYY-MM-DD",
}
KINDS = tuple(KIND_VALUES)

#: Runs an internal SELECT with VALUES bindings on the engine the user chose.
Lookup = Callable[[str, Mapping[str, Sequence[URIRef | Literal]]], QueryResult]

_PREAMBLE = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_NAMES = "rdfs:label|schema:name|schema:alternateName|skos:prefLabel"
_BY_IRI = _PREAMBLE + "SELECT DISTINCT ?entity WHERE { ?entity a ?class } ORDER BY STR(?entity)"
_ANY_BY_IRI = _PREAMBLE + "SELECT DISTINCT ?entity WHERE { ?entity ?p ?o } ORDER BY STR(?entity)"
_BY_NAME = _PREAMBLE + (f"SELECT DISTINCT ?entity WHERE {{ ?entity a ?class ; {_NAMES} ?label . "
                        "FILTER(LCASE(STR(?label)) = LCASE(?name)) } ORDER BY STR(?entity)")
_ANY_BY_NAME = _PREAMBLE + (f"SELECT DISTINCT ?entity WHERE {{ ?entity {_NAMES} ?label . FILTER(isIRI(?entity)) "
                            "FILTER(LCASE(STR(?label)) = LCASE(?name)) } ORDER BY STR(?entity)")
_ALL = _PREAMBLE + (f"SELECT DISTINCT ?entity ?label WHERE {{ ?entity a ?class ; {_NAMES} ?label }} "
                    "ORDER BY STR(?entity) STR(?label)")
_ANY_ALL = _PREAMBLE + (f"SELECT DISTINCT ?entity ?label WHERE {{ ?entity {_NAMES} ?label FILTER(isIRI(?entity)) }} "
                        "ORDER BY STR(?entity) STR(?label)")


def split_assignment(raw: str) -> tuple[str, str]:
    name, sep, value = raw.partition("=")
    if not sep or not name.strip():
        raise QueryError(f"--param {raw!r}: write NAME=VALUE, e.g. --param person=he-jie")
    return name.strip().lstrip("?$"), value


def as_iri(value: str, prefixes: Mapping[str, str]) -> URIRef | None:
    """<IRI>, prefix:local with a known prefix, or an absolute IRI; None for anything else."""
    iri = lookup_iri(value, prefixes)
    return None if iri is None else URIRef(iri)


def literal(kind: str, value: str, label: str) -> Literal:
    if kind == "string":
        return Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            raise QueryError(f"{label}: not a whole number; e.g. 500")
        return Literal(int(value), datatype=XSD.integer)
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(f"{label}: not a date; write YYYY-MM-DD, e.g. 2024-11-16") from None
    return Literal(day.isoformat(), datatype=XSD.date)


def untyped(value: str, prefixes: Mapping[str, str], label: str) -> URIRef | Literal:
    """For a query without a header: an IRI if written as one, else a plain string.

    A value in < > is meant as an IRI: it must be one whole <IRI> and nothing more; as a string
    it would silently match nothing (`<http://x/> } UNION { ... }` read as text).
    """
    text = value.strip()
    if text.startswith("<") and (len(text) <= 2 or not text.endswith(">") or any(c in "<>" for c in text[1:-1])):
        raise QueryError(f"{label}: not one IRI; write a single full IRI in < >, e.g. <https://example.org/x>, "
                         "or, to pass text, declare the parameter in a header: # param NAME: string")
    return as_iri(value, prefixes) or Literal(value)


def resolve(kind: str, value: str, label: str, prefixes: Mapping[str, str], lookup: Lookup,
            data: str) -> URIRef | Literal:
    """One RDF term for a declared parameter; entities must exist in the data."""
    if kind in ("string", "integer", "date"):
        return literal(kind, value, label)
    iri = as_iri(value, prefixes)
    if kind == "iri":
        if iri is None:
            raise QueryError(f"{label}: not an IRI; write a prefixed name (schema:Person) or a full IRI")
        return iri
    if iri is not None:
        try:
            sparql_term(iri)  # before the lookup binds it: its error names the parameter
        except QueryError as err:
            raise QueryError(f"{label}: {err}") from None
    classes = {"class": ENTITY_CLASSES[kind]} if kind in ENTITY_CLASSES else {}
    by_iri, by_name, everything = (_BY_IRI, _BY_NAME, _ALL) if classes else (_ANY_BY_IRI, _ANY_BY_NAME, _ANY_ALL)
    what = f"a {kind}" if classes else "anything"
    candidates = [iri] if iri is not None else []
    if iri is None and is_valid_id(value.strip()):
        folders = list(ENTITY_FOLDERS[kind]) if kind in ENTITY_FOLDERS else list(INSTANCE_KINDS)
        candidates = [URIRef(prefixes[f] + value.strip()) for f in folders if f in prefixes]
    found = _entities(lookup(by_iri, {"entity": candidates, **classes})) if candidates else []
    if not found and iri is None:
        found = _entities(lookup(by_name, {"name": [Literal(value.strip())], **classes}))
    known: list[Candidate] | None = None
    if not found:  # ids in another case, a part of a name (a surname): graph/lookup.py, as kg render --focus
        known = _candidates(lookup(everything, classes), partial=bool(classes))
        match = find(value, known, prefixes)
        found = [URIRef(m) for m in match.matches]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        shown = ", ".join(prefixed(f, prefixes) for f in found[:5])
        raise QueryError(f"{label}: {len(found)} match ({shown}); pass one of them instead")
    raise QueryError(f"{label}: no {kind} with that id, IRI or name in {data}; "
                     + _suggest(match.suggestions, known, prefixes, what, ENTITY_FOLDERS.get(kind, ())))


def _candidates(result: QueryResult, partial: bool) -> list[Candidate]:
    """(entity, name) rows → one candidate per entity, its names in the order found."""
    names: dict[str, list[str]] = {}
    for entity, label in result.rows:
        if isinstance(entity, URIRef):
            names.setdefault(str(entity), []).extend([str(label)] if label is not None else [])
    return [Candidate(entity, tuple(dict.fromkeys(found)), partial) for entity, found in names.items()]


def _entities(result: QueryResult) -> list[URIRef]:
    return [row[0] for row in result.rows if isinstance(row[0], URIRef)]


def _suggest(close: Sequence[str], known: Sequence[Candidate], prefixes: Mapping[str, str], what: str,
             folders: Sequence[str] = ()) -> str:
    """Close ids and names (graph/lookup.py), or a sample of what there is: of the kind's first folder
    first (people before organizations for a speaker)."""
    if close:
        return f"did you mean {', '.join(prefixed(iri, prefixes) for iri in close)}?"
    if not known:
        return f"the data has no {what.removeprefix('a ')} at all"
    rank = {folder: index for index, folder in enumerate(folders)}
    ordered = sorted((prefixed(c.iri, prefixes) for c in known),
                     key=lambda short: (rank.get(short.split(":", 1)[0], len(rank)), short))
    sample = ", ".join(ordered[:5])
    return f"known: {sample}{', ...' if len(known) > 5 else ''}"
