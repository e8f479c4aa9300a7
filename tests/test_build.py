"""Build stage: the bundled article's graph holds every fact of the article, in our vocabulary,
each with its evidence. Checked with SPARQL, as an analyst would ask."""

from pathlib import Path

import pytest
from rdflib import RDF, BNode, Literal, URIRef

from conftest import DATA
from graph.rdf.build import build_graph
from graph.facts.read import read_article, read_sources
from graph.vocab import KG, ORG, SCHEMA, Iris

PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kg: <https://example.org/news-kg/ontology#>
"""


def rows(graph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in graph.query(PREFIXES + query)}


@pytest.fixture(scope="module")
def store(built):
    """The same Turtle in pyoxigraph, for the long joins that rdflib's evaluator takes seconds over."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(built / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def test_people_with_full_names_and_honorifics(bundled_graph):
    assert rows(bundled_graph, "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n ; rdfs:label ?n }") == {
        ("Chen Zhu",), ("Victor Joseph Dzau",), ("He Jie",), ("Mathilde Moreau",)
    }
    assert rows(bundled_graph, "SELECT ?n ?h WHERE { ?p schema:name ?n ; schema:honorificPrefix ?h }") == {
        ("Chen Zhu", "Academician")
    }


def test_affiliations_with_roles(bundled_graph):
    query = """SELECT ?person ?role ?org WHERE {
        ?m a org:Membership ; org:member/schema:name ?person ; org:role/rdfs:label ?role ;
           org:organization ?o . ?o schema:name ?org .
        ?m org:member/schema:affiliation ?o }"""
    assert rows(bundled_graph, query) == {
        ("Chen Zhu", "honorary professor", "School of Medicine at Ruijin Hospital"),
        ("Victor Joseph Dzau", "president", "United States National Academy of Medicine"),
        ("He Jie", "academician", "Chinese Academy of Sciences"),
        ("He Jie", "director", "National Cancer Center of China"),
    }


def test_part_of_chain(bundled_graph):
    query = """SELECT ?parent WHERE { ?s schema:name "School of Medicine at Ruijin Hospital" ;
               schema:parentOrganization+ ?p . ?p schema:name ?parent }"""
    assert rows(bundled_graph, query) == {("Ruijin Hospital",), ("Shanghai Jiaotong University",)}


def test_event_with_host_date_place_topics_and_participants(bundled_graph):
    query = """SELECT ?name ?date ?host ?place ?count ?qualifier ?description WHERE {
        ?e a schema:Event ; schema:name ?name ; schema:startDate ?date ; schema:organizer ?h ;
           schema:location/schema:name ?place ; kg:participantCount ?count ;
           kg:participantCountQualifier ?qualifier ; kg:participantDescription ?description .
        ?h schema:name ?host ; kg:hosted ?e }"""
    assert rows(bundled_graph, query) == {(
        "Sino-American Forum of Academicians International Health Conference", "2024-11-16",
        "National Cancer Center of China", "Beijing", "500", "over",
        "over 500 scientists and experts from China and the United States",
    )}
    date = next(bundled_graph.objects(None, SCHEMA.startDate))
    assert str(date.datatype) == "http://www.w3.org/2001/XMLSchema#date"
    topics = rows(bundled_graph, """SELECT ?t WHERE { ?e a schema:Event ; schema:about ?c .
        ?c a skos:Concept ; skos:prefLabel ?t ; skos:inScheme ?s . ?s a skos:ConceptScheme }""")
    assert len(topics) == 8
    assert ("the utilization of artificial intelligence and big data in cancer studies",) not in topics
    assert ("artificial intelligence and big data in cancer studies",) in topics


def test_event_role_is_qualified(bundled_graph):
    query = """SELECT ?person ?role ?event WHERE { ?r a kg:EventRole ; kg:agent/schema:name ?person ;
        org:role/rdfs:label ?role ; kg:event/schema:name ?event ; kg:evidence ?ev ;
        prov:wasDerivedFrom ?a . ?a a schema:NewsArticle }"""
    assert rows(bundled_graph, query) == {
        ("Victor Joseph Dzau", "co-chair", "Sino-American Forum of Academicians International Health Conference")
    }


def test_every_statement_with_speaker_and_kind(bundled_graph):
    query = """SELECT ?speaker ?kind WHERE { ?q a schema:Quotation , ?kind ; schema:text ?t ;
        schema:creator ?p . ?p kg:said ?q ; schema:name ?speaker .
        FILTER(?kind IN (kg:DirectQuote, kg:ReportedStatement)) }"""
    result = [(s, k.rsplit("#", 1)[1]) for s, k in
              ((str(r[0]), str(r[1])) for r in bundled_graph.query(PREFIXES + query))]
    assert sorted(result) == sorted([
        ("Chen Zhu", "ReportedStatement"), ("Chen Zhu", "ReportedStatement"), ("Chen Zhu", "ReportedStatement"),
        ("Victor Joseph Dzau", "ReportedStatement"), ("Victor Joseph Dzau", "ReportedStatement"),
        ("He Jie", "ReportedStatement"), ("He Jie", "ReportedStatement"), ("He Jie", "DirectQuote"),
    ])


def test_article_headline_author_publisher_mentions(bundled_graph):
    query = """SELECT ?headline ?author ?publisher WHERE { ?a a schema:NewsArticle ; schema:headline ?headline ;
        schema:author/schema:name ?author ; schema:publisher/schema:name ?publisher }"""
    assert rows(bundled_graph, query) == {(
        "Health specialists from China and the U.S. urge increased cooperation in the medical field",
        "Mathilde Moreau", "TROIB News",
    )}
    mentioned = rows(bundled_graph, "SELECT ?e WHERE { ?a schema:mentions ?e }")
    assert len(mentioned) == 4 + 7 + 3 + 8 + 1 + 8


@pytest.mark.parametrize("cls", ["schema:Quotation", "org:Membership", "kg:EventRole", "kg:Claim"])
def test_every_fact_has_provenance_and_located_evidence(bundled_graph, store, bundled_dir: Path, cls: str):
    text = (bundled_dir / "article.txt").read_text(encoding="utf-8")
    query = f"""SELECT ?fact ?exact ?start ?end WHERE {{
        ?fact a {cls} ; kg:evidence ?ev ; prov:wasDerivedFrom ?article .
        ?ev a oa:SpecificResource ; oa:hasSource ?article ; oa:hasSelector ?quote , ?position .
        ?quote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?p ; oa:suffix ?s .
        ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        ?article a schema:NewsArticle }}"""
    found = [tuple(solution) for solution in store.query(PREFIXES + query)]
    facts = {str(s) for s in bundled_graph.subjects(RDF.type, URIRef(bundled_graph.namespace_manager.expand_curie(cls)))}
    assert facts and {row[0].value for row in found} == facts
    for _, exact, start, end in found:
        assert start.datatype.value == "http://www.w3.org/2001/XMLSchema#integer"
        assert text[int(start.value) : int(end.value)] == exact.value


def test_claims_cover_event_facts(bundled_graph):
    query = """SELECT ?p WHERE { ?c a kg:Claim ; rdf:subject ?e ; rdf:predicate ?p ; kg:evidence ?ev .
               ?e a schema:Event }"""
    predicates = {p.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for (p,) in rows(bundled_graph, query)}
    assert predicates == {"startDate", "organizer", "location", "about", "participantCount"}


def test_no_blank_nodes_and_readable_iris(bundled_graph):
    assert not any(isinstance(t, BNode) for triple in bundled_graph for t in triple)
    assert (URIRef("https://example.org/news-kg/person/he-jie"), SCHEMA.name, Literal("He Jie")) in bundled_graph


def test_base_iri_is_configurable(bundled_dir: Path):
    graph = build_graph([read_article(bundled_dir)], Iris("https://news.example.com/kg/"))
    assert (URIRef("https://news.example.com/kg/person/he-jie"), SCHEMA.name, Literal("He Jie")) in graph
    assert not any(str(s).startswith("https://example.org/news-kg/") for s in graph.subjects())


def test_ids_with_dots_mint_one_iri_per_fact():
    """Issue 15, item 2: memberships (ann.b @ d) and (ann @ b.d), and the claims of a (parent
    b.country.c) and a.parent.b (country c), once shared IRIs; each is its own node now."""
    graph = build_graph(read_sources([DATA / "articles" / "dotted-ids"]), Iris())
    memberships = sorted(graph.subjects(RDF.type, ORG.Membership))
    assert len(memberships) == 2
    assert all(len(set(graph.objects(m, ORG.member))) == len(set(graph.objects(m, ORG.organization))) == 1
               for m in memberships)
    claims = set(graph.subjects(RDF.type, KG.Claim))
    assert len(claims) == 2 and all(len(set(graph.objects(c, RDF.subject))) == 1 for c in claims)
