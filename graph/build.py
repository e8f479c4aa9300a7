"""Typed facts → RDF in our vocabulary (ontology/kg.ttl; the contract is tabled in README.md).

Every instance IRI is minted from stable ids, so the same facts give the same triples and
no blank node is ever needed.
"""

from collections.abc import Iterable, Iterator

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from graph.evidence import Evidence
from graph.model import DIRECT, ArticleFacts, Sourced
from graph.vocab import KG, OA, ORG, PROV, SCHEMA, Iris, slug

Triple = tuple[URIRef, URIRef, URIRef | Literal]

PLACE_CLASSES = {"city": SCHEMA.City, "country": SCHEMA.Country, "region": SCHEMA.AdministrativeArea}
LABEL_CHARS = 60


def _text(value: str) -> Literal:
    return Literal(value)


def _label(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= LABEL_CHARS else value[: LABEL_CHARS - 1].rstrip() + "…"


class _ArticleBuilder:
    """Emits the triples of one article's facts."""

    def __init__(self, facts: ArticleFacts, iris: Iris):
        self.facts = facts
        self.iris = iris
        self.article = iris.of("article", facts.article.id)

    def evidence(self, subject: URIRef, evidence: Evidence) -> Iterator[Triple]:
        """Link a fact to its passage: a Web Annotation SpecificResource with two selectors."""
        node = self.iris.evidence(self.facts.article.id, evidence.start, evidence.end)
        quote = URIRef(f"{node}.quote")
        position = URIRef(f"{node}.position")
        yield subject, KG.evidence, node
        if subject != self.article:
            yield subject, PROV.wasDerivedFrom, self.article
        yield node, RDF.type, OA.SpecificResource
        yield node, OA.hasSource, self.article
        yield node, OA.hasSelector, quote
        yield node, OA.hasSelector, position
        yield quote, RDF.type, OA.TextQuoteSelector
        yield quote, OA.exact, _text(evidence.exact)
        yield quote, OA.prefix, _text(evidence.prefix)
        yield quote, OA.suffix, _text(evidence.suffix)
        yield position, RDF.type, OA.TextPositionSelector
        yield position, OA.start, Literal(evidence.start, datatype=XSD.integer)
        yield position, OA.end, Literal(evidence.end, datatype=XSD.integer)

    def claim(self, subject: URIRef, predicate: URIRef, obj: URIRef | Literal, key: str,
              evidence: Evidence) -> Iterator[Triple]:
        """A plain triple plus a kg:Claim (rdf:Statement) that carries its provenance."""
        yield subject, predicate, obj
        node = self.iris.of("claim", key)
        yield node, RDF.type, KG.Claim
        yield node, RDF.subject, subject
        yield node, RDF.predicate, predicate
        yield node, RDF.object, obj
        yield from self.evidence(node, evidence)

    def entity(self, kind: str, ident: str, name: str, cls: URIRef, evidence: Evidence) -> Iterator[Triple]:
        node = self.iris.of(kind, ident)
        yield node, RDF.type, cls
        yield node, SCHEMA.name, _text(name)
        yield node, RDFS.label, _text(name)
        yield self.article, SCHEMA.mentions, node
        yield from self.evidence(node, evidence)

    def sourced_ref(self, subject: URIRef, subject_id: str, predicate: URIRef, name: str,
                    kind: str, value: Sourced[str]) -> Iterator[Triple]:
        yield from self.claim(subject, predicate, self.iris.of(kind, value.value),
                              f"{subject_id}.{name}.{value.value}", value.evidence)

    def role(self, label: str) -> tuple[URIRef, list[Triple]]:
        node = self.iris.of("role", slug(label))
        return node, [(node, RDF.type, ORG.Role), (node, RDFS.label, _text(label))]

    def triples(self) -> Iterator[Triple]:
        f, iris = self.facts, self.iris
        yield from self.article_triples()
        for p in f.people:
            node = iris.of("person", p.id)
            yield from self.entity("person", p.id, p.name, SCHEMA.Person, p.evidence)
            if p.honorific:
                yield node, SCHEMA.honorificPrefix, _text(p.honorific)
            for alt in p.alternate_names:
                yield node, SCHEMA.alternateName, _text(alt)
        for o in f.organizations:
            node = iris.of("organization", o.id)
            yield from self.entity("organization", o.id, o.name, SCHEMA.Organization, o.evidence)
            for alt in o.alternate_names:
                yield node, SCHEMA.alternateName, _text(alt)
            if o.parent:
                yield from self.sourced_ref(node, o.id, SCHEMA.parentOrganization, "parent", "organization", o.parent)
            if o.country:
                yield from self.sourced_ref(node, o.id, SCHEMA.addressCountry, "country", "place", o.country)
        for pl in f.places:
            node = iris.of("place", pl.id)
            yield from self.entity("place", pl.id, pl.name, SCHEMA.Place, pl.evidence)
            if pl.kind:
                yield node, RDF.type, PLACE_CLASSES[pl.kind]
            if pl.country:
                yield from self.sourced_ref(node, pl.id, SCHEMA.containedInPlace, "country", "place", pl.country)
        scheme = iris.topic_scheme()
        if f.topics:
            yield scheme, RDF.type, SKOS.ConceptScheme
            yield scheme, SKOS.prefLabel, _text("Topics of the news knowledge graph")
            yield scheme, RDFS.label, _text("Topics of the news knowledge graph")
        for t in f.topics:
            node = iris.of("topic", t.id)
            yield from self.entity("topic", t.id, t.name, SKOS.Concept, t.evidence)
            yield node, SKOS.prefLabel, _text(t.name)
            yield node, SKOS.inScheme, scheme
        for e in f.events:
            yield from self.event_triples(e)
        yield from self.relation_triples()

    def article_triples(self) -> Iterator[Triple]:
        a, node = self.facts.article, self.article
        yield node, RDF.type, SCHEMA.NewsArticle
        yield node, SCHEMA.headline, _text(a.headline.value)
        yield node, SCHEMA.name, _text(a.headline.value)
        yield node, RDFS.label, _text(a.headline.value)
        yield node, KG.textFile, _text(a.text_file)
        yield from self.evidence(node, a.headline.evidence)
        if a.author:
            yield from self.sourced_ref(node, a.id, SCHEMA.author, "author", "person", a.author)
        if a.publisher:
            yield from self.sourced_ref(node, a.id, SCHEMA.publisher, "publisher", "organization", a.publisher)
        if a.published:
            yield node, SCHEMA.datePublished, Literal(a.published.isoformat(), datatype=XSD.date)
        if a.url:
            yield node, SCHEMA.url, URIRef(a.url)
        if a.language:
            yield node, SCHEMA.inLanguage, _text(a.language)
        if a.attribution:
            yield node, SCHEMA.creditText, _text(a.attribution)

    def event_triples(self, e) -> Iterator[Triple]:
        node = self.iris.of("event", e.id)
        yield from self.entity("event", e.id, e.name, SCHEMA.Event, e.evidence)
        if e.date:
            when = Literal(e.date.value.isoformat(), datatype=XSD.date)
            yield from self.claim(node, SCHEMA.startDate, when, f"{e.id}.date.{e.date.value.isoformat()}", e.date.evidence)
        if e.organizer:
            yield from self.sourced_ref(node, e.id, SCHEMA.organizer, "organizer", "organization", e.organizer)
            yield self.iris.of("organization", e.organizer.value), KG.hosted, node
        if e.location:
            yield from self.sourced_ref(node, e.id, SCHEMA.location, "location", "place", e.location)
        for topic in e.topics:
            yield from self.sourced_ref(node, e.id, SCHEMA.about, "topic", "topic", topic)
        if e.participants:
            p = e.participants
            count = Literal(p.count, datatype=XSD.integer)
            yield from self.claim(node, KG.participantCount, count, f"{e.id}.participants.{p.count}", p.evidence)
            yield node, KG.participantDescription, _text(p.description)
            if p.qualifier:
                yield node, KG.participantCountQualifier, _text(p.qualifier)

    def relation_triples(self) -> Iterator[Triple]:
        f, iris = self.facts, self.iris
        for m in f.memberships:
            person, org = iris.of("person", m.person), iris.of("organization", m.organization)
            role, role_triples = self.role(m.role)
            node = iris.of("membership", f"{m.person}.{m.organization}.{slug(m.role)}")
            yield person, SCHEMA.affiliation, org
            yield from role_triples
            yield node, RDF.type, ORG.Membership
            yield node, ORG.member, person
            yield node, ORG.organization, org
            yield node, ORG.role, role
            yield node, RDFS.label, _text(f"{f.names[m.person]}: {m.role}, {f.names[m.organization]}")
            yield from self.evidence(node, m.evidence)
        for r in f.event_roles:
            person, event = iris.of("person", r.person), iris.of("event", r.event)
            role, role_triples = self.role(r.role)
            node = iris.of("eventrole", f"{r.person}.{r.event}.{slug(r.role)}")
            yield person, SCHEMA.performerIn, event
            yield from role_triples
            yield node, RDF.type, KG.EventRole
            yield node, KG.agent, person
            yield node, KG.event, event
            yield node, ORG.role, role
            yield node, RDFS.label, _text(f"{f.names[r.person]}: {r.role}, {f.names[r.event]}")
            yield from self.evidence(node, r.evidence)
        for s in f.statements:
            node, speaker = iris.of("quote", s.id), iris.of("person", s.speaker)
            yield node, RDF.type, SCHEMA.Quotation
            yield node, RDF.type, KG.DirectQuote if s.kind == DIRECT else KG.ReportedStatement
            yield node, SCHEMA.text, _text(s.text)
            yield node, SCHEMA.creator, speaker
            yield node, RDFS.label, _text(f"{f.names[s.speaker]}: {_label(s.text)}")
            yield speaker, KG.said, node
            if s.verb:
                yield node, KG.reportingVerb, _text(s.verb)
            yield self.article, SCHEMA.mentions, node
            yield from self.evidence(node, s.evidence)


def article_triples(facts: ArticleFacts, iris: Iris) -> Iterator[Triple]:
    """The triples of one article (duplicates possible; a Graph removes them)."""
    return _ArticleBuilder(facts, iris).triples()


def build_graph(articles: Iterable[ArticleFacts], iris: Iris, graph: Graph | None = None) -> Graph:
    """All articles merged into one rdflib Graph, prefixes bound explicitly."""
    graph = graph if graph is not None else Graph(bind_namespaces="none")
    for prefix, namespace in iris.prefixes().items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for facts in articles:
        for triple in article_triples(facts, iris):
            graph.add(triple)
    return graph
