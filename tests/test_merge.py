"""Many articles: shared ids are one entity, every article sits in its own named graph, and
differences between articles are warnings or errors naming both sources."""

from pathlib import Path

from rdflib import RDFS, Dataset, Graph, Literal, URIRef

from graph.cli import cli
from graph.vocab import KG, SCHEMA

MERGE = Path(__file__).parent / "data" / "merge"
JANE = URIRef("https://example.org/news-kg/person/jane-doe")


def test_shared_ids_are_one_entity_with_evidence_from_each_article(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", str(MERGE / "shared"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("360 triples; 3 people, 2 organizations, 1 event, 1 place, 1 topic, 3 quotations, 2 articles")
    dataset = Dataset()
    dataset.parse(tmp_path / "graph.trig", format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {
        "https://example.org/news-kg/article/example-wire-2025-03-03-rural-clinics",
        "https://example.org/news-kg/article/example-wire-2025-04-07-vaulx-clinic",
    }
    for g in dataset.graphs():
        if len(g):
            assert (JANE, SCHEMA.name, Literal("Jane Doe")) in g
            assert len(list(g.objects(JANE, KG.evidence))) == 1
    merged = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert len(list(merged.objects(JANE, KG.evidence))) == 2
    assert len(list(merged.objects(JANE, KG.said))) == 3


def test_differing_names_warn_naming_both_sources(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", str(MERGE / "renamed"), "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: person 'jane-doe' is named 'Jane Doe' in {MERGE / 'renamed/a/facts.yaml'} and "
        f"'Jane A. Doe' in {MERGE / 'renamed/b/facts.yaml'}; both names are kept\n"
    )


def test_facts_that_cannot_both_hold_are_an_error(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", str(MERGE / "conflict"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {MERGE / 'conflict/b/facts.yaml'}: statement 'jane-doe-every-village' differs from "
        f"{MERGE / 'conflict/a/facts.yaml'}; the same id must state the same fact in every article "
        "(give one of them another id)\n"
    )
    assert not (tmp_path / "graph.ttl").exists()


def test_role_spellings_are_one_role_with_a_warning(runner, tmp_path: Path):
    """Issue 15, item 2: "director", "Director" and "director!" are one role IRI (role:director);
    each spelling is kept as a label, and the build says so, naming both sources."""
    result = runner.invoke(cli, ["build", str(MERGE / "roles"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    a, b = MERGE / "roles/a/facts.yaml", MERGE / "roles/b/facts.yaml"
    assert result.stderr == "".join(
        f"warning: role 'director' in {a} and '{spelling}' in {b} are one role (role:director); both spellings "
        "are kept as its labels (write it one way to keep one)\n" for spelling in ("Director", "director!"))
    merged = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    role = URIRef("https://example.org/news-kg/role/director")
    assert sorted(str(label) for label in merged.objects(role, RDFS.label)) == ["Director", "director", "director!"]
