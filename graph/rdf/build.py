"""Typed facts → RDF in our vocabulary (ontology/kg.ttl; the contract is tabled in README.md).

Every instance IRI is minted from stable ids, so the same facts give the same triples and
no blank node is ever needed. The triples are written once, against a term factory
(graph/rdf/terms.py): rdflib terms for the Graph, or N-Triples text for big builds.
"""

from collections.abc import Iterable
from types import SimpleNamespace

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from graph.facts.evidence import Evidence
from graph.facts.model import DIRECT, ArticleFacts, Event, Sourced, When
from graph.text import shorten
from graph.rdf.terms import (
    TYPE_SENTINEL, XSD_BOOLEAN, XSD_DATE, XSD_DECIMAL, XSD_DURATION, XSD_INTEGER, NTriplesTerms, RdflibTerms,
)
from graph.kinds import PLACE_CLASSES, prefixes_of
from graph.vocab import KG, OA, ORG, PROV, SCHEMA, Iris, compound, slug

Triple = tuple[URIRef, URIRef, URIRef | Literal]

LABEL_CHARS = 60
TOPIC_SCHEME_LABEL = "Topics of the news knowledge graph"

_VOCAB = {
    "type": RDF.type, "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
    "label": RDFS.label, "prefLabel": SKOS.prefLabel, "inScheme": SKOS.inScheme,
    "Concept": SKOS.Concept, "ConceptScheme": SKOS.ConceptScheme,
    "evidence": KG.evidence, "Claim": KG.Claim, "hosted": KG.hosted, "said": KG.said,
    "DirectQuote": KG.DirectQuote, "ReportedStatement": KG.ReportedStatement, "EventRole": KG.EventRole,
    "agent": KG.agent, "event": KG.event, "reportingVerb": KG.reportingVerb, "textFile": KG.textFile,
    "participantCount": KG.participantCount, "participantDescription": KG.participantDescription,
    "participantCountQualifier": KG.participantCountQualifier,
    **{name: KG[name] for name in (
        "unnamed", "implied", "former", "dateText", "resolvedFrom", "reportedCount", "countQualifier", "medium",
        "quotedFragment", "amount", "fromMetadata", "theme")},
    "wasDerivedFrom": PROV.wasDerivedFrom,
    "SpecificResource": OA.SpecificResource, "hasSource": OA.hasSource, "hasSelector": OA.hasSelector,
    "TextQuoteSelector": OA.TextQuoteSelector, "TextPositionSelector": OA.TextPositionSelector,
    "exact": OA.exact, "prefix": OA.prefix, "suffix": OA.suffix, "start": OA.start, "end": OA.end,
    "Membership": ORG.Membership, "Role": ORG.Role, "member": ORG.member, "organization": ORG.organization,
    "role": ORG.role,
    **{name: SCHEMA[name] for name in (
        "NewsArticle", "Person", "Organization", "Place", "Event", "Quotation", "name", "alternateName",
        "honorificPrefix", "headline", "author", "publisher", "datePublished", "url", "inLanguage", "creditText",
        "mentions", "affiliation", "parentOrganization", "addressCountry", "containedInPlace", "startDate", "organizer",
        "location", "about", "text", "creator", "performerIn", "description", "endDate", "duration", "sponsor",
        "dateCreated", "QuantitativeValue", "MonetaryAmount", "value", "unitText", "currency", "dateModified",
        "articleSection", "eventAttendanceMode", "OnlineEventAttendanceMode")},
    **{f"place_{kind}": cls for kind, cls in PLACE_CLASSES.items()},
}

class _ArticleBuilder:
    """Emits the triples of one article's facts, with terms from the given factory."""

    def __init__(self, facts: ArticleFacts, iris: Iris, terms):
        self.facts = facts
        self.iris = iris
        self.t = terms
        self.v = _vocabulary(terms)
        self.article = self.node("article", facts.article.id)
        #: Appended to, not yielded: generators nested three deep cost a third of the time.
        self.out: list[tuple] = []

    def run(self) -> list[tuple]:
        self.triples()
        return self.out

    def node(self, kind: str, local: str):
        return self.t.iri(f"{self.iris.base}{kind}/{local}")

    def evidence(self, subject, evidence: Evidence) -> None:
        """Link a fact to its passage: a Web Annotation SpecificResource with two selectors."""
        add = self.out.append
        t, v = self.t, self.v
        iri = str(self.iris.evidence(self.facts.article.id, evidence.start, evidence.end))
        node, quote, position = t.iri(iri), t.iri(f"{iri}.quote"), t.iri(f"{iri}.position")
        add((subject, v.evidence, node))
        if subject != self.article:
            add((subject, v.wasDerivedFrom, self.article))
        add((node, v.type, v.SpecificResource))
        add((node, v.hasSource, self.article))
        add((node, v.hasSelector, quote))
        add((node, v.hasSelector, position))
        add((quote, v.type, v.TextQuoteSelector))
        add((quote, v.exact, t.text(evidence.exact)))
        add((quote, v.prefix, t.text(evidence.prefix)))
        add((quote, v.suffix, t.text(evidence.suffix)))
        add((position, v.type, v.TextPositionSelector))
        add((position, v.start, t.typed(str(evidence.start), XSD_INTEGER)))
        add((position, v.end, t.typed(str(evidence.end), XSD_INTEGER)))

    def claim(self, subject, predicate, obj, key: str, evidence: Evidence | None):
        """A plain triple plus a kg:Claim (rdf:Statement) that carries its provenance: its passage,
        or kg:fromMetadata when the source's metadata states it."""
        add = self.out.append
        t, v = self.t, self.v
        add((subject, predicate, obj))
        node = self.node("claim", key)
        add((node, v.type, v.Claim))
        add((node, v.subject, subject))
        add((node, v.predicate, predicate))
        add((node, v.object, obj))
        if evidence is None:  # from the source's metadata, not from a passage
            add((node, v.fromMetadata, t.typed("true", XSD_BOOLEAN)))
            add((node, v.wasDerivedFrom, self.article))
        else:
            self.evidence(node, evidence)
        return node

    def entity(self, kind: str, ident: str, name: str | None, cls, evidence: Evidence,
               description: str | None = None) -> None:
        """An entity the article names, or one it only describes (kg:unnamed, labelled by the description)."""
        add = self.out.append
        node, v, t = self.node(kind, ident), self.v, self.t
        add((node, v.type, cls))
        if name is not None:
            add((node, v.name, t.text(name)))
        else:
            add((node, v.unnamed, t.typed("true", XSD_BOOLEAN)))
        add((node, v.label, t.text(name or description or ident)))
        if description:
            add((node, v.description, t.text(description)))
        add((self.article, v.mentions, node))
        self.evidence(node, evidence)

    def of(self, ident: str):
        """The node of an id whose kind the facts know (a speaker, a host)."""
        return self.node(self.facts.kinds[ident], ident)

    def dated(self, subject, subject_id: str, predicate, name: str, when: Sourced[When]) -> None:
        """A date as precise as the article; one resolved from "Monday" says so on its claim."""
        value = self.t.typed(when.value.lexical, str(XSD[when.value.datatype]))
        claim = self.claim(subject, predicate, value, compound(subject_id, name, when.value.lexical), when.evidence)
        if when.value.relative:
            self.out.append((claim, self.v.resolvedFrom, self.t.text(when.value.relative)))

    def amounts(self, subject, subject_id: str, amounts) -> None:
        add, t, v = self.out.append, self.t, self.v
        for a in amounts:
            node = self.node("quantity", compound(subject_id, a.currency, a.value))
            add((subject, v.amount, node))
            add((node, v.type, v.MonetaryAmount))
            add((node, v.value, t.typed(a.value, XSD_DECIMAL if "." in a.value else XSD_INTEGER)))
            add((node, v.currency, t.text(a.currency)))
            add((node, v.label, t.text(f"{a.value} {a.currency}")))
            self.evidence(node, a.evidence)

    def ref(self, subject, subject_id: str, predicate, name: str, kind: str, value: Sourced[str]) -> None:
        self.claim(subject, predicate, self.node(kind, value.value), compound(subject_id, name, value.value),
                   value.evidence)

    def role(self, label: str):
        node = self.node("role", slug(label))
        return node, [(node, self.v.type, self.v.Role), (node, self.v.label, self.t.text(label))]

    def triples(self) -> None:
        add = self.out.append
        f, t, v = self.facts, self.t, self.v
        self.article_triples()
        for p in f.people:
            node = self.node("person", p.id)
            self.entity("person", p.id, p.name, v.Person, p.evidence, p.description)
            if p.honorific:
                add((node, v.honorificPrefix, t.text(p.honorific)))
            for alt in p.alternate_names:
                add((node, v.alternateName, t.text(alt)))
        for o in f.organizations:
            node = self.node("organization", o.id)
            self.entity("organization", o.id, o.name, v.Organization, o.evidence, o.description)
            if o.implied:
                add((node, v.implied, t.typed("true", XSD_BOOLEAN)))
            for alt in o.alternate_names:
                add((node, v.alternateName, t.text(alt)))
            if o.parent:
                self.ref(node, o.id, v.parentOrganization, "parent", "organization", o.parent)
            if o.country:
                self.ref(node, o.id, v.addressCountry, "country", "place", o.country)
        for pl in f.places:
            node = self.node("place", pl.id)
            self.entity("place", pl.id, pl.name, v.Place, pl.evidence)
            if pl.kind:
                add((node, v.type, getattr(v, f"place_{pl.kind}")))
            if pl.country:
                self.ref(node, pl.id, v.containedInPlace, "country", "place", pl.country)
        if f.topics:
            scheme = t.iri(str(self.iris.topic_scheme()))
            add((scheme, v.type, v.ConceptScheme))
            add((scheme, v.prefLabel, t.text(TOPIC_SCHEME_LABEL)))
            add((scheme, v.label, t.text(TOPIC_SCHEME_LABEL)))
            for topic in f.topics:
                node = self.node("topic", topic.id)
                self.entity("topic", topic.id, topic.name, v.Concept, topic.evidence)
                add((node, v.prefLabel, t.text(topic.name)))
                add((node, v.inScheme, scheme))
        for event in f.events:
            self.event_triples(event)
        self.relation_triples()

    def article_triples(self) -> None:
        add = self.out.append
        a, node, t, v = self.facts.article, self.article, self.t, self.v
        add((node, v.type, v.NewsArticle))
        for predicate in (v.headline, v.name, v.label):
            add((node, predicate, t.text(a.headline.value)))
        add((node, v.textFile, t.text(a.text_file)))
        self.evidence(node, a.headline.evidence)
        if a.author:
            self.ref(node, a.id, v.author, "author", "person", a.author)
        if a.publisher:
            self.ref(node, a.id, v.publisher, "publisher", "organization", a.publisher)
        if a.published and a.published_evidence:
            self.claim(node, v.datePublished, t.typed(a.published.isoformat(), XSD_DATE),
                       compound(a.id, "published", a.published.isoformat()), a.published_evidence)
        elif a.published:
            add((node, v.datePublished, t.typed(a.published.isoformat(), XSD_DATE)))
        if a.modified:
            add((node, v.dateModified, t.typed(a.modified.isoformat(), XSD_DATE)))
        if a.section:
            add((node, v.articleSection, t.text(a.section)))
        if a.url:
            add((node, v.url, t.iri(a.url)))
        if a.language:
            add((node, v.inLanguage, t.text(a.language)))
        if a.attribution:
            add((node, v.creditText, t.text(a.attribution)))

    def event_triples(self, e: Event) -> None:
        add = self.out.append
        node, t, v = self.node("event", e.id), self.t, self.v
        self.entity("event", e.id, e.name, v.Event, e.evidence)
        for alt in e.alternate_names:
            add((node, v.alternateName, t.text(alt)))
        if e.date:
            self.dated(node, e.id, v.startDate, "date", e.date)
        if e.end_date:
            self.dated(node, e.id, v.endDate, "end", e.end_date)
        if e.duration:
            self.claim(node, v.duration, t.typed(e.duration.value, XSD_DURATION),
                       compound(e.id, "duration", e.duration.value), e.duration.evidence)
        if e.date_text:
            add((node, v.dateText, t.text(e.date_text)))
        if e.theme:
            add((node, v.theme, t.text(e.theme)))
        if e.online:
            add((node, v.eventAttendanceMode, v.OnlineEventAttendanceMode))
        for host in e.organizers:
            self.claim(node, v.organizer, self.of(host.value), compound(e.id, "organizer", host.value), host.evidence)
            add((self.of(host.value), v.hosted, node))
        for sponsor in e.sponsors:
            self.claim(node, v.sponsor, self.of(sponsor.value), compound(e.id, "sponsor", sponsor.value),
                       sponsor.evidence)
        if e.location:
            self.ref(node, e.id, v.location, "location", "place", e.location)
        for topic in e.topics:
            self.ref(node, e.id, v.about, "topic", "topic", topic)
        if e.participants:
            p = e.participants
            count = t.typed(str(p.count), XSD_INTEGER)
            self.claim(node, v.participantCount, count, compound(e.id, "participants", str(p.count)), p.evidence)
            add((node, v.participantDescription, t.text(p.description)))
            if p.qualifier:
                add((node, v.participantCountQualifier, t.text(p.qualifier)))
        for c in e.counts:
            count = self.node("quantity", compound(e.id, slug(c.unit), str(c.count)))
            add((node, v.reportedCount, count))
            add((count, v.type, v.QuantitativeValue))
            add((count, v.value, t.typed(str(c.count), XSD_INTEGER)))
            add((count, v.unitText, t.text(c.unit)))
            add((count, v.label, t.text(" ".join(filter(None, (c.qualifier, str(c.count), c.unit))))))
            if c.qualifier:
                add((count, v.countQualifier, t.text(c.qualifier)))
            self.evidence(count, c.evidence)
        self.amounts(node, e.id, e.amounts)

    def qualified(self, kind: str, cls, agent_id: str, target_id: str, label: str, evidence: Evidence, direct,
                  agent, target, former: bool = False):
        """A role held at an organization, a state or an event: the qualified node (org:Membership or
        kg:EventRole) that carries the role and the provenance, and the direct edge a person's role
        at an organization or event also gives (schema:affiliation, schema:performerIn)."""
        add = self.out.append
        v, names, kinds = self.v, self.facts.names, self.facts.kinds
        person, other = self.of(agent_id), self.of(target_id)
        role, role_triples = self.role(label)
        node = self.node(kind, compound(agent_id, target_id, slug(label)))
        if kinds[agent_id] == "person" and kinds[target_id] in ("organization", "event"):
            add((person, direct, other))
        self.out.extend(role_triples)
        add((node, v.type, cls))
        add((node, agent, person))
        add((node, target, other))
        add((node, v.role, role))
        add((node, v.label, self.t.text(f"{names[agent_id]}: {'former ' if former else ''}{label}, {names[target_id]}")))
        if former:
            add((node, v.former, self.t.typed("true", XSD_BOOLEAN)))
        self.evidence(node, evidence)

    def relation_triples(self) -> None:
        add = self.out.append
        f, t, v = self.facts, self.t, self.v
        for m in f.memberships:
            self.qualified("membership", v.Membership, m.person, m.organization, m.role, m.evidence, v.affiliation,
                           v.member, v.organization, m.former)
        for r in f.event_roles:
            self.qualified("eventrole", v.EventRole, r.person, r.event, r.role, r.evidence, v.performerIn, v.agent,
                           v.event)
        for s in f.statements:
            node = self.node("quote", s.id)
            add((node, v.type, v.Quotation))
            add((node, v.type, v.DirectQuote if s.kind == DIRECT else v.ReportedStatement))
            add((node, v.text, t.text(s.text)))
            for speaker in s.speakers:
                add((node, v.creator, self.of(speaker)))
                add((self.of(speaker), v.said, node))
            who = " and ".join(f.names[speaker] for speaker in s.speakers)
            add((node, v.label, t.text(f"{who}: {shorten(s.text, LABEL_CHARS)}")))
            if s.verb:
                add((node, v.reportingVerb, t.text(s.verb)))
            if s.medium:
                add((node, v.medium, t.text(s.medium)))
            if s.date:
                self.dated(node, s.id, v.dateCreated, "date", s.date)
            for fragment in s.quoted:
                add((node, v.quotedFragment, t.text(fragment)))
            self.amounts(node, s.id, s.amounts)
            add((self.article, v.mentions, node))
            self.evidence(node, s.evidence)


_RDFLIB = RdflibTerms()
_NTRIPLES = NTriplesTerms()
_vocabularies: dict[type, SimpleNamespace] = {}


def _vocabulary(terms) -> SimpleNamespace:
    """Our vocabulary's terms as the factory makes them, made once per factory."""
    found = _vocabularies.get(type(terms))
    if found is None:
        found = _vocabularies[type(terms)] = SimpleNamespace(**{name: terms.iri(str(iri)) for name, iri in _VOCAB.items()})
    return found


def article_triples(facts: ArticleFacts, iris: Iris) -> list[Triple]:
    """The triples of one article as rdflib terms (duplicates possible; a Graph removes them)."""
    return _ArticleBuilder(facts, iris, _RDFLIB).run()


def article_lines(facts: ArticleFacts, iris: Iris) -> tuple[list[str], list[tuple[str, str]]]:
    """The same statements as sortable N-Triples lines (see graph/rdf/terms.py), sorted, unique; and
    the (class IRI, subject IRI) of each rdf:type statement."""
    triples = _ArticleBuilder(facts, iris, _NTRIPLES).run()
    typed = [(o[1:-1], s[1:-1]) for s, p, o in triples if p == TYPE_SENTINEL]
    return sorted({f"{s} {p} {o} ." for s, p, o in triples}), typed


def build_graph(articles: Iterable[ArticleFacts], iris: Iris, graph: Graph | None = None) -> Graph:
    """All articles merged into one rdflib Graph, prefixes bound explicitly."""
    graph = graph if graph is not None else Graph(bind_namespaces="none")
    for prefix, namespace in prefixes_of(iris).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for facts in articles:
        for triple in article_triples(facts, iris):
            graph.add(triple)
    return graph
