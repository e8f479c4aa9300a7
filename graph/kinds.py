"""The one table of what the graph holds: the kinds of entity, and the facts that link them.

IRI folders and prefixes, `kg query` parameter kinds, the page's legend and `kg stats`, the
build's entity count and the page's edge labels are all read from here, so a new kind or fact
type is one entry (plus the reader and builder code that fills it). tests/test_kinds.py fails
when the builder emits a class or predicate that this table or ontology/shapes.ttl does not know.
"""

from dataclasses import dataclass

from rdflib import SKOS, URIRef

from graph.vocab import KG, SCHEMA, VOCAB_PREFIXES, Iris


@dataclass(frozen=True)
class EntityKind:
    """A kind of thing an analyst looks at: a node on the page, a parameter of the named queries."""

    #: The IRI folder and prefix (person:he-jie), and the `kg query` parameter kind.
    name: str
    #: The class the builder gives every instance; parameters of this kind must have it.
    cls: URIRef
    #: Its node kind on the page and in `kg stats` (legend order is this table's order).
    node: str
    singular: str
    plural: str


ENTITY_KINDS = (
    EntityKind("person", SCHEMA.Person, "person", "person", "people"),
    EntityKind("organization", SCHEMA.Organization, "organization", "organization", "organizations"),
    EntityKind("event", SCHEMA.Event, "event", "event", "events"),
    EntityKind("place", SCHEMA.Place, "place", "place", "places"),
    EntityKind("topic", SKOS.Concept, "topic", "topic", "topics"),
    EntityKind("quote", SCHEMA.Quotation, "quotation", "quotation", "quotations"),
    EntityKind("article", SCHEMA.NewsArticle, "article", "article", "articles"),
)
#: Instances that qualify or support facts: IRI folders of their own, never nodes on the page.
SUPPORT_KINDS = ("claim", "eventrole", "evidence", "membership", "quantity", "role")
#: Every IRI folder under the base IRI; each is also a prefix of the same name.
INSTANCE_KINDS = tuple(sorted((*(kind.name for kind in ENTITY_KINDS), *SUPPORT_KINDS)))
#: The page's node kinds in legend order, with their singular and plural names.
NODE_KINDS = {kind.node: (kind.singular, kind.plural) for kind in ENTITY_KINDS} | {"other": ("other", "others")}

#: Parameter kinds of the named queries that take an entity of one of several kinds: who can say
#: something, and who can host an event.
SPEAKER_KINDS = ("person", "organization")
HOST_KINDS = ("organization", "person", "place")
ROLE_KINDS = {"speaker": SPEAKER_KINDS, "host": HOST_KINDS}

#: A place's `kind` in a facts file, and the class it adds beside schema:Place.
PLACE_CLASSES = {"city": SCHEMA.City, "country": SCHEMA.Country, "region": SCHEMA.AdministrativeArea,
                 "venue": SCHEMA.EventVenue, "building": SCHEMA.CivicStructure}

#: The facts the page draws as edges (or shows on a node), with the words it labels them by.
#: kg:hosted, kg:said and kg:sponsored are the inverses of schema:organizer, schema:creator and schema:sponsor, drawn in the
#: direction an analyst reads them.
FACT_LABELS = {
    KG.hosted: "hosted", KG.said: "said", SCHEMA.affiliation: "affiliated with", SCHEMA.performerIn: "took part in",
    SCHEMA.parentOrganization: "part of", SCHEMA.addressCountry: "country", SCHEMA.containedInPlace: "in",
    SCHEMA.location: "held in", SCHEMA.about: "about", SCHEMA.author: "author", SCHEMA.publisher: "publisher",
    SCHEMA.startDate: "date", SCHEMA.datePublished: "published", SCHEMA.inLanguage: "language",
    SCHEMA.creditText: "credit", SCHEMA.headline: "headline", SCHEMA.honorificPrefix: "honorific",
    SCHEMA.alternateName: "also known as", SCHEMA.text: "text", SCHEMA.url: "web page", KG.textFile: "text file",
    KG.participantCount: "participants", KG.participantCountQualifier: "count qualifier",
    KG.participantDescription: "participants, as described", KG.reportingVerb: "reporting verb",
    SCHEMA.endDate: "end date", SCHEMA.duration: "duration", KG.dateText: "date, as written",
    KG.sponsored: "sponsored", SCHEMA.description: "described as", KG.unnamed: "unnamed", KG.implied: "implied",
    KG.medium: "medium", SCHEMA.dateCreated: "said on", KG.quotedFragment: "own words", KG.reportedCount: "reported",
    KG.amount: "amount", SCHEMA.dateModified: "updated", SCHEMA.articleSection: "section",
    KG.theme: "theme", SCHEMA.eventAttendanceMode: "attendance",
}


def prefixes_of(iris: Iris) -> dict[str, str]:
    """Every prefix the output uses, bound explicitly, sorted by name."""
    merged = dict(VOCAB_PREFIXES)
    merged.update({kind: f"{iris.base}{kind}/" for kind in INSTANCE_KINDS})
    return dict(sorted(merged.items()))
