"""The table of kinds (graph/kinds.py) against what the builder emits, the page and the shapes.

tests/data/articles/every-field/ and water-conference/ use every field of the facts format; a new field that
emits a class or predicate nobody labels or constrains fails here instead of passing silently.
"""

import pytest
import yaml
from rdflib import RDF, RDFS, Graph, URIRef

from conftest import DATA, ROOT
from graph.facts.read import FIELDS, read_sources
from graph.kinds import ENTITY_KINDS, FACT_LABELS, INSTANCE_KINDS, NODE_KINDS, prefixes_of
from graph.network.page import STYLES
from graph.network.projection import project
from graph.query.params import KINDS
from graph.rdf.build import build_graph
from graph.vocab import KG, SH, Iris

EVERY_FIELD = DATA / "articles" / "every-field"
#: Between them, these use every field of the facts format.
FIELD_ARTICLES = (EVERY_FIELD, DATA / "articles" / "water-conference")


@pytest.fixture(scope="module")
def emitted() -> Graph:
    return build_graph(read_sources([*FIELD_ARTICLES, ROOT / "sources", DATA / "articles" / "minimal"]), Iris())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ROOT / "ontology" / "shapes.ttl")


def used_fields() -> dict[str, set[str]]:
    """Each kind of entry of the facts format → the fields the field articles give it."""
    sections = {"people": "person", "organizations": "organization", "places": "place", "topics": "topic",
                "events": "event", "affiliations": "affiliation", "event_roles": "event role",
                "statements": "statement"}
    nested = {"participants": "participants", "counts": "count", "amounts": "amount", "topics": "event topic"}
    used: dict[str, set[str]] = {kind: set() for kind in FIELDS}

    def note(kind: str, entry: dict) -> None:
        used[kind] |= set(entry)
        for key, value in entry.items():
            for item in value if isinstance(value, list) else [value]:
                if key in nested and isinstance(item, dict):
                    note(nested[key], item)

    for folder in FIELD_ARTICLES:
        data = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))
        note("article", data["article"])
        for section, kind in sections.items():
            for entry in data.get(section) or ():
                note(kind, entry)
    return used


def test_the_field_articles_use_every_field():
    used = used_fields()
    assert [f"{kind}.{field}" for kind, fields in FIELDS.items() for field in fields if field not in used[kind]] == []


def test_every_entity_kind_is_a_prefix_a_parameter_kind_and_a_styled_node_kind():
    assert set(NODE_KINDS) == set(STYLES)
    for kind in ENTITY_KINDS:
        assert kind.name in INSTANCE_KINDS and kind.name in prefixes_of(Iris())
        assert kind.name in KINDS
        assert kind.node in NODE_KINDS


def test_every_entity_the_builder_types_is_a_node_of_its_kind(emitted):
    net = project(emitted)
    for kind in ENTITY_KINDS:
        instances = set(emitted.subjects(RDF.type, kind.cls))
        assert instances, f"no {kind.name} in the test articles"
        assert {net.nodes[str(i)]["kind"] for i in instances} == {kind.node}
    assert [n for n, attrs in net.nodes(data=True) if attrs["kind"] == "other"] == []


def test_every_fact_the_page_shows_has_a_label(emitted):
    net = project(emitted)
    shown = {attrs["predicate"] for *_, key, attrs in net.edges(keys=True, data=True)
             if not key.startswith(("membership:", "event role:"))}
    shown |= {fact["predicate"] for _, attrs in net.nodes(data=True) for fact in attrs["facts"]}
    assert sorted(p for p in shown if URIRef(p) not in FACT_LABELS) == []


def test_every_class_and_predicate_the_builder_emits_has_a_shape(emitted, shapes):
    targeted = set(shapes.objects(None, SH.targetClass))
    for subject in set(emitted.subjects(RDF.type, None)):
        classes = set(emitted.objects(subject, RDF.type))
        assert classes & targeted, f"{subject} has no class a shape targets: {sorted(classes)}"
    constrained = set(shapes.objects(None, SH.path))
    assert sorted(p for p in set(emitted.predicates()) if p not in constrained) == []


def test_every_term_of_ours_the_builder_emits_is_declared_in_the_vocabulary(emitted):
    vocabulary = Graph().parse(ROOT / "ontology" / "kg.ttl")
    ours = {term for triple in emitted for term in triple if str(term).startswith(str(KG))}
    ours -= set(emitted.subjects()) | {o for o in emitted.objects() if not isinstance(o, URIRef)}
    undeclared = sorted(t for t in ours if (t, RDFS.label, None) not in vocabulary
                        or (t, RDFS.comment, None) not in vocabulary)
    assert len(ours) > 20 and undeclared == []
