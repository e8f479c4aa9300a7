"""The store `kg query` keeps for big Turtle files (graph/query/store.py, issue 17): the same answers
as parsing into memory, never stale, never half-loaded, safe for readers at once."""

import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import cli
from graph.query import catalog, store
from graph.query.run import run_query

ONE_TRIPLE = '<https://example.org/x> <https://schema.org/name> "{}" .\n'


@pytest.fixture(scope="module")
def big(make_corpus, tmp_path_factory) -> Path:
    """A graph over store.STORE_FROM_BYTES, so queries go through the store."""
    from graph.corpus.pipeline import build

    out = tmp_path_factory.mktemp("store-graph")
    build([make_corpus(40, 5, tmp_path_factory.mktemp("store-corpus") / "articles")], out)
    assert (out / "graph.ttl").stat().st_size >= store.STORE_FROM_BYTES
    return out / "graph.ttl"


def names(path: Path, **options) -> list[str]:
    answer = run_query(text="SELECT ?n WHERE { <https://example.org/x> <https://schema.org/name> ?n }",
                       data=[path], **options)
    return [str(row[0]) for row in answer.result.rows]


def test_every_named_query_answers_alike_from_the_store_and_from_memory(runner, big: Path, tmp_path: Path,
                                                                        monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    for source in catalog.all_named():
        if any(not p.optional for p in source.params):
            continue
        stored = runner.invoke(cli, ["query", source.name, "--data", str(big), "-f", "tsv"])
        parsed = runner.invoke(cli, ["query", source.name, "--data", str(big), "-f", "tsv", "--no-store"])
        assert stored.exit_code == parsed.exit_code == 0, (source.name, stored.output, parsed.output)
        assert stored.stdout_bytes == parsed.stdout_bytes, source.name
    assert len(list((tmp_path / "stores").iterdir())) == 1


@pytest.mark.parametrize("edit", ["append", "same-size", "replace-file"])
def test_the_store_is_never_stale(big: Path, tmp_path: Path, monkeypatch, edit: str):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "graph.ttl"
    data.write_bytes(big.read_bytes() + ONE_TRIPLE.format("first").encode())
    assert names(data) == ["first"]
    if edit == "append":
        data.write_bytes(data.read_bytes() + ONE_TRIPLE.format("again").encode())
        expected = ["again", "first"]
    elif edit == "same-size":  # same size, and the modification time set back as it was
        before = data.stat()
        data.write_bytes(data.read_bytes().replace(b'"first"', b'"fir5t"'))
        import os
        os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
        expected = ["fir5t"]
    else:
        other = tmp_path / "other.ttl"
        other.write_bytes(big.read_bytes() + ONE_TRIPLE.format("other").encode())
        other.replace(data)
        expected = ["other"]
    assert sorted(names(data)) == expected
    assert len(list((tmp_path / "cache" / "stores").iterdir())) == 1  # the old store is gone


def test_bad_turtle_leaves_no_store_behind(tmp_path: Path, monkeypatch, big: Path):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "broken.ttl"
    data.write_bytes(big.read_bytes() + b"<https://example.org/x> <https://schema.org/name> \"cut\n")
    for _ in range(2):
        with pytest.raises(Exception) as raised:
            names(data)
        assert "not valid Turtle" in str(raised.value)
    assert [p.name for p in (tmp_path / "cache" / "stores").iterdir()] == []


def test_readers_at_once_get_the_same_answer(big: Path, tmp_path: Path):
    """Two processes querying a graph no store exists for yet: one makes it, both answer."""
    env = {"KG_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "graph", "query", "mention-counts", "--data", str(big), "-f", "csv"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1 and outputs[0][0]
    assert len([p for p in (tmp_path / "cache" / "stores").iterdir() if not p.name.startswith(".")]) == 1


def test_a_small_file_is_parsed_into_memory(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "small.ttl"
    data.write_text(ONE_TRIPLE.format("small"), encoding="utf-8")
    assert names(data) == ["small"]
    assert not (tmp_path / "cache" / "stores").exists()
