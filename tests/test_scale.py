"""The paths big builds take give the same bytes as the simple ones: worker processes, the
system's sort, a Turtle file written in two halves, and N-Triples text instead of rdflib terms."""

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph import assemble, collect, writers
from graph.build import build_graph
from graph.pipeline import build
from graph.sources import read_sources

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.trig")


@pytest.fixture(scope="module")
def simple_build(small_corpus: Path, tmp_path_factory) -> Path:
    """The corpus built the simple way: one process, in-memory sort, Turtle in one pass."""
    out = tmp_path_factory.mktemp("simple")
    build([small_corpus], out, jobs=1)
    return out


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def test_workers_system_sort_and_two_halves_change_no_byte(small_corpus, simple_build, tmp_path, monkeypatch):
    monkeypatch.setattr(collect, "PARALLEL_FROM", 2)
    monkeypatch.setattr(assemble, "IN_MEMORY_SORT_LINES", 0)
    monkeypatch.setattr(writers, "PARALLEL_BYTES", 1000)
    monkeypatch.setattr(writers, "CHUNK_BYTES", 4096)
    build([small_corpus], tmp_path, jobs=2)
    assert outputs(tmp_path) == outputs(simple_build)


def test_text_path_and_rdflib_path_make_the_same_graph(small_corpus, simple_build):
    from graph.vocab import Iris

    built = build_graph(read_sources([small_corpus]), Iris())
    written = Graph().parse(simple_build / "graph.ttl", format="turtle")
    assert len(built) == len(written)
    assert isomorphic(built, written)


def test_jsonld_and_trig_say_what_the_turtle_says(simple_build):
    turtle = Graph().parse(simple_build / "graph.ttl", format="turtle")
    assert isomorphic(Graph().parse(simple_build / "graph.jsonld", format="json-ld"), turtle)
    quads = pyoxigraph.parse(path=str(simple_build / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    union = {(q.subject, q.predicate, q.object) for q in quads}
    strict = set(pyoxigraph.parse(path=str(simple_build / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert {(t.subject, t.predicate, t.object) for t in strict} == union


def test_build_reports_its_phases(small_corpus, tmp_path):
    result = build([small_corpus], tmp_path, jobs=1)
    assert list(result.timings) == ["read", "sort", "validate", "turtle", "html", "commit"]
