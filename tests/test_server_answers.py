"""README's server recipe gives the files' answers on a corpus (issue 17): Oxigraph started as
README says, `kg push` of graph.trig (one named graph per article, the default graph rebuilt as
their set union), then every named query over --endpoint equals the same query over the Turtle.

Before, with --union-default-graph (a bag: a triple once per article that states it), 50
generated articles counted organizations and events many times over."""

from pathlib import Path

import pytest

from graph.cli import cli
from graph.query import catalog

ARTICLES = 50


@pytest.fixture(scope="module")
def corpus_build(make_corpus, tmp_path_factory) -> Path:
    from graph.corpus.pipeline import build

    corpus = make_corpus(ARTICLES, 7, tmp_path_factory.mktemp("server-corpus") / "articles")
    out = tmp_path_factory.mktemp("server-corpus-out")
    build([corpus], out)
    return out


@pytest.mark.server
def test_every_named_query_over_the_server_gives_the_files_answers(runner, oxigraph_server, corpus_build: Path):
    pushed = runner.invoke(cli, ["push", str(corpus_build / "graph.trig"), "--endpoint", oxigraph_server.store,
                                 "--quiet"])
    assert pushed.exit_code == 0, pushed.output
    compared = 0
    for source in catalog.all_named():
        if any(not p.optional for p in source.params):
            continue  # their examples name the bundled article's entities
        local = runner.invoke(cli, ["query", source.name, "--data", str(corpus_build / "graph.ttl"), "-f", "tsv"])
        remote = runner.invoke(cli, ["query", source.name, "--endpoint", oxigraph_server.query, "-f", "tsv"])
        assert local.exit_code == 0, (source.name, local.output)
        assert remote.exit_code == 0, (source.name, remote.output)
        assert remote.stdout_bytes == local.stdout_bytes, source.name
        assert local.stdout.count("\n") > 1 or source.name in ("timeline", "event-numbers"), source.name
        compared += 1
    assert compared >= 10
