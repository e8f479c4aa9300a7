"""Namespaces, prefixes and the minting of stable, readable instance IRIs."""

import hashlib
import re
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Namespace, URIRef

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
KG = Namespace("https://example.org/news-kg/ontology#")

DEFAULT_BASE_IRI = "https://example.org/news-kg/"

VOCAB_PREFIXES = {
    "kg": str(KG),
    "oa": str(OA),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sh": str(SH),
    "skos": str(SKOS),
    "xsd": str(XSD),
}

ID_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!$))*$")
_BASE_PATTERN = re.compile(r"^https?://[^\s<>\"{}|\\^`]+[/#]$")


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value)) and not value.endswith(".")


def is_valid_base_iri(value: str) -> bool:
    return bool(_BASE_PATTERN.match(value)) and is_valid_iri(value)


def is_valid_url(value: str) -> bool:
    """An http(s) URL that can be written as an IRI as it is (no spaces, quotes, '<', ...)."""
    return value.startswith(("http://", "https://")) and is_valid_iri(value)


def is_valid_iri(value: str) -> bool:
    """An absolute IRI by RFC 3987, as strict parsers (Oxigraph) check it; no control characters."""
    import pyoxigraph

    if any(ch <= " " or ch in '<>"{}|^`\\' or "\x7f" <= ch <= "\x9f" for ch in value):
        return False
    try:
        pyoxigraph.NamedNode(value)
    except ValueError:
        return False
    return True


def slug(label: str) -> str:
    """A readable IRI segment for a free-text label (roles): letters and digits joined by '-'."""
    text = re.sub(r"[\W_]+", "-", label.casefold()).strip("-")
    if text and all(ch.isascii() or ch.isalpha() or ch.isdigit() or ch == "-" for ch in text):
        return text
    return "h" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:16]


def compound(*parts: str) -> str:
    """One local name for a fact made of several ids (a claim, a membership): the parts joined by '.',
    a '.' inside a part written %2E, so two different facts never share an IRI ((ann.b, c) and
    (ann, b.c) give ann%2Eb.c and ann.b%2Ec). Ids without dots read as before."""
    return ".".join(part.replace(".", "%2E") for part in parts)


@dataclass(frozen=True)
class Iris:
    """Mints instance IRIs under one base IRI, e.g. https://example.org/news-kg/person/he-jie."""

    base: str = DEFAULT_BASE_IRI

    def of(self, kind: str, local: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{local}")

    def topic_scheme(self) -> URIRef:
        return URIRef(f"{self.base}topics")

    def evidence(self, article_id: str, start: int, end: int) -> URIRef:
        """A passage of one article: the article's id is in the IRI, so no other article's facts
        describe it (graph/corpus/collect.py relies on this)."""
        return self.of("evidence", f"{article_id}.{start}-{end}")

    def evidence_lines(self) -> tuple[str, str]:
        """Every sortable N-Triples line (graph/rdf/terms.py) about evidence sorts from the first string
        on and before the second ('0' follows '/')."""
        return f"<{self.base}evidence/", f"<{self.base}evidence0"
