"""Export stage: Turtle that diffs cleanly, JSON-LD and TriG that say the same, committed outputs
that are exactly what the code builds now."""

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.corpus.pipeline import build
from graph.kinds import prefixes_of
from graph.vocab import Iris
from conftest import DATA, ROOT

GOLDEN = Path(__file__).parent / "golden"
GENERATED = ("graph.ttl", "graph.jsonld", "graph.trig")


@pytest.mark.parametrize("name", GENERATED)
def test_committed_output_is_what_the_code_builds(built: Path, name: str):
    assert (ROOT / "output" / name).read_bytes() == (built / name).read_bytes(), (
        f"output/{name} is stale: run scripts/regenerate and commit"
    )


def test_minimal_article_matches_golden_turtle(tmp_path: Path, request):
    build([DATA / "articles" / "minimal"], tmp_path)
    golden = GOLDEN / "minimal.ttl"
    if request.config.getoption("--update-golden"):
        golden.write_bytes((tmp_path / "graph.ttl").read_bytes())
    assert (tmp_path / "graph.ttl").read_bytes() == golden.read_bytes()


def test_byte_identical_across_hash_seeds(tmp_path: Path, built: Path):
    for seed in ("0", "1", "4242"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "graph", "build", "--out", str(out), "--quiet"],
                       check=True, env=env, cwd=tmp_path)
        for name in GENERATED:
            assert (out / name).read_bytes() == (built / name).read_bytes(), f"{name} differs with seed {seed}"


def test_turtle_binds_every_prefix_and_has_no_blank_nodes(built: Path):
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    assert "ns1:" not in text
    assert "_:" not in text
    assert text.startswith("@prefix article: <https://example.org/news-kg/article/> .\n")
    declared = dict(line[len("@prefix ") : -len(" .")].split(": ", 1) for line in text.splitlines()
                    if line.startswith("@prefix "))
    assert {name: iri.strip("<>") for name, iri in declared.items()} == prefixes_of(Iris())
    used = set(re.findall(r"(?:^|\s)([a-z]+):[\w-]", text.split("\n\n", 1)[1]))
    assert used <= set(declared)


def test_pyoxigraph_strict_parser_reads_turtle_and_trig(built: Path, bundled_graph: Graph):
    triples = list(pyoxigraph.parse(path=str(built / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(bundled_graph)
    quads = list(pyoxigraph.parse(path=str(built / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert {q.graph_name.value for q in quads} == {
        "https://example.org/news-kg/article/troib-2024-11-16-sino-us-health"
    }


def test_jsonld_is_compacted_and_round_trips(built: Path, bundled_graph: Graph):
    document = json.loads((built / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["schema"] == "https://schema.org/"
    person = next(node for node in document["@graph"] if node["@id"] == "person:he-jie")
    assert person["@type"] == "schema:Person"
    assert person["schema:name"] == "He Jie"
    parsed = Graph().parse(built / "graph.jsonld", format="json-ld")
    assert isomorphic(parsed, bundled_graph)


def test_trig_named_graphs_union_is_the_turtle_graph(built: Path, bundled_graph: Graph):
    dataset = Dataset()
    dataset.parse(built / "graph.trig", format="trig")
    union = Graph()
    for triple in dataset.quads((None, None, None, None)):
        union.add(triple[:3])
    assert isomorphic(union, bundled_graph)
