"""Query parameters: from the user's text to one RDF term, by the kind the query header declares.

An entity parameter (person, organization, ...) accepts an id (he-jie), a prefixed name
(person:he-jie), a full IRI or a name ("He Jie"). Names are looked up in the data with a query
whose name is itself a bound literal, so no user text ever becomes query text.
"""

import datetime
import difflib
import re
from collections.abc import Callable, Mapping, Sequence

from rdflib import XSD, Literal, URIRef

from graph.errors import QueryError
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
_ALL = _PREAMBLE + "SELECT ?entity ?label WHERE { ?entity a ?class ; rdfs:label ?label } ORDER BY STR(?entity)"
_ANY_ALL = _PREAMBLE + ("SELECT ?entity ?label WHERE { ?entity rdfs:label ?label FILTER(isIRI(?entity)) } "
                        "ORDER BY STR(?entity)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def split_assignment(raw: str) -> tuple[str, str]:
    name, sep, value = raw.partition("=")
    if not sep or not name.strip():
        raise QueryError(f"--param {raw!r}: write NAME=VALUE, e.g. --param person=he-jie")
    return name.strip().lstrip("?$"), value


def as_iri(value: str, prefixes: Mapping[str, str]) -> URIRef | None:
    """<IRI>, prefix:local with a known prefix, or an absolute IRI; None for anything else."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    prefix, colon, local = text.partition(":")
    if colon and prefix in prefixes and not local.startswith("//"):
        return URIRef(prefixes[prefix] + local)
    if _SCHEME.match(text) and not any(ch.isspace() for ch in text) and (colon and local.startswith("//")
                                                                         or prefix in ("urn", "mailto", "tag")):
        return URIRef(text)
    return None


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
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        shown = ", ".join(prefixed(f, prefixes) for f in found[:5])
        raise QueryError(f"{label}: {len(found)} match ({shown}); pass one of them instead")
    raise QueryError(f"{label}: no {kind} with that id, IRI or name in {data}; "
                     + _suggest(value, lookup(everything, classes), prefixes, what, ENTITY_FOLDERS.get(kind, ())))


def _entities(result: QueryResult) -> list[URIRef]:
    return [row[0] for row in result.rows if isinstance(row[0], URIRef)]


def _suggest(value: str, known: QueryResult, prefixes: Mapping[str, str], what: str,
             folders: Sequence[str] = ()) -> str:
    """Close names, or a sample of what there is: of the kind's first folder first (people before
    organizations for a speaker)."""
    choices: dict[str, str] = {}
    for entity, label in known.rows:
        short = prefixed(entity, prefixes)
        local = short.split(":", 1)[1] if ":" in short and not short.startswith("<") else short
        choices.setdefault(local.casefold(), short)
        if label is not None:
            choices.setdefault(str(label).casefold(), short)
    close = difflib.get_close_matches(value.strip().casefold(), list(choices), n=3, cutoff=0.6)
    picks = list(dict.fromkeys(choices[c] for c in close))
    if picks:
        return f"did you mean {', '.join(picks)}?"
    if not known.rows:
        return f"the data has no {what.removeprefix('a ')} at all"
    rank = {folder: index for index, folder in enumerate(folders)}
    ordered = sorted((prefixed(e, prefixes) for e, _ in known.rows),
                     key=lambda short: (rank.get(short.split(":", 1)[0], len(rank)), short))
    sample = ", ".join(ordered[:5])
    return f"known: {sample}{', ...' if len(known.rows) > 5 else ''}"
