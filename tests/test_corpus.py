"""scripts/make_corpus.py: a deterministic, realistic corpus that `kg build` takes without a warning."""

import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from graph.cli import cli
from graph.facts.read import read_sources


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_the_same_bytes_whatever_the_hash_seed(make_corpus, tmp_path: Path):
    first = tree(make_corpus(12, 5, tmp_path / "a", hash_seed="1"))
    second = tree(make_corpus(12, 5, tmp_path / "b", hash_seed="2"))
    assert len(first) == 24
    assert first == second


def test_different_seeds_give_different_corpora(make_corpus, tmp_path: Path):
    first = tree(make_corpus(12, 5, tmp_path / "a"))
    other = tree(make_corpus(12, 6, tmp_path / "b"))
    assert first.keys() != other.keys()
    assert sorted(first.values()) != sorted(other.values())


def test_a_generated_corpus_builds_cleanly(runner, small_corpus: Path, tmp_path: Path):
    result = runner.invoke(cli, ["build", str(small_corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "20 articles" in result.stdout
    assert "warning" not in result.stdout


def test_shared_ids_keep_one_name_and_kind(small_corpus: Path):
    articles = read_sources([small_corpus])
    declared: dict[str, set[tuple[str, str]]] = defaultdict(set)
    used_in: dict[str, set[str]] = defaultdict(set)
    for facts in articles:
        for kind, items in (("person", facts.people), ("organization", facts.organizations),
                            ("place", facts.places), ("topic", facts.topics), ("event", facts.events)):
            for item in items:
                declared[item.id].add((kind, item.name))
                used_in[item.id].add(facts.article.id)
    assert {ident: names for ident, names in declared.items() if len(names) > 1} == {}
    shared = {declared[i].copy().pop()[0] for i, arts in used_in.items() if len(arts) > 1}
    assert {"person", "organization"} <= shared


def test_articles_are_varied(small_corpus: Path):
    articles = read_sources([small_corpus])
    headlines = {facts.article.headline.value for facts in articles}
    publishers = {facts.article.publisher.value for facts in articles}
    kinds = {s.kind for facts in articles for s in facts.statements}
    texts = [(folder / "article.txt").read_text(encoding="utf-8") for folder in sorted(small_corpus.iterdir())]
    assert len(headlines) == len(articles) == 20
    assert len(publishers) > 3
    assert kinds == {"direct", "reported"}
    assert any("\u201c" in text for text in texts) and any('"' in text for text in texts)
    assert any(p.honorific for facts in articles for p in facts.people)
    assert any(o.parent for facts in articles for o in facts.organizations)
    assert any(e.participants for facts in articles for e in facts.events)


def test_refuses_to_mix_with_an_earlier_corpus(make_corpus, small_corpus: Path):
    with pytest.raises(subprocess.CalledProcessError) as failed:
        make_corpus(3, 1, small_corpus)
    assert failed.value.returncode == 2
    assert failed.value.stderr.decode() == (
        f"Error: {small_corpus} already holds 20 article folders; choose an empty folder or pass --force\n"
    )


def test_validation_skipped_at_no_size(small_corpus: Path, tmp_path: Path, monkeypatch):
    """Issue 15, item 1: every build validates, fully or by a sample that says so, whatever the
    size: limits from 0 to past the graph's triples, with shapes the corpus breaks, all refuse."""
    from graph.corpus import pipeline
    from graph.errors import NonConformingError
    from conftest import DATA

    triples = pipeline.build([small_corpus], tmp_path / "plain").triples
    monkeypatch.setattr("graph.rdf.validate.shapes_file", lambda: DATA / "stricter-shapes.ttl")
    for limit in sorted({0, *range(1, triples + 2, max(1, triples // 12)), triples - 1, triples, triples + 1}):
        monkeypatch.setattr(pipeline, "SHACL_FULL_LIMIT", limit)
        with pytest.raises(NonConformingError):
            pipeline.build([small_corpus], tmp_path / "strict")
    assert not (tmp_path / "strict" / "graph.ttl").exists()


def test_a_sampled_validation_says_so(small_corpus: Path, tmp_path: Path, monkeypatch):
    from graph.corpus import pipeline

    triples = pipeline.build([small_corpus], tmp_path / "plain").triples
    monkeypatch.setattr(pipeline, "SHACL_FULL_LIMIT", triples - 1)
    notes = pipeline.build([small_corpus], tmp_path / "sampled").notes
    assert notes == [f"note: SHACL checked 20 of 20 articles (the graph has over {triples - 1:,} triples); "
                     "run 'kg validate' on graph.ttl for a full check"]


def test_plain_kg_build_reads_every_article_folder_in_sources(tmp_path: Path, monkeypatch):
    """Issue 16: a folder added to sources/ is built by plain `kg build` (and scripts/regenerate)."""
    from conftest import DATA
    from graph.corpus import pipeline

    sources = tmp_path / "sources"
    for name in ("minimal", "every-field"):
        shutil.copytree(DATA / "articles" / name, sources / name)
    monkeypatch.setattr(pipeline, "sources_dir", lambda: sources)
    assert pipeline.build(out=tmp_path / "out").counts["articles"] == 2
