"""The paths big builds take give the same bytes as the simple ones: worker processes, the
system's sort, a Turtle file written in two halves, and N-Triples text instead of rdflib terms."""

import errno
import io
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.corpus import assemble, collect
from graph.rdf import writers
from graph.rdf.build import article_lines, build_graph
from graph.corpus.pipeline import build
from graph.facts.read import read_sources
from graph.rdf.textforms import Compactor, subject_blocks, trig_block, trig_block_of, turtle_text
from graph.kinds import prefixes_of
from graph.vocab import Iris

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


def _sorted_statements(corpus: Path) -> list[str]:

    return sorted({line for facts in read_sources([corpus]) for line in article_lines(facts, Iris())[0]})


@pytest.mark.parametrize("keep", ["all", "before-evidence", "after-evidence", "evidence-only"])
@pytest.mark.parametrize("parallel_bytes", [writers.PARALLEL_BYTES, 1000])
def test_evidence_blocks_write_the_bytes_of_their_statements(small_corpus, tmp_path, monkeypatch, keep,
                                                             parallel_bytes):
    """Evidence Turtle formatted by the workers, then copied, is what formatting its lines gives."""

    monkeypatch.setattr(writers, "PARALLEL_BYTES", parallel_bytes)
    prefixes = prefixes_of(Iris())
    low, high = Iris().evidence_lines()
    lines = [line for line in _sorted_statements(small_corpus)
             if keep == "all" or (keep == "before-evidence" and line < high)
             or (keep == "after-evidence" and line >= low) or (keep == "evidence-only" and low <= line < high)]
    evidence = [line for line in lines if low <= line < high]
    (tmp_path / "all.nt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "rest.nt").write_text("".join(line + "\n" for line in lines if not low <= line < high), encoding="utf-8")
    blocks = sorted(subject_blocks(evidence, Compactor(prefixes)))
    (tmp_path / "evidence.blocks").write_text("".join(block + "\n" for block in blocks), encoding="utf-8")
    expected, found = io.BytesIO(), io.BytesIO()
    writers.write_turtle(tmp_path / "all.nt", expected, prefixes, tmp_path)
    writers.write_turtle(tmp_path / "rest.nt", found, prefixes, tmp_path, (tmp_path / "evidence.blocks", low))
    assert evidence and found.getvalue() == expected.getvalue()


@pytest.mark.parametrize(("failure", "expected"), [(OSError(errno.ENOSPC, "No space left on device"), OSError),
                                                   (ValueError("a bug"), RuntimeError)], ids=["disk-full", "bug"])
def test_a_writer_process_that_fails_is_reported_as_what_it_was(small_corpus, tmp_path, monkeypatch, failure,
                                                                expected):
    """A full disk in a writer process reaches the build as that OSError (exit 4, "No space left on
    device"); anything else is a bug, never dressed up as an I/O error."""
    monkeypatch.setattr(writers, "PARALLEL_BYTES", 1000)

    def fail(*args):
        raise failure

    monkeypatch.setattr(writers, "_write_part", fail)  # the writer processes are forked: they see it
    (tmp_path / "all.nt").write_text("".join(line + "\n" for line in _sorted_statements(small_corpus)),
                                     encoding="utf-8")
    with pytest.raises(expected) as raised:
        writers.write_turtle(tmp_path / "all.nt", io.BytesIO(), prefixes_of(Iris()), tmp_path)
    if expected is OSError:
        assert (raised.value.errno, raised.value.strerror) == (errno.ENOSPC, "No space left on device")
    else:
        assert str(raised.value) == "a Turtle writer process died with exit code 1"


@pytest.mark.parametrize("cuts", [(), (0,), (1,), (0.3, 0.6), (0.5, 1.0), (0.1, 0.2, 0.9)])
def test_a_named_graph_from_runs_of_turtle_is_the_named_graph(small_corpus, cuts):
    """Workers indent the evidence Turtle they already made into the TriG: the same bytes."""

    lines = _sorted_statements(small_corpus)[:400]
    subjects = [index for index, line in enumerate(lines)
                if index == 0 or line.split(" ")[0] != lines[index - 1].split(" ")[0]]
    inner = [len(lines) if cut == 1 else subjects[int(cut * len(subjects))] for cut in cuts]
    bounds = [0, *inner, len(lines)]
    compact = Compactor(prefixes_of(Iris()))
    texts = [turtle_text(lines[start:end], compact) for start, end in zip(bounds, bounds[1:])]
    assert trig_block_of("https://example.org/g", texts, compact) == trig_block("https://example.org/g", lines, compact)


def test_incremental_and_cold_builds_give_the_same_bytes(small_corpus, tmp_path, monkeypatch):
    """Issue 17: an unchanged article comes from the cache (graph/corpus/cache.py), a changed one is
    read again, and the outputs are those of a build that reads every article."""
    corpus = tmp_path / "articles"
    shutil.copytree(small_corpus, corpus)
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    build([corpus], tmp_path / "first")
    facts = sorted(corpus.glob("*/facts.yaml"))[3]
    text = facts.read_text(encoding="utf-8")
    assert "    verb: " in text
    facts.write_text(text.replace("    verb: ", "    verb: edited ", 1), encoding="utf-8")  # a fact that changes
    converted = []
    real = collect.convert
    monkeypatch.setattr(collect, "convert", lambda folder, iris: converted.append(folder) or real(folder, iris))
    build([corpus], tmp_path / "warm")
    assert converted == [facts.parent]
    build([corpus], tmp_path / "cold", cache=False)
    assert outputs(tmp_path / "warm") == outputs(tmp_path / "cold") != outputs(tmp_path / "first")


def test_a_cache_entry_that_does_not_load_is_made_again(small_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    build([small_corpus], tmp_path / "first")
    entries = list((tmp_path / "cache").rglob("*.marshal.z"))
    assert len(entries) == 20
    for entry in entries:
        entry.write_bytes(b"not zlib")
    converted = []
    real = collect.convert
    monkeypatch.setattr(collect, "convert", lambda folder, iris: converted.append(folder) or real(folder, iris))
    build([small_corpus], tmp_path / "again")
    assert len(converted) == 20
    assert outputs(tmp_path / "again") == outputs(tmp_path / "first")
