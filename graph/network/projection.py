"""RDF → a NetworkX MultiDiGraph of the entities an analyst looks at.

People, organizations, events, places, topics, quotations and articles become nodes; the
qualified nodes (org:Membership, kg:EventRole) collapse into one edge labelled by the role,
and a kg:Claim lends its evidence to the edge or fact it reifies. Evidence passages and IRIs
stay on node and edge attributes (plain, JSON-ready values). Any other vocabulary degrades
to generic nodes ("other") with predicate names as edge labels. Everything is sorted, so the
same triples always give the same network.
"""

from collections import defaultdict
from collections.abc import Hashable, Mapping

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from graph.kinds import ENTITY_KINDS, FACT_LABELS, PLACE_CLASSES
from graph.text import prefixed, shorten
from graph.vocab import KG, OA, ORG, PROV, SCHEMA, VOCAB_PREFIXES

FOAF = Namespace("http://xmlns.com/foaf/0.1/")
DCT = Namespace("http://purl.org/dc/terms/")

#: Our classes (graph/kinds.py), then the classes foreign data uses for the same kinds.
_CLASS_KIND = {
    **{kind.cls: kind.node for kind in ENTITY_KINDS},
    **dict.fromkeys(PLACE_CLASSES.values(), "place"),
    **dict.fromkeys((KG.DirectQuote, KG.ReportedStatement), "quotation"),
    **dict.fromkeys((SCHEMA.Article, SCHEMA.Report), "article"),
    SCHEMA.BusinessEvent: "event",
    **dict.fromkeys((FOAF.Person, PROV.Person), "person"),
    **dict.fromkeys((SCHEMA.NewsMediaOrganization, SCHEMA.GovernmentOrganization, ORG.Organization,
                     ORG.FormalOrganization, ORG.OrganizationalUnit, FOAF.Organization, PROV.Organization),
                    "organization"),
}
_KIND_RANK = {kind: rank for rank, kind in enumerate(("quotation", "article", "event", "person", "organization",
                                                      "place", "topic"))}
#: Resources that qualify or support facts: they become attributes, never nodes.
_AUXILIARY = {OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector, KG.Claim, RDF.Statement,
              ORG.Membership, KG.EventRole, ORG.Role, SKOS.ConceptScheme, OWL.Ontology, SCHEMA.QuantitativeValue,
              SCHEMA.MonetaryAmount}
#: Facts whose value is a node of its own (a reported number, money): shown by its label, with its evidence.
_QUANTITIES = {KG.reportedCount, KG.amount}
#: Facts whose value is a vocabulary term (schema:OnlineEventAttendanceMode): shown by its name, not a node.
_TERM_VALUES = {SCHEMA.eventAttendanceMode}
_NAMES = (SCHEMA.name, SKOS.prefLabel, RDFS.label, FOAF.name, DCT.title, SCHEMA.headline)
_NOT_EDGES = {RDF.type, KG.evidence, SCHEMA.mentions, PROV.wasDerivedFrom, SKOS.inScheme}
#: An article's own text (kg build adds it to the graph it draws; foreign Turtle may carry it):
#: shown in the page's reading view, never as a fact.
ARTICLE_TEXT = SCHEMA.articleBody
_LINKS = {SCHEMA.url, SCHEMA.sameAs, OWL.sameAs, RDFS.seeAlso, FOAF.homepage, SCHEMA.image}
#: Inverse pairs drawn once, in the direction an analyst reads them ("hosted", "said").
_INVERSE = {SCHEMA.organizer: KG.hosted, SCHEMA.creator: KG.said, SCHEMA.sponsor: KG.sponsored}
_PLAIN_OF_QUALIFIED = {"membership": (SCHEMA.affiliation, ORG.memberOf), "event role": (SCHEMA.performerIn,)}
_QUOTE_LABEL_CHARS = 34
_LABEL_CHARS = 48


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _local(term: Node) -> str:
    text = str(term)
    for sep in ("#", "/", ":"):
        head, _, tail = text.rstrip("/#").rpartition(sep)
        if head and tail:
            return tail
    return text


def _sorted_literals(values) -> list[Literal]:
    """Untagged and English first, then by language and text: a stable choice among several."""
    literals = [v for v in values if isinstance(v, Literal)]
    return sorted(literals, key=lambda v: (v.language not in (None, "en"), v.language or "", str(v)))


def _int(term: Node | None) -> int | None:
    try:
        return int(str(term)) if term is not None else None
    except ValueError:
        return None


#: Rounds of colour refinement: each tells blank nodes apart by what lies one link further away.
REFINE_ROUNDS = 12


class ArrivalStore(Memory):
    """rdflib's in-memory store, remembering the order blank nodes arrive in (the files' order): the
    tiebreak for blank nodes that the triples cannot tell apart (see blank_order)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrival: dict[BNode, int] = {}

    def add(self, triple: tuple[Node, Node, Node], context: Graph | None, quoted: bool = False) -> None:  # type: ignore[override]
        for term in triple:
            if isinstance(term, BNode) and term not in self.arrival:
                self.arrival[term] = len(self.arrival)
        super().add(triple, context, quoted)


def new_graph() -> Graph:
    """An empty graph to parse files into for project(): it keeps the order of their blank nodes."""
    return Graph(store=ArrivalStore())


def _term_key(term: Node) -> tuple[str, ...]:
    if isinstance(term, Literal):
        return ("literal", str(term), term.language or "", str(term.datatype or ""))
    return ("iri", str(term))


def _ranks(signatures: list) -> list[int]:
    """Each signature's rank among the distinct ones, sorted: a colour that depends only on the signatures."""
    rank = {signature: index for index, signature in enumerate(sorted(set(signatures)))}
    return [rank[signature] for signature in signatures]


def blank_order(rdf: Graph, arrival: Mapping[BNode, int]) -> list[BNode]:
    """The graph's blank nodes in an order that depends on the triples, not on the random labels
    rdflib gives them: colour refinement (Weisfeiler-Leman), each round a sort of the nodes by their
    colour and their neighbours' colours, for at most REFINE_ROUNDS rounds. Nodes the triples do
    not tell apart (seven identical triangles) follow the order they arrived in (`arrival`, else
    their labels). rdflib's canonical labelling, used before, is exponential on such symmetric
    blank nodes: 336 bytes of Turtle did not answer in minutes (issue 15)."""
    index: dict[BNode, int] = {}
    fixed: list[list[tuple[int, str, Hashable]]] = []  # per blank node: its links to IRIs and literals
    links: list[tuple[int, str, int]] = []

    def at(node: BNode) -> int:
        if node not in index:
            index[node] = len(fixed)
            fixed.append([])
        return index[node]

    for s, p, o in rdf:
        if isinstance(s, BNode):
            if isinstance(o, BNode):
                links.append((at(s), str(p), at(o)))
            else:
                fixed[at(s)].append((1, str(p), _term_key(o)))
        elif isinstance(o, BNode):
            fixed[at(o)].append((0, str(p), _term_key(s)))
    colour = _ranks([tuple(sorted(found)) for found in fixed])
    predicate = {p: rank for rank, p in enumerate(sorted({p for _, p, _ in links}))}
    neighbours: list[list[tuple[int, int, int]]] = [[] for _ in fixed]
    for s, p, o in links:
        neighbours[s].append((1, predicate[p], o))
        neighbours[o].append((0, predicate[p], s))
    colours = len(set(colour))
    for _ in range(REFINE_ROUNDS if links else 0):
        if colours == len(fixed):
            break
        colour = _ranks([(colour[i], tuple(sorted((d, p, colour[n]) for d, p, n in near)))
                         for i, near in enumerate(neighbours)])
        if len(set(colour)) == colours:  # stable: no round would tell more apart
            break
        colours = len(set(colour))
    last = len(arrival)
    return sorted(index, key=lambda node: (colour[index[node]], arrival.get(node, last), str(node)))


def _canonical(rdf: Graph) -> Graph:
    """Blank nodes relabelled b0, b1, ... in blank_order, so that parsing twice gives the same ids."""
    arrival = rdf.store.arrival if isinstance(rdf.store, ArrivalStore) else {}
    order = blank_order(rdf, arrival)
    if not order:
        return rdf
    label = {node: BNode(f"b{rank}") for rank, node in enumerate(order)}
    canonical = Graph()
    for prefix, namespace in rdf.namespaces():
        canonical.bind(prefix, namespace, override=True)
    for s, p, o in rdf:
        canonical.add((label.get(s, s), p, label.get(o, o)))  # type: ignore[arg-type]
    return canonical


class _Projection:
    def __init__(self, rdf: Graph):
        self.g = rdf
        self.types: dict[Node, set[Node]] = defaultdict(set)
        for s, o in rdf.subject_objects(RDF.type):
            self.types[s].add(o)
        self.aux = {s for s, classes in self.types.items() if classes & _AUXILIARY}
        self.aux.update(o for p in (KG.evidence, OA.hasSelector, ORG.role) for o in rdf.objects(None, p))
        self.prefixes = sorted({**dict(rdf.namespaces()), **VOCAB_PREFIXES}.items())
        self._evidence: dict[Node, dict] = {}
        self.edges: dict[tuple[str, str, str], dict] = {}
        self.roles: dict[str, list[str]] = defaultdict(list)

    def node_id(self, term: Node) -> str:
        return f"_:{term}" if isinstance(term, BNode) else str(term)

    def is_entity(self, term: Node) -> bool:
        return isinstance(term, (URIRef, BNode)) and term not in self.aux

    def kind(self, term: Node) -> str:
        kinds = sorted((_KIND_RANK[_CLASS_KIND[c]], _CLASS_KIND[c]) for c in self.types.get(term, ()) if c in _CLASS_KIND)
        return kinds[0][1] if kinds else "other"

    def name(self, term: Node) -> str:
        for predicate in _NAMES:
            found = _sorted_literals(self.g.objects(term, predicate))
            if found and _clean(found[0]):
                return _clean(found[0])
        return _local(term) if isinstance(term, URIRef) else "(blank node)"

    def curie(self, iri: Node) -> str:
        return prefixed(str(iri), self.prefixes)

    def first(self, subject: Node, predicate: Node) -> Node | None:
        values = sorted(self.g.objects(subject, predicate), key=lambda v: (type(v).__name__, str(v)))
        return values[0] if values else None

    def evidence(self, subject: Node) -> list[dict]:
        found = [self.passage(resource) for resource in self.g.objects(subject, KG.evidence)]
        return sorted(found, key=lambda e: (e["start"] if e["start"] is not None else -1, e["exact"], e["source"]))

    def passage(self, resource: Node) -> dict:
        """One oa:SpecificResource as {exact, prefix, suffix, start, end, source, file, article}: `article`
        is the node id of its source (oa:hasSource), whose headline, publisher and date the page shows."""
        if resource not in self._evidence:
            found = {"exact": _clean(resource) if isinstance(resource, Literal) else "", "prefix": "", "suffix": "",
                     "start": None, "end": None, "source": "", "file": "", "article": ""}
            for selector in sorted(self.g.objects(resource, OA.hasSelector), key=str):
                if OA.TextQuoteSelector in self.types.get(selector, ()):
                    for key, predicate in (("exact", OA.exact), ("prefix", OA.prefix), ("suffix", OA.suffix)):
                        found[key] = str(self.first(selector, predicate) or "")
                elif OA.TextPositionSelector in self.types.get(selector, ()):
                    found["start"] = _int(self.first(selector, OA.start))
                    found["end"] = _int(self.first(selector, OA.end))
            source = self.first(resource, OA.hasSource)
            if source is not None:
                found["source"] = self.name(source)
                found["article"] = self.node_id(source) if self.is_entity(source) else ""
                found["file"] = str(self.first(source, KG.textFile) or "")
            self._evidence[resource] = found
        return self._evidence[resource]

    def add_edge(self, source: Node, target: Node, key: str, label: str, predicate: str, via: str = "",
                 evidence: list[dict] | None = None) -> None:
        edge = self.edges.setdefault((self.node_id(source), self.node_id(target), key),
                                     {"label": label, "predicate": predicate, "via": via, "evidence": []})
        edge["evidence"].extend(e for e in evidence or () if e not in edge["evidence"])

    def predicate_label(self, predicate: Node) -> str:
        return FACT_LABELS.get(predicate) or _local(predicate)

    def qualified(self) -> None:
        """Memberships and event roles → one edge each, labelled by the role."""
        forms = (("membership", ORG.Membership, ORG.member, ORG.organization, ORG.memberOf),
                 ("event role", KG.EventRole, KG.agent, KG.event, SCHEMA.performerIn))
        for name, cls, agent_p, target_p, predicate in forms:
            for node in sorted(self.g.subjects(RDF.type, cls), key=str):
                agent, target = self.first(node, agent_p), self.first(node, target_p)
                if not (self.is_entity(agent) and self.is_entity(target)):
                    continue
                role = self.first(node, ORG.role)
                label = self.name(role) if role is not None else ("member" if name == "membership" else "role")
                self.add_edge(agent, target, f"{name}:{node}", label, str(predicate), self.node_id(node),
                              self.evidence(node))
                for plain in _PLAIN_OF_QUALIFIED[name]:
                    self.edges.pop((self.node_id(agent), self.node_id(target), str(plain)), None)
                self.roles[self.node_id(agent)].append(f"{label}, {self.name(target)}")

    def run(self) -> nx.MultiDiGraph:
        g, facts = self.g, defaultdict(list)
        entities = {s for s in g.subjects() if self.is_entity(s)}
        for s, p, o in g:
            if s in self.aux or p in _NOT_EDGES or p in _NAMES or p == ARTICLE_TEXT:
                continue
            if isinstance(o, Literal) or p in _LINKS or p in _TERM_VALUES:
                value = _local(o) if p in _TERM_VALUES else _clean(o)
                facts[s].append({"label": self.predicate_label(p), "predicate": str(p), "value": value,
                                 "link": not isinstance(o, Literal) and p in _LINKS, "evidence": [],
                                 "_key": (p, o)})
                continue
            if not self.is_entity(o):
                if p in _QUANTITIES:
                    facts[s].append({"label": self.predicate_label(p), "predicate": str(p), "value": self.name(o),
                                     "link": False, "evidence": self.evidence(o), "_key": (p, o)})
                continue
            entities.add(o)
            if p in _INVERSE:
                s, p, o = o, _INVERSE[p], s
            self.add_edge(s, o, str(p), self.predicate_label(p), str(p))
        self.claims(facts)
        self.qualified()
        net = nx.MultiDiGraph()
        for term in sorted(entities, key=self.node_id):
            net.add_node(self.node_id(term), **self.attributes(term, facts[term]))
        for (source, target, key), attrs in sorted(self.edges.items()):
            if source in net and target in net:
                net.add_edge(source, target, key=key, **attrs)
        self.speakers(net)
        net.graph["context"] = self.context(net)
        net.graph["texts"] = {self.node_id(s): str(o) for s, o in sorted(g.subject_objects(ARTICLE_TEXT))
                              if self.node_id(s) in net and isinstance(o, Literal)}
        return net

    def context(self, net: nx.MultiDiGraph) -> list[dict]:
        """Links the graph states beside the drawn edges, kept off the network (kg stats counts
        only the edges): an article's schema:mentions, and a speaker's presence at the event of an
        article that reports exactly one event and quotes them (the rule of the same-event query)."""
        linked = {frozenset((s, t)) for s, t in net.edges()}
        found: dict[tuple[str, str, str], dict] = {}
        for article in sorted({s for s in self.g.subjects(SCHEMA.mentions) if self.node_id(s) in net}, key=str):
            a = self.node_id(article)
            mentioned = sorted((m for m in self.g.objects(article, SCHEMA.mentions)
                                if self.is_entity(m) and self.node_id(m) in net), key=str)
            for m in mentioned:
                if m != article and frozenset((a, self.node_id(m))) not in linked:
                    found[(a, self.node_id(m), "mention")] = {
                        "label": "mentions", "predicate": str(SCHEMA.mentions), "via": "", "evidence": []}
            events = [m for m in mentioned if SCHEMA.Event in self.types.get(m, ())]
            if len(events) != 1:
                continue
            event = self.node_id(events[0])
            for quote in mentioned:
                for person in sorted(self.g.objects(quote, SCHEMA.creator), key=str):
                    p = self.node_id(person)
                    if SCHEMA.Person not in self.types.get(person, ()) or p not in net or frozenset((p, event)) in linked:
                        continue
                    edge = found.setdefault((p, event, "inferred"), {
                        "label": "quoted at", "predicate": str(SCHEMA.mentions), "via": a, "evidence": []})
                    edge["evidence"].extend(e for e in net.nodes[self.node_id(quote)]["evidence"]
                                            if e not in edge["evidence"])
        return [{"from": s, "to": t, "context": kind, **attrs} for (s, t, kind), attrs in sorted(found.items())]

    def claims(self, facts: dict[Node, list[dict]]) -> None:
        """A kg:Claim (rdf:Statement) lends its evidence to the edge or fact it reifies."""
        for claim in sorted(set(self.g.subjects(RDF.type, KG.Claim)) | set(self.g.subjects(RDF.type, RDF.Statement)), key=str):
            s, p, o = (self.first(claim, q) for q in (RDF.subject, RDF.predicate, RDF.object))
            if s is None or p is None or o is None:
                continue
            evidence = self.evidence(claim)
            if isinstance(o, Literal) or p in _LINKS:
                for fact in facts.get(s, ()):
                    if fact["_key"] == (p, o):
                        fact["evidence"].extend(e for e in evidence if e not in fact["evidence"])
                continue
            if p in _INVERSE:
                s, p, o = o, _INVERSE[p], s
            key = (self.node_id(s), self.node_id(o), str(p))
            if key in self.edges:
                self.add_edge(s, o, str(p), self.edges[key]["label"], str(p), self.node_id(claim), evidence)

    def attributes(self, term: Node, facts: list[dict]) -> dict:
        kind, name = self.kind(term), self.name(term)
        aliases = sorted({_clean(v) for v in self.g.objects(term, SCHEMA.alternateName) if isinstance(v, Literal)} - {name})
        attrs = {
            "kind": kind, "name": name, "label": shorten(name, _LABEL_CHARS), "iri": self.node_id(term),
            "types": sorted(self.curie(c) for c in self.types.get(term, ()) if isinstance(c, URIRef)),
            "aliases": aliases, "roles": sorted(self.roles.get(self.node_id(term), ())),
            "evidence": self.evidence(term), "quote": None,
            "facts": sorted(({k: v for k, v in f.items() if k != "_key"} for f in facts
                             if f["predicate"] != str(SCHEMA.alternateName)),
                            key=lambda f: (f["label"], f["value"], f["predicate"])),
        }
        if kind == "quotation":
            text = _clean(self.first(term, SCHEMA.text) or name)
            if all(next(self.g.objects(term, predicate), None) is None for predicate in _NAMES):
                attrs["name"] = "“" + shorten(text, _LABEL_CHARS) + "”"
            mode = ("direct" if KG.DirectQuote in self.types[term]
                    else "reported" if KG.ReportedStatement in self.types[term] else "")
            verb = self.first(term, KG.reportingVerb)
            attrs["quote"] = {"text": text, "mode": mode, "verb": _clean(verb) if verb else "", "speaker": ""}
            attrs["label"] = "“" + shorten(text, _QUOTE_LABEL_CHARS) + "”"
            attrs["facts"] = [f for f in attrs["facts"] if f["predicate"] not in (str(SCHEMA.text), str(KG.reportingVerb))]
        return attrs

    def speakers(self, net: nx.MultiDiGraph) -> None:
        """A quotation names its speaker; the 'said' edge shows the passage that attributes it."""
        for source, target, key, attrs in net.edges(keys=True, data=True):
            quote = net.nodes[target].get("quote")
            if key == str(KG.said) and quote is not None:  # a joint statement names each speaker
                quote["speaker"] = " and ".join(filter(None, (quote["speaker"], net.nodes[source]["name"])))
                attrs["evidence"] = attrs["evidence"] or list(net.nodes[target]["evidence"])


def project(rdf: Graph) -> nx.MultiDiGraph:
    """The entity network of an RDF graph; node ids are IRIs (blank nodes: '_:' + a canonical label)."""
    return _Projection(_canonical(rdf)).run()
