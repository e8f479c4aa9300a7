"""The CLI layer: help with examples everywhere, instant start-up, exact messages and exit codes."""

import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(runner, name: str):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert cli.commands[name].help


def test_help_imports_nothing_heavy():
    code = ("import sys; from graph.cli import cli; "
            "heavy = [m for m in ('rdflib', 'pyshacl', 'pyvis', 'networkx', 'pyoxigraph') if m in sys.modules]; "
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_python_dash_m_graph_works():
    result = subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("Usage: kg [OPTIONS] COMMAND [ARGS]...")


def test_build_prints_one_summary_line(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("811 triples; 4 people, 7 organizations, 1 event, 3 places, 8 topics, 8 quotations, 1 article → ")
    assert (tmp_path / "graph.ttl").is_file() and (tmp_path / "graph.jsonld").is_file()


def test_build_quiet_prints_nothing(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", "--quiet", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output == ""


def test_bad_base_iri(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", "--base-iri", "urn:x", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --base-iri 'urn:x': not an http(s) IRI ending in '/' or '#'; "
                             "e.g. https://example.org/kg/\n")


def test_unwritable_output_folder_keeps_nothing_half_written(runner, tmp_path: Path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = runner.invoke(cli, ["build", "--out", str(blocker / "out")])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: {blocker / 'out'}: cannot create the output folder")


def dense_turtle(path: Path, subjects: int, objects: int = 100) -> Path:
    """Subjects with `objects` integers each: about four bytes a triple, where ours take 67."""
    path.write_text("@prefix : <http://e.org/> .\n" + "".join(
        f":s{s} :p {','.join(map(str, range(objects)))} .\n" for s in range(subjects)), encoding="utf-8")
    return path


TRIPLE_COMMANDS = {
    "stats": ["stats"],
    "render": ["render", "--out", "page.html"],
    "validate": ["validate"],
    "query-oxigraph": ["query", "--text", "ASK { ?s ?p ?o }", "--data"],
    "query-rdflib": ["query", "--engine", "rdflib", "--text", "ASK { ?s ?p ?o }", "--data"],
}


@pytest.mark.parametrize("command", TRIPLE_COMMANDS)
def test_dense_turtle_is_refused_by_its_triples_before_it_fills_the_memory(runner, command: str, tmp_path: Path,
                                                                           monkeypatch):
    """Dense Turtle (a million triples in 3.7 MB) made kg stats peak at 1.5 GB, 400 bytes a byte:
    the limits bound the triples too, 20,000 per MB of the limit (issue 15, item 16). At 1 MB:
    20,000 triples, so 30,000 in 100 kB are refused, by every command, before any is held."""
    monkeypatch.setenv("KG_MAX_TURTLE_MB", "1")
    monkeypatch.chdir(tmp_path)
    path = dense_turtle(tmp_path / "dense.ttl", 300)
    assert path.stat().st_size < 1024 * 1024 / 8
    result = runner.invoke(cli, [*TRIPLE_COMMANDS[command], str(path)])
    assert result.exit_code == 2, result.output
    reader = ("kg query with Oxigraph" if command == "query-oxigraph"
              else "rdflib (kg render, stats, validate, query --engine rdflib)")
    assert result.stderr.startswith(f"Error: {path}: more than 20,000 triples of Turtle, over the limit for {reader} "
                                    "(20,000 triples per MB of its 1 MB limit), which holds the whole graph in memory; ")
    assert result.stderr.endswith(", or raise the limit with KG_MAX_TURTLE_MB=MEGABYTES\n")
    assert not (tmp_path / "page.html").exists()


def test_the_triple_limit_counts_all_files_together_and_lets_through_what_fits(runner, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KG_MAX_TURTLE_MB", "1")
    first, second = dense_turtle(tmp_path / "a.ttl", 150), dense_turtle(tmp_path / "b.ttl", 60)
    assert runner.invoke(cli, ["stats", str(first)]).exit_code == 0  # 15,000 triples
    result = runner.invoke(cli, ["stats", str(first), str(second)])  # 21,000
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {second}: more than 20,000 triples of Turtle (with the files before it), ")


def test_a_syntax_error_met_while_counting_names_its_line(runner, tmp_path: Path, monkeypatch):
    """rdflib would read on past what Oxigraph refuses (and every command refuses); the count stops there."""
    monkeypatch.setenv("KG_MAX_TURTLE_MB", "0.5")
    path = dense_turtle(tmp_path / "dense.ttl", 90)
    path.write_text(path.read_text(encoding="utf-8") + ":s :p :o ;; ]\n", encoding="utf-8")
    result = runner.invoke(cli, ["stats", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}:92:")


@pytest.mark.parametrize("args, message", [
    (["build", "--bogus"], "Error: No such option '--bogus'. Did you mean '--out'? (see 'kg build --help')\n"),
    (["query", "--format", "nope"], "Error: Invalid value for '--format' / '-f': 'nope' is not one of 'table', "
                                    "'csv', 'tsv', 'json', 'xml', 'turtle'. (see 'kg query --help')\n"),
])
def test_a_command_line_mistake_is_one_line(runner, args: list[str], message: str):
    """Issue 16: click's usage errors took four lines where README promises one."""
    result = runner.invoke(cli, args, prog_name="kg")
    assert (result.exit_code, result.stderr) == (2, message)
